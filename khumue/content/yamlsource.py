"""YAML files read with the line of every value, so that errors can point at it.

:func:`load` returns the plain Python value of a file and a :class:`LineMap` from field paths
(tuples of keys and 0-based indexes) to 1-based line numbers.  Duplicate keys, which PyYAML
would silently collapse, and invisible control characters are reported as problems.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from khumue.content.fieldpath import Loc, field_path
from khumue.errors import Problem

__all__ = ["LineMap", "Loc", "field_path", "load"]


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 booleans: only true/false, so that the keys yes: and
    no: of a decision, or a value such as on or off, stay text as a clerk means them."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same, parsed by libyaml (about ten times faster, with the same line marks)."""


for _cls in (_Loader, _FastLoader):
    _cls.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _cls.add_implicit_resolver("tag:yaml.org,2002:bool",
                               re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                               list("tTfF"))
_BRACKETS = re.compile(r"[^\[\]{}]+")
C_LOADER_DEPTH = 500  # libyaml's composer recurses in C: deeper flow nesting crashes it


def _flow_depth(text: str) -> int:
    """The deepest nesting of [ and { (quotes not considered: an upper bound)."""
    depth = deepest = 0
    for char in _BRACKETS.sub("", text):
        depth = depth + 1 if char in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest

_DASHES = re.compile(r"(?:-\s+)*")


def deep_line(text: str) -> int:
    """The line (1-based) where nesting first goes deeper than MAX_DEPTH: brackets ([ {)
    outside quotes, and block indentation (a deeper indent, or another "- ", is one level
    more).  0 when it never does."""
    flow = 0
    indents: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped and not stripped.startswith("#") and flow == 0:
            indent = len(line) - len(stripped)
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            dashes = len(_DASHES.match(stripped).group().split("-")) - 1  # type: ignore[union-attr]
            if len(indents) + dashes > MAX_DEPTH:
                return number
        quote = ""
        for char in line:
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char in "[{":
                flow += 1
                if len(indents) + flow > MAX_DEPTH:
                    return number
            elif char in "]}":
                flow = max(flow - 1, 0)
    return 0


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


