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

from khumue.errors import KhumueError


class OutputError(KhumueError):
    """The output folder cannot take the files (a file in the way, no permission, a full or
    read-only disk); the message names the path and the cause in Thai."""


def output_error(path: Path, exc: OSError) -> OutputError:
    """An OSError while writing ``path``, said as a clerk can act on it."""
    causes = {errno.ENOSPC: "ดิสก์เต็ม ให้ลบไฟล์ที่ไม่ใช้หรือเลือกที่เก็บอื่นด้วย --out",
              errno.EROFS: "ดิสก์นี้เขียนไม่ได้ (อ่านได้อย่างเดียว) ให้เลือกที่เก็บอื่นด้วย --out",
              errno.EACCES: "ไม่มีสิทธิ์เขียนที่นี่ ให้เลือกที่เก็บอื่นด้วย --out",
              errno.EPERM: "ไม่มีสิทธิ์เขียนที่นี่ ให้เลือกที่เก็บอื่นด้วย --out",
              errno.ENOTDIR: "มีไฟล์ชื่อเดียวกับโฟลเดอร์ที่ต้องใช้อยู่ในเส้นทางนี้ ให้ย้ายหรือเปลี่ยนชื่อไฟล์นั้น",
              errno.EEXIST: "มีไฟล์ชื่อเดียวกับโฟลเดอร์ที่ต้องใช้อยู่แล้ว ให้ย้ายหรือเปลี่ยนชื่อไฟล์นั้น",
              errno.EISDIR: "มีโฟลเดอร์ชื่อเดียวกับไฟล์ที่จะเขียน ให้ย้ายหรือเปลี่ยนชื่อโฟลเดอร์นั้น"}
    cause = causes.get(exc.errno or 0, exc.strerror or str(exc))
    return OutputError(f"เขียน {path} ไม่ได้: {cause} (ไฟล์ที่มีอยู่เดิมยังอยู่ครบ)")


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
