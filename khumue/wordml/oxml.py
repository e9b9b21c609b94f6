"""WordprocessingML elements, built with python-docx's lxml element factory.

Units: sizes in half-points (``w:sz`` 32 = 16 pt), lengths in twips (1/20 pt; 567 ≈ 1 cm).
References are to ECMA-376 Part 1 (5th ed.), §17 WordprocessingML.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import _Element


def el(tag: str, attrs: dict[str, str] | None = None, *children: _Element) -> _Element:
    """An element ``w:tag`` (or ``prefix:tag``) with ``w:``-qualified attributes and children."""
    element = OxmlElement(tag)
    for key, value in (attrs or {}).items():
        element.set(qn(key if ":" in key else f"w:{key}"), value)
    for child in children:
        element.append(child)
    return element


def thai_rpr(font: str | None = None, size_pt: float | None = None, bold: bool = False,
             rpr: _Element | None = None) -> _Element:
    """Run properties that reach Thai text (§17.3.2): the font in w:rFonts/@w:cs as well as
    ascii/hAnsi, the size in w:szCs as well as w:sz, bold in w:bCs as well as w:b, and
    w:lang/@w:bidi="th-TH" so Word shapes and breaks the run as Thai.  Updates ``rpr`` when
    given (an existing w:rPr), else returns a new one."""
    rpr = rpr if rpr is not None else el("w:rPr")
    order = ["w:rFonts", "w:b", "w:bCs", "w:sz", "w:szCs", "w:lang"]
    wanted: dict[str, _Element] = {}
    if font:
        wanted["w:rFonts"] = el("w:rFonts", {"ascii": font, "hAnsi": font, "cs": font,
                                             "eastAsia": font})
    if bold:
        wanted["w:b"] = el("w:b")
        wanted["w:bCs"] = el("w:bCs")
    if size_pt:
        half = str(round(size_pt * 2))
        wanted["w:sz"] = el("w:sz", {"val": half})
        wanted["w:szCs"] = el("w:szCs", {"val": half})
    wanted["w:lang"] = el("w:lang", {"val": "th-TH", "bidi": "th-TH"})
    for tag in order:
        if tag in wanted:
            for old in rpr.findall(qn(tag)):
                rpr.remove(old)
    # Schema order of CT_RPr (§17.3.2.28): rFonts, b, bCs, …, sz, szCs, …, lang.
    for tag in order:
        if tag in wanted:
            insert_ordered(rpr, wanted[tag], _RPR_ORDER)
    return rpr


_RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
              "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
              "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
              "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
              "em", "lang", "eastAsianLayout", "specVanish", "oMath"]


# Child order of w:settings (CT_Settings, ECMA-376 Part 1 §17.15.1.78).
SETTINGS_ORDER = [
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
    "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
    "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
    "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
    "proofState", "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
    "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
    "doNotTrackMoves", "doNotTrackFormatting", "documentProtection",
    "autoFormatOverride", "styleLockTheme", "styleLockQFSet", "defaultTabStop",
    "autoHyphenation", "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps",
    "showEnvelope", "summaryLength", "clickAndTypeStyle", "defaultTableStyle",
    "evenAndOddHeaders", "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter",
    "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema",
    "saveInvalidXml", "ignoreMixedContent", "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml", "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt",
    "showXMLTags", "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults",
    "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator"]


def insert_ordered(parent: _Element, child: _Element, order: list[str]) -> None:
    """Insert ``child`` before the first child of ``parent`` that the schema puts after it;
    ``order`` lists the local names of the parent type's children in schema order (python-docx's
    ``insert_element_before`` does the insertion)."""
    name = child.tag.split("}")[1]
    later = order[order.index(name) + 1:]
    parent.insert_element_before(child, *(f"w:{n}" for n in later))  # type: ignore[attr-defined]


def run(text: str, bold: bool = False, size_pt: float | None = None) -> _Element:
    """A w:r holding ``text``: tabs become w:tab, line feeds w:br (§17.3.3)."""
    r = el("w:r")
    if bold or size_pt:
        rpr = el("w:rPr")
        if bold:
            rpr.append(el("w:b"))
            rpr.append(el("w:bCs"))
        if size_pt:
            rpr.append(el("w:sz", {"val": str(round(size_pt * 2))}))
            rpr.append(el("w:szCs", {"val": str(round(size_pt * 2))}))
        r.append(rpr)
    for i, line in enumerate(text.split("\n")):
        if i:
            r.append(el("w:br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                r.append(el("w:tab"))
            if piece:
                t = el("w:t")
                t.text = piece
                t.set(qn("xml:space"), "preserve")
                r.append(t)
    return r


def ppr(style_id: str | None = None, *, keep_next: bool = False, page_break_before: bool = False,
        ind: dict[str, str] | None = None, jc: str | None = None,
        tabs: list[tuple[str, int]] | None = None) -> _Element:
    """Paragraph properties (§17.3.1.26), appended in the schema order of CT_PPr (pStyle,
    keepNext, pageBreakBefore, tabs, ind, jc), which a test checks against python-docx's own
    model of CT_PPr; appending is what keeps this hot path fast (python-docx's get_or_add_*
    search every later sibling on each call)."""
    p = el("w:pPr")
    if style_id:
        p.append(el("w:pStyle", {"val": style_id}))
    if keep_next:
        p.append(el("w:keepNext"))
    if page_break_before:
        p.append(el("w:pageBreakBefore"))
    if tabs:
        p.append(el("w:tabs", None, *(el("w:tab", {"val": v, "pos": str(pos)})
                                      for v, pos in tabs)))
    if ind:
        p.append(el("w:ind", ind))
    if jc:
        p.append(el("w:jc", {"val": jc}))
    return p


def paragraph(props: _Element, *runs: _Element) -> _Element:
    """A w:p with its properties and runs."""
    return el("w:p", None, props, *runs)


def field(instruction: str, result: list[_Element]) -> list[_Element]:
    """A complex field (§17.16.18) as runs: begin, instruction, separate, cached result, end."""
    return [
        el("w:r", None, el("w:fldChar", {"fldCharType": "begin", "dirty": "false"})),
        el("w:r", None, _instr(instruction)),
        el("w:r", None, el("w:fldChar", {"fldCharType": "separate"})),
        *result,
        el("w:r", None, el("w:fldChar", {"fldCharType": "end"})),
    ]


def _instr(instruction: str) -> _Element:
    instr = el("w:instrText")
    instr.text = f" {instruction} "
    instr.set(qn("xml:space"), "preserve")
    return instr


def field_begin(instruction: str) -> list[_Element]:
    """The opening runs of a complex field whose result spans several paragraphs."""
    return [el("w:r", None, el("w:fldChar", {"fldCharType": "begin"})),
            el("w:r", None, _instr(instruction)),
            el("w:r", None, el("w:fldChar", {"fldCharType": "separate"}))]


def field_end() -> _Element:
    """The closing run of a complex field."""
    return el("w:r", None, el("w:fldChar", {"fldCharType": "end"}))


def bookmark(name: str, ident: int, *content: _Element) -> list[_Element]:
    """``content`` wrapped in w:bookmarkStart/w:bookmarkEnd (§17.13.6)."""
    return [el("w:bookmarkStart", {"id": str(ident), "name": name}), *content,
            el("w:bookmarkEnd", {"id": str(ident)})]


def hyperlink(anchor: str, *runs: _Element) -> _Element:
    """An internal hyperlink to bookmark ``anchor`` (§17.16.22)."""
    return el("w:hyperlink", {"anchor": anchor, "history": "1"}, *runs)


def table(widths_twips: list[int], rows: list[_Element], *, indent: int = 0) -> _Element:
    """A w:tbl with single borders on every edge, fixed layout and the given grid (§17.4.38)."""
    borders = el("w:tblBorders", None, *(
        el(f"w:{side}", {"val": "single", "sz": "4", "space": "0", "color": "000000"})
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")))
    tblpr = el("w:tblPr", None,
               el("w:tblW", {"w": str(sum(widths_twips)), "type": "dxa"}),
               el("w:tblInd", {"w": str(indent), "type": "dxa"}),
               borders,
               el("w:tblLayout", {"type": "fixed"}),
               el("w:tblCellMar", None,
                  el("w:left", {"w": "85", "type": "dxa"}),
                  el("w:right", {"w": "85", "type": "dxa"})),
               el("w:tblLook", {"val": "04A0", "firstRow": "1", "lastRow": "0",
                                "firstColumn": "0", "lastColumn": "0", "noHBand": "1",
                                "noVBand": "1"}))
    grid = el("w:tblGrid", None, *(el("w:gridCol", {"w": str(w)}) for w in widths_twips))
    return el("w:tbl", None, tblpr, grid, *rows)


def table_row(cells: list[_Element], *, header: bool = False,
              keep_whole: bool = True) -> _Element:
    """A w:tr; ``keep_whole`` moves it whole to the next page rather than split it
    (w:cantSplit, §17.4.6); a header row also repeats on every page (w:tblHeader, §17.4.49)."""
    trpr = el("w:trPr", None, el("w:cantSplit")) if keep_whole or header else el("w:trPr")
    if header:
        trpr.append(el("w:tblHeader"))
    return el("w:tr", None, trpr, *cells)


def table_cell(width: int, paragraphs: list[_Element], *, span: int = 1,
               shaded: bool = False, merge: str | None = None) -> _Element:
    """A w:tc of ``width`` twips spanning ``span`` grid columns (§17.4.66), and, with
    ``merge`` ("restart" or "continue"), part of a vertical merge (§17.4.85 w:vMerge)."""
    tcpr = el("w:tcPr", None, el("w:tcW", {"w": str(width), "type": "dxa"}))
    if span > 1:
        tcpr.append(el("w:gridSpan", {"val": str(span)}))
    if merge == "restart":
        tcpr.append(el("w:vMerge", {"val": "restart"}))
    elif merge is not None:
        tcpr.append(el("w:vMerge"))
    if shaded:
        tcpr.append(el("w:shd", {"val": "clear", "color": "auto", "fill": "E7E6E6"}))
    return el("w:tc", None, tcpr, *(paragraphs or [paragraph(ppr())]))


def tracked(kind: str, ident: int, author: str, date: str, runs: list[_Element]) -> _Element:
    """``runs`` as a tracked insertion (``kind`` "ins", §17.13.5.18 w:ins) or deletion ("del",
    §17.13.5.14 w:del, its text in w:delText, §17.3.3.7)."""
    mark = el(f"w:{kind}", {"id": str(ident), "author": author, "date": date})
    for r in runs:
        if kind == "del":
            for t in r.iter(qn("w:t")):
                t.tag = qn("w:delText")
        mark.append(r)
    return mark


def mark_paragraph(props: _Element, kind: str, ident: int, author: str, date: str) -> None:
    """Mark a paragraph's mark as inserted or deleted (w:pPr/w:rPr/w:ins or w:del,
    §17.13.5.16, §17.13.5.15), so that accepting or rejecting the change joins or removes the
    paragraph itself."""
    rpr = props.find(qn("w:rPr"))
    if rpr is None:
        rpr = el("w:rPr")
        sect = props.find(qn("w:sectPr"))
        if sect is not None:
            sect.addprevious(rpr)
        else:
            props.append(rpr)
    rpr.insert(0, el(f"w:{kind}", {"id": str(ident), "author": author, "date": date}))


def mark_row(row: _Element, kind: str, ident: int, author: str, date: str) -> None:
    """Mark a table row inserted or deleted (w:trPr/w:ins or w:del, §17.13.5.19, 17.13.5.13)."""
    trpr = row.find(qn("w:trPr"))
    if trpr is None:
        trpr = el("w:trPr")
        row.insert(0, trpr)
    trpr.append(el(f"w:{kind}", {"id": str(ident), "author": author, "date": date}))
