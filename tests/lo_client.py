"""LibreOffice as a client of our files, for the tests (run by the system Python that has
LibreOffice's uno module, like khumue/layout/lo_worker.py).  Test helper only.

    /usr/bin/python3 tests/lo_client.py IN.docx OUT.docx OPERATION [ARGUMENT ...]
    /usr/bin/python3 tests/lo_client.py --batch JOBS.json    # [[IN, OUT, OPERATION, ...], …]

opens IN in a headless LibreOffice of its own (one for the whole batch), does OPERATION and
saves the document as DOCX to OUT:

- ``save``: nothing (an open and save);
- ``retype OLD NEW``: the drawn shape whose text is OLD (line breaks aside) gets NEW;
- ``accept`` / ``reject``: Edit > Track Changes > Accept All / Reject All;
- ``replace OLD NEW``: Find & Replace of OLD by NEW everywhere;
- ``merge TEXT FROM TO``: in the table holding TEXT, Table › Merge Cells of the cells FROM to
  TO (names such as B3, B4).

Prints one JSON object per document: what was done (shapes retyped, tracked changes before
and after).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def main() -> None:
    import uno
    from com.sun.star.beans import PropertyValue

    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    if sys.argv[1] == "--batch":
        jobs = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    else:
        jobs = [sys.argv[1:]]
    profile = tempfile.mkdtemp(prefix="khumue-lo-test-")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "khumue" / "layout"))
    from lo_worker import start_office

    office, context = start_office(uno, profile, f"khumue_client_{os.getpid()}")
    try:
        if context is None:
            raise SystemExit("LibreOffice did not start")
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context)
        for source, target, operation, *arguments in jobs:
            print(json.dumps(_job(uno, prop, context, desktop, source, target, operation,
                                  arguments)), flush=True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()
        subprocess.run(["rm", "-rf", profile])


def _job(uno, prop, context, desktop, source, target, operation, arguments) -> dict:
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                            (prop("Hidden", True),))
    report = {"redlines_before": _count(document.getRedlines())}
    if operation == "retype":
        report["retyped"] = _retype(document.getDrawPage(), *arguments)
    elif operation in ("accept", "reject"):
        helper = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", context)
        command = ".uno:AcceptAllTrackedChanges" if operation == "accept" else \
            ".uno:RejectAllTrackedChanges"
        helper.executeDispatch(document.getCurrentController().getFrame(), command, "", 0, ())
    elif operation == "merge":
        report["merged"] = _merge(document, *arguments)
    elif operation == "replace":
        search = document.createReplaceDescriptor()
        search.SearchString, search.ReplaceString = arguments
        report["replaced"] = document.replaceAll(search)
    report["redlines_after"] = _count(document.getRedlines())
    document.storeToURL(uno.systemPathToFileUrl(target),
                        (prop("FilterName", "MS Word 2007 XML"),))
    document.close(True)
    return report


def _merge(document, text: str, first: str, last: str) -> int:
    """Merge the cells ``first`` to ``last`` of the table whose text holds ``text``."""
    tables = document.getTextTables()
    for i in range(tables.getCount()):
        table = tables.getByIndex(i)
        names = table.getCellNames()
        seen = "".join(table.getCellByName(n).getString() for n in names)
        seen = "".join(c for c in seen if c not in "\u200b\u200c\u200d\u2060\ufeff")
        if text in seen:
            cursor = table.createCursorByCellName(first)
            cursor.gotoCellByName(last, True)
            cursor.mergeRange()
            return 1
    return 0


def _count(redlines) -> int:
    enumeration = redlines.createEnumeration()
    count = 0
    while enumeration.hasMoreElements():
        enumeration.nextElement()
        count += 1
    return count


def _retype(container, old: str, new: str) -> int:
    done = 0
    for i in range(container.getCount()):
        shape = container.getByIndex(i)
        if shape.getShapeType() == "com.sun.star.drawing.GroupShape":
            done += _retype(shape, old, new)
            continue
        try:
            text = shape.getString()
        except Exception:
            continue
        seen = "".join(c for c in text if c not in "\n\r\u200b\u200c\u200d\u2060\ufeff")
        if seen == old:  # as a person reads it: no line breaks, no zero-width break controls
            shape.setString(new)
            done += 1
    return done


if __name__ == "__main__":
    main()
