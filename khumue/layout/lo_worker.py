"""LibreOffice worker: one headless office process, driven through UNO, for a whole build.

Run by the system Python that has LibreOffice's ``uno`` module (Debian: python3-uno), not by
the project's interpreter, so it imports nothing but the standard library and uno.  It starts
``soffice`` listening on a private pipe, then answers one JSON request per line on stdin:

    {"docx": "/abs/a.docx", "pdf": "/abs/a.pdf" or null, "bookmarks": ["_Toc100000", …],
     "native_digits": true when the office prints Thai digits,
     "redlines": true for the pages that carry tracked changes}
 -> {"pages": {"_Toc100000": 3, …}, "page_count": 12, "redline_pages": [4, 9]}
    or {"error": "…"}

(after ``{"ready": true, "profile": "/tmp/khumue-lo-…"}`` once LibreOffice is up: the build
removes the profile folder itself when the worker could not).

``pages`` are physical page numbers (1 = the cover) where LibreOffice lays each bookmark out.
While it works on a request it says every two seconds how much processor time LibreOffice
has used and whether it is stopped (``{"beat": 1234, "stopped": false}``), so that the build
can tell a long document from a LibreOffice that stopped answering.
The office process ends when stdin closes, when the build dies (Linux parent-death signal)
or on SIGTERM; the worker then ends every process of its group and removes its profile.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

BEAT = 2.0  # s between two heartbeats while a request is worked on
_SAY = threading.Lock()
_BUSY = threading.Event()


def say(answer: dict) -> None:
    """One line of JSON to the build (from the main thread or the heartbeat)."""
    with _SAY:
        print(json.dumps(answer), flush=True)


def _heartbeat() -> None:
    while True:
        time.sleep(BEAT)
        if _BUSY.is_set():
            cpu, stopped = office_state()
            say({"beat": cpu, "stopped": stopped})


def office_state() -> tuple[int, bool]:
    """(processor time, in clock ticks, used by the other processes of our group: the
    office; whether any of them is stopped)."""
    group, me = os.getpgid(0), os.getpid()
    cpu, stopped = 0, False
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == me:
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if len(fields) > 13 and int(fields[2]) == group:
            cpu += int(fields[11]) + int(fields[12])
            stopped = stopped or fields[0] in ("T", "t")
    return cpu, stopped


def main() -> None:
    _die_with_parent()
    signal.signal(signal.SIGTERM, _exit_on_signal)
    profile = tempfile.mkdtemp(prefix="khumue-lo-")
    office = None
    try:
        office = _serve(profile)
    finally:
        _end_children(office)
        shutil.rmtree(profile, ignore_errors=True)


def _serve(profile: str):  # type: ignore[no-untyped-def]
    import uno
    from com.sun.star.beans import PropertyValue

    def prop(name: str, value: object) -> PropertyValue:
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    office, context = start_office(uno, profile, f"khumue_{os.getpid()}")
    if context is None:
        say({"error": "LibreOffice did not start"})
        return office
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context)
    say({"ready": True, "profile": profile})
    threading.Thread(target=_heartbeat, daemon=True).start()
    try:
        for line in sys.stdin:
            _BUSY.set()
            try:
                request = json.loads(line)
                answer = convert(desktop, uno, prop, request)
            except Exception as exc:  # report and go on with the next document
                answer = {"error": f"{type(exc).__name__}: {exc}"}
            _BUSY.clear()
            say(answer)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()
    return office


def start_office(uno, profile: str, pipe: str):  # type: ignore[no-untyped-def]
    """Start a headless ``soffice`` with its own profile folder, listening on ``pipe``, and
    connect to it through UNO (up to 30 s).  Returns (the process, its component context, or
    None when it did not answer).  Also used by tests/lo_shapes.py."""
    office = subprocess.Popen(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--invisible",
         "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(300):
        try:
            return office, resolver.resolve(
                f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if office.poll() is not None:
                break
            time.sleep(0.1)
    return office, None


def _die_with_parent() -> None:
    """Ask Linux to send SIGTERM when the build that started us dies (even by kill -9)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the build died before we asked
            raise SystemExit(0)
    except (OSError, AttributeError):
        pass


def _exit_on_signal(signum, frame) -> None:  # type: ignore[no-untyped-def]
    raise SystemExit(128 + signum)


def _end_children(office) -> None:  # type: ignore[no-untyped-def]
    """End LibreOffice and anything it started in our process group, then return."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if office is not None and office.poll() is None:
        office.terminate()
        try:
            office.wait(timeout=5)
        except subprocess.TimeoutExpired:
            office.kill()
    try:
        os.killpg(os.getpgid(0), signal.SIGTERM)  # soffice.bin and friends; we ignore it
    except OSError:
        pass


PDF_OPTIONS = (("SelectPdfVersion", 2), ("UseTaggedPDF", True), ("ExportBookmarks", True),
               ("ExportBookmarksToPDFDestination", True), ("ExportNotes", False),
               ("EmbedStandardFonts", True))


def convert(desktop, uno, prop, request: dict) -> dict:  # type: ignore[no-untyped-def]
    url = uno.systemPathToFileUrl(request["docx"])
    document = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    try:
        pages = {}
        bookmarks = document.getBookmarks()
        cursor = document.getCurrentController().getViewCursor()
        for name in request.get("bookmarks", []):
            if bookmarks.hasByName(name):
                cursor.gotoRange(bookmarks.getByName(name).getAnchor(), False)
                pages[name] = cursor.getPage()
        redlines = _redline_pages(document, cursor) if request.get("redlines") else []
        cursor.jumpToLastPage()
        count = cursor.getPage()
        if request.get("native_digits"):
            # LibreOffice ignores w:pgNumType fmt="thaiNumbers"; native numbering in the
            # document's locale (th-TH) prints ๑ ๒ ๓ as Word does.
            styles = document.getStyleFamilies().getByName("PageStyles")
            for name in styles.getElementNames():
                style = styles.getByName(name)
                if style.NumberingType == 4:  # ARABIC
                    style.NumberingType = 12  # NATIVE_NUMBERING
        if request.get("pdf"):
            # PDF/A-2b, tagged (headings, lists and tables as structure), an outline from the
            # headings, Word bookmarks as named destinations (the office book links to them);
            # LibreOffice's PDF export options (filter "writer_pdf_Export")
            options = uno.Any("[]com.sun.star.beans.PropertyValue", tuple(
                prop(name, value) for name, value in PDF_OPTIONS))
            document.storeToURL(uno.systemPathToFileUrl(request["pdf"]),
                                (prop("FilterName", "writer_pdf_Export"),
                                 prop("FilterData", options)))
        return {"pages": pages, "page_count": count, "redline_pages": redlines}
    finally:
        document.close(True)


def _redline_pages(document, cursor) -> list:  # type: ignore[no-untyped-def]
    """The pages (physical, from 1) on which a tracked change starts."""
    found = set()
    enumeration = document.getRedlines().createEnumeration()
    while enumeration.hasMoreElements():
        redline = enumeration.nextElement()
        try:
            cursor.gotoRange(redline.getPropertyValue("RedlineStart"), False)
            found.add(cursor.getPage())
        except Exception:  # a change inside a drawing's text: its anchor has no page here
            continue
    return sorted(found)


if __name__ == "__main__":
    main()
