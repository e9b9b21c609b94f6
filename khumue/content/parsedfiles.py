"""Content files as last parsed, kept between builds so that a build with nothing changed
does not parse every YAML file again (for an office of 60 manuals, about a tenth of a
second of a build that has nothing else to do).

:class:`ParsedFiles` stands in for :func:`khumue.content.yamlsource.load`: a file whose
bytes (and this program) are those of a file parsed before gives the same value and line
map, read back from one file kept in the output folder; anything else is parsed.  Only a
file that parsed without a problem or a notice is kept, so what the clerk is told never
depends on the cache.  The kept file is ``marshal`` data (plain values only, no code runs
when it is read), written whole and atomically, holding the files of the last build only;
a kept file that cannot be read is as good as none.
"""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path
from typing import Any

from khumue.content import yamlsource
from khumue.content.folders import write_atomically
from khumue.errors import OutputError, Problem

PARSED_FILE = ".khumue-parsed"  # in out/<office-id>/
_FORMAT = 1


class ParsedFiles:
    """The parsed content files kept in ``file`` (None: keep nothing), under ``version`` (a
    digest of the program: a new program parses everything again)."""

    def __init__(self, file: Path | None, version: str):
        self.file = file
        self.version = version
        self.kept: dict[str, bytes] = _read(file) if file is not None else {}
        self.used: dict[str, bytes] = {}

    def load(self, path: Path) -> tuple[Any, yamlsource.LineMap, list[Problem], list[Problem]]:
        """:func:`~khumue.content.yamlsource.load` of ``path``, from the kept parse when the
        file's bytes are those parsed before."""
        problems: list[Problem] = []
        data = yamlsource.read_bytes(path, problems)
        if data is None:
            return None, yamlsource.LineMap(), problems, []
        key = hashlib.sha256(self.version.encode() + b"\0" + data).hexdigest()
        kept = self.kept.get(key)
        if kept is not None:
            try:
                value, lines = marshal.loads(kept)
                self.used[key] = kept
                return value, yamlsource.LineMap(lines), [], []
            except (ValueError, EOFError, TypeError):
                pass  # a damaged entry: parse the file
        value, lines, problems, notices = yamlsource.load(path, data)
        if not problems and not notices:
            try:
                self.used[key] = marshal.dumps((value, lines.items()))
            except ValueError:
                pass  # a value marshal cannot hold (none in valid content): not kept
        return value, lines, problems, notices

    def save(self, whole: bool = True) -> None:
        """Keep the files parsed in this build for the next: only those when it read the
        ``whole`` office, else those and the ones kept before (a build of one staff member
        read only theirs); nothing when there is nothing new, or when the folder cannot be
        written (it is a cache)."""
        if self.file is None:
            return
        keep = self.used if whole else {**self.kept, **self.used}
        if keep == self.kept:
            return
        try:
            write_atomically(self.file, marshal.dumps((_FORMAT, keep)))
        except OutputError:
            pass


def _read(file: Path) -> dict[str, bytes]:
    """The entries kept in ``file``; none when it is missing, damaged or of another format."""
    try:
        kept = marshal.loads(file.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] == _FORMAT
            and isinstance(kept[1], dict)):
        return {}
    return {k: v for k, v in kept[1].items() if isinstance(k, str) and isinstance(v, bytes)}
