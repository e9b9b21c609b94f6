"""Reading an office's content folder into validated models.

Layout of ``content/<office-id>/``::

    office.yaml                 the Office
    staff/<staff-id>.yaml       one Staff member (and their manual) each
    groups/<group-id>.yaml      a Group: name, director, group roles, written once
    processes/<id>.yaml         a Process done by several staff, written once
    standards/<id>.yaml         a WorkStandard shared likewise

A staff file names its group (by id or name) and gets its roles unless it gives its own; a
process or work standard entry ``{use: <id>}`` stands for the shared one.  A reference to
something that does not exist is an error naming what does; a shared file nobody uses is a
warning.

:func:`load_office` validates every file and raises one :class:`ContentError` listing every
problem of every file, each with its line; nothing is returned (so nothing is built) unless the
whole office is valid.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from khumue.content import yamlsource
from khumue.content.fieldpath import Loc
from khumue.content.model import Block, Group, Office, Process, Staff, WorkStandard
from khumue.content.parsedfiles import ParsedFiles
from khumue.errors import ContentError, Problem, UnknownOfficeError, UnknownStaffError

M = TypeVar("M", bound=BaseModel)
Read = Callable[[Path], tuple[Any, yamlsource.LineMap, list[Problem], list[Problem]]]


@dataclass(frozen=True)
class Source:
    """A part of a staff member's content written in a shared file: the content path it
    stands at (``('processes', 2)``), the file and its line map."""

    at: Loc
    path: Path
    lines: yamlsource.LineMap


@dataclass(frozen=True)
class StaffEntry:
    """A staff member with the id (file stem), file and line map their content came from,
    and the parts that came from shared files."""

    id: str
    path: Path
    staff: Staff
    lines: yamlsource.LineMap
    notices: tuple[Problem, ...] = ()  # warnings about the file itself (its encoding)
    sources: tuple[Source, ...] = ()

    def where(self, loc: Loc) -> tuple[Path, int, Loc]:
        """(file, line, field path in that file) of the value at ``loc`` of this staff
        member's content: in the staff file, or in the shared file it came from."""
        for source in self.sources:
            if loc[:len(source.at)] == source.at:
                rest = loc[len(source.at):]
                return source.path, source.lines.line(rest), rest
        return self.path, self.lines.line(loc), loc


@dataclass(frozen=True)
class OfficeContent:
    """A validated office and its staff, ordered by staff id."""

    id: str
    path: Path
    office: Office
    staff: list[StaffEntry]
    notices: tuple[Problem, ...] = ()  # warnings about office.yaml itself


def office_ids(content_dir: Path) -> list[str]:
    """The ids of the offices under ``content_dir`` (folders holding an office.yaml), sorted."""
    if not content_dir.is_dir():
        return []
    return sorted(p.name for p in content_dir.iterdir() if (p / "office.yaml").is_file())


def load_office(content_dir: Path, office_id: str, staff_id: str | None = None,
                parsed: ParsedFiles | None = None) -> OfficeContent:
    """Load and validate one office, or only one of its staff when ``staff_id`` is given;
    ``parsed`` keeps the files' parses between builds (:mod:`khumue.content.parsedfiles`).

    Raises UnknownOfficeError / UnknownStaffError naming the valid ids, and ContentError
    listing every problem of every file read.
    """
    folder = content_dir / office_id
    if not (folder / "office.yaml").is_file():
        valid = ", ".join(office_ids(content_dir)) or "(ยังไม่มี)"
        raise UnknownOfficeError(
            f"ไม่พบสำนักงาน '{office_id}' ใน {content_dir}/ สำนักงานที่มี: {valid}")
    staff_paths = staff_files(folder / "staff")
    if staff_id is not None:
        chosen = [p for p in staff_paths if p.stem == staff_id]
        if not chosen:
            valid = ", ".join(p.stem for p in staff_paths) or "(ยังไม่มี)"
            raise UnknownStaffError(
                f"ไม่พบบุคลากร '{staff_id}' ของสำนักงาน {office_id} บุคลากรที่มี: {valid}")
        staff_paths = chosen

    read = parsed.load if parsed is not None else yamlsource.load
    problems: list[Problem] = []
    office_notices: list[Problem] = []
    office, _ = _load_model(read, folder / "office.yaml", Office, problems, office_notices)
    shared = _Shared(read, folder, problems, office_notices)
    staff: list[StaffEntry] = []
    seen: dict[str, Path] = {}
    for path in staff_paths:
        if path.stem in seen:
            problems.append(Problem(path, 0, "", f"รหัสบุคลากร '{path.stem}' ซ้ำกับไฟล์ "
                                                 f"{seen[path.stem].name} ให้เหลือไฟล์เดียว"))
            continue
        seen[path.stem] = path
        notices: list[Problem] = []
        sources: list[Source] = []
        member, lines = _load_model(read, path, Staff, problems, notices,
                                    partial(shared.resolve, path=path, sources=sources))
        if member is not None:
            staff.append(StaffEntry(path.stem, path, member, lines, tuple(notices),
                                    tuple(sources)))
    if staff_id is None:
        shared.report_unused(office_notices)
    if problems:
        raise ContentError(sorted(problems, key=lambda p: (str(p.path), p.line)))
    assert office is not None
    if parsed is not None:
        parsed.save(whole=staff_id is None)
    return OfficeContent(office_id, folder, office, staff, tuple(office_notices))


