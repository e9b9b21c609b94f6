"""The reviewer's page (review.html): what a director sees before signing, opened in a real
browser (headless Chromium), with the pages LibreOffice made.

The office here is sakonnakhon2 (Thai digits; apakorn: four warnings, not ITA-ready) with
phayao2's kotchaporn beside her (no warning, ITA-ready), built for 2569 and again for 2570
after kotchaporn's content was edited, so that she has changed since last year and apakorn
has not."""

from __future__ import annotations

import html.parser
import re
import shutil
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pikepdf
import pytest

from khumue.build.checking import check_office
from khumue.build.office import Paths, build_office
from khumue.content.templates import TemplateFolders
from khumue.layout.blockpages import PageFinder, PrintedPages
from khumue.layout.engine import NoLayout
from khumue.pdf.pages import pdf_page
from khumue.typeset.compose import ManualContext, compose_manual
from khumue.typeset.digits import thai_digits
from khumue.typeset.textkey import squeeze
from tests.conftest import ROOT, needs_office

OFFICE = "sakonnakhon2"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NEW_STEP = "แต่งตั้งคณะกรรมการพิจารณาจัดสรรทุนการศึกษา"  # kotchaporn's edited step, in 2570


def office_content(base: Path) -> Path:
    """sakonnakhon2's content with kotchaporn's staff file beside apakorn's, her numbers
    typed in Thai digits as the office prints them (so she has no warning)."""
    content = base / "content"
    shutil.copytree(ROOT / "content" / OFFICE, content / OFFICE)
    text = (ROOT / "content" / "phayao2" / "staff" / "kotchaporn.yaml").read_text("utf-8")
    (content / OFFICE / "staff" / "kotchaporn.yaml").write_text(thai_digits(text), "utf-8")
    return content


def edit_kotchaporn(content: Path) -> None:
    path = content / OFFICE / "staff" / "kotchaporn.yaml"
    text = path.read_text(encoding="utf-8")
    old = "      - text: แต่งตั้งคณะกรรมการพิจารณาจัดสรร\n"
    assert old in text
    path.write_text(text.replace(old, f"      - text: {NEW_STEP}\n"), encoding="utf-8")


class _Page(html.parser.HTMLParser):
    """The page as a reader meets it: each manual's article (its attributes, visible or
    hidden), the links, the thumbnails and changed pages of each manual, and the text a
    reader reads (the clerk's file:line lines apart)."""

    def __init__(self) -> None:
        super().__init__()
        self.articles: dict[str, dict[str, str | None]] = {}
        self.links: list[str] = []
        self.thumbs: dict[str, list[str]] = {}
        self.changed: dict[str, list[str]] = {}
        self.groups: list[str] = []
        self.text: list[str] = []
        self.clerk: list[str] = []
        self._article: str | None = None
        self._where: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag == "article":
            self._article = (values.get("id") or "")[2:]
            self.articles[self._article] = values
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag == "div" and "strip" in classes:
            self._where.append("strip")
        elif tag == "div" and "changes" in classes:
            self._where.append("changes")
        elif tag == "span" and "clerk" in classes:
            self._where.append("clerk")
        elif tag == "h2":
            self._where.append("h2")
        elif tag in ("div", "span", "h2", "script", "style"):
            self._where.append(tag)
        if tag == "img" and self._article:
            kind = self.thumbs if "strip" in self._where else self.changed
            kind.setdefault(self._article, []).append(values.get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("div", "span", "h2", "script", "style") and self._where:
            self._where.pop()
        if tag == "article":
            self._article = None

    def handle_data(self, data: str) -> None:
        if "script" in self._where or "style" in self._where:
            return
        if self._where and self._where[-1] == "h2" and data.strip():
            self.groups.append(data.strip())
        (self.clerk if "clerk" in self._where else self.text).append(data)


def parse(html_text: str) -> _Page:
    page = _Page()
    page.feed(html_text)
    return page


def test_without_libreoffice_the_page_says_pages_need_it_and_shows_the_rest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    content = office_content(tmp_path)
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))  # a machine without LibreOffice
    build_office(OFFICE, paths=Paths(content=content, out=tmp_path / "out"), year=2570)
    monkeypatch.undo()
    folder = tmp_path / "out" / OFFICE / "2570"
    page = (folder / "review.html").read_text(encoding="utf-8")
    seen = parse(page)
    assert set(seen.articles) == {"apakorn", "kotchaporn"}
    assert not seen.thumbs and not seen.changed
    # how to get the pictures: install LibreOffice, then build with PDFs
    assert "ต้องใช้ LibreOffice" in page and "bash tools/install-system-packages.sh" in page
    assert f"python build.py --office {OFFICE} --pdf" in page
    assert "ยังไม่มีภาพหน้ากระดาษของเล่มนี้" in page
    assert seen.articles["apakorn"]["data-warnings"] == "1"
    assert seen.articles["apakorn"]["data-ita"] == "0"
    assert seen.articles["kotchaporn"]["data-warnings"] == "0"
    assert seen.articles["kotchaporn"]["data-ita"] == "1"
    text = " ".join(seen.text)
    assert "ข้อควรตรวจ ๔" in text  # apakorn's warnings, counted in the office's digits
    assert "ตัวชี้วัด o10" in text  # a code keeps its digits
    # the clerk's line names the file, the line and the field, as the command line does
    assert any(re.search(r"apakorn\.yaml:\d+: processes\[2\]$", line) for line in seen.clerk)
    # what a reader reads is in Thai digits, codes (o10) and the command apart
    reader = re.sub(r"o10|python build\.py --office \S+ --pdf", "", text)
    assert not re.search("[0-9]", reader), re.findall(r".{20}[0-9].{20}", reader)
    assert "://" not in page.replace("file://", "")  # nothing fetched: it works offline
    # the links are the files the build wrote
    for link in seen.links:
        if not link.startswith("#"):
            assert (folder / urllib.parse.unquote(link.split("#")[0])).is_file(), link


