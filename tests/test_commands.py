"""The ``khumue`` command: every command and option explained in Thai first, each
subcommand doing what ``python build.py`` does with the same files, and ``khumue list``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import click
from click.testing import CliRunner

from khumue.cli.commands import khumue
from khumue.layout.engine import NoLayout
from tests.conftest import ROOT

THAI = re.compile("^[\u0e00-\u0e7f]")


def test_every_command_and_option_has_thai_help_first():
    assert khumue.help and THAI.match(khumue.help)
    assert set(khumue.commands) == {"build", "check", "import", "publish", "list"}
    ctx = click.Context(khumue)
    for name, command in khumue.commands.items():
        assert command.help and THAI.match(command.help), name
        for param in command.get_params(ctx):
            if isinstance(param, click.Option):
                assert param.help and THAI.match(param.help), (name, param.opts)
                assert all(re.fullmatch(r"-{1,2}[a-z-]+", o) for o in param.opts)  # English
    for param in khumue.get_params(ctx):
        assert isinstance(param, click.Option) and THAI.match(param.help or "")


def _office(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "phayao2", content / "phayao2")
    shutil.copytree(ROOT / "content" / "sisaket1", content / "sisaket1")
    return content


def test_build_writes_what_build_py_writes_and_ends_with_a_table(tmp_path, monkeypatch):
    import khumue.build.office as build_module

    monkeypatch.setattr(build_module, "_meant_layout", lambda options, engine: "not-laid-out")
    content = _office(tmp_path)
    result = CliRunner().invoke(khumue, ["build", "--office", "phayao2", "--content",
                                         str(content), "--out", str(tmp_path / "out"),
                                         "--year", "2570"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "phayao2" / "2570"
    assert (folder / "kotchaporn.docx").is_file() and (folder / "review.html").is_file()
    assert "นางกชพร คำวงษา" in result.output and "kotchaporn.docx" in result.output
    assert f"phayao2: เขียนคู่มือ 1 เล่มใน {folder}/ ข้อควรตรวจ 0 รายการ" in result.output


def test_check_exits_1_with_strict_and_a_warning(tmp_path):
    content = _office(tmp_path)
    args = ["check", "--office", "sisaket1", "--content", str(content), "--year", "2570"]
    assert CliRunner().invoke(khumue, args).exit_code == 0
    strict = CliRunner().invoke(khumue, [*args, "--strict"])
    assert strict.exit_code == 1 and "warning(s)" in strict.output
    unknown = CliRunner().invoke(khumue, ["check", "--office", "nowhere", "--content",
                                          str(content)])
    assert unknown.exit_code == 1 and "phayao2" in unknown.output  # names the valid ones


def test_import_needs_a_file_and_says_so_in_thai(tmp_path):
    result = CliRunner().invoke(khumue, ["import", "--office", "phayao2"])
    assert result.exit_code == 2 and "ไฟล์หรือโฟลเดอร์" in result.output


def test_list_shows_each_office_its_staff_and_the_years_built(tmp_path):
    from khumue.build.office import Paths, build_office

    content = _office(tmp_path)
    out = tmp_path / "out"
    for year in (2569, 2570):
        build_office("phayao2", paths=Paths(content=content, out=out), year=year,
                     engine=NoLayout())
    result = CliRunner().invoke(khumue, ["list", "--content", str(content), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): line for line in result.output.splitlines()
            if line.startswith("│") and line.split("│")[1].strip()}
    assert set(rows) == {"phayao2", "sisaket1"}
    assert "สพป.พะเยา เขต 2" in rows["phayao2"] and "2569 2570" in rows["phayao2"]
    assert "สพป.ศรีสะเกษ เขต 1" in rows["sisaket1"] and "–" in rows["sisaket1"]
    assert "│ 1 " in rows["phayao2"]  # one staff file
