"""Errors the build reports to the people who keep the content.

Every problem names the file, the line and the field, in the form editors and terminals link::

    content/phayao2/staff/kotchaporn.yaml:14: processes[1].steps[3].duration: ต้องเป็นข้อความ …

List positions in field paths count from 1, as a clerk counts them.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem in one content file: ``path:line: field: message``.  ``at`` is where the
    value stands in the staff member's content (a 0-based field path, as
    :class:`~khumue.typeset.doctree.Origin` has it), when known: the review page finds the page the
    block is printed on by it; it is not printed."""

    path: Path
    line: int
    field: str
    message: str
    at: tuple[str | int, ...] = ()

    @property
    def where(self) -> str:
        """``path:line: field`` (the path relative to the working folder when below it)."""
        path = _relative(self.path)
        where = f"{path}:{self.line}" if self.line else f"{path}"
        return f"{where}: {self.field}" if self.field else where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def _relative(path: Path) -> Path:
    """``path`` relative to the working folder when it lies below it (as a user typed it)."""
    return _relative_to(path, os.getcwd())


@lru_cache(maxsize=4096)
def _relative_to(path: Path, folder: str) -> Path:
    """(An office's hundreds of warnings name a few dozen files: each is resolved once.)"""
    try:
        return path.resolve().relative_to(folder)
    except ValueError:
        return path


class KhumueError(Exception):
    """Base of the errors the command line reports as ``Error: …`` with exit status 1."""


class ContentError(KhumueError):
    """The content of an office is invalid; ``problems`` lists every problem found, in order."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        lines = "\n".join(str(p) for p in problems)
        super().__init__(
            f"พบข้อผิดพลาดในเนื้อหา {count} จุด (ยังไม่ได้สร้างไฟล์ใด ๆ):\n{lines}"
        )


class UnknownOfficeError(KhumueError):
    """The office id names no folder under content/; the message lists the valid ids."""


class UnknownStaffError(KhumueError):
    """The staff id names no file of the office; the message lists the valid ids."""


class TemplateError(KhumueError):
    """A template is missing, or lacks a marker or a style the manual needs."""


class ImportFailed(KhumueError):
    """A Word file cannot be imported: not a DOCX, protected, damaged, empty, or not a
    manual; the message names the file and what to do."""


class OutputError(KhumueError):
    """The output folder cannot take the files (a file in the way, no permission, a full or
    read-only disk); the message names the path and the cause in Thai."""


def output_error(path: Path, exc: OSError) -> OutputError:
    """An OSError while writing ``path``, said as a clerk can act on it."""
    causes = {errno.ENOSPC: "ดิสก์เต็ม ให้ลบไฟล์ที่ไม่ใช้หรือเลือกที่เก็บอื่นด้วย --out",
              errno.EROFS: "ดิสก์นี้เขียนไม่ได้ (อ่านได้อย่างเดียว) ให้เลือกที่เก็บอื่นด้วย --out",
              errno.EACCES: "ไม่มีสิทธิ์เขียนที่นี่ ให้เลือกที่เก็บอื่นด้วย --out",
              errno.EPERM: "ไม่มีสิทธิ์เขียนที่นี่ ให้เลือกที่เก็บอื่นด้วย --out",
              errno.ENOTDIR: "มีไฟล์ชื่อเดียวกับโฟลเดอร์ที่ต้องใช้อยู่ในเส้นทางนี้ ให้ย้ายหรือเปลี่ยนชื่อไฟล์นั้น",
              errno.EEXIST: "มีไฟล์ชื่อเดียวกับโฟลเดอร์ที่ต้องใช้อยู่แล้ว ให้ย้ายหรือเปลี่ยนชื่อไฟล์นั้น",
              errno.EISDIR: "มีโฟลเดอร์ชื่อเดียวกับไฟล์ที่จะเขียน ให้ย้ายหรือเปลี่ยนชื่อโฟลเดอร์นั้น"}
    cause = causes.get(exc.errno or 0, exc.strerror or str(exc))
    return OutputError(f"เขียน {path} ไม่ได้: {cause} (ไฟล์ที่มีอยู่เดิมยังอยู่ครบ)")
