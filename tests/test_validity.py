"""Every manual is a valid Office Open XML package: the WordprocessingML, DrawingML and
package parts validate against the schemas Word uses (openxml-audit, Microsoft 365 rules),
and no part makes Word repair the file."""

from __future__ import annotations

import pytest
from openxml_audit import FileFormat, OpenXmlValidator

from tests.conftest import OFFICES


@pytest.mark.parametrize("office", OFFICES)
def test_manual_validates(built, office):
    result = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365).validate(str(built[office]))
    assert [str(e) for e in result.errors] == []
    assert result.is_valid
