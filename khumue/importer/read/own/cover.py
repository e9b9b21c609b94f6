"""The cover of one of our manuals as a reviewer left it: a new person in the position (the
most common yearly edit), a retyped title, subtitle or job line.  The template fills each of
the cover's fields into a paragraph of its own style (Cover Name, Cover Title …,
:mod:`khumue.wordml.template`), so a changed paragraph says which field changed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from khumue.content.model import Digits
from khumue.importer.read.handtyped.cover import LEVELS
from khumue.importer.read.handtyped.parts import strip_word
from khumue.importer.read.notes import Note, NoteKind
from khumue.importer.read.own.content import content_digits, short
from khumue.importer.read.units import join_lines, squeeze
from khumue.typeset.doctree import CoverPage
from khumue.wordml.reader import Block, ReadPara

_SINGLE = (("Cover Name", "person_name", ("name",)), ("Cover Title", "title", ("cover", "title")),
           ("Cover Subtitle", "subtitle", ("cover", "subtitle")),
           ("Cover Group", "group", ("group",)))


def cover_edits(blocks: Sequence[Block], cover: CoverPage, data: dict[str, Any],
                digits: Digits) -> list[Note]:
    """Apply to ``data`` (the staff content, changed in place) what the reviewer changed on
    the cover (``blocks``: the cover section; ``cover``: what it printed); a note for each
    field changed."""
    by_style: dict[str, list[str]] = {}
    for block in blocks:
        if isinstance(block, ReadPara) and block.text.strip():
            by_style.setdefault(block.style, []).append(join_lines(block.text))
    notes: list[Note] = []
    for style, field, path in _SINGLE:
        found = by_style.get(style, [])
        printed = getattr(cover, field)
        if len(found) == 1 and printed and squeeze(found[0]) != squeeze(printed):
            _set(data, path, content_digits(found[0], _get(data, path) or "", digits))
            notes.append(_note(path, printed, found[0]))
    notes += _position(by_style.get("Cover Text", []), cover, data, digits)
    items = by_style.get("Cover Item", [])
    if cover.cover_items and items and [squeeze(i) for i in items] != \
            [squeeze(i) for i in cover.cover_items]:
        data.setdefault("cover", {})["items"] = [content_digits(i, "", digits) for i in items]
        notes.append(Note(("cover", "items"), "งานบนปกถูกแก้ใน Word", NoteKind.edit))
    return notes


def _position(texts: list[str], cover: CoverPage, data: dict[str, Any],
              digits: Digits) -> list[Note]:
    """The position line "ตำแหน่ง …": position and level."""
    line = next((t for t in texts if t.startswith("ตำแหน่ง")), None)
    if line is None or squeeze(line) == squeeze(cover.position_line):
        return []
    full = content_digits(strip_word(line, "ตำแหน่ง").lstrip(":").strip(), "", digits)
    level = data.get("level")
    candidates = [level] if level else []
    position = full
    for word in (*candidates, *LEVELS):
        if full.endswith(word) and full != word:
            position, level = full[:-len(word)].strip(), word
            break
    else:
        level = None
    data["position"] = position
    if level:
        data["level"] = level
    else:
        data.pop("level", None)
    return [_note(("position",), cover.position_line, line)]


def _get(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = data
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _set(data: dict[str, Any], path: tuple[str, ...], value: str) -> None:
    target = data
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value


def _note(path: tuple[str, ...], old: str, new: str) -> Note:
    return Note(path, f"ปกถูกแก้ใน Word: \"{short(old)}\" เป็น \"{short(new)}\"", NoteKind.edit)