class _Shared:
    """The office's shared files (groups, processes, work standards), validated once, and
    what the staff files use of them."""

    KINDS: dict[str, type[BaseModel]] = {"groups": Group, "processes": Process,
                                         "standards": WorkStandard}
    THAI = {"groups": "กลุ่ม", "processes": "กระบวนการ", "standards": "มาตรฐานการปฏิบัติงาน"}

    def __init__(self, read: Read, folder: Path, problems: list[Problem],
                 notices: list[Problem]):
        self.files: dict[str, dict[str, tuple[Path, BaseModel, yamlsource.LineMap]]] = {}
        self.broken: set[tuple[str, str]] = set()  # files with errors of their own
        self.used: set[tuple[str, str]] = set()
        for kind, model in self.KINDS.items():
            found: dict[str, tuple[Path, BaseModel, yamlsource.LineMap]] = {}
            for path in staff_files(folder / kind):
                value, lines = _load_model(read, path, model, problems, notices)
                if value is not None:
                    found[path.stem] = (path, value, lines)
                else:
                    self.broken.add((kind, path.stem))
            self.files[kind] = found

    def resolve(self, value: Any, lines: yamlsource.LineMap, *, path: Path,
                sources: list[Source]) -> list[Problem] | None:
        """Put the shared parts into a staff file's loaded ``value`` (in place): its group's
        roles, and each ``{use: id}`` process or work standard; problems for references to
        nothing; None when a shared file it uses has errors of its own (reported there, so
        the staff file is not validated against a gap)."""
        problems: list[Problem] = []
        if not isinstance(value, dict):
            return problems
        group_name = value.get("group")
        for group_id, (group_path, group, group_lines) in self.files["groups"].items():
            assert isinstance(group, Group)
            if group_name in (group_id, group.name):
                self.used.add(("groups", group_id))
                value["group"] = group.name
                if "group_roles" not in value and group.group_roles is not None:
                    roles = group.group_roles
                    if group.director and not roles.intro:  # printed under the heading
                        roles = roles.model_copy(update={"intro": [
                            Block(text=f"ผู้อำนวยการกลุ่ม {group.director}")]})
                    value["group_roles"] = roles
                    sources.append(Source(("group_roles",), group_path, _under(group_lines,
                                                                               "group_roles")))
                break
        for key, kind in (("processes", "processes"), ("work_standards", "standards")):
            entries = value.get(key)
            if not isinstance(entries, list):
                continue
            for i, entry in enumerate(entries):
                if not (isinstance(entry, dict) and set(entry) == {"use"}):
                    continue
                ident = entry["use"]
                found = self.files[kind].get(str(ident))
                if found is None and (kind, str(ident)) in self.broken:
                    self.used.add((kind, str(ident)))
                    return None
                if found is None:
                    known = ", ".join(sorted(self.files[kind])) or "(ยังไม่มีไฟล์ใน " \
                                                                  f"{kind}/)"
                    problems.append(Problem(path, lines.line((key, i, "use")),
                                            yamlsource.field_path((key, i, "use")),
                                            f"ไม่มี{self.THAI[kind]}ชื่อ '{ident}' ใน {kind}/ "
                                            f"ที่มี: {known}"))
                    continue
                shared_path, model, shared_lines = found
                self.used.add((kind, str(ident)))
                entries[i] = model
                sources.append(Source((key, i), shared_path, shared_lines))
        return problems

    def report_unused(self, notices: list[Problem]) -> None:
        for kind, files in self.files.items():
            for ident, (path, _, _) in files.items():
                if (kind, ident) not in self.used:
                    notices.append(Problem(path, 0, "", f"ไม่มีบุคลากรคนใดใช้{self.THAI[kind]}นี้ "
                                                        "(ลบไฟล์ หรือให้ไฟล์บุคลากรอ้างถึง)"))


