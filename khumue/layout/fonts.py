"""A font that lays out like TH SarabunPSK on a machine that does not have it.

Debian's ``fonts-tlwg-laksaman`` is drawn from TH Sarabun New with every advance width exactly
1.503 times larger (TLWG scaled it by 150.42%).  A copy whose head.unitsPerEm is 1503 instead
of 1000 has TH Sarabun New's metrics; named "TH SarabunPSK", it is what LibreOffice finds for
the manuals' font.  Debian's own alias maps "TH Sarabun*" to Laksaman with a fontconfig matrix
of 0.66, which LibreOffice ignores (text 1.5 times too large, wrong pages), hence the copy.

TH SarabunIT๙ (:mod:`khumue.typeset.itfont`) is made the same way, its Arabic digits U+0030–0039
mapped to the Thai digit glyphs, as the real font draws them.

:func:`prepare_fonts` writes the copies and a private ``fonts.conf`` into a folder;
:func:`fontconfig_env` gives the environment in which LibreOffice uses them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from khumue.errors import KhumueError
from khumue.typeset.itfont import IT_FAMILY, IT_POSTSCRIPT

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

LAKSAMAN_DIR = Path("/usr/share/fonts/truetype/tlwg")
SCALED_UPEM = 1503  # Laksaman's 1000 units per em × 1.503
STYLES = {"Regular": "Laksaman.ttf", "Bold": "Laksaman-Bold.ttf",
          "Italic": "Laksaman-Italic.ttf", "Bold Italic": "Laksaman-BoldItalic.ttf"}


class FontError(KhumueError):
    """No source font to prepare a TH SarabunPSK-compatible font from."""


FAMILIES = (("TH SarabunPSK", "THSarabunPSK", False), (IT_FAMILY, IT_POSTSCRIPT, True))


def prepare_fonts(target: Path, source: Path = LAKSAMAN_DIR) -> Path:
    """Write TH SarabunPSK and TH SarabunIT๙, each in four styles (Laksaman rescaled to TH
    Sarabun metrics; IT๙'s Arabic digits drawn as Thai ones), and a fonts.conf that adds them
    to the system's fonts into ``target``; returns the fonts.conf.  A folder already holding
    them all is left as it is.

    Raises FontError when Laksaman is not installed (Debian package fonts-tlwg-laksaman).
    """
    conf = target / "fonts.conf"
    files = [target / f"{ps}-{style.replace(' ', '')}.ttf" for _, ps, _ in FAMILIES
             for style in STYLES]
    if conf.is_file() and all(f.is_file() for f in files):
        return conf
    missing = [name for name in STYLES.values() if not (source / name).is_file()]
    if missing:
        raise FontError(
            f"ไม่พบฟอนต์ {', '.join(missing)} ใน {source} ซึ่งใช้จัดหน้าแทน TH SarabunPSK "
            "ให้ติดตั้งด้วยคำสั่ง: apt-get install fonts-tlwg-laksaman")
    from fontTools.ttLib import TTFont  # only when the fonts are made

    target.mkdir(parents=True, exist_ok=True)
    for family, postscript, thai_digits in FAMILIES:
        for style, name in STYLES.items():
            with TTFont(str(source / name)) as font:
                _rename_and_scale(font, family, postscript, style)
                if thai_digits:
                    _thai_digits_at_arabic(font)
                font.save(str(target / f"{postscript}-{style.replace(' ', '')}.ttf"))
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{target}</dir>\n  <cachedir>{target / 'cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8")
    return conf


def _thai_digits_at_arabic(font: TTFont) -> None:
    """Map U+0030–0039 to the glyphs of ๐–๙ in every Unicode cmap subtable."""
    for table in font["cmap"].tables:
        if table.isUnicode() and all(0x0E50 + i in table.cmap for i in range(10)):
            for i in range(10):
                table.cmap[0x30 + i] = table.cmap[0x0E50 + i]


def _rename_and_scale(font: TTFont, family: str, postscript: str, style: str) -> None:
    """Scale to TH Sarabun's metrics and name the font ``family``; Macintosh-platform name
    records (Mac Roman: no Thai letters) get the ASCII form, "TH SarabunIT9"."""
    font["head"].unitsPerEm = SCALED_UPEM
    for record in font["name"].names:
        name = family if record.platformID != 1 else family.replace("๙", "9")
        if record.nameID in (1, 16):
            record.string = name
        elif record.nameID == 4:
            record.string = f"{name} {style}"
        elif record.nameID == 6:
            record.string = f"{postscript}-{style.replace(' ', '')}"


def fontconfig_env(conf: Path) -> dict[str, str]:
    """The process environment in which fontconfig (and so LibreOffice) reads ``conf``."""
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}
