"""Nothing a clerk or a broken machine does gives a traceback, a hang or a leaked process:
each class of fault ends with a clear message naming the file (and line), the exit code, the
previous output intact, and no process or temporary folder of ours left behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from khumue.build.office import Paths, build_office
from khumue.cli.script import main
from khumue.layout.engine import LibreOfficeLayout
from khumue.layout.libreoffice import LibreOfficeProcess
from khumue.typeset.thaibreak import atoms, balance
from tests.conftest import ROOT, needs_office
from tests.docxread import Manual, W
from tests.test_bad_input import STAFF

OFFICE = "name: สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต 1\nshort_name: สพป.ทดสอบ เขต 1\n"


def ours_in_tmp() -> set[str]:
    """Our folders in the temporary folder (LibreOffice profiles, layout scratch)."""
    return {p.name for p in Path(tempfile.gettempdir()).glob("khumue-*")
            if p.name != "khumue-fonts"}


def our_processes(owner: int | None = None) -> list[str]:
    """The processes a build started (the build ``owner``, by default this test process):
    those whose environment names it as their owner (khumue.layout.libreoffice.OWNER), so that
    another program's LibreOffice on the machine does not count."""
    from khumue.layout.libreoffice import OWNER

    marker = f"{OWNER}={owner or os.getpid()}".encode()
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if marker in (proc / "environ").read_bytes().split(b"\0"):
                found.append((proc / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:
            continue
    return found


class Office:
    """A content folder with one office, built once so there is previous output to keep."""

    def __init__(self, root: Path, staff: str = STAFF, name: str = "somchai.yaml"):
        self.root = root
        self.content = root / "content"
        (self.content / "test1" / "staff").mkdir(parents=True)
        (self.content / "test1" / "office.yaml").write_text(OFFICE, encoding="utf-8")
        self.staff = self.content / "test1" / "staff" / name
        self.staff.write_text(staff, encoding="utf-8")
        self.out = root / "out"

    def run(self, *args: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, ["--office", "test1", "--content", str(self.content),
                                           "--out", str(self.out), "--year", "2570", *args])
        assert not isinstance(result.exception, Exception) or \
            isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
        return result.exit_code, result.output


@pytest.fixture
def office(tmp_path: Path) -> Office:
    return Office(tmp_path)


def _previous(office: Office) -> tuple[Path, bytes]:
    code, output = office.run()
    assert code == 0, output
    path = office.out / "test1" / "2570" / "somchai.docx"
    return path, path.read_bytes()


def _fails_keeping_output(office: Office, *words: str, args: tuple[str, ...] = ()) -> str:
    path, before = _previous(office) if not (office.out / "test1").exists() else (
        office.out / "test1" / "2570" / "somchai.docx",
        (office.out / "test1" / "2570" / "somchai.docx").read_bytes())
    return _expect_failure(office, path, before, words, args)


def _expect_failure(office: Office, path: Path, before: bytes, words: tuple[str, ...],
                    args: tuple[str, ...] = ()) -> str:
    code, output = office.run(*args)
    assert code == 1, output
    for word in words:
        assert word in output, output
    assert path.read_bytes() == before
    return output


# -- content -------------------------------------------------------------------------------------


def test_a_branch_to_a_step_with_sub_steps_goes_to_its_first_sub_step(office):
    office.staff.write_text(STAFF.replace("""      - text: ขั้นที่หนึ่ง
        duration: 1 วัน
""", """      - text: ขั้นที่หนึ่ง
        id: s1
        steps: [ก, ข]
      - text: อนุมัติหรือไม่
        kind: decision
        no: {goto: s1}
"""), encoding="utf-8")
    code, output = office.run()
    assert code == 0, output


@pytest.mark.parametrize(("yaml_text", "words"), [
    ("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)), ("ขยายเป็นค่ามากกว่า",)),
    ("name: " + "[" * 5000 + "]" * 5000 + "\n", ("ลึกเกิน", "somchai.yaml:1:")),
    ("name: x\nposition: y\ncover:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 60))
     + "  " * 60 + "v: 1\n", ("ลึกเกิน", "somchai.yaml:")),
    ("name: &a\n  - *a\n", ("วนกลับมาที่ตัวเอง",)),
    ("? [a, b]\n: x\nname: x\n", ("หัวข้อต้องเป็นข้อความ", ":1:")),
    ("name: x\nlevel: " + "9" * 5000 + "\n", (":2:", "level")),
    ("name: !!binary aGVsbG8=\n", ("name",)),
    ("name: !foo x\n", ("แท็ก", ":1:")),
    ("base: &b {position: ครู}\nname: x\n<<: *b\n", ("base",)),
    ('name: "ก\\ud800ข"\n', ("รหัสอักขระที่ใช้ไม่ได้", ":1:")),
    ('name: "ก\\uffffข"\n', ("U+FFFF", ":1:")),
], ids=["aliases", "deep", "deep-block", "cycle", "complex-key", "huge-int", "binary", "tag",
        "merge", "surrogate", "nonchar"])
def test_hostile_yaml_gets_a_thai_message_with_its_line_in_bounded_time(office, yaml_text,
                                                                         words):
    _, before = _previous(office)
    office.staff.write_text(yaml_text, encoding="utf-8")
    start = time.monotonic()
    output = _expect_failure(office, office.out / "test1" / "2570" / "somchai.docx", before,
                             ("somchai.yaml", *words))
    assert time.monotonic() - start < 20
    assert "Error:" in output


def test_a_notepad_file_in_tis620_or_utf16_is_read_with_a_warning(office):
    office.staff.write_bytes(STAFF.encode("cp874"))
    code, output = office.run()
    assert code == 0, output
    assert "somchai.yaml: ไฟล์นี้บันทึกเป็น TIS-620" in output and "UTF-8" in output
    office.staff.write_bytes(STAFF.encode("utf-16"))
    code, output = office.run()
    assert code == 0 and "บันทึกเป็น UTF-16" in output
    office.staff.write_bytes(b"name: \xff\xfe\x00bad\n")
    assert office.run()[0] == 1


def test_bidirectional_and_zero_width_characters_get_their_own_warning(office):
    office.staff.write_text(STAFF.replace("ขั้นที่หนึ่ง", "ขั้นที่\u202eหนึ่ง\u200b"),
                            encoding="utf-8")
    code, output = office.run()
    assert code == 0
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in output and "U+200B ZERO WIDTH SPACE" in output
    assert "วรรณยุกต์ซ้ำ" not in output


def test_yml_files_count_and_strange_entries_are_reported_not_skipped(office):
    (office.content / "test1" / "staff" / "other.yml").write_text(
        STAFF.replace("นางทดสอบ ใจดี", "นายอื่น ใจดี"), encoding="utf-8")
    code, output = office.run()
    assert code == 0 and "2 manual(s)" in output
    (office.content / "test1" / "staff" / "ghost.yaml").symlink_to(office.root / "nowhere")
    (office.content / "test1" / "staff" / "folder.yaml").mkdir()
    os.mkfifo(office.content / "test1" / "staff" / "pipe.yaml")
    code, output = office.run()
    assert code == 1
    for name in ("ghost.yaml", "folder.yaml", "pipe.yaml"):
        assert f"{name}: ไม่ใช่ไฟล์ธรรมดา" in output


def test_a_staff_file_too_large_is_refused(office):
    office.staff.write_text(STAFF + "# " + "ก" * 400_000 + "\n", encoding="utf-8")
    code, output = office.run()
    assert code == 1 and "เกินที่รับได้" in output


# -- templates ---------------------------------------------------------------------------------


def _own_templates(office: Office) -> Path:
    templates = office.root / "templates"
    shutil.copytree(ROOT / "templates" / "default", templates / "default")
    (templates / "test1").mkdir()
    return templates


def _run_with(office: Office, templates: Path) -> tuple[int, str]:
    paths = Paths(content=office.content, templates=templates, out=office.out)
    from khumue.errors import KhumueError

    try:
        build_office("test1", paths=paths, year=2570)
    except KhumueError as exc:
        return 1, str(exc)
    return 0, ""


def test_a_foreword_template_with_a_syntax_error_names_its_file_and_line(office):
    templates = _own_templates(office)
    (templates / "test1" / "foreword.txt.j2").write_text("บรรทัดแรก\nคำนำของ {{ name }\n",
                                                         encoding="utf-8")
    code, message = _run_with(office, templates)
    assert code == 1 and "foreword.txt.j2:2:" in message and "แม่แบบคำนำ" in message
    (templates / "test1" / "foreword.txt.j2").write_text("คำนำของ {{ nickname }}",
                                                         encoding="utf-8")
    code, message = _run_with(office, templates)
    assert code == 1 and "nickname" in message and "fiscal_year" in message


def test_a_manual_template_that_is_not_a_docx_names_its_file(office):
    templates = _own_templates(office)
    (templates / "test1" / "manual.docx").write_text("not a docx", encoding="utf-8")
    code, message = _run_with(office, templates)
    assert code == 1 and "test1/manual.docx" in message and "เปิดเป็นเอกสาร Word ไม่ได้" in message
    assert not office.out.exists()


# -- the output folder -----------------------------------------------------------------------


def test_out_under_a_file_or_a_year_folder_that_is_a_file(office):
    blocker = office.root / "a-file"
    blocker.write_text("x", encoding="utf-8")
    code, output = office.run("--out", str(blocker / "out"))
    assert code == 1 and str(blocker) in output and "มีไฟล์ชื่อเดียวกับโฟลเดอร์" in output
    (office.out / "test1").mkdir(parents=True)
    (office.out / "test1" / "2570").write_text("x", encoding="utf-8")
    code, output = office.run()
    assert code == 1 and "2570" in output and "มีไฟล์ชื่อเดียวกับโฟลเดอร์" in output
    assert (office.out / "test1" / "2570").read_text(encoding="utf-8") == "x"


# -- LibreOffice -----------------------------------------------------------------------------


def _fake_worker(root: Path, body: str) -> Path:
    worker = root / "worker.py"
    worker.write_text("import json, sys, time\n" + body, encoding="utf-8")
    return worker


@needs_office
def test_a_libreoffice_that_stops_answering_is_stopped_and_the_docx_still_built(office):
    worker = _fake_worker(office.root, 'print(json.dumps({"ready": True}), flush=True)\n'
                                       "time.sleep(600)\n")
    before = ours_in_tmp()
    process = LibreOfficeProcess(worker=worker, request_timeout=2)
    pid = process.process.pid
    said: list[str] = []
    start = time.monotonic()
    paths = Paths(content=office.content, out=office.out)
    with LibreOfficeLayout(process) as engine:
        [manual] = build_office("test1", paths=paths, year=2570, engine=engine,
                                progress=said.append)
    assert time.monotonic() - start < 30
    assert any("ไม่ตอบภายใน 2 วินาที" in line and "โดยไม่มีเลขหน้า" in line for line in said)
    assert Manual(manual.path).paragraphs()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert ours_in_tmp() <= before


@needs_office
def test_a_libreoffice_stopped_while_it_lays_out_is_noticed_within_30_seconds(office):
    """SIGSTOP on the office process: its worker's heartbeat says it is stopped, so the build
    goes on without page numbers within seconds, not after the request's time limit."""
    before = ours_in_tmp()
    process = LibreOfficeProcess()
    group = process.process.pid
    office_pids = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()
                   and int(p.name) != group and _group_of(int(p.name)) == group]
    assert office_pids, "no LibreOffice process in the worker's group"
    said: list[str] = []
    paths = Paths(content=office.content, out=office.out)
    start = time.monotonic()
    try:
        for pid in office_pids:
            os.kill(pid, signal.SIGSTOP)
        with LibreOfficeLayout(process) as engine:
            [manual] = build_office("test1", paths=paths, year=2570, engine=engine,
                                    progress=said.append)
    finally:
        for pid in office_pids:
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
    assert time.monotonic() - start < 30
    assert any("ถูกหยุดไว้กลางคัน" in line and "โดยไม่มีเลขหน้า" in line for line in said), said
    assert Manual(manual.path).paragraphs()
    assert our_processes() == []
    assert ours_in_tmp() <= before


def _group_of(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except ProcessLookupError:
        return None


@needs_office
def test_a_libreoffice_that_fails_to_start_falls_back_to_docx(office, monkeypatch):
    from khumue.layout import libreoffice

    worker = _fake_worker(office.root, "sys.exit(3)\n")
    monkeypatch.setattr(libreoffice, "WORKER", worker)
    code, output = office.run()
    assert code == 0, output
    assert "LibreOffice หยุดทำงานกลางคัน" in output and "without page numbers" in output
    code, output = office.run("--pdf")
    assert code == 1 and "LibreOffice" in output
    # once LibreOffice works again, the manual laid out without it is laid out again
    monkeypatch.undo()
    code, output = office.run()
    assert code == 0 and "ไม่เปลี่ยน" not in output, output
    manual = Manual(office.out / "test1" / "2570" / "somchai.docx")
    assert manual.part_xml("word/settings.xml").find(f"{W}updateFields") is None
    toc = [p for p in manual.paragraphs() if "\t" in p and p.split("\t")[-1]]
    assert toc and all(p.split("\t")[-1].strip() for p in toc)


@needs_office
def test_a_build_leaves_no_profile_folder_and_no_process(office):
    before = ours_in_tmp()
    # another program's LibreOffice, with a profile named like ours: not the build's
    elsewhere = subprocess.Popen(["bash", "-c", "sleep 60", "soffice", "khumue-lo-elsewhere"])
    try:
        code, output = office.run("--pdf")
        assert code == 0, output
        assert ours_in_tmp() <= before
        assert our_processes() == []
        assert elsewhere.poll() is None  # left alone
    finally:
        elsewhere.kill()
        elsewhere.wait()


@needs_office
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_a_build_killed_while_libreoffice_starts_leaves_nothing_running(office, signum):
    before = ours_in_tmp()
    build = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--office", "test1",
                              "--content", str(office.content), "--out", str(office.out)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not our_processes(build.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert our_processes(build.pid), "LibreOffice did not start"
    build.send_signal(signum)
    build.wait(timeout=30)
    deadline = time.monotonic() + 30
    while (our_processes(build.pid) or not ours_in_tmp() <= before) and \
            time.monotonic() < deadline:
        time.sleep(0.2)
    assert our_processes(build.pid) == []
    assert ours_in_tmp() <= before


# -- the heading breaker ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["ก" + "\u0e48" * 3000, "งานส่งเสริม" * 400,
                                  "สำนักงาน " * 500])
def test_the_breaker_does_at_most_quadratic_work(text):
    calls = 0

    def measure(piece: str) -> float:
        nonlocal calls
        calls += 1
        return len(piece) * 7.0

    lines = balance(text, 300, measure)
    assert "".join(lines) == text
    n = len(atoms(text))
    assert calls <= 3 * n * n + 10
