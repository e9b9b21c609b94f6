"""Stage 3, wordml: the one layer that reads and writes WordprocessingML (DOCX).

Takes: a typeset tree (:class:`~khumue.typeset.doctree.ManualDoc`), the office's template
DOCX and, when the layout has them, the table of contents' page numbers.
Gives: the manual's DOCX bytes (:func:`khumue.wordml.writer.write_docx`: styles with the
complex-script font properties, native Word shapes for flowcharts, tracked changes as
w:ins/w:del, the content embedded for the import); and, reading any DOCX back, its paragraphs
and tables (:func:`khumue.wordml.reader.read_docx`) for the importer.

Nothing above this package builds an XML element; nothing here knows what a manual means
beyond the tree it is given.
"""
