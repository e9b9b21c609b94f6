"""LibreOffice worker: one headless office process, driven through UNO, for a whole build.

Run by the system Python that has LibreOffice's ``uno`` module (Debian: python3-uno), not by
the project's interpreter, so it imports nothing but the standard library and uno.  It starts
``soffice`` listening on a private pipe, then answers one JSON request per line on stdin:

    {"docx": "/abs/a.docx", "pdf": "/abs/a.pdf" or null, "bookmarks": ["_Toc100000", …],
     "native_digits": true when the office prints Thai digits}
 -> {"pages": {"_Toc100000": 3, …}, "page_count": 12}   or   {"error": "…"}

``pages`` are physical page numbers (1 = the cover) where LibreOffice lays each bookmark out.
The office process ends when stdin closes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time


def main() -> None:
    import uno
    from com.sun.star.beans import PropertyValue

    def prop(name: str, value: object) -> PropertyValue:
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    pipe = f"khumue_{os.getpid()}"
    profile = tempfile.mkdtemp(prefix="khumue-lo-")
    office = subprocess.Popen(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--invisible",
         "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    context = None
    for _ in range(300):
        try:
            context = resolver.resolve(
                f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if office.poll() is not None:
                break
            time.sleep(0.1)
    if context is None:
        print(json.dumps({"error": "LibreOffice did not start"}), flush=True)
        return
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context)
    print(json.dumps({"ready": True}), flush=True)
    try:
        for line in sys.stdin:
            request = json.loads(line)
            try:
                print(json.dumps(convert(desktop, uno, prop, request)), flush=True)
            except Exception as exc:  # report and go on with the next document
                print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), flush=True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


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
            document.storeToURL(uno.systemPathToFileUrl(request["pdf"]),
                                (prop("FilterName", "writer_pdf_Export"),))
        return {"pages": pages, "page_count": count}
    finally:
        document.close(True)


if __name__ == "__main__":
    main()
