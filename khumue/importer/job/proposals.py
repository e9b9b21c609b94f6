"""What each returned file proposes for content/: a new staff file, or changes to existing
files (the staff file and the shared files its parts come from), found by a three-way merge
of what the file was built from, what content/ holds now and what came back
(:mod:`khumue.importer.merge.threeway`); and the proposals of all returned files together, where two
that change one unit differently are a conflict and neither is taken."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khumue.content import yamlsource
from khumue.content.fieldpath import Loc, field_path
from khumue.content.loading import StaffEntry
from khumue.importer.job.report import FileReport
from khumue.importer.job.routing import Proposal, route
from khumue.importer.merge.threeway import MISSING, Conflict, canonical, merge3
from khumue.importer.read import Imported
from khumue.importer.read.notes import FLAGGED, Note, NoteKind
from khumue.importer.read.own.content import short


@dataclass
class Planned:
    """A returned file's share of the import: proposals for existing files, annotations
    (file → content path in it → lines), and the content of a new staff file."""

    report: FileReport
    proposals: dict[Path, Proposal] = field(default_factory=dict)
    annotations: dict[Path, list[tuple[Loc, str]]] = field(default_factory=dict)
    new_file: tuple[Path, dict[str, Any]] | None = None


def plan_existing(report: FileReport, imported: Imported, entry: StaffEntry,
                  prefer_theirs: bool) -> Planned:
    """The changes ``imported`` brings to ``entry``'s files."""
    planned = Planned(report)
    current = canonical(entry.staff)
    base = canonical(imported.base) if imported.base is not None else current
    theirs = canonical(imported.staff)
    merged, conflicts = merge3(base, current, theirs, prefer_theirs=prefer_theirs)
    raw, _, problems, _ = yamlsource.load(entry.path)
    routed = route(entry, raw if isinstance(raw, dict) and not problems else {}, current,
                   merged)
    planned.proposals = {p: pr for p, pr in routed.proposals.items() if pr.current != pr.new}
    for note in imported.notes:
        if note.kind in FLAGGED:
            _annotate(planned, *routed.where(note.path, entry.path), note.message)
    for conflict in conflicts:
        text = conflict_text(conflict, prefer_theirs)
        report.conflicts.append(f"{field_path(conflict.path)}: {text}")
        _annotate(planned, *routed.where(conflict.path, entry.path), text)
    return planned


def _annotate(planned: Planned, file: Path, path: Loc, text: str) -> None:
    planned.annotations.setdefault(file, []).append((path, text))


def conflict_text(conflict: Conflict, prefer_theirs: bool = False) -> str:
    """A conflict in words: both texts, and which was kept."""
    kept = "ใช้ข้อความในไฟล์ Word (--force)" if prefer_theirs else "คงข้อความใน content/ ไว้"
    return (f"ขัดกัน: ใน content/ เป็น {_shown(conflict.ours)} แต่ในไฟล์ Word เป็น "
            f"{_shown(conflict.theirs)} {kept}")


def _shown(value: Any) -> str:
    if value is MISSING:
        return "(ลบแล้ว)"
    if isinstance(value, dict):
        for name in ("text", "term", "name", "title", "detail"):
            if isinstance(value.get(name), str):
                return f"\"{short(value[name])}\""
    if isinstance(value, list):
        return f"\"{short(' / '.join(_shown(v).strip(chr(34)) for v in value))}\""
    return f"\"{short(str(value))}\""


@dataclass
class Combined:
    """A file's content as it must become, from every returned file that changes it, and
    the reports of the files that do."""

    proposal: Proposal
    reports: list[FileReport]


def combine(planned: Sequence[Planned]) -> dict[Path, Combined]:
    """Every file's proposals put together: two returned files that change one unit
    differently are a conflict, reported in both, and that unit stays as it is."""
    out: dict[Path, Combined] = {}
    for plan in planned:
        for path, proposal in plan.proposals.items():
            if path not in out:
                out[path] = Combined(Proposal(path, proposal.current, proposal.new),
                                     [plan.report])
                continue
            held = out[path]
            merged, conflicts = merge3(held.proposal.current, held.proposal.new, proposal.new)
            if conflicts:
                merged = _without(held.proposal.current, merged, conflicts)
            for conflict in conflicts:
                text = (f"{path.name}: {field_path(conflict.path)}: ไฟล์ Word สองไฟล์แก้ไม่ตรงกัน: "
                        f"{_shown(conflict.ours)} และ {_shown(conflict.theirs)} จึงไม่ได้นำมาใช้ทั้งสอง")
                for report in (*held.reports, plan.report):
                    report.conflicts.append(text)
            held.proposal = Proposal(path, held.proposal.current, merged)
            held.reports.append(plan.report)
    return out


def _without(current: Any, merged: Any, conflicts: list[Conflict]) -> Any:
    """``merged`` with each conflicting unit as it is in ``current`` (neither side's)."""
    for conflict in conflicts:
        merged = _put(merged, conflict.path, _get(current, conflict.path))
    return merged


def _get(value: Any, path: Loc) -> Any:
    for part in path:
        if isinstance(value, dict) and isinstance(part, str):
            value = value.get(part, MISSING)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return MISSING
    return value


def _put(value: Any, path: Loc, new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict) and isinstance(head, str):
        out = dict(value)
        inner = _put(out.get(head, MISSING), rest, new)
        if inner is MISSING:
            out.pop(head, None)
        else:
            out[head] = inner
        return out
    if isinstance(value, list) and isinstance(head, int) and head < len(value):
        out_list = list(value)
        out_list[head] = _put(out_list[head], rest, new)
        return [v for v in out_list if v is not MISSING]
    return value


def notes_as_comments(notes: Sequence[Note]) -> dict[Loc, list[str]]:
    """Notes as the comments a new staff file gets beside its values: every note the
    clerk has to act on (guesses, doubtful repairs, reviewers' comments and changes; a
    repair that is certain, and how the file was read, are in the report only)."""
    out: dict[Loc, list[str]] = {}
    for note in notes:
        if note.kind in (NoteKind.repair, NoteKind.info):
            continue
        out.setdefault(note.path, []).append(f"ตรวจ: {note.message}")
    return out
