"""Writing the build's files: all or nothing, each atomically, memory not growing with them.

Every file of a build is first written to a staging folder beside its place
(:class:`Staging`); only when every manual has been built are they moved into place, each by
``os.replace``, so a failed build leaves the previous files as they were and a reader never
sees half a file.  Errors say which path and why, in Thai (:class:`OutputError`).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from khumue.content.folders import write_atomically
from khumue.errors import OutputError, output_error

__all__ = ["OutputError", "Staging", "output_error", "prepare_output", "write_atomically"]


def prepare_output(folder: Path) -> None:
    """Check, before any work is done and without creating anything, that ``folder`` can be
    made and written: its nearest existing ancestor is a folder we may write in (or it is
    one).  Raises OutputError."""
    current = folder
    while not current.exists() and current != current.parent:
        if current.is_symlink():  # a dangling link where a folder must go
            raise output_error(folder, OSError(errno.ENOTDIR, "dangling link"))
        current = current.parent
    if not current.is_dir():
        raise output_error(folder, OSError(errno.ENOTDIR, "not a directory"))
    if not os.access(current, os.W_OK | os.X_OK):
        raise output_error(folder, OSError(errno.EACCES, "permission denied"))


class Staging:
    """Files staged under ``<folder>/.khumue-staging-*`` until :meth:`commit` moves each into
    its place below ``folder``; :meth:`abort` (or leaving the ``with`` on an error) removes
    them.  Staged files take no memory, whatever their number."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.stage: Path | None = None
        self.files: list[tuple[Path, Path]] = []  # (staged, final)

    def scratch(self) -> Path:
        """The staging folder itself (made when first asked), for workers to write in."""
        if self.stage is None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                self.stage = Path(tempfile.mkdtemp(prefix=".khumue-staging-", dir=self.folder))
            except OSError as exc:
                raise output_error(self.folder, exc) from None
        return self.stage

    def path(self, final: Path) -> Path:
        """Where to write the file that will be ``final``."""
        staged = self.scratch() / f"{len(self.files)}-{final.name}"
        self.files.append((staged, final))
        return staged

    def adopt(self, staged: Path, final: Path) -> None:
        """Take ``staged`` (written by a worker inside this staging folder) for ``final``."""
        self.files.append((staged, final))

    def write(self, final: Path, data: bytes) -> None:
        """Stage ``data`` for ``final``."""
        staged = self.path(final)
        try:
            staged.write_bytes(data)
        except OSError as exc:
            raise output_error(final, exc) from None

    def commit(self) -> None:
        """Move every staged file into place, each atomically.  Raises OutputError."""
        for staged, final in self.files:
            if not staged.exists():
                continue
            try:
                final.parent.mkdir(parents=True, exist_ok=True)
                with open(staged, "rb") as handle:
                    os.fsync(handle.fileno())
                os.replace(staged, final)
            except OSError as exc:
                raise output_error(final, exc) from None
        self.abort()

    def abort(self) -> None:
        if self.stage is not None:
            shutil.rmtree(self.stage, ignore_errors=True)
            self.stage = None

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        self.abort()
