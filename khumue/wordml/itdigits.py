"""Arabic digits set in TH SarabunPSK in a document whose font is TH SarabunIT๙
(:mod:`khumue.typeset.itfont`), so that they show as Arabic: every w:r's text (§17.3.2.25 w:t,
§17.3.3.6 w:delText) is split at the spans :func:`~khumue.typeset.itfont.arabic_spans` gives, and
each span's run gets w:rFonts naming TH SarabunPSK for all four scripts (§17.3.2.26).  One
pass over a part covers body text, tables, the table of contents' page numbers, the cover,
text boxes of flowcharts and the headers and footers.  Page-number fields (PAGE, NUMPAGES,
SECTIONPAGES, PAGEREF; §17.16.5) are set in TH SarabunPSK whole, every run from their
w:fldChar begin to end (and a w:fldSimple's runs): Word and LibreOffice format a field's
result like its code, and a result in IT๙ would show an Arabic-digit office Thai page
numbers.  LibreOffice formats a header's page number by its paragraph style alone, so the
styles of the paragraphs holding one (:func:`page_number_styles`) are set in TH SarabunPSK
too (:func:`style_in_font`)."""

from __future__ import annotations

import copy

from docx.oxml.ns import qn
from lxml.etree import _Element

from khumue.typeset.itfont import PSK_FAMILY, arabic_spans
from khumue.wordml.oxml import el

_TEXT = (qn("w:t"), qn("w:delText"))
_SCRIPTS = ("ascii", "hAnsi", "cs", "eastAsia")
_THEMES = ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme")
_PAGE_FIELDS = ("PAGE", "NUMPAGES", "SECTIONPAGES", "PAGEREF")


def arabic_in_psk(root: _Element, font: str = PSK_FAMILY) -> int:
    """Split every run under ``root`` so that its Arabic-digit spans stand in runs set in
    ``font``; the number of such runs."""
    made = 0
    for run in _page_field_runs(root):
        _with_font(_rpr(run), font)
    for run in list(root.iter(qn("w:r"))):
        if any(arabic_spans(t.text or "") for t in run if t.tag in _TEXT):
            made += _split(run, font)
    return made


def _page_field_runs(root: _Element) -> list[_Element]:
    """Every run of a page-number field under ``root``, its code and its result."""
    out: list[_Element] = []
    for simple in root.iter(qn("w:fldSimple")):
        if _is_page_field(simple.get(qn("w:instr")) or ""):
            out += simple.iter(qn("w:r"))
    for paragraph in root.iter(qn("w:p")):
        open_fields: list[list[_Element]] = []  # the runs of each field still open
        codes: list[str] = []
        for run in paragraph.iter(qn("w:r")):
            kind = run.find(qn("w:fldChar"))
            kind = kind.get(qn("w:fldCharType")) if kind is not None else None
            if kind == "begin":
                open_fields.append([])
                codes.append("")
            for runs in open_fields:
                runs.append(run)
            if open_fields:
                codes[-1] += "".join(t.text or "" for t in run.iter(qn("w:instrText")))
            if kind == "end" and open_fields:
                runs, code = open_fields.pop(), codes.pop()
                if _is_page_field(code):
                    out += runs
    return out


def _is_page_field(code: str) -> bool:
    words = code.split()
    return bool(words) and words[0].upper() in _PAGE_FIELDS


def _rpr(run: _Element) -> _Element:
    """The run's w:rPr, made when it has none (it comes first in a w:r)."""
    found = run.find(qn("w:rPr"))
    if found is None:
        found = el("w:rPr")
        run.insert(0, found)
    return found


def _split(run: _Element, font: str) -> int:
    """Replace ``run`` by runs of its pieces, the Arabic ones in ``font``."""
    rpr = run.find(qn("w:rPr"))
    pieces: list[tuple[bool, list[_Element]]] = []  # (in ``font``, children)
    for child in run:
        if child is rpr:
            continue
        if child.tag in _TEXT and child.text:
            last = 0
            for start, end in [*arabic_spans(child.text), (len(child.text), len(child.text))]:
                if start > last:
                    pieces.append((False, [_text(child, child.text[last:start])]))
                if end > start:
                    pieces.append((True, [_text(child, child.text[start:end])]))
                last = end
        else:
            pieces.append((False, [child]))
    merged: list[tuple[bool, list[_Element]]] = []
    for psk, children in pieces:  # neighbours in the same font stay one run
        if merged and merged[-1][0] == psk:
            merged[-1][1].extend(children)
        else:
            merged.append((psk, list(children)))
    parent = run.getparent()
    assert parent is not None
    index = parent.index(run)
    for offset, (psk, children) in enumerate(merged):
        new = el("w:r")
        for name, value in run.attrib.items():
            new.set(name, value)
        props = copy.deepcopy(rpr) if rpr is not None else None
        if psk:
            props = _with_font(props if props is not None else el("w:rPr"), font)
        if props is not None:
            new.append(props)
        for child in children:
            new.append(child)
        parent.insert(index + offset, new)
    parent.remove(run)
    return sum(1 for psk, _ in merged if psk)


def _text(like: _Element, text: str) -> _Element:
    t = el("w:t" if like.tag == qn("w:t") else "w:delText")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    return t


def _with_font(rpr: _Element, font: str) -> _Element:
    """``rpr`` naming ``font`` for every script; w:rFonts goes after w:rStyle (CT_RPr order)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = el("w:rFonts")
        style = rpr.find(qn("w:rStyle"))
        rpr.insert(1 if style is not None else 0, fonts)
    for script in _SCRIPTS:
        fonts.set(qn(f"w:{script}"), font)
    for theme in _THEMES:
        fonts.attrib.pop(qn(f"w:{theme}"), None)
    return rpr


def page_number_styles(root: _Element) -> set[str]:
    """The paragraph style ids (``Normal`` for none) of the paragraphs under ``root`` that
    hold a page-number field."""
    runs = set(_page_field_runs(root))
    found = set()
    for paragraph in root.iter(qn("w:p")):
        if any(r in runs for r in paragraph.iter(qn("w:r"))):
            style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            found.add(style.get(qn("w:val")) if style is not None else "Normal")
    return found


def style_in_font(styles: _Element, style_id: str, font: str = PSK_FAMILY) -> None:
    """Give the style ``style_id`` of the styles part ``styles`` its own w:rFonts naming
    ``font`` (§17.7.4.17 w:style/w:rPr); nothing when there is no such style."""
    for style in styles.iter(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            rpr = style.find(qn("w:rPr"))
            if rpr is None:
                rpr = el("w:rPr")
                style.append(rpr)  # a paragraph style ends with w:pPr, w:rPr (CT_Style)
            _with_font(rpr, font)
