"""Files Word opens exactly as written: every shape group with its VML fallback, ids that
never repeat (also with an office's restyled template holding a logo and a bookmark),
connectors glued to the shapes of their group, package properties Word shows, and what a
LibreOffice round trip keeps."""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Cm
from lxml import etree
from openxml_audit import FileFormat, OpenXmlValidator

from khumue.build.office import Paths, build_office
from khumue.layout.engine import NoLayout
from khumue.typeset.wordjoin import plain
from khumue.wordml.oxml import el
from khumue.wordml.styles import set_default_font
from tests.conftest import OFFICES, ROOT, needs_office
from tests.docxread import W

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
WPG = "{http://schemas.microsoft.com/office/word/2010/wordprocessingGroup}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
# A 1×1 PNG, the office's "logo".
LOGO = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8Dw"
                        "HwAFBQIAX8jx0gAAAABJRU5ErkJggg==")


def restyled_template(path: Path) -> Path:
    """The default template as an office restyles it in Word: a logo picture on the cover
    and in the body's header, a bookmark on the cover, a style of its own, another font."""
    document = Document(str(ROOT / "templates" / "default" / "manual.docx"))
    cover = document.paragraphs[0]
    cover.insert_paragraph_before().add_run().add_picture(io.BytesIO(LOGO), width=Cm(2))
    header = document.sections[2].header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(LOGO), width=Cm(1))
    first = document.paragraphs[1]._p
    first.insert(1, el("w:bookmarkStart", {"id": "0", "name": "OfficeLogo"}))
    first.append(el("w:bookmarkEnd", {"id": "0"}))
    style = document.styles.add_style("Office Motto", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    document.add_paragraph("มุ่งมั่น บริการ", style="Office Motto")
    set_default_font(document, "TH Sarabun New")
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def restyled(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("restyled")
    templates = tmp / "templates"
    shutil.copytree(ROOT / "templates" / "default", templates / "default")
    (templates / "phayao2").mkdir()
    restyled_template(templates / "phayao2" / "manual.docx")
    paths = Paths(templates=templates, out=tmp / "out")
    [manual] = build_office("phayao2", paths=paths, year=2570, engine=NoLayout())
    return manual.path


def parts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as package:
        return {name: etree.fromstring(package.read(name)) for name in package.namelist()
                if re.fullmatch(r"word/(document|header\d+|footer\d+)\.xml", name)}


def manuals(built, restyled) -> list[Path]:
    return [*(built[o] for o in OFFICES), restyled]


def texts(element: etree._Element) -> list[str]:
    return [plain("".join(t.text or "" for t in p.iter(f"{W}t")))
            for p in element.iter(f"{W}txbxContent")]


def test_every_shape_group_has_a_vml_fallback_with_the_same_text(built, restyled):
    for path in manuals(built, restyled):
        for name, root in parts(path).items():
            for drawing in root.iter(f"{W}drawing"):
                if drawing.find(f".//{PIC}pic") is not None:
                    continue  # a picture (the logo) needs no fallback
                choice = drawing.getparent()
                assert choice.tag == f"{MC}Choice" and choice.get("Requires") in ("wpg", "wps")
                fallback = choice.getparent().find(f"{MC}Fallback")
                assert fallback is not None and fallback.find(f"{W}pict") is not None
                assert texts(fallback) == texts(choice), (path.name, name)
            ignorable = root.get(f"{MC}Ignorable", "")
            assert "wps" not in ignorable.split() and "wpg" not in ignorable.split()


def test_ids_are_unique_and_bookmarks_paired_across_the_package(built, restyled):
    for path in manuals(built, restyled):
        roots = parts(path).values()
        drawing_ids = [d.get("id") for r in roots for d in r.iter(f"{WP}docPr")]
        assert len(drawing_ids) == len(set(drawing_ids)), path.name
        shape_ids = [c.get("id") for r in roots for c in r.iter(f"{WPS}cNvPr")]
        assert len(shape_ids) == len(set(shape_ids)), path.name
        assert not set(shape_ids) & set(drawing_ids)
        starts = [(b.get(f"{W}id"), b.get(f"{W}name")) for r in roots
                  for b in r.iter(f"{W}bookmarkStart")]
        ends = [b.get(f"{W}id") for r in roots for b in r.iter(f"{W}bookmarkEnd")]
        ids = [i for i, _ in starts]
        assert len(ids) == len(set(ids)) and sorted(ids) == sorted(ends), path.name
        names = [n for _, n in starts]
        assert len(names) == len(set(names)), path.name


def test_the_restyled_templates_logo_bookmark_and_style_are_kept(restyled):
    roots = parts(restyled)
    assert any(r.find(f".//{PIC}pic") is not None for n, r in roots.items()
               if n.startswith("word/header"))
    body = roots["word/document.xml"]
    assert body.find(f".//{PIC}pic") is not None
    assert "OfficeLogo" in [b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")]
    assert Document(str(restyled)).styles["Office Motto"] is not None


def test_every_connector_is_glued_to_shapes_of_its_group(built, restyled):
    glued = 0
    for path in manuals(built, restyled):
        for group in parts(path)["word/document.xml"].iter(f"{WPG}wgp"):
            ids = {c.get("id") for c in group.iter(f"{WPS}cNvPr")}
            for connector in group.iter(f"{WPS}cNvCnPr"):
                for end in (connector.find(f"{A}stCxn"), connector.find(f"{A}endCxn")):
                    if end is not None:
                        assert end.get("id") in ids
                        glued += 1
            for shape in group.iter(f"{WPS}wsp"):
                geometry = shape.find(f"{WPS}spPr/{A}prstGeom")
                assert geometry is not None, "no custom paths: Word's connector presets only"
    assert glued > 100


@pytest.mark.parametrize("file_format", [FileFormat.MICROSOFT_365, FileFormat.OFFICE_2010])
def test_openxml_audit_reports_no_error_and_no_warning(built, restyled, file_format):
    for path in manuals(built, restyled):
        result = OpenXmlValidator(file_format=file_format).validate(str(path))
        assert [str(e) for e in result.errors] == [], path.name
        assert result.warning_count == 0 and result.error_count == 0


def test_package_properties_word_shows(built):
    path = built["phayao2"]
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        settings = package.read("word/settings.xml").decode("utf-8")
        app = package.read("docProps/app.xml").decode("utf-8")
        core = package.read("docProps/core.xml").decode("utf-8")
    assert "docProps/thumbnail.jpeg" not in names
    assert re.search(r'w:name="compatibilityMode"[^>]*w:val="15"', settings)
    assert "<Application>khumue</Application>" in app
    assert "<Company>สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพะเยา เขต 2</Company>" in app
    assert "<dc:title>คู่มือการปฏิบัติงาน นางกชพร คำวงษา ปีงบประมาณ พ.ศ. 2570</dc:title>" in core
    assert "<dc:creator>นางกชพร คำวงษา</dc:creator>" in core
    assert "<dc:language>th-TH</dc:language>" in core
    assert "python-docx" not in core
    assert "2569-10-01" not in core and "2026-10-01T00:00:00Z" in core  # fiscal 2570 begins


@needs_office
def test_a_libreoffice_round_trip_keeps_shapes_and_text(built, tmp_path):
    from khumue.layout.fonts import fontconfig_env
    from khumue.layout.libreoffice import FONT_CACHE, _uno_python

    source = built["sakonnakhon2"]
    saved = tmp_path / "saved.docx"
    python = _uno_python()
    assert python is not None
    result = subprocess.run([python, str(ROOT / "tests" / "lo_shapes.py"), str(source),
                             str(saved)], capture_output=True, text=True, timeout=240,
                            env=fontconfig_env(FONT_CACHE / "fonts.conf"))
    report = json.loads(result.stdout.strip().splitlines()[-1])

    def shapes(path: Path) -> tuple[Counter[str], list[str], list[str]]:
        root = parts(path)["word/document.xml"]
        presets = Counter(g.get("prst") for g in root.iter(f"{A}prstGeom"))
        boxes = sorted(t for t in texts(root) if t)
        body = [plain(t.text or "") for t in root.iter(f"{W}t")
                if not any(a.tag == f"{W}txbxContent" for a in t.iterancestors())]
        return presets, boxes, body

    before, after = shapes(source), shapes(saved)
    assert after[0] == before[0]  # every symbol and connector, by preset
    assert sorted(set(after[1])) == sorted(set(before[1]))  # every text in a shape
    assert "".join(after[2]).replace(" ", "") == "".join(before[2]).replace(" ", "")
    if report["glued"]:
        assert report["moved_end"] == [1000, 1000]  # the arrow's end followed its box
    else:  # LibreOffice imports wps connectors as plain shapes: said in the note
        print(f"\nLibreOffice {report['version']}: {report['connectors']} connectors "
              "imported, glue not kept")
