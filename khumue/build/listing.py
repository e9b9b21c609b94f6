"""What ``khumue list`` shows of each office under content/: its id, name, short name, how
many staff files it has and which fiscal years have been built into out/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from khumue.build.record import RECORD
from khumue.content.loading import office_ids, staff_files


@dataclass(frozen=True)
class OfficeLine:
    """One office: id, name and short name (from office.yaml; "?" when it cannot be read),
    staff files, and the fiscal years built (B.E., ascending)."""

    office_id: str
    name: str
    short_name: str
    staff: int
    years: tuple[int, ...]


def office_lines(content: Path, out: Path) -> list[OfficeLine]:
    """Every office under ``content``, with the years built under ``out``.  Reads
    office.yaml only for its names, so an office whose content has errors is still listed
    (``khumue check`` says what they are)."""
    lines = []
    for office_id in office_ids(content):
        folder = content / office_id
        try:
            office = yaml.safe_load((folder / "office.yaml").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            office = None
        office = office if isinstance(office, dict) else {}
        built = out / office_id
        years = sorted(int(y.name) for y in built.iterdir()
                       if y.name.isdigit() and (y / RECORD).is_file()) if built.is_dir() else []
        lines.append(OfficeLine(office_id, str(office.get("name", "?")),
                                str(office.get("short_name", "?")),
                                len(staff_files(folder / "staff")), tuple(years)))
    return lines
