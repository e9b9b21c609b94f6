"""Whose office a returned file is: the office id our manuals carry, or, for a manual typed by
hand, the office its cover names.  A file of another office is refused, naming its office
and the command that imports it there, unless the import says the staff member moved
(``--moved``)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from khumue.content.loading import office_ids
from khumue.importer.read import Imported
from khumue.typeset.digits import arabic_digits

# Office names as covers abbreviate them, and how they are written in full.
_ABBREVIATIONS = (("สพป.", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา"),
                  ("สพม.", "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา"),
                  ("สพท.", "สำนักงานเขตพื้นที่การศึกษา"))
_GENERIC = ("สำนักงานเขตพื้นที่การศึกษาประถมศึกษา", "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา",
            "สำนักงานเขตพื้นที่การศึกษา", "")


def office_key(name: str) -> str:
    """An office's name as compared: abbreviations written in full, no white space, Arabic
    digits ("สพป.พะเยา เขต ๒" and "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพะเยา เขต 2" agree)."""
    text = arabic_digits(re.sub(r"\s+", "", name))
    for short, full in _ABBREVIATIONS:
        text = text.replace(short, full)
    return text


def foreign_office(imported: Imported, office_id: str, office_name: str | None,
                   content_dir: Path) -> str | None:
    """The refusal for a file of another office (None when it is this office's, or says
    nothing of its office): ours by the id it carries (a new office, ``office_name`` None,
    takes the manuals of an office this content folder does not have: it is that office
    coming in under a new id), one typed by hand by its cover's office name against
    ``office_name`` (this office's, when it has an office.yaml)."""
    if imported.own:
        theirs = imported.office_id
        if theirs is None or theirs == office_id or (
                office_name is None and theirs not in office_ids(content_dir)):
            return None  # ours, or an office coming in under a new id on this machine
        return _refusal(imported.office.name, theirs, office_id)
    if office_name is None or office_key(imported.office.name) in _GENERIC or \
            office_key(imported.office.name) == office_key(office_name):
        return None
    return _refusal(imported.office.name, _office_named(imported.office.name, content_dir),
                    office_id)


def _office_named(name: str, content_dir: Path) -> str | None:
    """The id of the office under ``content_dir`` whose office.yaml has ``name``."""
    key = office_key(name)
    for candidate in office_ids(content_dir):
        try:
            data = yaml.safe_load((content_dir / candidate / "office.yaml").read_text("utf-8"))
        except (OSError, yaml.YAMLError, UnicodeDecodeError):
            continue
        if isinstance(data, dict) and office_key(str(data.get("name", ""))) == key:
            return candidate
    return None


def _refusal(name: str, theirs: str | None, office_id: str) -> str:
    where = theirs or "<รหัสของสำนักงานนั้น>"
    return (f"เป็นคู่มือของ{name} ({theirs or 'ไม่มีใน content/'}) ไม่ใช่ของสำนักงาน {office_id}: "
            f"ถ้าจะนำเข้าที่สำนักงานนั้น ให้สั่ง python build.py --office {where} "
            f"--import <ไฟล์นี้>; ถ้าบุคลากรคนนี้ย้ายมาอยู่ {office_id} แล้วจริง ให้สั่งใหม่โดยเพิ่ม "
            "--moved")
