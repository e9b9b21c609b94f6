"""Golden files: each office's ``word/document.xml``, normalised (indented, canonical
attribute order), built without a layout engine for fiscal year 2570, must equal the one kept
in ``tests/golden/``.  Any change to what a manual contains or how it is written shows here as
a diff a reviewer can read.  After an intended change, rewrite them with

    KHUMUE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

and read the diff before committing it."""

from __future__ import annotations

import difflib
import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from khumue.build.office import Paths, build_office
from khumue.layout.engine import NoLayout
from tests.conftest import OFFICES, ROOT

GOLDEN = ROOT / "tests" / "golden"


def normalised_document(docx: Path) -> str:
    """``word/document.xml`` of ``docx``, canonical (c14n) and indented one element a line."""
    with zipfile.ZipFile(docx) as package:
        xml = package.read("word/document.xml")
    parser = etree.XMLParser(remove_blank_text=True)
    canonical = etree.tostring(etree.fromstring(xml, parser), method="c14n")
    tree = etree.fromstring(canonical, parser)
    etree.indent(tree, space=" ")
    return etree.tostring(tree, encoding="unicode") + "\n"


@pytest.mark.parametrize("office", OFFICES)
def test_document_xml_is_the_golden_one(office, tmp_path):
    [manual] = build_office(office, paths=Paths(out=tmp_path), year=2570, engine=NoLayout())
    actual = normalised_document(manual.path)
    golden = GOLDEN / f"{office}.document.xml"
    if os.environ.get("KHUMUE_UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                    str(golden), "built", lineterm="", n=2)
        shown = "\n".join(list(diff)[:60])
        pytest.fail(f"{office}: word/document.xml differs from {golden.name}; if the change is "
                    f"intended, rewrite with KHUMUE_UPDATE_GOLDEN=1:\n{shown}")


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path):
    first = build_office("sakonnakhon2", paths=Paths(out=tmp_path / "a"), year=2570,
                         engine=NoLayout())[0].path.read_bytes()
    second = build_office("sakonnakhon2", paths=Paths(out=tmp_path / "b"), year=2570,
                          engine=NoLayout())[0].path.read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "a" / "sakonnakhon2" / "2570" / "apakorn.docx") as package:
        assert {i.date_time for i in package.infolist()} == {(2026, 10, 1, 0, 0, 0)}
