"""The files an import is given: files and folders (every .docx, .pdf, .doc, .odt and .rtf in
a folder, not its sub-folders), the last three converted to .docx by LibreOffice first (one
office process for all of them, with a profile of its own and a time limit); a PDF is read
as it is."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from khumue.layout.libreoffice import INSTALL_HINT

WORD = ".docx"
PDF = ".pdf"
CONVERTED = frozenset({".doc", ".odt", ".rtf"})
CONVERT_TIMEOUT = 300.0  # s for LibreOffice to convert a batch of files


@dataclass(frozen=True)
class Source:
    """A file to import: as given (``path``), the DOCX read (``docx``: itself, or its
    conversion), and why it cannot be read when it cannot (``refusal``)."""

    path: Path
    docx: Path | None
    converted: bool = False
    refusal: str | None = None


def collect(paths: list[Path]) -> list[Path]:
    """The files ``paths`` name: a file as it is (whatever its kind: one that is not a Word
    document is refused by name later), a folder's Word files sorted by name."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(
                ("~$", ".")) and p.suffix.lower() in (WORD, PDF, *CONVERTED))
        else:
            out.append(path)
    return list(dict.fromkeys(out))


def within_limits(path: Path) -> str | None:
    """Why ``path`` (a .doc, .odt or .rtf about to be converted) is not read, or None: at
    most :data:`~khumue.wordml.limits.MAX_FILE_BYTES` on disk, and an .odt (a zip package)
    within the package limits too (:func:`~khumue.wordml.limits.check_package`), before
    LibreOffice inflates any of it."""
    from khumue.errors import ImportFailed
    from khumue.wordml.limits import MAX_FILE_BYTES, check_package

    try:
        size = path.stat().st_size
    except OSError as exc:
        return f"เปิดไฟล์ไม่ได้ ({exc.strerror})"
    if size > MAX_FILE_BYTES:
        return f"ไฟล์ใหญ่เกิน {MAX_FILE_BYTES // 2**20} MB ({size / 2**20:.0f} MB) จึงไม่ได้นำเข้า"
    if path.suffix.lower() == ".odt":
        try:
            check_package(path)
        except ImportFailed as exc:
            return str(exc).removeprefix(f"{path}: ")
    return None


class Conversions:
    """DOCX copies of the files that need converting, in a temporary folder removed on
    exit."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="khumue-import-"))

    def sources(self, files: list[Path]) -> list[Source]:
        """Each file as a :class:`Source`: a .docx or .pdf as it is, the others converted,
        once within the limits (:func:`within_limits`)."""
        refused = {f: why for f in files if f.suffix.lower() in CONVERTED
                   for why in [within_limits(f)] if why}
        wanted = [f for f in files if f.suffix.lower() in CONVERTED and f.is_file() and
                  f not in refused]
        done, why = self._convert(wanted) if wanted else ({}, "")
        out = []
        for file in files:
            if file in refused:
                out.append(Source(file, None, refusal=refused[file]))
            elif file.suffix.lower() not in CONVERTED:
                out.append(Source(file, file))
            elif file in done:
                out.append(Source(file, done[file], converted=True))
            else:
                out.append(Source(file, None, refusal=why or "แปลงเป็น .docx ไม่ได้"))
        return out

    def _convert(self, files: list[Path]) -> tuple[dict[Path, Path], str]:
        """Convert ``files`` with ``soffice --convert-to docx``; (file → its DOCX, why the
        rest were not)."""
        if shutil.which("soffice") is None:
            return {}, f"ไฟล์ .doc .odt และ .rtf ต้องแปลงด้วย LibreOffice ก่อน {INSTALL_HINT} " \
                       "หรือเปิดใน Word แล้วบันทึกเป็น .docx"
        out: dict[Path, Path] = {}
        copies = []
        for index, file in enumerate(files):  # numbered: two files may share a name
            copies.append(self.folder / f"{index}{file.suffix.lower()}")
            shutil.copyfile(file, copies[-1])
        why = self._run(copies)
        for copy, file in zip(copies, files, strict=True):
            if copy.with_suffix(WORD).is_file():
                out[file] = copy.with_suffix(WORD)
        return out, why or "LibreOffice แปลงไฟล์นี้ไม่ได้ (ไฟล์อาจเสียหรือตั้งรหัสผ่านไว้)"

    def _run(self, files: list[Path]) -> str:
        """One ``soffice --convert-to docx`` for all ``files``, within the time limit (its
        whole process group ended when it passes)."""
        profile = self.folder / "profile"
        process = subprocess.Popen(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--nologo", "--nolockcheck", "--convert-to", "docx", "--outdir", str(self.folder),
             *map(str, files)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            process.wait(timeout=CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return f"LibreOffice แปลงไฟล์ไม่เสร็จใน {CONVERT_TIMEOUT:.0f} วินาที"
        return ""

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Conversions:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