class LineMap:
    """Field path → line number (1-based); unknown paths fall back to their nearest parent."""

    def __init__(self, known: Iterable[tuple[Loc, int]] = ()) -> None:
        self._lines: dict[Loc, int] = dict(known)

    def set(self, loc: Loc, line: int) -> None:
        self._lines.setdefault(loc, line)

    def items(self) -> list[tuple[Loc, int]]:
        """Every known path and its line."""
        return list(self._lines.items())

    def line(self, loc: Loc) -> int:
        """The line of ``loc``, or of its longest known prefix (0 when nothing is known)."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self._lines:
                return self._lines[loc[:end]]
        return 0


MAX_FILE_BYTES = 1_000_000  # a content file; the largest real staff file is about 40 kB
MAX_DEPTH = 40  # nesting of mappings and lists; real content needs about 12
MAX_VALUES = 100_000  # values after aliases (*name) are expanded
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_NONCHARACTER = re.compile("[\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0010fffe"
                           "\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _TooMuch(Exception):
    """The file nests or expands beyond what content may (MAX_DEPTH, MAX_VALUES)."""

    def __init__(self, line: int, loc: Loc, message: str):
        super().__init__(message)
        self.line, self.loc, self.message = line, loc, message


def load(path: Path, data: bytes | None = None,
         ) -> tuple[Any, LineMap, list[Problem], list[Problem]]:
    """Read one YAML file (``data``: its bytes, when the caller has read them already).

    Returns ``(value, lines, problems, notices)``: value is None when the file cannot be read
    or parsed, and problems then says why, with the line.  Notices are not errors: a file
    saved by Windows Notepad as UTF-16 or TIS-620 (cp874) is read, and the notice says how to
    save it as UTF-8.  Never raises for bad content or a bad file: not a regular file (a
    folder, a dangling link, a device or pipe), larger than MAX_FILE_BYTES, undecodable,
    nesting deeper than MAX_DEPTH, expanding (aliases) beyond MAX_VALUES values, keys that
    are not text, unknown tags, text with lone surrogates or noncharacters.
    """
    lines = LineMap()
    problems: list[Problem] = []
    notices: list[Problem] = []
    if data is None:
        data = read_bytes(path, problems)
    text = None if data is None else _decode(path, data, problems, notices)
    if text is None:
        return None, lines, problems, notices
    try:
        loader = (_FastLoader if _flow_depth(text) < C_LOADER_DEPTH else _Loader)(text)
        try:
            node = loader.get_single_node()
            value = _Builder(loader, lines, problems, path).build(node) if node is not None \
                else None
        finally:
            loader.dispose()
    except _TooMuch as exc:
        problems.append(Problem(path, exc.line, field_path(exc.loc), exc.message))
        return None, lines, problems, notices
    except RecursionError:
        problems.append(Problem(path, deep_line(text), "", f"ซ้อนวงเล็บหรือย่อหน้าลึกเกิน "
                                                           f"{MAX_DEPTH} ชั้น ซึ่งเนื้อหาคู่มือไม่ต้องใช้ "
                                                           "ตรวจว่าไฟล์ไม่เสีย"))
        return None, lines, problems, notices
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark or exc.context_mark
        problems.append(Problem(path, mark.line + 1 if mark else 0, "",
                                "ใช้แท็กหรือการรวมหัวข้อของ YAML ที่อ่านไม่ได้ "
                                f"({exc.problem}) เนื้อหาคู่มือใช้เพียงข้อความ ตัวเลข และรายการ"))
        return None, lines, problems, notices
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problems.append(Problem(path, line, "", _syntax_message(exc)))
        return None, lines, problems, notices
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        problems.append(Problem(path, 0, "", f"อ่านไฟล์ YAML ไม่ได้: {exc}"))
        return None, lines, problems, notices
    return value, lines, problems, notices


def read_bytes(path: Path, problems: list[Problem]) -> bytes | None:
    """The file's bytes, or None (with a problem) when it is not a regular file, is larger
    than MAX_FILE_BYTES or cannot be read."""
    if not path.is_file():
        problems.append(Problem(path, 0, "", "ไม่ใช่ไฟล์ธรรมดา (เป็นโฟลเดอร์ ลิงก์ที่ชี้ไปยังไฟล์ที่ไม่มี "
                                             "หรืออุปกรณ์) ให้ลบหรือเปลี่ยนชื่อ"))
        return None
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(path, 0, "", f"ไฟล์ใหญ่ {size // 1000} kB เกินที่รับได้ "
                                                 f"({MAX_FILE_BYTES // 1000} kB) ตรวจว่าเป็นไฟล์เนื้อหา"
                                                 "คู่มือจริง หรือแยกเป็นหลายไฟล์"))
            return None
        return path.read_bytes()
    except OSError as exc:
        problems.append(Problem(path, 0, "", f"เปิดไฟล์ไม่ได้ ({exc.strerror or exc})"))
        return None


def _decode(path: Path, data: bytes, problems: list[Problem],
            notices: list[Problem]) -> str | None:
    """The file's text, or None (with a problem) when it cannot be read as text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                break
            if encoding != "utf-8":
                notices.append(Problem(path, 0, "", _SAVE_AS_UTF8.format(encoding="UTF-16")))
            return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        try:
            text = data.decode("cp874")
        except UnicodeDecodeError:
            text = ""
        if re.search("[\u0e00-\u0e7f]", text):
            notices.append(Problem(path, 0, "", _SAVE_AS_UTF8.format(
                encoding="TIS-620 (Windows-874)")))
            return text
        problems.append(Problem(path, line, "", "ไฟล์ไม่ได้บันทึกเป็นข้อความ UTF-8 และอ่านเป็น"
                                                "ภาษาไทยไม่ได้ " + _SAVE_AS_UTF8.format(encoding="?")
                                .split(" แต่ควร")[-1].strip()))
        return None


_SAVE_AS_UTF8 = ("ไฟล์นี้บันทึกเป็น {encoding} โปรแกรมอ่านได้ แต่ควรบันทึกใหม่เป็น UTF-8: ใน Notepad "
                 "เลือก ไฟล์ > บันทึกเป็น > การเข้ารหัส UTF-8")


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "รูปแบบไม่ถูกต้อง"
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = (" (ข้อความที่มีเครื่องหมาย : ตามด้วยช่องว่าง ต้องครอบด้วยเครื่องหมายคำพูด "
                "หรือเว้นย่อหน้าให้ตรงกับบรรทัดก่อนหน้า)")
    elif "found character '\\t'" in problem or "tab" in problem:
        hint = " (ใช้ช่องว่างในการย่อหน้า ห้ามใช้แท็บ)"
    elif "escape" in problem or "unacceptable character" in problem:
        hint = " (มีรหัสอักขระที่ใช้ไม่ได้ในข้อความ เช่น \\ud800 ให้ลบแล้วพิมพ์ใหม่)"
    elif "could not find expected ':'" in problem or "expected <block end>" in problem:
        hint = " (ตรวจการย่อหน้าและเครื่องหมาย - หรือ : ของบรรทัดนี้และบรรทัดก่อนหน้า)"
    return f"เขียน YAML ผิดรูปแบบ: {problem}{hint}"


