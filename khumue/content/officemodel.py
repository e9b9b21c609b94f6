"""An office as ``content/<office-id>/office.yaml`` describes it: names, digits, font, the
fiscal year, its website and, when its year's assessment differs from the one shipped
(``khumue/content/ita.yaml``), the ITA indicator its manuals answer."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field

from khumue.content.modelbase import Strict


class Digits(StrEnum):
    """The digits an office prints: ``thai`` (๐-๙) or ``arabic`` (0-9)."""

    thai = "thai"
    arabic = "arabic"


class ItaAsk(StrEnum):
    """What an ITA indicator asks a manual to hold (:mod:`khumue.content.ita` checks each):
    ``steps`` (a process with its steps), ``durations`` (each step's time), ``laws`` (a law,
    regulation or order the work follows)."""

    steps = "steps"
    durations = "durations"
    laws = "laws"


def _code(value: str | None) -> str | None:
    """An indicator's code as the assessment writes it: "o10", "O13", "IIT5"."""
    if value is not None and not re.fullmatch(r"[A-Za-z]{1,3}[0-9]{1,3}", value):
        raise ValueError("รหัสตัวชี้วัดเป็นอักษรอังกฤษตามด้วยเลขอารบิก ตามที่แบบประเมิน ITA "
                         "ของปีนั้นเขียน เช่น o10")
    return value


class ItaIndicator(Strict):
    """The ITA indicator for work manuals, or the fields of it an office overrides
    (``ita:`` in office.yaml): its ``code`` ("o10"), Thai ``name`` and what it ``asks``."""

    code: Annotated[str | None, AfterValidator(_code)] = None
    name: str | None = None
    asks: list[ItaAsk] | None = None


def _term(value: str) -> str:
    """An office's own term: one word or name of Thai letters, no space."""
    if not re.fullmatch("[\u0e01-\u0e4e]+", value):
        raise ValueError("คำของสำนักงานต้องเป็นคำภาษาไทยคำเดียว ไม่มีช่องว่าง ตัวเลข หรือเครื่องหมาย "
                         "เช่น ศึกษานิเทศก์ หรือชื่อโรงเรียน")
    return value


def _website(value: str | None) -> str | None:
    """A web address the publish folder is put under: http(s)://host/path, no spaces."""
    if value is not None and not re.fullmatch(r"https?://[^\s/]+\.[^\s/]+(/\S*)?", value):
        raise ValueError("ต้องเป็นที่อยู่เว็บเต็ม ขึ้นต้นด้วย https:// หรือ http:// เช่น "
                         "https://www.pyo2.go.th/manuals/2570/ (ตัวเลขเป็นเลขอารบิก)")
    return value


class Office(Strict):
    """An Educational Service Area Office (``content/<office-id>/office.yaml``).

    ``font`` replaces the template's font (TH SarabunPSK in the default template) in every
    style; leave it out to keep the template's, as restyled in Word.  TH SarabunIT๙ (whose
    glyphs for 0-9 are Thai digits) is understood: see :mod:`khumue.typeset.itfont`.
    ``fiscal_year`` is a B.E. year (2500-2700); when absent the build uses the fiscal year in
    progress on the day it runs (fiscal year N runs 1 October N-544 to 30 September N-543 C.E.).
    ``website`` is where the publish folder is put online (each manual's address is listed
    for the ITA form); ``ita`` overrides the shipped ITA indicator of the year.  ``words`` are
    the office's own terms (a school's name, a project, a local place), each kept whole where
    a line of Thai breaks (:mod:`khumue.typeset.thaiwords`), as the dictionary's words are.
    """

    name: str
    short_name: str
    obec: str = "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"
    ministry: str = "กระทรวงศึกษาธิการ"
    digits: Digits = Digits.thai
    font: str | None = None
    fiscal_year: Annotated[int, Field(ge=2500, le=2700)] | None = None
    website: Annotated[str | None, AfterValidator(_website)] = None
    ita: ItaIndicator | None = None
    words: list[Annotated[str, AfterValidator(_term)]] = []
