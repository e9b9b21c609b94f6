"""LibreOffice as the build's layout engine: where each heading falls, and PDFs.

:class:`LibreOfficeProcess` runs :mod:`khumue.layout.lo_worker` under the system Python that has
LibreOffice's UNO bridge; the worker keeps one headless office process for the whole build,
so converting many manuals does not start LibreOffice once per file.  LibreOffice lays the
manuals out with a TH SarabunPSK-compatible font (:mod:`khumue.layout.fonts`) through a private
fontconfig file, so its pages are Word's pages.
"""

from __future__ import annotations

import functools
import json
import os
import select
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import NoReturn

from khumue.errors import KhumueError
from khumue.layout.fonts import LAKSAMAN_DIR, STYLES, FontError, fontconfig_env, prepare_fonts

WORKER = Path(__file__).with_name("lo_worker.py")
FONT_CACHE = Path(__file__).resolve().parents[2] / "fonts" / "generated"
INSTALL_HINT = ("ติดตั้ง LibreOffice, สะพาน UNO และฟอนต์ด้วยคำสั่ง: "
                "bash tools/install-system-packages.sh")


class LibreOfficeUnavailable(KhumueError):
    """LibreOffice, its UNO bridge or the font it needs is not installed here."""


class LibreOfficeFailed(KhumueError):
    """LibreOffice could not lay out or convert a document."""


@dataclass(frozen=True)
class Layout:
    """Where LibreOffice laid out a document: the physical page (1 = the first) of each
    requested bookmark, the number of pages, and (when asked) the pages on which a tracked
    change starts."""

    pages: dict[str, int]
    page_count: int
    redline_pages: tuple[int, ...] = ()


@functools.lru_cache(maxsize=4)
def _uno_python(path: str | None = None) -> str | None:
    """The system Python that has LibreOffice's UNO bridge (asked once per ``PATH``)."""
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
    if _uno_python(os.environ.get("PATH")) is None:
        return f"ไม่พบสะพาน UNO ของ LibreOffice (python3-uno) {INSTALL_HINT}"
    if not all((LAKSAMAN_DIR / name).is_file() for name in STYLES.values()):
        return f"ไม่พบฟอนต์ Laksaman สำหรับจัดหน้าแทน TH SarabunPSK {INSTALL_HINT}"
    return None


OWNER = "KHUMUE_OWNER"  # set to the build's process id in the environment of its LibreOffice
START_TIMEOUT = 90.0  # s for LibreOffice to start and answer
REQUEST_TIMEOUT = 180.0  # s for one document's layout (and PDF); a manual takes about 2 s
SILENT = 10.0  # s without a heartbeat while working: the worker itself has stopped
STOPPED = 4.0  # s with the office stopped (SIGSTOP, a debugger): it will not go on
STALLED = 25.0  # s without the office using any processor time: it has hung


