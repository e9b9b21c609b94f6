"""A file the import refuses: refused alone (ImportFailed, in Thai) and in a folder's import
(the report's row says why), nothing written into content/."""

from __future__ import annotations

from pathlib import Path

import pytest

from khumue.content import Paths
from khumue.content.templates import TemplateFolders
from khumue.errors import ImportFailed
from khumue.importer.job import ImportOptions, import_files
from khumue.importer.read.pdf import import_pdf
from tests.conftest import ROOT

TEMPLATES = TemplateFolders((ROOT / "templates" / "default",))


def assert_refused(tmp_path: Path, pdf: Path, words: str) -> None:
    """``pdf`` is refused with a message holding ``words``, by import_pdf and by an import
    into a new office, which writes nothing."""
    content = tmp_path / "content"
    with pytest.raises(ImportFailed, match=words):
        import_pdf(pdf, TEMPLATES)
    report = import_files(ImportOptions("nan1", Paths(content=content)), [pdf])
    [row] = report.files
    assert row.refusal and words in row.refusal
    assert report.written == [] and not content.exists()
