"""Write constraints.txt: the exact version of every Python package khumue and its tests run
with (the project's dependencies, its ``test`` extra, and what they depend on), as installed
here.

    python tools/freeze_constraints.py

``.ci/run`` and the README's set-up install with ``-c constraints.txt``, so every machine
builds with the same pythainlp dictionary, python-docx and font tools the golden files
(``tests/golden/``) were made with, and gets the same bytes.  To upgrade: install without the
constraints (``pip install -U -e ".[test]"``), run this, rebuild the golden files
(``KHUMUE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py``), read their diff, run the
whole suite, and commit constraints.txt with the golden files.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = ("# The versions khumue is built and tested with (tools/freeze_constraints.py writes\n"
          "# this file; README, \"Upgrading dependencies\", says when and how).\n")


def _name(requirement: str) -> str:
    return re.split(r"[\s;\[<>=!~(]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def closure(root: str, extras: tuple[str, ...]) -> dict[str, str]:
    """Every installed distribution ``root`` (with ``extras``) needs, name → version."""
    found: dict[str, str] = {}
    todo = [(root, extras)]
    while todo:
        name, wanted = todo.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement for another platform or Python
        key = dist.metadata["Name"].lower().replace("_", "-")
        if key in found and not wanted:
            continue
        found[key] = dist.version
        for requirement in dist.requires or []:
            marker = requirement.split(";", 1)[1] if ";" in requirement else ""
            extra = re.search(r"extra\s*==\s*['\"]([^'\"]+)['\"]", marker)
            if extra and extra.group(1) not in wanted:
                continue
            if marker and not extra and not _applies(marker):
                continue
            todo.append((_name(requirement), ()))
    found.pop(root.lower(), None)
    return found


def _applies(marker: str) -> bool:
    from packaging.markers import Marker

    try:
        return Marker(marker).evaluate()
    except Exception:
        return True


def main() -> None:
    pins = closure("khumue", ("test",))
    lines = [f"{name}=={version}" for name, version in sorted(pins.items())]
    (ROOT / "constraints.txt").write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"constraints.txt: {len(lines)} packages, Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
