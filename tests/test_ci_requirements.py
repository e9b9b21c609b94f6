"""Under CI (which installs LibreOffice) a test that needs LibreOffice fails when it is
missing, instead of being skipped: the PDF read-back and publishing figures can never go
unchecked.  On a developer's machine without it the test is skipped, saying why."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

NEEDS_OFFICE = "tests/test_pdf_text.py::test_libreoffice_pdf_reads_wrong_and_ours_right"


@pytest.mark.parametrize("ci", [True, False], ids=["ci", "developer"])
def test_a_test_that_needs_libreoffice_fails_under_ci_without_it(tmp_path, ci):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PATH"] = str(tmp_path)  # no soffice here
    if ci:
        env["CI"] = "true"
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p",
                             "no:cacheprovider", NEEDS_OFFICE], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    if ci:
        assert result.returncode != 0
        assert "CI must run this test, and LibreOffice is missing" in result.stdout
    else:
        assert result.returncode == 0, result.stdout
        assert "1 skipped" in result.stdout and "needs LibreOffice" in result.stdout
