"""A real office's rhythm: a second build with nothing changed rebuilds nothing, a changed
staff file rebuilds only its manual, --force rebuilds all; progress a person can follow."""

from __future__ import annotations

import io
import shutil

from khumue.build.office import Paths, build_office
from khumue.build.progress import Progress
from khumue.layout.engine import NoLayout
from tests.conftest import ROOT


def test_only_what_changed_is_built_again(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "phayao2", content / "test1")
    second = (content / "test1" / "staff" / "kotchaporn.yaml").read_text(encoding="utf-8")
    (content / "test1" / "staff" / "other.yaml").write_text(
        second.replace("นางกชพร คำวงษา", "นางอื่น คำวงษา"), encoding="utf-8")
    paths = Paths(content=content, out=tmp_path / "out")
    said: list[str] = []
    build_office("test1", paths=paths, year=2570, engine=NoLayout(), progress=said.append)
    folder = paths.out / "test1" / "2570"
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.docx")}
    said.clear()
    build_office("test1", paths=paths, year=2570, engine=NoLayout(), progress=said.append)
    assert sum("ไม่เปลี่ยน" in line for line in said) == 2, said
    assert {p.name: p.stat().st_mtime_ns for p in folder.glob("*.docx")} == stamps
    (content / "test1" / "staff" / "other.yaml").write_text(
        second.replace("นางกชพร คำวงษา", "นางอื่นอีก คำวงษา"), encoding="utf-8")
    said.clear()
    build_office("test1", paths=paths, year=2570, engine=NoLayout(), progress=said.append)
    assert sum("ไม่เปลี่ยน" in line for line in said) == 1
    assert (folder / "kotchaporn.docx").stat().st_mtime_ns == stamps["kotchaporn.docx"]
    assert (folder / "other.docx").stat().st_mtime_ns != stamps["other.docx"]
    said.clear()
    build_office("test1", paths=paths, year=2570, engine=NoLayout(), progress=said.append,
                 force=True)
    assert not any("ไม่เปลี่ยน" in line for line in said)
    # a manual deleted from out/ is built again though its content did not change
    (folder / "kotchaporn.docx").unlink()
    build_office("test1", paths=paths, year=2570, engine=NoLayout())
    assert (folder / "kotchaporn.docx").is_file()


def test_progress_on_a_terminal_is_a_bar_with_the_time_left_and_warnings_above_it():
    import re

    out = io.StringIO()
    progress = Progress(3, out=out, tty=True)
    progress.stage("kotchaporn", "layout")
    progress.done("kotchaporn", "นางกชพร คำวงษา")
    progress.message("warning: ตรวจ")
    progress.done("raprapa", "นางสาวรประภา")
    progress.finish()
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.getvalue())  # the terminal's codes out
    assert "0/3 kotchaporn: layout" in text
    assert "2/3 raprapa: นางสาวรประภา" in text
    assert "  warning: ตรวจ\n" in text
    assert re.search(r"-:--:--|\d+:\d\d:\d\d", text)  # the time left, as rich estimates it
    assert text.endswith("\n")


def test_progress_in_a_log_is_plain_lines():
    out = io.StringIO()
    progress = Progress(2, out=out, tty=False)
    progress.stage("kotchaporn", "layout")  # stages are not logged line by line
    progress.done("kotchaporn", "นางกชพร คำวงษา")
    progress.done("raprapa", "นางสาวรประภา")
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("  [1/2] kotchaporn: นางกชพร คำวงษา, about ")
    assert lines[1] == "  [2/2] raprapa: นางสาวรประภา"
    assert "\r" not in out.getvalue()


class _Engine:
    """A layout engine that lays out (TOC page "1" for every entry) or, like a LibreOffice
    that failed, renders without page numbers."""

    def __init__(self, works: bool):
        self.works = works
        self.note = None
        self.laid_out: list[str] = []

    def lay_out(self, name, manual, render, pdf):
        from khumue.layout.engine import LaidOut

        self.laid_out.append(name)
        if not self.works:
            return LaidOut(render(None), warning="LibreOffice หยุดทำงานกลางคัน")
        pages = {entry.bookmark: "1" for entry in manual.contents}
        return LaidOut(render(pages), None, pages)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None


def test_a_manual_laid_out_without_its_engine_is_laid_out_again_when_the_engine_works(
        tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "phayao2", content / "test1")
    paths = Paths(content=content, out=tmp_path / "out")
    failing, working = _Engine(works=False), _Engine(works=True)
    build_office("test1", paths=paths, year=2570, engine=failing)
    assert failing.laid_out == ["kotchaporn"]
    said: list[str] = []
    build_office("test1", paths=paths, year=2570, engine=working, progress=said.append)
    assert working.laid_out == ["kotchaporn"] and not any("ไม่เปลี่ยน" in s for s in said)
    build_office("test1", paths=paths, year=2570, engine=working, progress=said.append)
    assert working.laid_out == ["kotchaporn"]  # now it is done: not built a third time


def test_each_manual_is_composed_once_a_build_for_the_writer_and_the_review_page(
        tmp_path, monkeypatch):
    from khumue.build import manualjob
    from khumue.typeset.compose import compose_manual
    from khumue.typeset.compose import manual as composing

    composed: list[str | None] = []

    def counted(staff, ctx, staff_id=None):  # type: ignore[no-untyped-def]
        composed.append(staff_id)
        return compose_manual(staff, ctx, staff_id)

    monkeypatch.setattr(manualjob, "compose_manual", counted)
    monkeypatch.setattr(composing, "compose_manual", counted)  # the build's own, imported late
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "phayao2", content / "test1")
    second = (content / "test1" / "staff" / "kotchaporn.yaml").read_text(encoding="utf-8")
    (content / "test1" / "staff" / "other.yaml").write_text(
        second.replace("นางกชพร คำวงษา", "นางอื่น คำวงษา"), encoding="utf-8")
    paths = Paths(content=content, out=tmp_path / "out")
    build_office("test1", paths=paths, year=2570, engine=NoLayout())
    assert sorted(composed) == ["kotchaporn", "other"]
    page = (paths.out / "test1" / "2570" / "review.html").read_text(encoding="utf-8")
    assert "นางอื่น คำวงษา" in page and "นางกชพร คำวงษา" in page
    # one manual changed: it is composed by its job, the kept one once for the review page
    composed.clear()
    (content / "test1" / "staff" / "other.yaml").write_text(
        second.replace("นางกชพร คำวงษา", "นางอื่นอีก คำวงษา"), encoding="utf-8")
    build_office("test1", paths=paths, year=2570, engine=NoLayout())
    assert sorted(composed) == ["kotchaporn", "other"]
