"""Tracked changes a real client accepts and rejects exactly: LibreOffice, driven through its
UNO API (tests/lo_client.py), does Accept All and Reject All on each office's changes file,
and what it gives is this year's manual and last year's (composed with this year's office
and year: the cover, the table of contents and changed flowcharts are this year's by
design) — the same paragraphs, tables and drawings.

Last year's content differs from this year's in every way a year does: a whole process, work
standard and section added and another removed, a whole definition list added and another
removed, a step and a row gone, words changed."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from khumue.build.office import Paths, build_office
from khumue.content import yamlsource
from khumue.content.loading import load_office
from khumue.content.templates import TemplateFolders
from khumue.importer.read import import_docx
from khumue.importer.read.units import squeeze
from khumue.layout.engine import NoLayout
from khumue.typeset.compose import ManualContext, compose_manual
from khumue.typeset.wordjoin import plain
from khumue.wordml.writer import write_docx
from tests.conftest import OFFICES, ROOT, needs_office
from tests.test_word_edits import STAFF

pytestmark = needs_office
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEMPLATE = ROOT / "templates" / "default" / "manual.docx"
_NUMBER = re.compile(r"^[0-9๐-๙]+(?:\.[0-9๐-๙]+)*\.?")  # renumbering is not a change
_DRAWN = (f"{W}drawing", f"{W}pict", "{http://schemas.openxmlformats.org/markup-compatibility/"
          "2006}AlternateContent")


def _content(office: str) -> dict[str, Any]:
    """A staff file read as the build reads it (YAML 1.2: ``yes:`` and ``no:`` are text)."""
    value, _, problems, _ = yamlsource.load(ROOT / "content" / office / "staff" /
                                            f"{STAFF[office]}.yaml")
    assert not problems and isinstance(value, dict)
    return value


def last_year(office: str, this: dict[str, Any]) -> dict[str, Any]:
    """Last year's content for this year's ``this``."""
    last = copy.deepcopy(this)
    other = "phayao2" if office == "sakonnakhon2" else "sakonnakhon2"
    if last.get("processes"):
        last["processes"] = last["processes"][1:] + [_content(other)["processes"][0]]
        with_terms = [p for p in last["processes"] if p.get("definitions")]
        if with_terms:
            with_terms[0].pop("definitions")
            with_terms[0].pop("definition_style", None)
        without = [p for p in last["processes"] if not p.get("definitions")]
        if without:
            without[-1]["definitions"] = [{"term": "คำเก่า", "meaning": "ความหมายที่เลิกใช้"}]
        first = last["processes"][0]
        if len(first["steps"]) > 2:
            del first["steps"][1]
        step = first["steps"][0]
        if isinstance(step, dict):
            step["text"] = "ขั้นแรกของปีก่อน " + step["text"]
        else:
            first["steps"][0] = "ขั้นแรกของปีก่อน " + step
    if last.get("work_standards"):
        standards = last["work_standards"]
        foreign = _content("sisaket1" if office == "phayao1" else "phayao1")["work_standards"][0]
        last["work_standards"] = standards[1:] + [foreign]
        rows = last["work_standards"][0]["rows"]
        if len(rows) > 2:
            del rows[1]
    last["sections"] = list(last.get("sections", []))[1:] + [
        {"title": "ส่วนที่เลิกใช้แล้ว", "text": ["ข้อความของปีก่อนที่ไม่มีในปีนี้"]}]
    if last.get("duties"):
        items = last["duties"]["items"]
        first_item = items[0]
        items[0] = (first_item if isinstance(first_item, str) else first_item["text"]) + " (เดิม)"
    return last


def reading(path: Path) -> tuple[list[str], int, int]:
    """(the paragraphs of the front matter and the body, as text without white space or list
    labels, leaving out the table of contents and the text of drawings; their tables; their
    drawings).  The cover and the back cover (their paragraphs in the Cover styles) are this
    year's by design."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    blocks = list(root.find(f"{W}body"))
    texts = []
    for p in (b for b in blocks if b.tag == f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        name = style.get(f"{W}val", "").lower() if style is not None else ""
        if name.startswith(("toc", "contents", "cover")):
            continue
        text = "".join(("\t" if t.tag == f"{W}tab" else plain(t.text or ""))
                       for t in p.iter(f"{W}t", f"{W}tab")
                       if t.getparent().tag == f"{W}r" and
                       not any(a.tag in _DRAWN for a in t.iterancestors()))
        text = _NUMBER.sub("", squeeze(text.split("\t", 1)[1] if "\t" in text else text))
        if text:
            texts.append(text)
    return (texts, sum(b.tag == f"{W}tbl" for b in blocks),
            sum(len(list(b.iter(f"{W}drawing"))) for b in blocks))


@pytest.fixture(scope="module")
def clients(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Each office built for 2569 with last year's content and for 2570, its changes file
    accepted and rejected by LibreOffice; office → the files."""
    root = tmp_path_factory.mktemp("clients")
    shutil.copytree(ROOT / "content", root / "content")
    paths = Paths(content=root / "content", out=root / "out")
    templates = TemplateFolders((ROOT / "templates" / "default",))
    files: dict[str, dict[str, Path]] = {}
    jobs = []
    for office in OFFICES:
        staff = root / "content" / office / "staff" / f"{STAFF[office]}.yaml"
        this_text = staff.read_text(encoding="utf-8")
        staff.write_text(yaml.safe_dump(last_year(office, _content(office)),
                                        allow_unicode=True, sort_keys=False), encoding="utf-8")
        build_office(office, paths=paths, year=2569, engine=NoLayout())
        staff.write_text(this_text, encoding="utf-8")
        [this] = build_office(office, paths=paths, year=2570, engine=NoLayout(),
                              today=dt.date(2026, 10, 5))
        changes = this.path.parent / "changes" / this.path.name
        content = load_office(paths.content, office)
        old = compose_manual(import_docx(paths.out / office / "2569" / this.path.name,
                                         templates).staff,
                             ManualContext(content.office, 2570, templates))
        last = root / f"{office}-last-as-this-year.docx"
        last.write_bytes(write_docx(old, TEMPLATE))
        files[office] = {"this": this.path, "last": last, "changes": changes,
                         "accepted": root / f"{office}-accepted.docx",
                         "rejected": root / f"{office}-rejected.docx"}
        jobs += [[str(changes), str(files[office]["accepted"]), "accept"],
                 [str(changes), str(files[office]["rejected"]), "reject"]]
    from khumue.layout.libreoffice import _uno_python

    batch = root / "jobs.json"
    batch.write_text(json.dumps(jobs), encoding="utf-8")
    done = subprocess.run([_uno_python() or "python3", str(ROOT / "tests" / "lo_client.py"),
                           "--batch", str(batch)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    reports = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(reports) == len(jobs) and all(r["redlines_before"] > 0 and
                                             r["redlines_after"] == 0 for r in reports)
    return files


@pytest.mark.parametrize("office", OFFICES)
def test_accept_all_in_libreoffice_gives_this_years_manual(clients, office, capsys):
    accepted, this = reading(clients[office]["accepted"]), reading(clients[office]["this"])
    with capsys.disabled():
        print(f"\n{office}: Accept All: {len(accepted[0])} paragraphs ({len(this[0])} this "
              f"year), {accepted[1]} tables ({this[1]}), {accepted[2]} drawings ({this[2]})")
    assert accepted == this


@pytest.mark.parametrize("office", OFFICES)
def test_reject_all_in_libreoffice_gives_last_years_manual(clients, office, capsys):
    rejected, last = reading(clients[office]["rejected"]), reading(clients[office]["last"])
    with capsys.disabled():
        print(f"\n{office}: Reject All: {len(rejected[0])} paragraphs ({len(last[0])} last "
              f"year), {rejected[1]} tables ({last[1]}), {rejected[2]} drawings ({last[2]})")
    assert rejected == last