def _under(lines: yamlsource.LineMap, key: str) -> yamlsource.LineMap:
    """The line map of the value under ``key``, with paths relative to it."""
    out = yamlsource.LineMap()
    for loc, line in lines.items():
        if loc[:1] == (key,):
            out.set(loc[1:], line)
    return out


def staff_files(folder: Path) -> list[Path]:
    """The staff files of an office: ``*.yaml`` and ``*.yml`` (whatever they are: a folder or
    a broken link named so is reported when read, not skipped), sorted by name."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")
                   and not p.name.startswith(".")), key=lambda p: (p.stem, p.suffix))


def _load_model(read: Read, path: Path, model: type[M], problems: list[Problem],
                notices: list[Problem],
                prepare: Callable[[Any, yamlsource.LineMap], list[Problem] | None] | None = None,
                ) -> tuple[M | None, yamlsource.LineMap]:
    value, lines, found, noticed = read(path)
    problems.extend(found)
    notices.extend(noticed)
    if prepare is not None and value is not None:
        prepared = prepare(value, lines)
        if prepared is None:
            return None, lines
        problems.extend(prepared)
    if found and value is None:
        return None, lines
    if not isinstance(value, dict):
        problems.append(Problem(path, 1, "", "ไฟล์นี้ต้องเป็นชุดหัวข้อแบบ ชื่อหัวข้อ: ค่า "
                                             "(เช่น name: ...) แต่ไฟล์ว่างหรือเป็นอย่างอื่น"))
        return None, lines
    try:
        result = model.model_validate(value)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            problems.append(Problem(path, lines.line(loc), yamlsource.field_path(loc),
                                    _message(error, model)))
        return None, lines
    return (None if found else result), lines


def _message(error: ErrorDetails, root: type[BaseModel]) -> str:
    """Say a pydantic error in words a Thai office clerk can act on."""
    kind = error["type"]
    loc = tuple(error["loc"])
    given = error.get("input")
    if kind == "missing":
        return f"ขาดหัวข้อ '{loc[-1]}' ซึ่งต้องกรอก"
    if kind == "extra_forbidden":
        valid = _valid_keys(root, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), valid, n=1)
        hint = f" หมายถึง '{close[0]}' หรือไม่?" if close else ""
        return (f"ไม่รู้จักหัวข้อ '{loc[-1]}'{hint} หัวข้อที่ใช้ได้ในตำแหน่งนี้: "
                f"{', '.join(valid)}")
    if kind in ("string_type", "str_type"):
        return f"ต้องเป็นข้อความ แต่ได้ {_describe(given)} (ถ้าเป็นตัวเลข ให้ครอบด้วยเครื่องหมายคำพูด)"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"ต้องเป็นตัวเลขจำนวนเต็ม (เลขอารบิก) แต่ได้ {_describe(given)}"
    if kind in ("list_type", "too_short"):
        if kind == "too_short":
            return "ต้องมีอย่างน้อยหนึ่งรายการ"
        return f"ต้องเป็นรายการ (แต่ละข้อขึ้นบรรทัดด้วย - ) แต่ได้ {_describe(given)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"ต้องเป็นชุดหัวข้อแบบ ชื่อหัวข้อ: ค่า แต่ได้ {_describe(given)}"
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        expected = str(expected).replace("' or '", "' หรือ '")
        return f"ค่า {given!r} ใช้ไม่ได้ ต้องเป็นหนึ่งใน {expected}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"ค่า {given!r} อยู่นอกช่วงที่ใช้ได้ ({error['msg']})"
    if kind == "value_error":
        return str(error.get("ctx", {}).get("error", error["msg"]))
    if kind == "string_unicode":
        return "ข้อความมีรหัสอักขระที่ใช้ไม่ได้ ให้ลบแล้วพิมพ์ใหม่"
    return f"ค่านี้ใช้ไม่ได้ในตำแหน่งนี้ ได้ {_describe(given)} ({error['msg']})"


def _describe(value: Any) -> str:
    if value is None:
        return "ค่าว่าง"
    if isinstance(value, bool):
        return f"ค่าจริง/เท็จ ({value})"
    if isinstance(value, int | float):
        return f"ตัวเลข {value}"
    if isinstance(value, str):
        return f"ข้อความ {value[:40]!r}"
    if isinstance(value, list):
        return "รายการ"
    if isinstance(value, dict):
        return "ชุดหัวข้อ"
    return type(value).__name__


def _valid_keys(root: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at ``loc`` (the mapping that holds the unknown key)."""
    current: Any = root
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = field.annotation if field else None
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional down to the model or list type inside."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation
