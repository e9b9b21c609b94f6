"""The paragraph styles of a manual, and how each typeset role maps onto them.

The default template (``templates/default/manual.docx``) defines these styles; an office that
restyles its manuals in Word changes them there.  Every style sets its font through the
complex-script properties as well (w:rFonts/@w:cs, w:szCs, w:bCs, w:lang/@w:bidi, ECMA-376
§17.3.2), because a font set only in w:ascii does not reach Thai text.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from khumue.typeset.doctree import Role
from khumue.wordml.oxml import el, ppr, thai_rpr

DEFAULT_FONT = "TH SarabunPSK"
BODY_PT = 16.0
TEXT_WIDTH_TWIPS = 9071  # A4 (11906) less 3 cm left (1701) and 2 cm right (1134) margins


@dataclass(frozen=True)
class StyleSpec:
    """One paragraph style: its name, size (pt), bold, alignment (w:jc) and indents (twips)."""

    name: str
    size_pt: float = BODY_PT
    bold: bool = False
    jc: str | None = None
    first_line: int = 0
    left: int = 0
    keep_next: bool = False
    before: int = 0  # spacing before, twips
    after: int = 0
    outline: int | None = None  # w:outlineLvl: 0 = level 1 (navigation pane, PDF bookmarks)


STYLES: tuple[StyleSpec, ...] = (
    StyleSpec("Manual Body", jc="thaiDistribute", first_line=709),
    StyleSpec("Manual List", jc="thaiDistribute"),
    StyleSpec("Manual Plain", jc="left"),
    StyleSpec("Manual Label", size_pt=20, bold=True, jc="center", keep_next=True),
    StyleSpec("Manual Subtitle", size_pt=18, bold=True, jc="center", keep_next=True, after=120),
    StyleSpec("Manual Caption", jc="center", before=60, after=120),
    StyleSpec("Manual Signature", jc="center", left=4536),
    StyleSpec("Manual Cell", jc="left"),
    StyleSpec("Manual Cell Head", bold=True, jc="center"),
    StyleSpec("Manual Cell Center", jc="center"),
    StyleSpec("Cover Title", size_pt=40, bold=True, jc="center", before=567, after=240),
    StyleSpec("Cover Subtitle", size_pt=28, bold=True, jc="center", after=120),
    StyleSpec("Cover Item", size_pt=22, bold=True, jc="center"),
    StyleSpec("Cover Year", size_pt=24, bold=True, jc="center", before=240),
    StyleSpec("Cover Name", size_pt=26, bold=True, jc="center", before=2268, after=120),
    StyleSpec("Cover Text", size_pt=22, bold=True, jc="center"),
    StyleSpec("Cover Group", size_pt=22, bold=True, jc="center", before=2268),
    StyleSpec("TOC Heading", size_pt=20, bold=True, jc="center", after=240),
)

HEADINGS: tuple[StyleSpec, ...] = (
    StyleSpec("Heading 1", size_pt=20, bold=True, jc="center", keep_next=True, after=240,
              outline=0),
    StyleSpec("Heading 2", size_pt=BODY_PT, bold=True, jc="left", keep_next=True, before=120,
              outline=1),
)

ROLE_STYLES: dict[Role, str] = {
    Role.body: "Manual Body",
    Role.list: "Manual List",
    Role.plain: "Manual Plain",
    Role.label: "Manual Label",
    Role.subtitle: "Manual Subtitle",
    Role.caption: "Manual Caption",
    Role.signature: "Manual Signature",
    Role.cell: "Manual Cell",
    Role.cell_head: "Manual Cell Head",
    Role.cell_center: "Manual Cell Center",
}


def define_styles(document: Document, font: str = DEFAULT_FONT) -> None:
    """Add or reset every manual style, the document defaults and the TOC styles in
    ``document`` (a python-docx Document), all in ``font``."""
    set_default_font(document, font)
    styles = document.styles
    for spec in (*STYLES, *HEADINGS):
        style = styles[spec.name] if spec.name in styles else styles.add_style(
            spec.name, WD_STYLE_TYPE.PARAGRAPH)
        if not spec.name.startswith("Heading"):
            style.base_style = styles["Normal"]
        _set_style(style.element, spec)
    for level in (1, 2):
        name = f"toc {level}"
        style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        spec = StyleSpec(name, left=(level - 1) * 425)
        _set_style(style.element, spec, tabs=[("right", TEXT_WIDTH_TWIPS)])
    for name in ("Header", "Footer"):
        if name in styles:
            _set_style(styles[name].element, StyleSpec(name, jc="right"))


def _set_style(element, spec: StyleSpec, tabs: list[tuple[str, int]] | None = None) -> None:
    for old in element.findall(qn("w:pPr")) + element.findall(qn("w:rPr")):
        element.remove(old)
    ind = {}
    if spec.first_line:
        ind["firstLine"] = str(spec.first_line)
    if spec.left:
        ind["left"] = str(spec.left)
    props = ppr(keep_next=spec.keep_next, ind=ind or None, jc=spec.jc)
    if tabs:
        props.insert(0, el("w:tabs", None, *(
            el("w:tab", {"val": v, "leader": "dot", "pos": str(p)}) for v, p in tabs)))
    spacing = el("w:spacing", {"before": str(spec.before), "after": str(spec.after),
                               "line": "240", "lineRule": "auto"})
    jc = props.find(qn("w:jc"))
    ind_el = props.find(qn("w:ind"))
    anchor = ind_el if ind_el is not None else jc
    if anchor is not None:
        anchor.addprevious(spacing)
    else:
        props.append(spacing)
    if spec.outline is not None:  # last of these pPr children (ECMA-376 Part 1 §17.3.1.20)
        props.append(el("w:outlineLvl", {"val": str(spec.outline)}))
    element.append(props)
    element.append(thai_rpr(None, spec.size_pt, spec.bold))
    for child in element.findall(qn("w:rPr")):
        for color in child.findall(qn("w:color")):
            child.remove(color)


def set_default_font(document: Document, font: str) -> None:
    """Make ``font`` the font of every script in the document defaults (w:docDefaults) and in
    every style that names a font, so that an office's font choice reaches all text."""
    styles_el = document.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = el("w:docDefaults")
        styles_el.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = el("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = el("w:rPr")
        rpr_default.append(rpr)
    thai_rpr(font, BODY_PT, rpr=rpr)
    for fonts in styles_el.iter(qn("w:rFonts")):
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{attr}"), font)
        for attr in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)


def document_font(document: Document) -> str | None:
    """The font body text is set in: the Normal style's w:rFonts (w:cs, else w:ascii), else
    the document defaults' (§17.7.5.2 w:rPrDefault)."""
    styles_el = document.styles.element
    for path in (f"{qn('w:style')}[@{qn('w:styleId')}='Normal']/{qn('w:rPr')}/{qn('w:rFonts')}",
                 f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"):
        fonts = styles_el.find(path)
        if fonts is not None:
            name = fonts.get(qn("w:cs")) or fonts.get(qn("w:ascii"))
            if name:
                return name
    return None


def style_font(document: Document, name: str) -> tuple[float, bool]:
    """(size in pt, bold) of paragraph style ``name`` as the document defines it: the style's
    own w:szCs/w:bCs (or w:sz/w:b), else its base style's, else the document defaults."""
    style = document.styles[name].element
    size: float | None = None
    bold: bool | None = None
    while style is not None and (size is None or bold is None):
        rpr = style.find(qn("w:rPr"))
        if rpr is not None:
            for tag in ("w:szCs", "w:sz"):
                found = rpr.find(qn(tag))
                if size is None and found is not None:
                    size = int(found.get(qn("w:val"))) / 2
            for tag in ("w:bCs", "w:b"):
                found = rpr.find(qn(tag))
                if bold is None and found is not None:
                    bold = found.get(qn("w:val")) not in ("0", "false")
        based = style.find(qn("w:basedOn"))
        style = (document.styles.element.get_by_id(based.get(qn("w:val")))
                 if based is not None else None)
    if size is None:
        defaults = document.styles.element.find(qn("w:docDefaults"))
        found = defaults.find(".//" + qn("w:szCs")) if defaults is not None else None
        size = int(found.get(qn("w:val"))) / 2 if found is not None else BODY_PT
    return size, bool(bold)
