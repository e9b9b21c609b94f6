"""Writing what an import decided: each changed file edited in place
(:mod:`khumue.importer.merge.yamledit`), the new staff files and the office file written whole;
all of it validated together first (the office loaded from a copy with the new files in
it), then each file replaced atomically.  A file whose content does not validate is refused
with the reason, and nothing of it is written."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from khumue.content.fieldpath import Loc
from khumue.content.folders import write_atomically
from khumue.content.loading import OfficeContent, load_office
from khumue.errors import ContentError, KhumueError
from khumue.importer.job.proposals import Combined
from khumue.importer.merge.yamledit import YamlFile


def edited_texts(combined: Mapping[Path, Combined],
                 annotations: Mapping[Path, list[tuple[Loc, str]]]) -> dict[Path, str]:
    """The new text of every existing file that changes or gets a ``# ตรวจ:`` line."""
    out: dict[Path, str] = {}
    for path in sorted({*combined, *annotations}):
        if not path.is_file():
            continue
        file = YamlFile(path)
        if path in combined:
            file.update(combined[path].proposal.current, combined[path].proposal.new)
        by_path: dict[Loc, list[str]] = {}
        for loc, text in annotations.get(path, []):
            by_path.setdefault(loc, []).append(text)
        for loc, lines in by_path.items():
            file.annotate(loc, lines)
        text = file.text()
        if text != file.original:
            out[path] = text
    return out


def validate(content_dir: Path, office_id: str, texts: Mapping[Path, str]) -> str | None:
    """None when the office, with ``texts`` written into it, loads; else what is wrong."""
    folder = content_dir / office_id
    with tempfile.TemporaryDirectory(prefix="khumue-import-") as scratch:
        copy = Path(scratch) / office_id
        if folder.is_dir():
            shutil.copytree(folder, copy, symlinks=True)
        else:
            copy.mkdir()
        for path, text in texts.items():
            target = copy / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        try:
            load_office(Path(scratch), office_id)
        except ContentError as exc:
            return str(exc).replace(str(Path(scratch)), str(content_dir))
        except KhumueError as exc:
            return str(exc)
    return None


def write_all(texts: Mapping[Path, str]) -> list[Path]:
    """Replace every file atomically; the files written.  Raises OutputError (the file and
    the reason) for a place that cannot be written."""
    for path, text in texts.items():
        write_atomically(path, text.encode("utf-8"))
    return list(texts)


def reload(content_dir: Path, office_id: str) -> OfficeContent | None:
    """The office as content/ holds it now, or None when it does not load."""
    try:
        return load_office(content_dir, office_id)
    except KhumueError:
        return None
