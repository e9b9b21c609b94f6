"""Text units for lining a Word document up with the manual it was built from.

A unit is a paragraph, a heading, a table, a table row or a cell's paragraph, with a key for
matching (its text without white space, labels and line breaks, so that balanced heading
lines and renumbering do not count as changes) and, on the side of the typeset tree, the
origin of the content it was made from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from khumue.typeset.doctree import CHECK_BOX, Heading, Node, Origin, Para, Row, Table
from khumue.typeset.textkey import squeeze
from khumue.wordml.reader import Block, ReadCell, ReadPara, ReadTable

# A label typed before the text: "5.1", "๕.๑", "1)", "(ก)", "-", "เรื่อง ๔.", "ข้อ 3".
LABEL = re.compile(
    r"^\s*(?:(?:เรื่อง|ข้อ)\s*)?(?:\(?[0-9๐-๙]+(?:\.[0-9๐-๙]+)*[.)]?|\([ก-ฮ]\)|[ก-ฮ][.)]"
    r"|[-–•●○■□☐✓*])(?=\s|$)\s*")


def join_lines(text: str) -> str:
    """A paragraph's text with its manual line breaks taken out: Thai joined directly, other
    text with a space (a balanced heading's lines were cut at word boundaries)."""
    parts = [p.strip() for p in text.split("\n")]
    out = ""
    for part in parts:
        if not part:
            continue
        if out and not (_is_thai(out[-1]) and _is_thai(part[0])):
            out += " "
        out += part
    return out


def _is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


def split_label(text: str, typed: bool = True) -> tuple[str | None, str]:
    """(label, body) of a paragraph as read: a label before a tab ("5.1\\tกำหนด", or a drawn
    check box then a tab), or, when labels may be ``typed``, before a space when it looks
    like one ("5.1 กำหนด")."""
    if "\t" in text:
        head, _, rest = text.partition("\t")
        if len(head) <= 14 and (not head.strip() or LABEL.match(head + " ")):
            return head.strip() or CHECK_BOX, rest.strip()
    if not typed:
        return None, text.strip()
    match = LABEL.match(text)
    if match and match.end() < len(text):
        return match.group().strip(), text[match.end():].strip()
    return None, text.strip()


@dataclass
class Unit:
    """One unit of either side.  ``text`` is the body as printed (label apart), ``prefix`` a
    bold lead-in the manual adds ("ชื่องาน "), ``origin`` where the expected side came from."""

    key: str
    text: str
    label: str | None = None
    origin: Origin | None = None
    kind: str = "para"  # para | heading | table | row
    prefix: str = ""
    children: list[list[Unit]] = field(default_factory=list)  # rows of a table; cells of a row
    node: object = None


def expected_units(nodes: list[Node]) -> list[Unit]:
    """The units of typeset blocks, as the writer prints them (tables of contents and drawn
    flowcharts are not text a reviewer edits, so they are left out)."""
    out: list[Unit] = []
    for node in nodes:
        if isinstance(node, Para):
            unit = _para_unit(node)
            if unit is not None:
                out.append(unit)
        elif isinstance(node, Heading):  # keyed with its label: "5. ขั้นตอน…"
            out.append(Unit(squeeze(node.display), node.text, node.label, node.origin,
                            "heading", node=node))
        elif isinstance(node, Table):
            rows = [_row_unit(r) for r in [*node.header_rows, *node.rows]]
            out.append(Unit(table_key(rows), "", None, node.origin,
                            "table", children=[rows], node=node))
    return out


def table_key(rows: list[Unit]) -> str:
    """A table's key: its first two rows (a header row names the kind of table; the row
    after it tells one work standard's table from another's)."""
    return "\x00table:" + "/".join(r.key for r in rows[:2])


def _para_unit(para: Para) -> Unit | None:
    body = para.body_text
    if not body.strip() and not para.label:
        return None
    prefix = ""
    if len(para.runs) > 1 and para.runs[0].bold and not all(r.bold for r in para.runs):
        prefix = para.runs[0].text
    return Unit(squeeze(body), body, para.label, para.origin, "para", prefix, node=para)


def _row_unit(row: Row) -> Unit:
    cells = []
    for cell in row.cells:
        cells.append([u for u in (_para_unit(p) for p in cell.paras) if u is not None])
    return Unit(row_key(cells), "", None, row.origin, "row", children=cells, node=row)


_NUMBER = re.compile(r"^[0-9๐-๙]+(?:\.[0-9๐-๙]+)*\.?$")


def row_key(cells: list[list[Unit]]) -> str:
    """A row's key: its cells' keys, a cell holding only a row number (ที่ ๓, ลำดับที่ ๕.)
    left out, so that a row whose number a clerk retyped after deleting the one above is
    the same row."""
    keys = ["".join(u.key for u in c) for c in cells]
    return "|".join("#" if is_number(k) else k for k in keys)


def is_number(text: str) -> bool:
    """True for a row or list number alone: "๓", "12", "5.1", "๕.๒."."""
    return bool(_NUMBER.match(text))


def document_units(blocks: list[Block], typed: bool = False) -> list[Unit]:
    """The units of a read document's blocks (empty paragraphs, tables of contents and
    drawings without text left out).  ``typed``: list labels may be typed before a space (a
    hand-typed manual); otherwise only a label before a tab counts (our own output)."""
    out: list[Unit] = []
    for block in blocks:
        if isinstance(block, ReadTable):
            rows = [_read_row(r, typed) for r in block.rows]
            out.append(Unit(table_key(rows), "", kind="table",
                            children=[rows], node=block))
            continue
        unit = read_para_unit(block, typed)
        if unit is not None:
            out.append(unit)
    return out


def read_para_unit(para: ReadPara, typed: bool = False) -> Unit | None:
    if para.style.lower().startswith("toc"):
        return None
    text = join_lines(para.text)
    if not text.strip() and not para.label:
        return None
    if para.outline_level is not None:  # a heading is keyed with its label
        full = f"{para.label} {text}" if para.label else text
        return Unit(squeeze(full), full.strip(), None, None, "heading", node=para)
    label: str | None = para.label
    body = text.strip()
    if label is None:
        label, body = split_label(text, typed)
    return Unit(squeeze(body), body, label, None, "para", node=para)


def _read_row(row: list[ReadCell], typed: bool) -> Unit:
    cells = []
    for cell in row:
        units = [] if cell.continued else [
            u for u in (read_para_unit(p, typed) for p in cell.paras) if u is not None]
        cells.append(units)
    return Unit(row_key(cells), "", kind="row", children=cells, node=row)
