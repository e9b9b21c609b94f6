"""Thai text of a hand-typed manual (or a PDF's text layer) repaired before it is recognised,
so that "ตาแหน่ง" on a cover is read as the label ตำแหน่ง, and each repair noted at the value
it ends up in (:mod:`khumue.importer.read.thairepair` says what is repaired and when)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from khumue.content.fieldpath import Loc
from khumue.importer.read.lines import Grid, Item, Line
from khumue.importer.read.notes import Note, NoteKind
from khumue.importer.read.ocrrepair import OcrRepair
from khumue.importer.read.thairepair import Repair, ThaiRepair
from khumue.typeset.thaiwords import ThaiWords


@dataclass(frozen=True)
class LineRepair:
    """A repair and the text of the line it was made in (as repaired)."""

    text: str
    repair: Repair


def repair_lines(items: Sequence[Item], words: ThaiWords,
                 ocr: bool = False) -> list[LineRepair]:
    """Repair the text of every line of ``items`` (and of every table cell) in place, in
    the two passes of :class:`~khumue.importer.read.thairepair.ThaiRepair` (with OCR's
    damage too, when ``ocr``); the repairs."""
    repair = OcrRepair(words) if ocr else ThaiRepair(words)
    lines = list(_lines(items))
    found: list[LineRepair] = []
    for fix in (repair.text, repair.doubtful):
        for line in lines:
            if line.text.endswith(line.body):
                prefix = line.text[:len(line.text) - len(line.body)]
                body, repairs = fix(line.body)
                line.text, line.body = prefix + body, body
            else:
                line.text, repairs = fix(line.text)
                line.body = fix(line.body)[0]
            found += [LineRepair(line.body or line.text, r) for r in repairs]
    return found


def repair_notes(data: dict[str, Any], repairs: Sequence[LineRepair]) -> list[Note]:
    """A note for each repair at the value of ``data`` (staff content) its line went into;
    a doubtful one asks the clerk to check it (written beside the value as ``# ตรวจ:``)."""
    texts = list(_texts(data, ()))
    out = []
    for made in repairs:
        wanted = "".join(made.text.split())
        path = next((p for p, t in texts if wanted and wanted in "".join(t.split())), ())
        if made.repair.doubtful:
            out.append(Note(path, f"แก้คำที่อาจเสียจากการคัดลอก {made.repair} (ไม่แน่ใจ: "
                                  "ตรวจว่าถูกหรือไม่)"))
        else:
            out.append(Note(path, f"ซ่อมคำ {made.repair}", NoteKind.repair))
    return out


def _lines(items: Sequence[Item]) -> Iterator[Line]:
    for item in items:
        if isinstance(item, Grid):
            for row in item.rows:
                for cell in row:
                    yield from cell
        else:
            yield item


def _texts(value: Any, path: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, (*path, i))
