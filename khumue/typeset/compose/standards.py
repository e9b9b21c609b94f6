"""Work standards (มาตรฐานการปฏิบัติงาน เรื่อง …): a label, a heading and a three-column table
per standard: ที่ / กิจกรรม/วิธีปฏิบัติ / มาตรฐานการปฏิบัติงาน."""

from __future__ import annotations

from khumue.content.model import StandardColumn, WorkStandard
from khumue.typeset.compose.text import TextComposer
from khumue.typeset.doctree import Cell, Heading, Merge, Node, Origin, Part, Role, Row, Table

STANDARD_COLUMNS = ("ที่", "กิจกรรม/วิธีปฏิบัติ", "มาตรฐานการปฏิบัติงาน")
STANDARD_WIDTHS = [0.07, 0.53, 0.40]


def compose_standards(standards: list[WorkStandard], text: TextComposer) -> list[Node]:
    """The nodes of every work standard, in order."""
    out: list[Node] = []
    for index, standard in enumerate(standards):
        out += compose_standard(standard, Origin(Part.work_standard, ("work_standards", index)),
                                text)
    return out


def compose_standard(standard: WorkStandard, origin: Origin, text: TextComposer) -> list[Node]:
    """One work standard: its label line, its heading ("เรื่อง 4. …") and its table; row
    ``i`` is numbered ``i`` and its cells' outline lists extend that number (4 → 4.1)."""
    header = Row([Cell([text.para(c, Role.cell_head)], shaded=True) for c in STANDARD_COLUMNS])
    rows: list[Row] = []
    for index, row in enumerate(standard.rows):
        here = origin.at("rows", index)
        number = str(index + 1)
        cells = [Cell([text.para(number, Role.cell_center, here)])]
        for column, blocks in ((StandardColumn.activity, row.activity),
                               (StandardColumn.standard, row.standard)):
            cell = Cell(text.blocks(blocks, Role.cell, here.at(column.value), parent=number),
                        origin=here.at(column.value))
            if column in row.merged and rows:  # one cell over this row and the one above
                cell = Cell([], origin=cell.origin, merge=Merge.continued)
                above = rows[-1].cells[len(cells)]
                above.merge = above.merge or Merge.restart
            cells.append(cell)
        rows.append(Row(cells, here))
    label = "เรื่อง" + (f" {standard.number}." if standard.number is not None else "")
    return [
        text.para("มาตรฐานการปฏิบัติงาน", Role.label, origin, new_page=True, keep_next=True),
        Heading(text.t(standard.title), centered=True, label=text.t(label),
                origin=origin.at("title")),
        Table(STANDARD_WIDTHS, [header], rows, origin=origin.at("rows")),
    ]
