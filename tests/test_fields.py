"""Field agreement of importing a hand-typed manual with our own transcription in content/
(tools/fields.py): the five seeds typed into Word two ways, each held field by field against
content/<office>/staff/*.yaml."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import OFFICES, ROOT, needs_office, needs_seeds

sys.path.insert(0, str(ROOT / "tools"))
fields = pytest.importorskip("fields")


@needs_seeds
@pytest.mark.parametrize("office", OFFICES)
def test_a_typed_manual_comes_back_field_by_field(office, capsys):
    results = fields.measure([office])
    with capsys.disabled():
        print("\n" + fields.report(results))
    for (_, how), agreement in results.items():
        assert agreement.recall >= 0.95, (how, agreement.missing()[:10])
        assert agreement.precision >= 0.95, (how, agreement.extra()[:10])


def test_the_measure_counts_leaves_as_a_multiset_with_numbers_and_spaces_folded():
    expected = fields.leaves({"a": ["๕.๑ กำหนด แผน", "กำหนดแผน"], "b": {"c": "x"}})
    got = fields.leaves({"z": ["กำหนดแผน", "5.1 กำหนดแผน", "y"]})
    agreement = fields.Agreement(expected, got)
    assert (agreement.found, agreement.recall, agreement.precision) == (2, 2 / 3, 2 / 3)
    assert agreement.missing() == ["x"] and agreement.extra() == ["y"]


@needs_seeds
@needs_office
@pytest.mark.parametrize("office", OFFICES)
def test_its_pdf_comes_back_field_by_field_also_with_sara_am_broken(office, capsys):
    results = {key: a for key, a in fields.measure([office], pdf=True).items()
               if ".pdf" in key[1]}
    with capsys.disabled():
        print("\n" + fields.report(results))
    assert len(results) == 4  # typed and Word styles, each as printed and with ำ as " า"
    for (_, how), agreement in results.items():
        assert agreement.recall >= 0.90, (how, agreement.missing()[:10])
