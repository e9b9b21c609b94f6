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

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khumue.importer.job import ImportOptions, import_files
    from khumue.importer.read import import_docx

# Each name is imported when first used, so that importing one module of the stage does
# not import the whole stage.
_EXPORTS = {
    "ImportOptions": "khumue.importer.job",
    "import_docx": "khumue.importer.read",
    "import_files": "khumue.importer.job",
}
__all__ = ["ImportOptions", "import_docx", "import_files"]


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