def test_an_office_restyles_the_page_with_its_own_template(tmp_path: Path):
    content = office_content(tmp_path)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates" / "default", templates / "default")
    (templates / OFFICE).mkdir()
    (templates / OFFICE / "review.html.j2").write_text(
        "<p>{{ office.short_name }} {{ totals.manuals }} เล่ม</p>\n", encoding="utf-8")
    build_office(OFFICE, paths=Paths(content=content, templates=templates,
                                     out=tmp_path / "out"), year=2570, engine=NoLayout())
    page = (tmp_path / "out" / OFFICE / "2570" / "review.html").read_text(encoding="utf-8")
    assert page == "<p>สพป.สกลนคร เขต ๒ ๒ เล่ม</p>\n"


def test_a_page_is_moved_as_the_heading_before_it_between_layout_and_pdf():
    # LibreOffice counts a blank page before a section that restarts at 1; its PDF has none
    layout, pdf = {"_Toc1": 3, "_Toc2": 5, "_Toc3": 9}, {"_Toc1": 2, "_Toc2": 4, "_Toc3": 8}
    assert [pdf_page(p, layout, pdf) for p in (1, 3, 4, 5, 7, 9, 11)] == [1, 2, 3, 4, 6, 8, 10]


def _kotchaporn_doc():
    checked = check_office("phayao2")
    [entry] = checked.content.staff
    ctx = ManualContext(checked.content.office, checked.fiscal_year,
                        TemplateFolders.for_office(ROOT / "templates", "phayao2"), "phayao2")
    return entry, compose_manual(entry.staff, ctx, entry.id)


def test_a_warning_points_at_the_page_that_prints_its_block_not_a_later_repeat():
    entry, doc = _kotchaporn_doc()
    bookmarks = [e.bookmark for e in doc.contents]
    physical = dict(zip(bookmarks, (2, 4, 7), strict=True))  # foreword, process 1, process 2
    step = entry.staff.processes[1].steps[3].text  # also in the flowchart and summary form
    pages = [""] * 10
    pages[6] = squeeze(f"5.1 {entry.staff.processes[1].steps[0].text}")
    pages[7] = squeeze(f"5.4 {step}")  # the step, on the second page of its process
    pages[8] = squeeze(step)  # its flowchart box, a page on
    finder = PageFinder(doc, physical, pages)
    place = finder.find(("processes", 1, "steps", 3))
    assert place is not None and (place.physical, place.printed) == (8, "5")
    assert place.heading == entry.staff.processes[1].name
    # a value the pages do not show is placed at its part's first page
    place = finder.find(("processes", 1, "flowchart"))
    assert place is not None and place.physical == 7
    assert finder.find(("name",)) is not None and finder.find(("name",)).printed == ""
    assert PageFinder(doc, {}).find(("processes", 1)) is None  # not laid out: not known
    printed = PrintedPages(doc, physical, page_count=10)
    assert [printed(p) for p in range(1, 11)] == ["", "ก", "ข", "1", "2", "3", "4", "5",
                                                  "6", ""]


# with LibreOffice: the office built for two fiscal years, with PDFs

