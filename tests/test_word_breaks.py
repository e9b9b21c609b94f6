"""Thai lines break between words everywhere a manual prints text: the zero-width break
controls a manual carries (khumue.typeset.wordjoin), what LibreOffice makes of them, and that
nobody reading the text sees them."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from khumue.build import Paths, build_office
from khumue.content import TemplateFolders, load_office
from khumue.content.templates import MANUAL_DOCX
from khumue.errors import ContentError
from khumue.layout import LibreOfficeLayout, NoLayout
from khumue.typeset import ManualContext, compose_manual
from khumue.typeset.metrics import text_width
from khumue.typeset.thaiwords import thai_words
from khumue.typeset.wordjoin import LAYOUT_MARKS, ZWJ, ZWSP, plain, with_marks
from khumue.wordml.reader import read_docx
from khumue.wordml.writer import write_docx
from tests.conftest import OFFICES, ROOT, needs_office

_spec = importlib.util.spec_from_file_location("linebreaks", ROOT / "tools" / "linebreaks.py")
assert _spec is not None and _spec.loader is not None
linebreaks = importlib.util.module_from_spec(_spec)
sys.modules["linebreaks"] = linebreaks
_spec.loader.exec_module(linebreaks)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
THAI = re.compile("[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e]")
WORDS = thai_words()
CELL = ("ครูผู้รับผิดชอบงานช่วยเหลือนักเรียนรับผิดชอบการช่วยเหลือนักเรียนและรับผิดชอบ"
        "ติดตามช่วยเหลือนักเรียนทุกคนอย่างทั่วถึงถูกต้องตามเป้าหมาย")
STAFF = f"""name: นางสมศรี ใจดี
position: นักวิชาการศึกษา
group: กลุ่มส่งเสริมการจัดการศึกษา
processes:
  - name: งานระบบดูแลช่วยเหลือนักเรียน
    objectives: เพื่อช่วยเหลือนักเรียน
    responsible: {CELL}
    steps:
      - text: ประสานงานช่วยเหลือนักเรียนและผู้รับผิดชอบงานช่วยเหลือนักเรียนในสถานศึกษาให้ทั่วถึง
        duration: 1 สัปดาห์
      - text: รายงานผลการช่วยเหลือนักเรียนต่อผู้รับผิดชอบ
        duration: 1 สัปดาห์
