"""What the last build of an output folder made, kept in ``.khumue-build.json`` beside the
manuals: for each staff member, the fingerprint of what their manual was built from and with
(:mod:`khumue.build.manualjob`), its files, pages and changes since last year; and each staff file's
lint warnings, keyed by a digest of what they depend on.  A build reads it to leave unchanged
manuals (and unchanged files' warnings) alone, and writes it when it is done."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khumue.errors import KhumueError, Problem
from khumue.redline.summary import ChangeSummary
from khumue.review.report import ReviewRow

RECORD = ".khumue-build.json"


@dataclass(frozen=True)
class ManualRecord:
    """One manual as built: the fingerprint it was built under, the person's name, its files
    (relative to the folder), its page count, what changed since last year, and where its
    table-of-contents headings stand (bookmark → printed page, and → physical page from 1)
    when it was laid out."""

    fingerprint: str
    name: str
    files: tuple[str, ...]
    pages: int | None = None
    changes: ChangeSummary | None = None
    changes_file: str | None = None
    toc_pages: Mapping[str, str] = field(default_factory=dict)
    physical_pages: Mapping[str, int] = field(default_factory=dict)

    def row(self, staff_id: str) -> ReviewRow:
        """The review report's row of this manual."""
        return ReviewRow(staff_id, f"{staff_id}.docx", self.pages, self.changes,
                         self.changes_file)

    def to_json(self) -> dict[str, Any]:
        changes = None
        if self.changes is not None:
            changes = {"insertions": dict(self.changes.insertions),
                       "deletions": dict(self.changes.deletions),
                       "flowcharts": list(self.changes.flowcharts)}
        return {"fingerprint": self.fingerprint, "name": self.name, "files": list(self.files),
                "pages": self.pages, "changes": changes, "changes_file": self.changes_file,
                "toc_pages": dict(self.toc_pages), "physical_pages": dict(self.physical_pages)}

    @classmethod
    def from_json(cls, value: Any) -> ManualRecord | None:
        """The record read back, or None when it is not one (an older or broken file)."""
        if not isinstance(value, dict) or not isinstance(value.get("fingerprint"), str) or \
                not isinstance(value.get("files"), list):
            return None
        changes = value.get("changes")
        summary = None
        if isinstance(changes, dict):
            summary = ChangeSummary(Counter(changes.get("insertions", {})),
                                    Counter(changes.get("deletions", {})),
                                    list(changes.get("flowcharts", [])))
        pages, changes_file = value.get("pages"), value.get("changes_file")
        printed, physical = value.get("toc_pages"), value.get("physical_pages")
        return cls(value["fingerprint"], str(value.get("name", "")),
                   tuple(str(f) for f in value["files"]),
                   pages if isinstance(pages, int) else None, summary,
                   changes_file if isinstance(changes_file, str) else None,
                   {str(k): str(v) for k, v in printed.items()}
                   if isinstance(printed, dict) else {},
                   {str(k): v for k, v in physical.items() if isinstance(v, int)}
                   if isinstance(physical, dict) else {})


def relative_name(path: Path, folder: Path) -> str:
    """A built file's name as the record keeps it, relative to the output ``folder``:
    ``id.docx``, ``changes/id.docx``, ``.khumue-review/id.json``."""
    return path.relative_to(folder).as_posix()


@dataclass
class BuildRecord:
    """The record of an output folder (``folder``): manuals by staff id, lint warnings by
    digest."""

    folder: Path
    manuals: dict[str, ManualRecord] = field(default_factory=dict)
    lint: dict[str, list[Problem]] = field(default_factory=dict)
    review: str | None = None  # the digest of what review.html showed, when it was kept

    @classmethod
    def load(cls, folder: Path) -> BuildRecord:
        """The record in ``folder``; empty when there is none or it cannot be read."""
        try:
            value = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            value = {}
        record = cls(folder)
        if not isinstance(value, dict):
            return record
        review = value.get("review")
        record.review = review if isinstance(review, str) else None
        for staff_id, entry in (value.get("manuals") or {}).items():
            manual = ManualRecord.from_json(entry)
            if manual is not None:
                record.manuals[str(staff_id)] = manual
        for key, kept in (value.get("lint") or {}).items():
            if isinstance(kept, list):
                record.lint[str(key)] = [_problem(p) for p in kept
                                         if isinstance(p, list) and len(p) == 5]
        return record

    def reusable(self, staff_id: str, fingerprint: str) -> ManualRecord | None:
        """The manual's record when it was built under ``fingerprint`` and all its files
        are still there."""
        kept = self.manuals.get(staff_id)
        if kept is None or kept.fingerprint != fingerprint or not all(
                (self.folder / f).is_file() for f in kept.files):
            return None
        return kept

    def to_bytes(self) -> bytes:
        value = {"review": self.review,
                 "manuals": {k: v.to_json() for k, v in sorted(self.manuals.items())},
                 "lint": {k: [[str(p.path), p.line, p.field, p.message, list(p.at)] for p in v]
                          for k, v in sorted(self.lint.items())}}
        return json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")

    def save_lint(self, write: Any) -> None:
        """Write the record now (the lint warnings changed) with ``write(path, bytes)``; a
        folder that cannot be written is only a cache lost (the build names it)."""
        try:
            write(self.folder / RECORD, self.to_bytes())
        except KhumueError:
            pass


def _problem(kept: list[Any]) -> Problem:
    path, line, field_name, message, at = kept
    return Problem(Path(path), line, field_name, message,
                   tuple(a for a in at if isinstance(a, (str, int))) if isinstance(at, list)
                   else ())
