"""Arbitrary YAML-shaped staff files: the build either writes a DOCX that openxml-audit
accepts or fails with a content error naming the file; never a traceback.

CI runs a few examples; ``KHUMUE_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py``
runs a long search (its figure is in the closing note of the issue that added it)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openxml_audit import FileFormat, OpenXmlValidator

from khumue.build.office import Paths, build_office
from khumue.errors import KhumueError
from khumue.layout.engine import NoLayout

EXAMPLES = int(os.environ.get("KHUMUE_FUZZ_EXAMPLES", "12"))
OFFICE = "name: สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต 1\nshort_name: สพป.ทดสอบ เขต 1\n"

# Text as clerks and broken files produce it: Thai with its marks (also piled up), Latin,
# digits of both kinds, controls, bidirectional and zero-width characters, lone surrogates,
# noncharacters, and anything else Unicode has.
thai = st.text(alphabet=st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B), max_size=40)
marks = st.text(alphabet=st.sampled_from("\u0e31\u0e34\u0e35\u0e47\u0e48\u0e49\u0e4c"),
                max_size=30)
odd = st.text(alphabet=st.sampled_from("\x00\x07\x1b\u202e\u200b\ufeff\ud800\udfff\uffff"
                                       "<>&{}%\t\n:-#*!|"), max_size=6)
anything = st.text(max_size=30)
text = st.one_of(thai, st.builds(lambda a, b, c: a + b + c, thai, marks, odd), anything,
                 st.sampled_from(["", "-", "1 วัน", "www.pyo1.go.th", "{{ name }}"]))
scalar = st.one_of(text, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
KEYS = ["name", "position", "group", "level", "work_unit", "cover", "foreword", "duties",
        "group_roles", "sections", "work_standards", "processes", "references", "items",
        "title", "text", "steps", "objectives", "rows", "activity", "standard", "duration",
        "kind", "yes", "no", "goto", "id", "numbered", "bullets", "style", "definitions",
        "term", "meaning", "summary"]
tree = st.recursive(scalar, lambda children: st.one_of(
    st.lists(children, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(KEYS), text), children, max_size=4)),
    max_leaves=25)
step = st.one_of(text, st.fixed_dictionaries({"text": text}, optional={
    "duration": text, "kind": st.sampled_from(["activity", "decision", "x"]),
    "steps": st.lists(text, max_size=3), "id": text, "no": tree}))
staff = st.fixed_dictionaries(
    {"name": text, "position": text, "group": text},
    optional={"duties": st.fixed_dictionaries({"items": st.lists(tree, max_size=4)}),
              "processes": st.lists(st.fixed_dictionaries(
                  {"name": text, "objectives": st.one_of(text, st.lists(tree, max_size=3)),
                   "steps": st.lists(step, min_size=1, max_size=5)},
                  optional={"definitions": tree, "forms": tree}), max_size=2),
              "work_standards": st.lists(st.fixed_dictionaries(
                  {"title": text, "rows": st.lists(st.fixed_dictionaries(
                      {"activity": tree}, optional={"standard": tree}), max_size=3)}),
                  max_size=2),
              "extra": tree})


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(staff)
def test_any_staff_file_builds_a_valid_docx_or_fails_with_a_content_error(content):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "content" / "fuzz"
        (folder / "staff").mkdir(parents=True)
        (folder / "office.yaml").write_text(OFFICE, encoding="utf-8")
        path = folder / "staff" / "someone.yaml"
        path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8",
                        errors="surrogatepass")  # broken bytes, as a broken file has
        paths = Paths(content=root / "content", out=root / "out")
        try:
            [manual] = build_office("fuzz", paths=paths, year=2570, engine=NoLayout())
        except KhumueError as exc:
            assert "someone.yaml" in str(exc)
            return
        result = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365).validate(
            str(manual.path))
        assert [str(e) for e in result.errors] == []