"""


def shown(text: str) -> str:
    return text.replace(ZWJ, "⁀").replace(ZWSP, "|")


def test_a_word_an_engine_would_cut_is_joined_and_set_apart():
    marked = with_marks("ช่วยเหลือนักเรียนและรับผิดชอบ", WORDS)
    assert plain(marked) == "ช่วยเหลือนักเรียนและรับผิดชอบ"
    # ICU cuts ช่วย|เหลือ and รับผิด|ชอบ: joined between every two clusters; นักเรียน is
    # ICU's own word: set apart only; และ, one syllable: nothing
    assert shown(marked) == "ช่⁀ว⁀ย⁀เห⁀ลือ|นักเรียน|และ|รั⁀บ⁀ผิ⁀ด⁀ช⁀อ⁀บ"


def test_no_break_control_outside_thai_or_inside_a_cluster():
    text = ("ดูที่ www.pyo2.go.th หรือ e-mail: saraban@pyo2.go.th รหัส o10 พ.ศ. 2546 "
            "น้ำท่วม ที่นี่ ประเมินตนเอง(Self Assessment Report : SAR)ตามมาตรฐาน")
    marked = with_marks(text, WORDS)
    assert plain(marked) == text
    for m in re.finditer(f"[{LAYOUT_MARKS}]", marked):
        before, after = marked[m.start() - 1], marked[m.end()]
        assert THAI.match(after), shown(marked[m.start() - 5:m.end() + 5])
        assert THAI.match(before) or before == ")", shown(marked[m.start() - 5:m.end() + 5])
        assert not re.match("[\u0e31\u0e33-\u0e3a\u0e47-\u0e4e]", after)  # never before a mark
    assert "www.pyo2.go.th" in marked and "saraban@pyo2.go.th" in marked
    assert "SAR)" + ZWSP + "ตาม" in marked  # LibreOffice's break after a bracket
    assert "ตน⁀เอง(" not in shown(marked) and ZWSP + "(" not in marked  # none before one


def test_a_break_falls_between_words_in_both_readings():
    # pythainlp's list reads การจัด|การศึกษา, the Royal Institute's การ|จัดการ|ศึกษา
    assert sorted(WORDS.boundaries("การจัดการศึกษา")) == [0, 3, 14]
    marked = with_marks("การจัดการศึกษา", WORDS)
    assert shown(marked).split("|") == ["การ", "จั⁀ด⁀กา⁀ร⁀ศึก⁀ษา"]


def test_a_word_too_wide_for_its_line_breaks_between_its_parts():
    word = "โครงการอันเนื่องมาจากพระราชดำริ"
    assert shown(with_marks(word, WORDS, 14, 400)).count("|") == 0  # fits: whole
    narrow = shown(with_marks(word, WORDS, 14, 60))
    assert narrow.replace("⁀", "").split("|")[0] == "โครงการ"  # broken between its words
    assert all(text_width(part.replace("⁀", ""), 14) <= 60 for part in narrow.split("|"))


def test_an_offices_own_term_stays_whole():
    term = "ภูพานราชนิเวศน์"
    assert term not in WORDS.tokens(f"โรงเรียน{term}")
    office = thai_words((term,))
    assert term in office.tokens(f"โรงเรียน{term}")
    assert shown(with_marks(f"โรงเรียน{term}", office)).split("|")[-1].replace("⁀", "") == term


def test_an_offices_term_that_is_not_one_thai_word_is_refused(tmp_path):
    office = tmp_path / "content" / "test1"
    (office / "staff").mkdir(parents=True)
    (office / "office.yaml").write_text(
        "name: สพป.ทดสอบ\nshort_name: สพป.ทดสอบ\nwords:\n  - ภูพาน\n  - ภูพาน ราชนิเวศน์\n",
        encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_office(tmp_path / "content", "test1")
    assert "office.yaml:5: words[2]" in str(error.value)
    assert "คำภาษาไทยคำเดียว" in str(error.value)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["ช่วยเหลือ", "นักเรียน", " ", "และ", "รับผิดชอบ", "(",
                                 ")", "สถานศึกษา", "จัดการ", "การศึกษา", "2570", "น้ำ",
                                 "พ.ศ.", "www.a.go.th", "ประเมินตนเอง", "ๆ", "-"]),
                max_size=14))
def test_the_text_with_its_break_controls_reads_as_typed(pieces):
    text = "".join(pieces)
    marked = with_marks(text, WORDS, 16, 120)
    assert plain(marked) == text
    assert text_width(marked, 16) == pytest.approx(text_width(text, 16))  # they take no room


def _narrow(tmp_path: Path) -> tuple[Path, bytes, object]:
    """A manual whose summary form's ผู้รับผิดชอบ column (about 2.5 cm) holds :data:`CELL`:
    its content folder, its DOCX and its typeset tree."""
    content = tmp_path / "content"
    (content / "narrow" / "staff").mkdir(parents=True)
    (content / "narrow" / "office.yaml").write_text(
        (ROOT / "content" / "phayao2" / "office.yaml").read_text(encoding="utf-8"),
        encoding="utf-8")
    (content / "narrow" / "staff" / "somsri.yaml").write_text(STAFF, encoding="utf-8")
    loaded = load_office(content, "narrow")
    templates = TemplateFolders.for_office(Paths().templates, "narrow")
    ctx = ManualContext(loaded.office, 2570, templates, "narrow")
    doc = compose_manual(loaded.staff[0].staff, ctx, "somsri")
    return content, write_docx(doc, templates.find(MANUAL_DOCX)), doc


def test_the_docx_carries_them_and_reads_back_as_typed(tmp_path):
    _, data, _ = _narrow(tmp_path)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert ZWJ in xml and ZWSP in xml
    path = tmp_path / "somsri.docx"
    path.write_bytes(data)
    texts = [p.text for b in read_docx(path).blocks
             for p in ([b] if hasattr(b, "text") else
                       [p for row in b.rows for cell in row for p in cell.paras])]
    assert CELL in texts
    assert not any(c in t for t in texts for c in LAYOUT_MARKS)


@needs_office
def test_a_narrow_cell_laid_out_by_libreoffice_breaks_between_words(tmp_path):
    _, data, doc = _narrow(tmp_path)
    unmarked = _without_marks(data)
    with LibreOfficeLayout() as engine:
        ours = engine.lay_out("ours", doc, lambda pages: data, True).pdf
        plain_pdf = engine.lay_out("plain", doc, lambda pages: unmarked, True).pdf
    assert ours is not None and plain_pdf is not None
    (tmp_path / "ours.pdf").write_bytes(ours)
    (tmp_path / "plain.pdf").write_bytes(plain_pdf)
    royal = thai_words(compounds=False)
    counts = linebreaks.measure_pdf(tmp_path / "ours.pdf", royal)
    assert counts.ends["cells"] >= 10  # the cells' text wraps, many times
    assert counts.total_inside == 0, counts.inside
    # the same document without them: LibreOffice's ICU breaks ช่วย|เหลือ, รับผิด|ชอบ …
    control = linebreaks.measure_pdf(tmp_path / "plain.pdf", royal)
    assert len(control.inside["cells"]) >= 3, control.inside
    # the PDF's text reads as typed: the cell's lines joined are the cell (pdfium), and
    # pdftotext finds no break control
    import pypdfium2

    document = pypdfium2.PdfDocument(ours)
    blocks = ["".join(line.text for line in block) for page in document
              for block in linebreaks._blocks(linebreaks.page_lines(page))]
    assert CELL in blocks
    import subprocess

    text = subprocess.run(["pdftotext", str(tmp_path / "ours.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert not any(c in text for c in LAYOUT_MARKS)
    assert "ช่วยเหลือนักเรียน" in text.replace("\n", "")


def _without_marks(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "word/document.xml":
                body = plain(body.decode("utf-8")).encode("utf-8")
            target.writestr(info, body)
    return out.getvalue()


def test_importing_our_unchanged_manual_changes_no_content_byte(tmp_path):
    content, _, _ = _narrow(tmp_path)
    paths = Paths(content=content, out=tmp_path / "out")
    built = build_office("narrow", paths=paths, year=2570, engine=NoLayout(), force=True)
    before = (content / "narrow" / "staff" / "somsri.yaml").read_bytes()
    from khumue.importer import ImportOptions, import_files

    import_files(ImportOptions("narrow", paths=paths), [built[0].path])
    assert (content / "narrow" / "staff" / "somsri.yaml").read_bytes() == before


@pytest.mark.parametrize("office", OFFICES)
def test_the_golden_carries_break_controls_only_between_thai_letters(office):
    root = etree.parse(str(ROOT / "tests" / "golden" / f"{office}.document.xml"))
    texts = [t.text or "" for t in root.iter(f"{W}t")]
    assert any(ZWJ in t for t in texts) and any(ZWSP in t for t in texts)
    for text in texts:
        for m in re.finditer(f"[{LAYOUT_MARKS}]", text):
            before = text[m.start() - 1] if m.start() else ""
            after = text[m.end()] if m.end() < len(text) else ""
            assert THAI.match(after) and (THAI.match(before) or before == ")"), shown(text)


@needs_office
@pytest.mark.parametrize("office", OFFICES)
def test_no_line_of_an_office_ends_inside_a_word(built, office):
    pdf = built[office].with_suffix(".pdf")
    words = thai_words(tuple(load_office(Paths().content, office).office.words),
                       compounds=False)
    counts = linebreaks.measure_pdf(pdf, words, linebreaks.typed_text(built[office]))
    print(linebreaks.report({office: counts}))
    assert sum(counts.ends.values()) >= 5
    assert counts.total_inside == 0, counts.inside
