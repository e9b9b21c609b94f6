"""Beside the pipeline, import: the office's Word files (returned, or last year's typed by
hand) back into content/.

Takes: paths of .docx/.doc/.odt/.rtf files and folders, and the office's content/.
Gives: the content files edited in place (only what changed) or made, and
``content/<office>/import-report.md``, from :func:`import_files` with :class:`ImportOptions`.

- ``read/``: one file into content (:func:`import_docx`): our own manuals losslessly from the
  content they carry, with the reviewer's edits applied (``read/own``); manuals typed by hand
  by a recogniser over their lines (``read/handtyped``);
- ``merge/``: the three-way merge by unit (``threeway``) and YAML edited in place with
  ruamel.yaml's round trip (``yamledit``, ``yamlwrite``);
- ``job/``: the import job: sources, which staff member, proposals, routing to shared files,
  writing, the report.
"""

from khumue.importer.job import ImportOptions, import_files
from khumue.importer.read import import_docx

__all__ = ["ImportOptions", "import_docx", "import_files"]
