"""The code stays a place to live in: no module over 400 lines, no class over 180, the median
function at most 10 lines, no import cycle between the package's modules (imports inside
functions too), and a top level that reads as the pipeline: at most 12 stages, each importing
only earlier ones, every package with its docstring.  ``python tools/codeshape.py`` prints the
figures."""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("codeshape", ROOT / "tools" / "codeshape.py")
assert _spec is not None and _spec.loader is not None
codeshape = importlib.util.module_from_spec(_spec)
sys.modules["codeshape"] = codeshape
_spec.loader.exec_module(codeshape)


def test_the_package_is_within_its_limits():
    shape = codeshape.measure()
    assert len(shape.modules) > 50
    assert shape.problems() == []


def test_the_measure_finds_an_import_cycle_through_a_function_level_import(tmp_path: Path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.b import thing\n")
    (package / "b.py").write_text(textwrap.dedent("""
        def thing():
            from pkg import a
            return a
        """))
    (package / "c.py").write_text("class Big:\n" + "    x = 1\n" * 200)
    shape = codeshape.measure(tmp_path, "pkg")
    assert shape.cycles() == [["pkg.a", "pkg.b", "pkg.a"]]
    assert any("class pkg.c.Big: 201 lines" in p for p in shape.problems())


def test_the_house_check_finds_an_upward_import_a_stray_entry_and_a_missing_docstring(
        tmp_path: Path):
    package = tmp_path / "pkg"
    (package / "low").mkdir(parents=True)
    (package / "high").mkdir()
    (package / "__init__.py").write_text('"""pkg."""\nSTAGES = ("low", "high")\n')
    (package / "low" / "__init__.py").write_text("")  # no docstring
    (package / "low" / "a.py").write_text(textwrap.dedent("""
        def later():
            from pkg.high.b import thing  # a function-level import counts
            return thing
        """))
    (package / "high" / "__init__.py").write_text('"""The later stage."""\n')
    (package / "high" / "b.py").write_text("thing = 1\n")
    (package / "extra.py").write_text("")
    problems = codeshape.measure(tmp_path, "pkg").problems()
    assert "upward import: pkg.low.a imports pkg.high.b (high comes after low)" in problems
    assert "top level: extra is not one of the stages low, high" in problems
    assert "package pkg.low has no docstring" in problems
    assert len(problems) == 3


def test_the_package_reads_as_the_pipeline():
    shape = codeshape.measure()
    assert len(shape.entries) <= 12
    assert set(shape.entries) == set(shape.stages)
    assert shape.stages.index("content") < shape.stages.index("typeset") \
        < shape.stages.index("wordml") < shape.stages.index("layout") \
        < shape.stages.index("review") < shape.stages.index("build") < shape.stages.index("cli")
    assert shape.upward_imports() == []
