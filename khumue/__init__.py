"""khumue: builds the work manuals of Thai Educational Service Area Offices as DOCX.

One package per stage, in the order the data flows; each package imports only from those
before it in :data:`STAGES` (``tools/codeshape.py`` checks it, imports inside functions too):

- ``errors``: the errors a clerk reads, each naming the file, line and field;
- ``content/``: the office's YAML files → the validated model;
- ``typeset/``: the model → the manual's typeset tree (parts, tables, flowcharts, TOC);
- ``wordml/``: the tree → DOCX (and any DOCX → paragraphs and tables, for the import);
- ``pdf/``: a PDF LibreOffice exported → one that reads back, with its metadata;
- ``layout/``: the DOCX laid out by LibreOffice: TOC page numbers, the PDF (finished by pdf/);
- ``redline/``: last year's tree and this year's → tracked changes;
- ``review/``: lint, REVIEW.md, review.html;
- ``publish/``: the office's publish folder: PDFs, the office book, index.html;
- ``importer/``: Word files back into content/ (beside the pipeline, feeding its start);
- ``build/``: the build job that runs the stages for an office;
- ``cli/``: ``python build.py`` and the ``khumue`` command.
"""

STAGES = ("errors", "content", "typeset", "wordml", "pdf", "layout", "redline", "review",
          "publish", "importer", "build", "cli")