class _Builder:
    """Plain Python values from YAML nodes, with the line of every value, guarding depth,
    alias expansion and what text may hold."""

    def __init__(self, loader: yaml.SafeLoader, lines: LineMap, problems: list[Problem],
                 path: Path):
        self.loader = loader
        self.lines = lines
        self.problems = problems
        self.path = path
        self.values = 0
        self.active: set[int] = set()  # nodes being built (an alias inside itself is a cycle)

    def build(self, node: yaml.Node, loc: Loc = ()) -> Any:
        line = node.start_mark.line + 1
        self.values += 1
        if self.values > MAX_VALUES:
            raise _TooMuch(line, loc, f"ไฟล์ขยายเป็นค่ามากกว่า {MAX_VALUES:,} ค่า (จากการอ้างถึงด้วย "
                                      "*ชื่อ ซ้อนกัน) ตรวจว่าไม่ได้อ้างถึงตัวเองหรือซ้อนกันหลายชั้น")
        if len(loc) > MAX_DEPTH:
            raise _TooMuch(line, loc, f"ซ้อนหัวข้อหรือรายการลึกเกิน {MAX_DEPTH} ชั้น")
        if id(node) in self.active:
            raise _TooMuch(line, loc, "การอ้างถึงด้วย *ชื่อ วนกลับมาที่ตัวเอง")
        self.lines.set(loc, line)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, loc)
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
            return self.scalar(node, loc)
        finally:
            self.active.discard(id(node))

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        self.loader.flatten_mapping(node)  # merge keys (<<: *name) as YAML defines them
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(self.path, line, field_path(loc),
                                             "หัวข้อต้องเป็นข้อความ (ชื่อหัวข้อ: ค่า) ไม่ใช่รายการหรือชุดหัวข้อ"))
                continue
            key = self.scalar(key_node, loc)
            key_loc = (*loc, str(key))
            self.lines.set(key_loc, line)
            if key in out:
                self.problems.append(Problem(self.path, line, field_path(key_loc),
                                             "หัวข้อนี้ซ้ำกับที่เขียนไว้ก่อนหน้าในระดับเดียวกัน "
                                             "ให้รวมเป็นหัวข้อเดียว"))
            out[key] = self.build(value_node, key_loc)
        return out

    def scalar(self, node: yaml.Node, loc: Loc) -> Any:
        line = node.start_mark.line + 1
        try:
            value = self.loader.construct_object(node)
        except ValueError as exc:  # a number too long for Python (more than 4300 digits)
            self.problems.append(Problem(self.path, line, field_path(loc),
                                         f"ค่านี้อ่านไม่ได้ ({exc}) ถ้าเป็นข้อความให้ครอบด้วยเครื่องหมายคำพูด"))
            return None
        if isinstance(value, bytes | bytearray | set):
            self.problems.append(Problem(self.path, line, field_path(loc),
                                         f"ค่านี้เป็นข้อมูลชนิด {node.tag.rsplit(':', 1)[-1]} ของ YAML "
                                         "ซึ่งเนื้อหาคู่มือไม่ใช้ ให้เขียนเป็นข้อความ"))
            return None
        if isinstance(value, str):
            for bad in _CONTROL.findall(value):
                self.problems.append(Problem(
                    self.path, line, field_path(loc),
                    f"มีอักขระควบคุมที่มองไม่เห็น ({_char_name(bad)}) อยู่ในข้อความ ให้ลบออก "
                    "(มักติดมาจากการคัดลอกจากไฟล์อื่น)"))
            for bad in _SURROGATE.findall(value) + _NONCHARACTER.findall(value):
                self.problems.append(Problem(
                    self.path, line, field_path(loc),
                    f"มีรหัสอักขระที่ใช้ไม่ได้ ({_char_name(bad)}) ในข้อความ ให้ลบออกแล้วพิมพ์ใหม่"))
        return value


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip()
