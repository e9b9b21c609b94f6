"""The WordprocessingML writer below the build: small typeset fragments rendered to XML and
compared with the XML Word expects (ECMA-376 Part 1), element by element; ids counted from
above what an office's template already uses."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from khumue.typeset.doctree import (
    Cell,
    ContentsEntry,
    Heading,
    Matter,
    Para,
    Role,
    Row,
    Run,
    Table,
    TableOfContents,
)
from khumue.wordml.blocks import BlockWriter
from khumue.wordml.env import DocumentStyles, WriterEnv, WriterIds, document_parts
from khumue.wordml.oxml import el
from tests.conftest import ROOT

TEMPLATE = ROOT / "templates" / "default" / "manual.docx"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def canonical(xml: str | etree._Element) -> bytes:
    """XML without insignificant white space, in canonical form (c14n); a string is a
    fragment using the w: prefix."""
    if isinstance(xml, str):
        parser = etree.XMLParser(remove_blank_text=True)
        xml = etree.fromstring(f'<root xmlns:w="{W_NS}">{xml.strip()}</root>', parser)[0]
    return etree.tostring(xml, method="c14n")


def writer(toc_pages: dict[str, str] | None = None, template: Path = TEMPLATE) -> BlockWriter:
    document = Document(str(template))
    return BlockWriter(WriterEnv(DocumentStyles(document, template), toc_pages or {}),
                       WriterIds(document_parts(document)))


def test_a_list_item_is_its_label_a_tab_and_its_text_at_a_hanging_indent():
    [p] = writer().node(Para([Run("ตรวจเอกสาร")], Role.list, label="5.1", level=1))
    # level 1: 425 + 567 twips, then a 567-twip hanging indent for a three-letter label
    assert canonical(p) == canonical("""
        <w:p><w:pPr><w:pStyle w:val="ManualList"/>
          <w:tabs><w:tab w:val="left" w:pos="1559"/></w:tabs>
          <w:ind w:left="1559" w:hanging="567"/></w:pPr>
          <w:r><w:t xml:space="preserve">5.1</w:t><w:tab/></w:r>
          <w:r><w:t xml:space="preserve">ตรวจเอกสาร</w:t></w:r></w:p>""")


def test_a_listed_heading_is_wrapped_in_its_bookmark_with_its_label():
    heading = Heading("งานสารบรรณ", label="เรื่อง ๔.", centered=True, new_page=True,
                      bookmark="_Toc100001")
    [p] = writer().node(heading)
    assert canonical(p) == canonical("""
        <w:p><w:pPr><w:pStyle w:val="Heading1"/><w:pageBreakBefore/><w:jc w:val="center"/>
          </w:pPr>
          <w:bookmarkStart w:id="1" w:name="_Toc100001"/>
          <w:r><w:t xml:space="preserve">เรื่อง ๔. งานสารบรรณ</w:t></w:r>
          <w:bookmarkEnd w:id="1"/></w:p>""")


def test_the_first_block_of_a_section_leaves_the_page_break_to_the_section():
    [p] = writer().node(Heading("คำนำ", new_page=True), first=True)
    assert p.find(f"{{{W_NS}}}pPr/{{{W_NS}}}pageBreakBefore") is None


def test_table_of_contents_entries_link_to_their_bookmarks_with_the_printed_page():
    toc = TableOfContents("สารบัญ", [ContentsEntry("คำนำ", "_Toc100000", Matter.front),
                                     ContentsEntry("งาน", "_Toc100001", Matter.body)])
    title, first, last = writer({"_Toc100001": "๓"}).node(toc)
    assert canonical(last) == canonical("""
        <w:p><w:pPr><w:pStyle w:val="toc1"/></w:pPr>
          <w:hyperlink w:anchor="_Toc100001" w:history="1">
            <w:r><w:t xml:space="preserve">งาน</w:t></w:r><w:r><w:tab/></w:r>
            <w:r><w:fldChar w:fldCharType="begin" w:dirty="false"/></w:r>
            <w:r><w:instrText xml:space="preserve"> PAGEREF _Toc100001 \\h </w:instrText></w:r>
            <w:r><w:fldChar w:fldCharType="separate"/></w:r>
            <w:r><w:t xml:space="preserve">๓</w:t></w:r>
            <w:r><w:fldChar w:fldCharType="end"/></w:r>
          </w:hyperlink>
          <w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>""")
    # the TOC field opens in the first entry; an entry without a known page has no number
    instructions = [t.text for t in first.iter(f"{{{W_NS}}}instrText")]
    assert instructions == [' TOC \\o "1-1" \\h \\z \\u ', " PAGEREF _Toc100000 \\h "]
    assert [t.text for t in first.iter(f"{{{W_NS}}}t")] == ["คำนำ"]


def test_header_rows_repeat_and_short_rows_are_kept_whole():
    header = Row([Cell([Para([Run("ที่")], Role.cell_head)], shaded=True),
                  Cell([Para([Run("กิจกรรม")], Role.cell_head)], shaded=True)])
    body = Row([Cell([Para([Run("1")], Role.cell_center)]),
                Cell([Para([Run("รับ")], Role.cell)])])
    tbl, spacer = writer().node(Table([0.3, 0.7], [header], [body]))
    head_tr, body_tr = tbl.findall(f"{{{W_NS}}}tr")
    assert canonical(head_tr.find(f"{{{W_NS}}}trPr")) == canonical(
        "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
    assert canonical(body_tr.find(f"{{{W_NS}}}trPr")) == canonical(
        "<w:trPr><w:cantSplit/></w:trPr>")
    assert canonical(head_tr.find(f"{{{W_NS}}}tc/{{{W_NS}}}tcPr")) == canonical("""
        <w:tcPr><w:tcW w:w="2721" w:type="dxa"/>
          <w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/></w:tcPr>""")
    grid = [g.get(qn("w:w")) for g in tbl.iter(f"{{{W_NS}}}gridCol")]
    assert grid == ["2721", "6350"]  # 9071 twips of text width, split 0.3 / 0.7
    assert canonical(spacer) == canonical(
        '<w:p><w:pPr><w:pStyle w:val="ManualPlain"/></w:pPr></w:p>')


def test_a_table_kept_together_keeps_every_row_but_the_last_with_the_next():
    rows = [Row([Cell([Para([Run(str(i))], Role.cell)])]) for i in range(3)]
    tbl, _ = writer().node(Table([1.0], [], rows, keep_together=True))
    kept = [tr.find(f".//{{{W_NS}}}pPr/{{{W_NS}}}keepNext") is not None
            for tr in tbl.findall(f"{{{W_NS}}}tr")]
    assert kept == [True, True, False]
    # keepNext goes where the schema puts it: after the style (CT_PPr, §17.3.1.26)
    ppr = tbl.find(f".//{{{W_NS}}}pPr")
    assert [c.tag.split("}")[1] for c in ppr] == ["pStyle", "keepNext"]


@pytest.fixture
def template_with_ids(tmp_path: Path) -> Path:
    """The default template with a bookmark (id 7) in the body and a drawing (docPr id 12)
    in a header, as an office's restyled template may have."""
    document = Document(str(TEMPLATE))
    first = document.element.body.find(f"{{{W_NS}}}p")
    first.insert(1, el("w:bookmarkStart", {"id": "7", "name": "logo"}))
    first.append(el("w:bookmarkEnd", {"id": "7"}))
    header = document.sections[1].header._element
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    doc_pr = etree.SubElement(header, f"{{{wp}}}docPr", {"id": "12", "name": "logo"})
    assert doc_pr is not None
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "manual.docx"
    path.write_bytes(buffer.getvalue())
    return path


def test_ids_start_above_those_the_template_already_uses(template_with_ids):
    blocks = writer(template=template_with_ids)
    [p] = blocks.node(Heading("คำนำ", bookmark="_Toc100000"))
    assert p.find(f"{{{W_NS}}}bookmarkStart").get(qn("w:id")) == "8"
    assert blocks.ids.drawing() == 13


def test_paragraph_properties_follow_python_docx_schema_order():
    from docx.oxml import OxmlElement

    from khumue.wordml.oxml import ppr

    props = ppr("Style", keep_next=True, page_break_before=True, ind={"left": "1"}, jc="center",
                tabs=[("left", 100)])
    names = [c.tag.split("}")[1] for c in props]
    # python-docx's CT_PPr inserts each child where the schema puts it, whatever the order
    # it is asked in: the order it ends up with is the schema's
    reference = OxmlElement("w:pPr")
    for name in reversed(names):
        getattr(reference, f"get_or_add_{name}")()
    assert names == [c.tag.split("}")[1] for c in reference]
