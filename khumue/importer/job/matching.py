"""Which staff member a returned file is for: the one its embedded content names, the one
whose name its cover shows, or a new one named after the file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from khumue.content.loading import OfficeContent, StaffEntry
from khumue.importer.merge.threeway import canonical
from khumue.importer.read.units import squeeze
from khumue.typeset.digits import arabic_digits

SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")


def staff_id_from(path: Path) -> str:
    """A safe staff id from a file name: Latin letters and digits as they are, Thai
    romanised (pythainlp, Royal Institute system), anything else a dash; "manual" when
    nothing is left.  "คู่มือ กชพร 2569.docx" → "khumue-kotchaphon-2569"."""
    return romanized_id(path.stem) or "manual"


_TITLES = re.compile(r"^(?:นางสาว|นาง|นาย|ว่าที่\s*ร้อย\S*|ดร\.|ผศ\.|รศ\.|ศ\.)\s*")


def staff_id_from_name(name: str) -> str | None:
    """A staff id from a person's name: the first name romanised, without the title
    ("นางกชพร คำวงษา" → "kotchaphon"); None for a name that is not there ("-")."""
    first = _TITLES.sub("", " ".join(name.split())).split(" ")[0] if name else ""
    return romanized_id(first) if re.search("[ก-๛A-Za-z]", first) else None


def romanized_id(text: str) -> str:
    """``text`` as an id: Latin letters and digits as they are, Thai romanised (pythainlp,
    Royal Institute system), the rest dashes, at most 60 characters; "" when nothing is
    left."""
    from pythainlp.transliterate import romanize  # loads a model: only when a name needs it

    out = []
    for word in re.split(r"[^0-9A-Za-z\u0e00-\u0e7f]+", text):
        if re.search("[\u0e00-\u0e7f]", word):
            word = "".join(romanize(part, engine="royin") if re.match("[\u0e00-\u0e7f]", part)
                           else part for part in re.findall(r"[\u0e00-\u0e7f]+|[^\u0e00-\u0e7f]+",
                                                            word))
        if word:
            out.append(word.lower())
    return re.sub(r"[^a-z0-9]+", "-", "-".join(out)).strip("-")[:60].strip("-")


def same_name(a: str, b: str) -> bool:
    """True when two printed names are one person's (white space and digits aside)."""
    return bool(a) and squeeze(arabic_digits(a)) == squeeze(arabic_digits(b))


def by_name(content: OfficeContent | None, name: str) -> StaffEntry | None:
    """The staff member of the office whose name is ``name``, when exactly one is."""
    if content is None or not name:
        return None
    found = [e for e in content.staff if same_name(e.staff.name, name)]
    return found[0] if len(found) == 1 else None


def line_up_source(content: OfficeContent, entry: StaffEntry,
                   fiscal_year: int | None) -> dict[str, Any]:
    """The content a file of ours that lost its embedded content is lined up against: the
    staff member's as content/ holds it, as it would have been embedded."""
    office = content.office
    return {"office": office.model_dump(mode="json", exclude_unset=True),
            "staff": canonical(entry.staff), "staff_id": entry.id,
            "fiscal_year": fiscal_year or office.fiscal_year}