@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2570 output folder of the two-year office."""
    base = tmp_path_factory.mktemp("review")
    content = office_content(base)
    paths = Paths(content=content, out=base / "out")
    build_office(OFFICE, paths=paths, year=2569, pdf=True)
    edit_kotchaporn(content)
    build_office(OFFICE, paths=paths, year=2570, pdf=True)
    return base / "out" / OFFICE / "2570"


def browser_dom(url: str, profile: Path) -> str:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", f"--user-data-dir={profile}"]
    return subprocess.run([str(CHROMIUM), *flags, "--dump-dom", url], capture_output=True,
                          text=True, timeout=120, check=True).stdout


def pdf_text(pdf: Path, page: int) -> str:
    return squeeze(subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf),
                                   "-"], capture_output=True, text=True, check=True).stdout)


needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium: "
                                   "tools/install-system-packages.sh installs Debian's chromium")


@needs_office
@needs_browser
def test_the_browser_shows_every_manual_by_group_with_its_pages(reviewed: Path,
                                                                tmp_path: Path):
    url = (reviewed / "review.html").as_uri()
    seen = parse(browser_dom(url, tmp_path / "profile"))
    assert seen.groups == ["กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา",
                           "กลุ่มส่งเสริมการจัดการศึกษา"]
    assert all("hidden" not in a for a in seen.articles.values())  # no filter: all shown
    text = " ".join(seen.text)
    assert "นางสาวอาภากร ศรีตามาตร์" in text and "นางกชพร คำวงษา" in text
    for staff_id in ("apakorn", "kotchaporn"):
        with pikepdf.open(reviewed / f"{staff_id}.pdf") as pdf:
            count = len(pdf.pages)
        assert len(seen.thumbs[staff_id]) == count, staff_id  # one thumbnail per page
        assert all(src.startswith("data:image/jpeg;base64,") for src in seen.thumbs[staff_id])
    reached = set()
    for link in seen.links:
        if link.startswith("#"):
            continue
        target = urllib.parse.urljoin(url, link)
        with urllib.request.urlopen(target.split("#")[0]) as response:  # as the browser does
            head = response.read(5)
        assert head == b"%PDF-" or head.startswith(b"PK\x03\x04"), link
        reached.add(link.split("#")[0])
    assert {"apakorn.docx", "apakorn.pdf", "kotchaporn.docx", "kotchaporn.pdf",
            "changes/kotchaporn.docx", "changes/kotchaporn.pdf"} <= reached
    assert "changes/apakorn.docx" not in reached  # she did not change


@needs_office
@needs_browser
@pytest.mark.parametrize("key, shown", [("all", {"apakorn", "kotchaporn"}),
                                        ("warnings", {"apakorn"}),
                                        ("not-ita", {"apakorn"}),
                                        ("changed", {"kotchaporn"})])
def test_the_filter_is_the_address_of_the_page(reviewed: Path, tmp_path: Path, key: str,
                                               shown: set[str]):
    seen = parse(browser_dom((reviewed / "review.html").as_uri() + f"#{key}",
                             tmp_path / "profile"))
    visible = {k for k, a in seen.articles.items() if "hidden" not in a}
    assert visible == shown


@needs_office
def test_a_warning_names_the_page_its_process_is_printed_on(reviewed: Path):
    seen = parse((reviewed / "review.html").read_text(encoding="utf-8"))
    page = (reviewed / "review.html").read_text(encoding="utf-8")
    # apakorn's second process has no step time: the warning links to the page it starts on
    found = re.search(r'href="#m-apakorn-p(\d+)">หน้า ([๐-๙]+) ในส่วน “งานส่งเสริมและพัฒนา', page)
    assert found, "the warning on processes[2] has no page"
    number = int(found.group(1))
    assert squeeze("งานส่งเสริมและพัฒนาระบบการนิเทศ") in pdf_text(reviewed / "apakorn.pdf",
                                                                 number)
    # and the page prints the number the warning gives
    assert pdf_text(reviewed / "apakorn.pdf", number).startswith(found.group(2))
    assert f"m-apakorn-p{number}" in page and seen.thumbs["apakorn"]


@needs_office
def test_the_pages_that_changed_are_shown_as_libreoffice_prints_them(reviewed: Path):
    seen = parse((reviewed / "review.html").read_text(encoding="utf-8"))
    page = (reviewed / "review.html").read_text(encoding="utf-8")
    assert "apakorn" not in seen.changed  # unchanged since 2569
    pictures = seen.changed["kotchaporn"]
    assert pictures and all(p.startswith("data:image/png;base64,") for p in pictures)
    shown = [int(n) for n in re.findall(r'href="changes/kotchaporn\.pdf#page=(\d+)"', page)]
    assert len(shown) == len(pictures)
    changes = reviewed / "changes" / "kotchaporn.pdf"
    with pikepdf.open(changes) as pdf:
        count = len(pdf.pages)
    holding = [n for n in range(1, count + 1) if squeeze(NEW_STEP) in pdf_text(changes, n)]
    assert holding and holding[0] in shown  # the page of the edited step
    assert 1 not in shown  # the cover did not change


def test_a_reviewers_comment_in_the_content_stands_at_the_value_below_it(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "phayao2", content / "phayao2")
    path = content / "phayao2" / "staff" / "kotchaporn.yaml"
    text = path.read_text(encoding="utf-8")
    old = "      - text: แต่งตั้งคณะกรรมการพิจารณาจัดสรร\n"
    path.write_text(text.replace(old, "      # ตรวจ: ผู้อำนวยการกลุ่ม: ควรระบุระยะเวลา\n" + old),
                    encoding="utf-8")
    checked = check_office("phayao2", paths=Paths(content=content, out=tmp_path / "out"))
    [comment] = [w for w in checked.warnings["kotchaporn"] if "ข้อที่ต้องตรวจ" in w.message]
    assert comment.at == ("processes", 0, "steps", 2, "text")  # the step written below it
