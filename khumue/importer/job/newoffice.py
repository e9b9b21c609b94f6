"""A new office's files, from its manuals imported together: office.yaml from the covers
(:func:`office_file`), and what the manuals share written once (:func:`share`).

When an office comes in from its folder of last year's manuals, each manual carries its
group's roles and any process or work standard that others of the group carry too.  Written
into every staff file, the next edit would have to be made in each; the content folder has a
place for what is shared (:mod:`khumue.content.loading`): ``groups/<id>.yaml`` for a group's
name and roles, ``processes/<id>.yaml`` and ``standards/<id>.yaml`` for a process or a work
standard several staff members do, used from a staff file as ``{use: <id>}``.  Here the
staff files about to be written are compared: a group whose roles two or more of them give
alike gets its file (and they name the group by its id), a process or standard two or more
of them give alike, word for word, gets its own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from khumue.content.fieldpath import Loc
from khumue.importer.job.matching import romanized_id
from khumue.importer.merge.yamlwrite import dump


@dataclass
class Shared:
    """The shared files to write (path → content) and, for the report, what each holds."""

    files: dict[Path, dict[str, Any]] = field(default_factory=dict)
    notes: dict[Path, str] = field(default_factory=dict)


def share(staff: list[dict[str, Any]], folder: Path) -> Shared:
    """Move what two or more of ``staff`` (the new staff files' content, changed in place)
    give alike into shared files under ``folder`` (the office's content folder)."""
    out = Shared()
    _groups(staff, folder, out)
    for key, sub in (("processes", "processes"), ("work_standards", "standards")):
        _entries(staff, key, folder / sub, out)
    return out


def _groups(staff: list[dict[str, Any]], folder: Path, out: Shared) -> None:
    by_group: dict[str, list[dict[str, Any]]] = {}
    for data in staff:
        if isinstance(data.get("group"), str) and data.get("group_roles"):
            by_group.setdefault(data["group"], []).append(data)
    taken: set[str] = set()
    for name, members in by_group.items():
        roles = Counter(_key(m["group_roles"]) for m in members)
        common, count = roles.most_common(1)[0]
        if count < 2:
            continue
        first_word = re.sub(r"^กลุ่ม(งาน)?", "", name).split(" ")[0]
        group_id = _unique(romanized_id(first_word) or "group", taken)
        shared_roles = next(m["group_roles"] for m in members if _key(m["group_roles"]) == common)
        path = folder / "groups" / f"{group_id}.yaml"
        out.files[path] = {"name": name, "group_roles": shared_roles}
        out.notes[path] = f"บทบาทหน้าที่ของ{name} ที่ {count} คู่มือเขียนไว้เหมือนกัน"
        for member in members:
            member["group"] = group_id
            if _key(member["group_roles"]) == common:
                del member["group_roles"]


def _entries(staff: list[dict[str, Any]], key: str, under: Path, out: Shared) -> None:
    seen: Counter[str] = Counter()
    for data in staff:
        for entry in data.get(key) or []:
            if isinstance(entry, dict) and "use" not in entry:
                seen[_key(entry)] += 1
    taken: set[str] = set()
    ids: dict[str, str] = {}
    for data in staff:
        entries = data.get(key) or []
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict) or "use" in entry or seen[_key(entry)] < 2:
                continue
            digest = _key(entry)
            if digest not in ids:
                title = str(entry.get("name") or entry.get("title") or key)
                ids[digest] = _unique(romanized_id(title) or key, taken)
                path = under / f"{ids[digest]}.yaml"
                out.files[path] = dict(entry)
                out.notes[path] = f"\"{title[:40]}\" ที่ {seen[digest]} คู่มือเขียนไว้เหมือนกัน"
            entries[index] = {"use": ids[digest]}


def _key(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=True)


def _unique(wanted: str, taken: set[str]) -> str:
    wanted = wanted[:24].strip("-") or "shared"
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    taken.add(candidate)
    return candidate



def office_file(office: dict[str, Any], years: Counter[int], source: str) -> str:
    """office.yaml of a new office, made from the covers (``office``: the first manual's
    reading, ``years``: the fiscal years the covers name, ``source``: the first manual's
    file name): each value with a ``# ตรวจ:`` line saying where it comes from."""
    office = dict(office)
    if years:
        office["fiscal_year"] = years.most_common(1)[0][0]
    office.setdefault("digits", "thai")
    notes: dict[Loc, list[str]] = {
        ("name",): [f"ตรวจ: ชื่อเต็มของสำนักงาน จากปกของ {source}"],
        ("short_name",): ["ตรวจ: ชื่อย่อ ทำจากชื่อเต็ม (สพป./สพม.)"],
        ("digits",): ["ตรวจ: เลขที่ใช้ในคู่มือ thai หรือ arabic (นับจากตัวเลขที่พิมพ์ในไฟล์)"]}
    if "font" in office:
        notes[("font",)] = ["ตรวจ: ฟอนต์ที่ไฟล์ใช้"]
    if "fiscal_year" in office:
        notes[("fiscal_year",)] = [
            f"ตรวจ: ปีงบประมาณที่ปกเขียนไว้ (พบ {len(years)} แบบ: ใช้แบบที่พบมากที่สุด)"
            if len(years) > 1 else "ตรวจ: ปีงบประมาณที่ปกเขียนไว้"]
    return dump(office, notes, [f"สร้างจากปกของคู่มือที่นำเข้า ({source} และไฟล์อื่น) "
                                "บรรทัดที่ขึ้นต้นด้วย # ตรวจ: ลบทิ้งได้เมื่อตรวจแล้ว"])
