"""LibreOffice's view of a manual's shapes, for the round-trip test (run by the system Python
that has LibreOffice's uno module, like khumue/layout/lo_worker.py).

    /usr/bin/python3 tests/lo_shapes.py IN.docx OUT.docx

Prints one JSON object: the shapes LibreOffice imported (connectors with the shapes their ends
are glued to and their end points), what became of one glued connector's end when its end
shape was moved 1 cm right and down through the API, and saves the document as DOCX to OUT.
Test helper only.
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
    from com.sun.star.awt import Point
    from com.sun.star.beans import PropertyValue

    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    source, target = sys.argv[1], sys.argv[2]
    profile = tempfile.mkdtemp(prefix="khumue-lo-test-")
    # the build's own way of starting LibreOffice (lo_worker imports only the standard library)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "khumue" / "layout"))
    from lo_worker import start_office

    office, context = start_office(uno, profile, f"khumue_test_{os.getpid()}")
    try:
        if context is None:
            raise SystemExit("LibreOffice did not start")
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context)
        document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                                (prop("Hidden", True),))
        shapes, connectors = [], []

        def walk(container, depth):
            for i in range(container.getCount()):
                shape = container.getByIndex(i)
                kind = shape.getShapeType()
                shapes.append(kind)
                if kind == "com.sun.star.drawing.ConnectorShape":
                    connectors.append(shape)
                if kind == "com.sun.star.drawing.GroupShape":
                    walk(shape, depth + 1)

        walk(document.getDrawPage(), 0)
        glued = [c for c in connectors if c.StartShape is not None and c.EndShape is not None]
        report = {"shapes": len(shapes), "connectors": len(connectors), "glued": len(glued),
                  "version": desktop_version(context)}
        if glued:
            connector = glued[0]
            end_shape = connector.EndShape
            before = connector.EndPosition
            position = end_shape.getPosition()
            end_shape.setPosition(Point(position.X + 1000, position.Y + 1000))
            after = connector.EndPosition
            report["moved_end"] = [after.X - before.X, after.Y - before.Y]
        document.storeToURL(uno.systemPathToFileUrl(target),
                            (prop("FilterName", "MS Word 2007 XML"),))
        document.close(True)
        print(json.dumps(report))
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


def desktop_version(context) -> str:
    try:
        provider = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.configuration.ConfigurationProvider", context)
        from com.sun.star.beans import PropertyValue
        node = PropertyValue()
        node.Name, node.Value = "nodepath", "/org.openoffice.Setup/Product"
        access = provider.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationAccess", (node,))
        return str(access.getByName("ooSetupVersionAboutBox"))
    except Exception:
        return "unknown"


if __name__ == "__main__":
    main()
