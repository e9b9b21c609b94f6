"""The same bytes on every machine: every Python package the build and its tests run with is
pinned in constraints.txt, CI and the README's set-up install with it, and the packages that
shape a manual's bytes (the Thai dictionary, the DOCX and PDF libraries) are the pinned ones
here, or the golden files would fail for a reason no diff shows."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

import pytest

from tests.conftest import ROOT

SHAPING = ("pythainlp", "python-docx", "docxtpl", "lxml", "jinja2", "fonttools", "pikepdf",
           "pypdfium2", "pillow", "pyyaml", "ruamel.yaml", "pydantic")


def pins() -> dict[str, str]:
    out = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            out[name.lower()] = version
    return out


def _key(requirement: str) -> str:
    return re.split(r"[\s;\[<>=!~]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_requirement_is_pinned():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    missing = {_key(r) for r in wanted} - set(pins())
    assert not missing, f"not in constraints.txt: {missing}: run tools/freeze_constraints.py"


def test_ci_and_the_readme_install_with_the_constraints():
    assert 'pip install -q -c constraints.txt -e ".[test]"' in (ROOT / ".ci" / "run").read_text()
    setup = (ROOT / "README.md").read_text(encoding="utf-8").split("```")[1]
    assert setup.count("-c constraints.txt") == 2, setup  # both set-up commands


@pytest.mark.parametrize("name", SHAPING)
def test_what_shapes_the_bytes_is_the_pinned_version(name):
    installed = metadata.version(name)
    assert installed == pins()[name], (
        f"{name} {installed} is installed, constraints.txt pins {pins()[name]}: install with "
        "pip install -c constraints.txt -e \".[test]\" (or, to upgrade, see the README)")