class LibreOfficeProcess:
    """One headless LibreOffice for a build; use as a context manager.

    The worker (and the LibreOffice it starts) run in a process group of their own, which
    :meth:`close` ends on every way out (an answer that does not come within the time limit,
    an error, Ctrl-C, SIGTERM: the command line turns it into an exit); the worker also ends
    its LibreOffice when the build dies (Linux parent-death signal) and removes its profile
    folder.  Raises LibreOfficeUnavailable (with the fix) when LibreOffice, the UNO bridge
    or the font is missing; LibreOfficeFailed when it cannot start, stops answering or
    cannot handle a document.
    """

    def __init__(self, font_cache: Path = FONT_CACHE, worker: Path | None = None,
                 start_timeout: float = START_TIMEOUT,
                 request_timeout: float = REQUEST_TIMEOUT):
        missing = libreoffice_available()
        if missing:
            raise LibreOfficeUnavailable(missing)
        try:
            conf = prepare_fonts(font_cache)
        except FontError as exc:
            raise LibreOfficeUnavailable(str(exc)) from exc
        python = _uno_python(os.environ.get("PATH"))
        assert python is not None
        self.fonts_conf = conf  # the fonts it lays out with
        self.request_timeout = request_timeout
        self.process = subprocess.Popen(
            [python, str(worker or WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**fontconfig_env(conf), OWNER: str(os.getpid())}, start_new_session=True)
        self._pending = b""  # what the worker wrote past the last line read
        self.profile: Path | None = None  # the office's profile folder, once it is up
        try:
            answer = self._answer(start_timeout)
        except LibreOfficeFailed:
            self.close()
            raise
        if "ready" not in answer:
            self.close()
            raise LibreOfficeFailed(f"LibreOffice เริ่มทำงานไม่ได้: {answer.get('error', '')}")
        profile = answer.get("profile")
        self.profile = Path(profile) if isinstance(profile, str) and \
            Path(profile).name.startswith("khumue-lo-") else None

    def _answer(self, timeout: float, watch: bool = False) -> dict[str, object]:
        """The worker's next answer within ``timeout`` seconds.  With ``watch`` (a request
        is being worked on) its heartbeats are read too, and a worker that stops beating
        (:data:`SILENT`), an office that is stopped (:data:`STOPPED`) or uses no processor
        time (:data:`STALLED`) ends the wait early.  Raises LibreOfficeFailed."""
        start = time.monotonic()
        cpu, progress, stopped_since = -1, start, None
        while True:
            now = time.monotonic()
            wait = timeout - (now - start)
            if wait <= 0:
                self._fail(f"LibreOffice ไม่ตอบภายใน {timeout:.0f} วินาที จึงหยุดไว้")
            answer = self._line(min(wait, SILENT) if watch else wait)
            now = time.monotonic()
            if answer is None:
                if watch or now - start >= timeout:
                    self._fail(f"LibreOffice ไม่ตอบภายใน {min(timeout, SILENT):.0f} วินาที "
                               "จึงหยุดไว้")
                continue
            if "beat" not in answer:
                return answer
            beat = answer.get("beat")
            if isinstance(beat, int) and beat > cpu:
                cpu, progress = beat, now
            stopped_since = (stopped_since or now) if answer.get("stopped") else None
            if stopped_since is not None and now - stopped_since >= STOPPED:
                self._fail("LibreOffice ถูกหยุดไว้กลางคัน (ไม่ทำงานต่อ) จึงหยุดไว้")
            if now - progress >= STALLED:
                self._fail(f"LibreOffice ค้างอยู่ {STALLED:.0f} วินาทีโดยไม่ทำงาน จึงหยุดไว้")

    def _line(self, timeout: float) -> dict[str, object] | None:
        """The next line of JSON the worker writes, or None when none comes in ``timeout``
        seconds.  Raises LibreOfficeFailed when the worker ends or writes something else."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        while b"\n" not in self._pending:
            wait = deadline - time.monotonic()
            ready, _, _ = select.select([self.process.stdout], [], [], max(wait, 0))
            if not ready:
                return None
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                self._fail("LibreOffice หยุดทำงานกลางคัน")
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        try:
            answer = json.loads(line.decode("utf-8", errors="replace"))
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            self._fail(f"LibreOffice ตอบไม่เป็นรูปแบบ: {line[:80]!r}")
        return answer

    def _fail(self, message: str) -> NoReturn:
        self.close(graceful=False)
        raise LibreOfficeFailed(message)

    def layout(self, docx: Path, bookmarks: list[str], pdf: Path | None = None,
               native_digits: bool = False, redlines: bool = False) -> Layout:
        """Lay ``docx`` out; the page of each bookmark; and, when ``pdf`` is given, export the
        document there (page numbers in Thai digits when ``native_digits``); with
        ``redlines``, also the pages that carry tracked changes."""
        if self.process.poll() is not None or self.process.stdin is None or \
                self.process.stdin.closed:
            raise LibreOfficeFailed("LibreOffice หยุดทำงานไปแล้ว")
        request = {"docx": str(docx.resolve()), "bookmarks": bookmarks,
                   "pdf": str(pdf.resolve()) if pdf else None, "native_digits": native_digits,
                   "redlines": redlines}
        try:
            self.process.stdin.write((json.dumps(request) + "\n").encode("utf-8"))
            self.process.stdin.flush()
        except OSError:
            self.close()
            raise LibreOfficeFailed("LibreOffice หยุดทำงานกลางคัน") from None
        answer = self._answer(self.request_timeout, watch=True)
        if "error" in answer:
            raise LibreOfficeFailed(f"LibreOffice จัดหน้า {docx.name} ไม่ได้: {answer['error']}")
        pages = answer.get("pages")
        count = answer.get("page_count")
        if not isinstance(pages, dict) or not isinstance(count, int):
            raise LibreOfficeFailed(f"LibreOffice ตอบไม่ครบสำหรับ {docx.name}")
        marked = answer.get("redline_pages")
        return Layout({str(k): int(v) for k, v in pages.items()}, count,
                      tuple(int(p) for p in marked) if isinstance(marked, list) else ())

    def close(self, graceful: bool = True) -> None:
        """End the worker and its LibreOffice: close its input (it ends LibreOffice and
        removes its profile; not waited for when not ``graceful``: an office that stopped
        answering will not end by itself), then end the whole process group whatever is
        left of it."""
        if self.process.stdin and not self.process.stdin.closed:
            try:
                self.process.stdin.close()
            except OSError:
                pass
        if graceful:
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                pass
        _end_group(self.process.pid)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()
        if self.profile is not None:  # a worker killed before it could remove it
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> LibreOfficeProcess:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def _end_group(pgid: int) -> None:
    """SIGTERM, then SIGKILL, to every process left in group ``pgid`` (the worker's); a
    stopped one is continued first, so that it can end as asked (and the worker remove its
    profile folder)."""
    for sig, pause in ((signal.SIGCONT, 0.0), (signal.SIGTERM, 2.0), (signal.SIGKILL, 0.0)):
        try:
            os.killpg(pgid, sig)
        except (ProcessLookupError, PermissionError):
            return
        deadline = time.monotonic() + pause
        while time.monotonic() < deadline:
            try:
                os.killpg(pgid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)
