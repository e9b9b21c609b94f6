"""The project's folders (:class:`Paths`: content/, templates/, out/) and writing a file into
them whole (:func:`write_atomically`): the import writes content files with it, the build its
record and reports."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from khumue.errors import output_error

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Paths:
    """Where a build or an import reads and writes: content/, templates/ and the output
    folder (by default those beside the package)."""

    content: Path = ROOT / "content"
    templates: Path = ROOT / "templates"
    out: Path = ROOT / "out"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and os.replace,
    so that readers see the old file or the new one, never a part of either.  Raises
    OutputError naming the path."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise output_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise output_error(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
