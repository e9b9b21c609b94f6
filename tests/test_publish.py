"""Publishing for the office website: the publish folder, the office book's outline and tags,
the metadata and PDF/A identification, and index.html opened in a real browser.

The office published here has three staff (sakonnakhon2's own manual with phayao2's and
phetchabun1's staff files beside it), so the book joins several manuals and groups."""

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
from click.testing import CliRunner

from khumue.build.office import Paths, build_office
from khumue.cli.script import main
from khumue.errors import KhumueError
from tests.conftest import ROOT, needs_office

pytestmark = needs_office

YEAR = 2570
OFFICE = "sakonnakhon2"
OFFICE_NAME = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสกลนคร เขต ๒"  # Thai digits, as printed
STAFF = {"apakorn": "นางสาวอาภากร ศรีตามาตร์", "kotchaporn": "นางกชพร คำวงษา",
         "watcharin": "นางวัชรินทร์ ชัยนอก"}
WEBSITE = "https://manuals.example/sk2/2570"  # where the office puts publish/ online


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The publish folder of a three-staff office."""
    base = tmp_path_factory.mktemp("publish")
    content = base / "content"
    shutil.copytree(ROOT / "content" / OFFICE, content / OFFICE)
    for office, staff in (("phayao2", "kotchaporn"), ("phetchabun1", "watcharin")):
        shutil.copy(ROOT / "content" / office / "staff" / f"{staff}.yaml",
                    content / OFFICE / "staff")
    office = content / OFFICE / "office.yaml"
    office.write_text(office.read_text("utf-8") + f"website: {WEBSITE}\n", "utf-8")
    build_office(OFFICE, paths=Paths(content=content, out=base / "out"), year=YEAR,
                 publish=True)
    return base / "out" / OFFICE / str(YEAR) / "publish"


def book_path(folder: Path) -> Path:
    return folder / f"{OFFICE}-{YEAR}-all.pdf"


def page_text(pdf: Path, page: int) -> str:
    """The text of one page (0-based) as pdftotext reads it."""
    return subprocess.run(["pdftotext", "-f", str(page + 1), "-l", str(page + 1), str(pdf),
                           "-"], capture_output=True, text=True, check=True).stdout


def test_the_folder_holds_each_manual_the_book_and_the_index(published: Path):
    assert sorted(p.name for p in published.iterdir()) == sorted(
        [*(f"{s}.pdf" for s in STAFF), book_path(published).name, "index.html",
         "ita-links.txt"])
    manual = published.parent / "apakorn.pdf"
    assert (published / "apakorn.pdf").read_bytes() == manual.read_bytes()


def test_the_links_for_the_ita_form_are_each_manuals_address_on_the_website(published: Path):
    lines = (published / "ita-links.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == ("# คู่มือการปฏิบัติงานของเจ้าหน้าที่ สพป.สกลนคร เขต ๒ ปีงบประมาณ พ.ศ. ๒๕๗๐ "
                        "สำหรับการประเมิน ITA (ตัวชี้วัด o10 คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่)")
    rows = [line.split("\t") for line in lines[1:]]
    assert [len(row) for row in rows] == [2] * (1 + len(STAFF))
    assert rows[0] == ["คู่มือการปฏิบัติงานของเจ้าหน้าที่ทุกเล่มรวมในไฟล์เดียว (๓ เล่ม)",
                       f"{WEBSITE}/{book_path(published).name}"]
    for (title, url), (staff_id, name) in zip(rows[1:], STAFF.items(), strict=True):
        assert title.startswith(f"คู่มือการปฏิบัติงาน {name} ")
        assert not re.search("[0-9]", title), title  # the title in the office's digits
        assert url == f"{WEBSITE}/{staff_id}.pdf"  # the address keeps its own
        assert (published / url.rsplit("/", 1)[1]).is_file()  # the file that goes there


def test_the_book_has_every_page_and_an_outline_manual_part_process(published: Path):
    book = book_path(published)
    with pikepdf.open(book) as pdf:
        sizes = []
        for staff in STAFF:
            with pikepdf.open(published / f"{staff}.pdf") as one:
                sizes.append(len(one.pages))
        assert len(pdf.pages) == sum(sizes)
        with pdf.open_outline() as outline:
            top = outline.root
            assert [item.title for item in top] == [
                "นางสาวอาภากร ศรีตามาตร์ ศึกษานิเทศก์ชำนาญการพิเศษ",
                "นางกชพร คำวงษา ผู้อำนวยการกลุ่มส่งเสริมการจัดการศึกษา",
                "นางวัชรินทร์ ชัยนอก นักจัดการงานทั่วไปชำนาญการ"]
            first = top[0]
            assert [item.title for item in first.children] == [
                "คำนำ", "บทบาทหน้าที่กลุ่มงานนิเทศติดตามและประเมินผลการจัดการศึกษา",
                "การดำเนินงานตามบทบาทหน้าที่รายบุคคล", "ขั้นตอนและแนวปฏิบัติงาน",
                "คู่มือขั้นตอนการดำเนินงาน", "เอกสารอ้างอิง"]
            processes = first.children[4].children
            assert [item.title for item in processes] == [
                "งานส่งเสริมและพัฒนาระบบการนิเทศและการจัดกระบวนการเรียนรู้",
                "งานนิเทศ ติดตาม และประเมินผลการจัดการศึกษา",
                "ปฏิบัติงานร่วมกับหรือสนับสนุนการปฏิบัติงานของหน่วยงานอื่นที่เกี่ยวข้องหรือที่"
                "ได้รับมอบหมาย"]
            # every item opens the page its heading is printed on, in the right manual
            starts = [0, sizes[0], sizes[0] + sizes[1]]
            for manual, start in zip(top, starts, strict=True):
                assert _page(pdf, manual) == start
                for item in manual.children:
                    if item.children:  # a part gathering processes: opens the first
                        assert _page(pdf, item) == _page(pdf, item.children[0])
                    for heading in item.children or [item]:
                        page = _page(pdf, heading)
                        assert start < page < start + sizes[starts.index(start)]
                        words = heading.title.split()[0]
                        assert words in page_text(book, page).replace("\n", " "), heading.title


def _page(pdf: pikepdf.Pdf, item: pikepdf.OutlineItem) -> int:
    destination = item.destination if item.destination is not None else item.action.D
    return pdf.pages.index(pikepdf.Page(destination[0]))


def test_the_book_keeps_the_tags_of_every_manual(published: Path):
    with pikepdf.open(book_path(published)) as pdf:
        assert pdf.Root.MarkInfo.Marked
        document = pdf.Root.StructTreeRoot.K
        assert document.S == "/Document"
        assert [part.S for part in document.K] == ["/Part"] * 3
        pages = {page.obj.objgen for page in pdf.pages}
        parents = dict(pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree).items())
        keys = [int(page.obj.StructParents) for page in pdf.pages]
        assert len(set(keys)) == len(keys) and all(k in parents for k in keys)
        headings = 0
        for element in _elements(document):
            if "/Pg" in element:
                assert element.Pg.objgen in pages
            headings += element.get("/S") in ("/H1", "/H2")
        assert headings >= 3 * 2  # each manual's headings are heading structure


def _elements(element: pikepdf.Dictionary):  # type: ignore[no-untyped-def]
    yield element
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type", "/StructElem") \
                == "/StructElem" and "/S" in kid:
            yield from _elements(kid)


@pytest.mark.parametrize("name", ["apakorn.pdf", f"{OFFICE}-{YEAR}-all.pdf"])
def test_metadata_and_pdfa_identification(published: Path, name: str):
    with pikepdf.open(published / name) as pdf:
        assert pdf.check_pdf_syntax() == []  # qpdf's check of objects and streams
        meta = pdf.open_metadata()
        # a manual carries the DOCX it was printed from (PDF/A-3b, an associated file with
        # AFRelationship Source); the office book, its pages bound, says PDF/A-2b
        assert meta.pdfa_status == ("3B" if name == "apakorn.pdf" else "2B")
        assert pdf.pdf_version >= "1.4"
        assert "/OutputIntents" in pdf.Root
        assert str(pdf.Root.Lang) == "th-TH"
        assert meta["dc:creator"] == [OFFICE_NAME] and str(pdf.docinfo.Author) == OFFICE_NAME
        assert meta["dc:title"] == str(pdf.docinfo.Title)
        assert "ITA o10" in str(pdf.docinfo.Keywords)
        if name == "apakorn.pdf":
            assert meta["dc:title"] == ("คู่มือการปฏิบัติงานของเจ้าหน้าที่ นางสาวอาภากร "
                                        "ศรีตามาตร์ ปีงบประมาณ พ.ศ. ๒๕๗๐")
            assert meta["dc:description"] == "ศึกษานิเทศก์ชำนาญการพิเศษ"
        else:
            assert meta["dc:title"] == f"คู่มือการปฏิบัติงาน {OFFICE_NAME} ปีงบประมาณ พ.ศ. ๒๕๗๐"


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.headings: list[str] = []
        self.text: list[str] = []
        self._in_h2 = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links += [v for k, v in attrs if k == "href" and v]
        self._in_h2 = tag == "h2"
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text.append(data)
        if self._in_h2 and data.strip():
            self.headings.append(data.strip())
            self._in_h2 = False


def test_the_index_lists_the_manuals_by_group_in_thai(published: Path):
    page = (published / "index.html").read_text(encoding="utf-8")
    parser = _Links()
    parser.feed(page)
    assert parser.links == [book_path(published).name, "apakorn.pdf", "kotchaporn.pdf",
                            "watcharin.pdf"]
    assert parser.headings == ["กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา",
                               "กลุ่มส่งเสริมการจัดการศึกษา", "กลุ่มอำนวยการ"]
    assert '<html lang="th">' in page and '<meta charset="utf-8">' in page
    text = " ".join(parser.text)
    assert "ปีงบประมาณ พ.ศ. ๒๕๗๐ จำนวน ๓ เล่ม" in text
    assert not re.search("[0-9]", text), text  # what a reader reads is in Thai digits
    assert "://" not in page  # nothing fetched from elsewhere: it works offline


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium: tools/install-system-packages.sh "
                    "installs Debian's chromium")
def test_a_browser_opens_the_index_and_its_links_reach_the_pdfs(published: Path,
                                                                tmp_path: Path):
    url = (published / "index.html").as_uri()
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([str(CHROMIUM), *flags, "--dump-dom", url], capture_output=True,
                         text=True, timeout=120, check=True).stdout
    parser = _Links()
    parser.feed(dom)  # the page as the browser built it
    assert len(parser.links) == 4
    for link in parser.links:
        target = urllib.parse.urljoin(url, link)
        with urllib.request.urlopen(target) as response:  # file: URL, as the browser resolves
            assert response.read(5) == b"%PDF-", target
    shot = tmp_path / "index.png"
    subprocess.run([str(CHROMIUM), *flags, f"--screenshot={shot}", "--window-size=1000,1400",
                    url], capture_output=True, timeout=120, check=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_publishing_one_staff_member_alone_is_refused(tmp_path: Path):
    with pytest.raises(KhumueError, match="--publish ใช้กับทั้งสำนักงานเท่านั้น"):
        build_office(OFFICE, paths=Paths(out=tmp_path), staff_id="apakorn", publish=True)
    assert not any(tmp_path.iterdir())


def test_a_staff_member_who_left_leaves_the_publish_folder(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "phayao2", content / "phayao2")
    shutil.copy(ROOT / "content" / "phetchabun1" / "staff" / "watcharin.yaml",
                content / "phayao2" / "staff")
    args = ["--office", "phayao2", "--year", str(YEAR), "--publish", "--content", str(content),
            "--out", str(tmp_path / "out")]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    folder = tmp_path / "out" / "phayao2" / str(YEAR) / "publish"
    assert (folder / "watcharin.pdf").is_file()
    assert "for the website:" in first.output
    (content / "phayao2" / "staff" / "watcharin.yaml").unlink()
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in folder.iterdir()) == ["index.html", "kotchaporn.pdf",
                                                        f"phayao2-{YEAR}-all.pdf"]
    with pikepdf.open(folder / f"phayao2-{YEAR}-all.pdf") as pdf:
        with pdf.open_outline() as outline:
            assert [i.title for i in outline.root] == [
                "นางกชพร คำวงษา ผู้อำนวยการกลุ่มส่งเสริมการจัดการศึกษา"]
