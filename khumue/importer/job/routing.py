"""Where a staff member's merged content goes: the staff file, and the shared files its parts
came from (:mod:`khumue.content.loading`): the group's file for roles the staff file takes from its
group, ``processes/<id>.yaml`` and ``standards/<id>.yaml`` for each ``- use: <id>``.

:func:`route` splits the content as it now is and as it must become into one
:class:`Proposal` per file, each in that file's own terms (``- use: id`` kept in the staff
file, the group's director printed as the roles' first line kept as the director), and says
where each content path of the staff member stands (file and path inside it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khumue.content import yamlsource
from khumue.content.fieldpath import Loc
from khumue.content.loading import StaffEntry
from khumue.content.model import Group, Process, WorkStandard
from khumue.importer.merge.threeway import identity
from khumue.typeset.alignment import align

LISTS = {"processes": Process, "work_standards": WorkStandard}


@dataclass
class Proposal:
    """A file's content as it is (``current``) and as it must become (``new``), in the one
    form merging compares."""

    path: Path
    current: dict[str, Any]
    new: dict[str, Any]


@dataclass
class Routed:
    """The proposals of one staff member's content, and where each of its content paths
    stands: a prefix of the staff member's paths → (file, the prefix inside that file)."""

    proposals: dict[Path, Proposal] = field(default_factory=dict)
    places: list[tuple[Loc, Path, Loc]] = field(default_factory=list)

    def where(self, path: Loc, staff_file: Path) -> tuple[Path, Loc]:
        """The file and the path inside it of the staff member's content path ``path``."""
        for prefix, file, inside in self.places:
            if path[:len(prefix)] == prefix:
                return file, (*inside, *path[len(prefix):])
        return staff_file, path


def route(entry: StaffEntry, raw: dict[str, Any], current: dict[str, Any],
          new: dict[str, Any]) -> Routed:
    """Split ``current`` and ``new`` (the staff member's whole content, resolved) into the
    files ``entry`` was read from; ``raw`` is the staff file as written (with its
    ``- use:`` entries)."""
    routed = Routed()
    staff_current = dict(current)
    staff_new = dict(new)
    shared = {source.at: source.path for source in entry.sources}
    if "group_roles" not in raw and ("group_roles",) in shared:
        _group(routed, shared[("group_roles",)], current, new)
        staff_current.pop("group_roles", None)
        staff_new.pop("group_roles", None)
    if "group" in raw and raw["group"] != current.get("group") and \
            new.get("group") == current.get("group"):
        staff_current["group"] = staff_new["group"] = raw["group"]  # the group's id
    for name in LISTS:
        if isinstance(current.get(name), list):
            _list(routed, name, raw, shared, staff_current, staff_new)
    routed.proposals[entry.path] = Proposal(entry.path, staff_current, staff_new)
    return routed


def _list(routed: Routed, name: str, raw: dict[str, Any], shared: dict[Loc, Path],
          staff_current: dict[str, Any], staff_new: dict[str, Any]) -> None:
    """A list of processes or work standards: an element written ``- use: id`` stays so in
    the staff file, and its content goes to the shared file."""
    found = raw.get(name)
    written: list[Any] = found if isinstance(found, list) else []
    current, new = staff_current[name], list(staff_new.get(name) or [])
    uses = {i: (e["use"], shared.get((name, i))) for i, e in enumerate(written)
            if isinstance(e, dict) and set(e) == {"use"}}
    if not uses:
        return
    staff_current[name] = [{"use": uses[i][0]} if i in uses else e for i, e in enumerate(current)]
    out: list[Any] = []
    for _, old, fresh in align(list(enumerate(current)), list(enumerate(new)),
                               lambda pair: identity(pair[1])):
        if fresh is None:
            continue
        use = uses.get(old[0]) if old is not None else None
        if use is None or use[1] is None or old is None:
            out.append(fresh[1])
            continue
        out.append({"use": use[0]})
        routed.places.append(((name, fresh[0]), use[1], ()))
        if old[1] != fresh[1]:
            routed.proposals[use[1]] = Proposal(use[1], old[1], fresh[1])
    staff_new[name] = out
    for i, (_, path) in uses.items():  # paths of the content as it now is, for notes
        if path is not None and all(p[0][:2] != (name, i) for p in routed.places):
            routed.places.append(((name, i), path, ()))


def _group(routed: Routed, path: Path, current: dict[str, Any], new: dict[str, Any]) -> None:
    """Roles the staff file takes from its group: changed in the group's file.  The line
    "ผู้อำนวยการกลุ่ม …" the roles print under their heading is the group's director."""
    routed.places.append((("group_roles",), path, ("group_roles",)))
    if current.get("group_roles") == new.get("group_roles"):
        return
    try:
        group = Group.model_validate(_read(path))
    except Exception:  # a group file that does not read: the staff file's load reported it
        return
    written = group.model_dump(mode="json", exclude_unset=True)
    roles = dict(new.get("group_roles") or {})
    if group.director and not (group.group_roles and group.group_roles.intro):
        intro = roles.pop("intro", [])
        text = intro[0].get("text", "") if len(intro) == 1 and isinstance(intro[0], dict) else ""
        if text.startswith("ผู้อำนวยการกลุ่ม "):
            director = text[len("ผู้อำนวยการกลุ่ม "):].strip()
            changed = {**written, "director": director} if director != group.director \
                else dict(written)
        else:
            changed = dict(written)
            if intro:
                roles["intro"] = intro
    else:
        changed = dict(written)
    changed["group_roles"] = roles
    routed.proposals[path] = Proposal(path, written, changed)


def _read(path: Path) -> Any:
    value, _, problems, _ = yamlsource.load(path)
    if problems:
        raise ValueError(problems[0].message)
    return value
