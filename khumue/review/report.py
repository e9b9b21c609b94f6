"""The review report (REVIEW.md): one page a reviewer reads before opening the Word files.

One row per manual (person, file, pages when known, processes, work standards, warnings, ITA
readiness (:mod:`khumue.content.ita`) and what changed since last year's manual), then, per manual,
what changed (with a link to its tracked-changes file) and the warnings, each with the file
and line to fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from khumue.content.ita import indicator_for, readiness
from khumue.content.loading import OfficeContent
from khumue.errors import Problem
from khumue.redline.summary import ChangeSummary

REVIEW_PAGE = "review.html"  # the reviewer's page (khumue.review.page) beside the manuals

PART_NAMES = {"foreword": "คำนำ", "contents": "สารบัญ", "group_roles": "บทบาทหน้าที่",
              "duties": "งานในหน้าที่", "section": "ส่วนอื่น", "work_standard": "มาตรฐาน",
              "process": "กระบวนการ", "references": "เอกสารอ้างอิง", "cover": "ปก"}


@dataclass(frozen=True)
class ReviewRow:
    """What the report says of one manual; ``pages`` is None when not known; ``changes``
    None when there was no earlier manual to compare with; ``changes_file`` the tracked-
    changes file (relative to the report) when something changed."""

    staff_id: str
    file_name: str
    pages: int | None = None
    changes: ChangeSummary | None = None
    changes_file: str | None = None


def change_text(row: ReviewRow) -> str:
    """The report's words for what changed: "–" (nothing to compare with), "ไม่เปลี่ยน", or
    "แทรก 3 ลบ 1 (กระบวนการ, มาตรฐาน)" with the changed flowcharts and a link to the
    changes file."""
    text = change_words(row.changes)
    if row.changes is not None and row.changes.changed and row.changes_file:
        text += f" [ดูการแก้ไข]({row.changes_file})"
    return text


def change_words(summary: ChangeSummary | None) -> str:
    """What changed, in words: "–" (nothing to compare with), "ไม่เปลี่ยน", or "แทรก 3 ลบ 1
    (กระบวนการ, มาตรฐาน), ผังงานเปลี่ยน 1"."""
    if summary is None:
        return "–"
    if not summary.changed:
        return "ไม่เปลี่ยน"
    parts = ", ".join(PART_NAMES.get(p, p) for p in summary.parts())
    text = (f"แทรก {sum(summary.insertions.values())} ลบ {sum(summary.deletions.values())}"
            + (f" ({parts})" if parts else ""))
    if summary.flowcharts:
        text += f", ผังงานเปลี่ยน {len(summary.flowcharts)}"
    return text


def review_markdown(content: OfficeContent, fiscal_year: int, rows: list[ReviewRow],
                    warnings: Mapping[str, list[Problem]]) -> str:
    """The report as Markdown; ``warnings`` maps staff id → that manual's warnings."""
    staff = {entry.id: entry.staff for entry in content.staff}
    total = sum(len(w) for w in warnings.values())
    compared = [r for r in rows if r.changes is not None]
    changed = [r for r in compared if r.changes is not None and r.changes.changed]
    indicator = indicator_for(fiscal_year, content.office.ita)
    ready = sum(1 for r in rows if readiness(staff[r.staff_id], indicator).ready)
    out = [f"# รายงานตรวจทานก่อนลงนาม: {content.office.short_name} "
           f"ปีงบประมาณ พ.ศ. {fiscal_year}", "",
           f"คู่มือ {len(rows)} เล่ม ข้อควรตรวจ {total} รายการ"
           + (f" เทียบกับปีก่อน {len(compared)} เล่ม เปลี่ยน {len(changed)} เล่ม" if compared
              else "") + f" พร้อมสำหรับ{indicator.cited} {ready} เล่ม", "",
           "| บุคลากร | ไฟล์ | หน้า | กระบวนการ | มาตรฐานการปฏิบัติงาน | ข้อควรตรวจ | "
           f"{indicator.label} | เทียบกับปีก่อน |",
           "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        member = staff[row.staff_id]
        pages = str(row.pages) if row.pages is not None else "–"
        out.append(f"| {_cell(member.name)} | {row.file_name} | {pages} | "
                   f"{len(member.processes)} | {len(member.work_standards)} | "
                   f"{len(warnings.get(row.staff_id, []))} | "
                   f"{_cell(readiness(member, indicator).summary())} | "
                   f"{_cell(change_text(row))} |")
    for row in rows:
        found = warnings.get(row.staff_id, [])
        if not found and not (row.changes and row.changes.changed):
            continue
        out += ["", f"## {staff[row.staff_id].name} ({row.file_name})", ""]
        if row.changes and row.changes.changed:
            out.append(f"- เทียบกับปีก่อน: {change_text(row)}")
            out += [f"- ผังงานของ \"{_cell(name)}\" เปลี่ยน" for name in row.changes.flowcharts]
        out += [f"- {_cell(str(p))}" for p in found]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
