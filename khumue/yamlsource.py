"""YAML files read with the line of every value, so that errors can point at it.

:func:`load` returns the plain Python value of a file and a :class:`LineMap` from field paths
(tuples of keys and 0-based indexes) to 1-based line numbers.  Duplicate keys, which PyYAML
would silently collapse, and invisible control characters are reported as problems.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from khumue.errors import Problem
from khumue.fieldpath import Loc, field_path

__all__ = ["LineMap", "Loc", "field_path", "load"]


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 booleans: only true/false, so that the keys yes: and
    no: of a decision, or a value such as on or off, stay text as a clerk means them."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                              re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


class LineMap:
    """Field path → line number (1-based); unknown paths fall back to their nearest parent."""

    def __init__(self) -> None:
        self._lines: dict[Loc, int] = {}

    def set(self, loc: Loc, line: int) -> None:
        self._lines.setdefault(loc, line)

    def line(self, loc: Loc) -> int:
        """The line of ``loc``, or of its longest known prefix (0 when nothing is known)."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self._lines:
                return self._lines[loc[:end]]
        return 0


def load(path: Path) -> tuple[Any, LineMap, list[Problem]]:
    """Read one YAML file.

    Returns ``(value, lines, problems)``: value is None when the file cannot be parsed, and
    problems then holds the syntax error with its line.  Never raises for bad content;
    raises OSError when the file cannot be read.
    """
    text = path.read_text(encoding="utf-8")
    lines = LineMap()
    problems: list[Problem] = []
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            value = _build(loader, node, (), lines, problems, path) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problems.append(Problem(path, line, "", _syntax_message(exc)))
        return None, lines, problems
    except yaml.YAMLError as exc:
        problems.append(Problem(path, 0, "", f"อ่านไฟล์ YAML ไม่ได้: {exc}"))
        return None, lines, problems
    return value, lines, problems


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "รูปแบบไม่ถูกต้อง"
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = (" (ข้อความที่มีเครื่องหมาย : ตามด้วยช่องว่าง ต้องครอบด้วยเครื่องหมายคำพูด "
                "หรือเว้นย่อหน้าให้ตรงกับบรรทัดก่อนหน้า)")
    elif "found character '\\t'" in problem or "tab" in problem:
        hint = " (ใช้ช่องว่างในการย่อหน้า ห้ามใช้แท็บ)"
    elif "could not find expected ':'" in problem or "expected <block end>" in problem:
        hint = " (ตรวจการย่อหน้าและเครื่องหมาย - หรือ : ของบรรทัดนี้และบรรทัดก่อนหน้า)"
    return f"เขียน YAML ผิดรูปแบบ: {problem}{hint}"


def _build(loader: _Loader, node: yaml.Node, loc: Loc, lines: LineMap,
           problems: list[Problem], path: Path) -> Any:
    lines.set(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            key_loc = (*loc, str(key))
            lines.set(key_loc, key_node.start_mark.line + 1)
            if key in out:
                problems.append(Problem(path, key_node.start_mark.line + 1, field_path(key_loc),
                                        "หัวข้อนี้ซ้ำกับที่เขียนไว้ก่อนหน้าในระดับเดียวกัน "
                                        "ให้รวมเป็นหัวข้อเดียว"))
            out[key] = _build(loader, value_node, key_loc, lines, problems, path)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*loc, i), lines, problems, path)
                for i, item in enumerate(node.value)]
    value = loader.construct_object(node)
    if isinstance(value, str):
        for bad in _CONTROL.findall(value):
            problems.append(Problem(
                path, node.start_mark.line + 1, field_path(loc),
                f"มีอักขระควบคุมที่มองไม่เห็น ({_char_name(bad)}) อยู่ในข้อความ ให้ลบออก "
                "(มักติดมาจากการคัดลอกจากไฟล์อื่น)"))
    return value


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip()


def iter_strings(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string in a loaded YAML value, with its field path."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_strings(item, (*loc, str(key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from iter_strings(item, (*loc, i))
