"""A font that lays out like TH SarabunPSK on a machine that does not have it.

Debian's ``fonts-tlwg-laksaman`` is drawn from TH Sarabun New with every advance width exactly
1.503 times larger (TLWG scaled it by 150.42%).  A copy whose head.unitsPerEm is 1503 instead
of 1000 has TH Sarabun New's metrics; named "TH SarabunPSK", it is what LibreOffice finds for
the manuals' font.  Debian's own alias maps "TH Sarabun*" to Laksaman with a fontconfig matrix
of 0.66, which LibreOffice ignores (text 1.5 times too large, wrong pages), hence the copy.

:func:`prepare_fonts` writes the copies and a private ``fonts.conf`` into a folder;
:func:`fontconfig_env` gives the environment in which LibreOffice uses them.
"""

from __future__ import annotations

import os
from pathlib import Path

from fontTools.ttLib import TTFont

from khumue.errors import KhumueError

LAKSAMAN_DIR = Path("/usr/share/fonts/truetype/tlwg")
SCALED_UPEM = 1503  # Laksaman's 1000 units per em × 1.503
STYLES = {"Regular": "Laksaman.ttf", "Bold": "Laksaman-Bold.ttf",
          "Italic": "Laksaman-Italic.ttf", "Bold Italic": "Laksaman-BoldItalic.ttf"}


class FontError(KhumueError):
    """No source font to prepare a TH SarabunPSK-compatible font from."""


def prepare_fonts(target: Path, family: str = "TH SarabunPSK",
                  source: Path = LAKSAMAN_DIR) -> Path:
    """Write ``family`` in four styles (Laksaman rescaled to TH Sarabun metrics) and a
    fonts.conf that adds them to the system's fonts into ``target``; returns the fonts.conf.

    Raises FontError when Laksaman is not installed (Debian package fonts-tlwg-laksaman).
    """
    conf = target / "fonts.conf"
    if conf.is_file():
        return conf
    missing = [name for name in STYLES.values() if not (source / name).is_file()]
    if missing:
        raise FontError(
            f"ไม่พบฟอนต์ {', '.join(missing)} ใน {source} ซึ่งใช้จัดหน้าแทน {family} "
            "ให้ติดตั้งด้วยคำสั่ง: apt-get install fonts-tlwg-laksaman")
    target.mkdir(parents=True, exist_ok=True)
    postscript = family.replace(" ", "")
    for style, name in STYLES.items():
        with TTFont(str(source / name)) as font:
            _rename_and_scale(font, family, postscript, style)
            font.save(str(target / f"{postscript}-{style.replace(' ', '')}.ttf"))
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{target}</dir>\n  <cachedir>{target / 'cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8")
    return conf


def _rename_and_scale(font: TTFont, family: str, postscript: str, style: str) -> None:
    font["head"].unitsPerEm = SCALED_UPEM
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID == 4:
            record.string = f"{family} {style}"
        elif record.nameID == 6:
            record.string = f"{postscript}-{style.replace(' ', '')}"


def fontconfig_env(conf: Path) -> dict[str, str]:
    """The process environment in which fontconfig (and so LibreOffice) reads ``conf``."""
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}
