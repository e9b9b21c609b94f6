"""LibreOffice as the build's layout engine: where each heading falls, and PDFs.

:class:`LibreOfficeProcess` runs :mod:`khumue.lo_worker` under the system Python that has
LibreOffice's UNO bridge; the worker keeps one headless office process for the whole build,
so converting many manuals does not start LibreOffice once per file.  LibreOffice lays the
manuals out with a TH SarabunPSK-compatible font (:mod:`khumue.fonts`) through a private
fontconfig file, so its pages are Word's pages.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from khumue.errors import KhumueError
from khumue.fonts import LAKSAMAN_DIR, STYLES, FontError, fontconfig_env, prepare_fonts

WORKER = Path(__file__).with_name("lo_worker.py")
FONT_CACHE = Path(__file__).resolve().parent.parent / "fonts" / "generated"
INSTALL_HINT = ("ติดตั้ง LibreOffice, สะพาน UNO และฟอนต์ด้วยคำสั่ง: "
                "bash tools/install-system-packages.sh")


class LibreOfficeUnavailable(KhumueError):
    """LibreOffice, its UNO bridge or the font it needs is not installed here."""


class LibreOfficeFailed(KhumueError):
    """LibreOffice could not lay out or convert a document."""


@dataclass(frozen=True)
class Layout:
    """Where LibreOffice laid out a document: the physical page (1 = the first) of each
    requested bookmark, and the number of pages."""

    pages: dict[str, int]
    page_count: int


def _uno_python() -> str | None:
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and Path(candidate).exists():
            check = subprocess.run([candidate, "-c", "import uno"], capture_output=True)
            if check.returncode == 0:
                return candidate
    return None


def libreoffice_available() -> str | None:
    """None when LibreOffice can be used here, else what is missing (in Thai, with the fix)."""
    if shutil.which("soffice") is None:
        return f"ไม่พบ LibreOffice (soffice) {INSTALL_HINT}"
    if _uno_python() is None:
        return f"ไม่พบสะพาน UNO ของ LibreOffice (python3-uno) {INSTALL_HINT}"
    if not all((LAKSAMAN_DIR / name).is_file() for name in STYLES.values()):
        return f"ไม่พบฟอนต์ Laksaman สำหรับจัดหน้าแทน TH SarabunPSK {INSTALL_HINT}"
    return None


class LibreOfficeProcess:
    """One headless LibreOffice for a build; use as a context manager.

    Raises LibreOfficeUnavailable (with the fix) when LibreOffice, the UNO bridge or the font is
    missing; LibreOfficeFailed when it cannot start or cannot handle a document.
    """

    def __init__(self, font_cache: Path = FONT_CACHE):
        missing = libreoffice_available()
        if missing:
            raise LibreOfficeUnavailable(missing)
        try:
            conf = prepare_fonts(font_cache)
        except FontError as exc:
            raise LibreOfficeUnavailable(str(exc)) from exc
        python = _uno_python()
        assert python is not None
        self.process = subprocess.Popen(
            [python, str(WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True, env=fontconfig_env(conf))
        if "ready" not in self._answer():
            self.close()
            raise LibreOfficeFailed("LibreOffice เริ่มทำงานไม่ได้")

    def _answer(self) -> dict[str, object]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise LibreOfficeFailed("LibreOffice หยุดทำงานกลางคัน")
        answer: dict[str, object] = json.loads(line)
        return answer

    def layout(self, docx: Path, bookmarks: list[str], pdf: Path | None = None,
               native_digits: bool = False) -> Layout:
        """Lay ``docx`` out; the page of each bookmark; and, when ``pdf`` is given, export the
        document there (page numbers in Thai digits when ``native_digits``)."""
        assert self.process.stdin is not None
        request = {"docx": str(docx.resolve()), "bookmarks": bookmarks,
                   "pdf": str(pdf.resolve()) if pdf else None, "native_digits": native_digits}
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = self._answer()
        if "error" in answer:
            raise LibreOfficeFailed(f"LibreOffice จัดหน้า {docx.name} ไม่ได้: {answer['error']}")
        pages = answer["pages"]
        count = answer["page_count"]
        assert isinstance(pages, dict) and isinstance(count, int)
        return Layout({str(k): int(v) for k, v in pages.items()}, count)

    def close(self) -> None:
        """End the office process (closing the worker's input ends LibreOffice)."""
        if self.process.stdin and not self.process.stdin.closed:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()

    def __enter__(self) -> LibreOfficeProcess:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
