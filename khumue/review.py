"""The review report (REVIEW.md): one page a reviewer reads before opening the Word files.

One row per manual (person, file, pages when known, processes, work standards, warnings), then
the warnings grouped by manual, each with the file and line to fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from khumue.content import OfficeContent
from khumue.errors import Problem


@dataclass(frozen=True)
class ReviewRow:
    """What the report says of one manual; ``pages`` is None when not known."""

    staff_id: str
    file_name: str
    pages: int | None = None


def review_markdown(content: OfficeContent, fiscal_year: int, rows: list[ReviewRow],
                    warnings: Mapping[str, list[Problem]]) -> str:
    """The report as Markdown; ``warnings`` maps staff id → that manual's warnings."""
    staff = {entry.id: entry.staff for entry in content.staff}
    total = sum(len(w) for w in warnings.values())
    out = [f"# รายงานตรวจทานก่อนลงนาม: {content.office.short_name} "
           f"ปีงบประมาณ พ.ศ. {fiscal_year}", "",
           f"คู่มือ {len(rows)} เล่ม ข้อควรตรวจ {total} รายการ", "",
           "| บุคลากร | ไฟล์ | หน้า | กระบวนการ | มาตรฐานการปฏิบัติงาน | ข้อควรตรวจ |",
           "|---|---|---|---|---|---|"]
    for row in rows:
        member = staff[row.staff_id]
        pages = str(row.pages) if row.pages is not None else "–"
        out.append(f"| {_cell(member.name)} | {row.file_name} | {pages} | "
                   f"{len(member.processes)} | {len(member.work_standards)} | "
                   f"{len(warnings.get(row.staff_id, []))} |")
    for row in rows:
        found = warnings.get(row.staff_id, [])
        if not found:
            continue
        out += ["", f"## {staff[row.staff_id].name} ({row.file_name})", ""]
        out += [f"- {_cell(str(p))}" for p in found]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
