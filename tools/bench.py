"""Benchmark: an office of 60 manuals (the five offices' staff files, twelve times each),
built in a temporary folder.

    python tools/bench.py [--copies 12] [--runs 3]

Prints, each the median of ``--runs`` runs where it is cheap enough: manuals per second for
DOCX only, the seconds for 60 manuals with real TOC page numbers and with PDFs, the seconds
of a second build with nothing changed (as a user runs it: ``python build.py``), of
``--publish`` once the PDFs are built (the office book, index.html, the copies), pandoc
converting the same manuals' text as Markdown to DOCX with our template as reference
document (one pandoc per manual, as a script would), the ratio, and the peak memory of DOCX
builds of a fifth and of all the manuals (it must not grow with their number).  Targets (2
cores): DOCX only >= 20 manuals/s and >= 3x pandoc; TOC numbers <= 20 s; PDFs <= 30 s;
unchanged <= 1 s and <= 10% of the DOCX-only build as a command; a one-manual rebuild not
building the Thai dictionary (it is read from its cache); importing the office's 60 returned
manuals in one command (as built, and each with a word changed) >= 5 files/s; the reviewer's
page (review.html) of the 60 manuals < 15 MB, the page pictures' rendering <= 20% of the PDF
build, both for the year built and for the next year with a step of every manual edited (its
changed pages pictured too); the line ends that fall inside a word in the five offices' PDFs
(``tools/linebreaks.py``), by cells, body, boxes and headings: target 0; a scan of one manual
imported by OCR within 1.5x of Tesseract's own time on its pages (``tools/ocrbench.py``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import linebreaks  # tools/linebreaks.py, beside this file
import ocrbench  # tools/ocrbench.py

ROOT = Path(__file__).resolve().parent.parent
OFFICES = ("sisaket1", "phayao2", "phayao1", "sakonnakhon2", "phetchabun1")


def make_office(content: Path, copies: int) -> int:
    """content/bench/ with every office's staff files ``copies`` times; the number made."""
    folder = content / "bench"
    (folder / "staff").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "phayao1" / "office.yaml", folder / "office.yaml")
    count = 0
    for i in range(1, copies + 1):
        for office in OFFICES:
            for staff in sorted((ROOT / "content" / office / "staff").glob("*.yaml")):
                shutil.copy(staff, folder / "staff" / f"{staff.stem}-{i:02d}.yaml")
                count += 1
            for kind in ("groups", "processes", "standards"):
                for shared in sorted((ROOT / "content" / office / kind).glob("*.yaml")):
                    (folder / kind).mkdir(exist_ok=True)
                    shutil.copy(shared, folder / kind / shared.name)
    return count


# As on our machines: Python compiles every module it imports, each run (no .pyc written).
ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def build(content: Path, out: Path, *args: str, year: int = 2570) -> float:
    """Seconds for ``python build.py --office bench`` (a new process, as a user runs it)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--office", "bench", "--content",
                    str(content), "--out", str(out), "--year", str(year), *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def edit_steps(content: Path) -> None:
    """Every staff file's (and shared process's) first step edited, as a clerk would."""
    for path in sorted((content / "bench").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        for i, line in enumerate(lines):
            if line.lstrip().startswith("- text: ") and "steps" in "".join(lines[max(0, i - 3):i]):
                lines[i] = line.rstrip("\n") + " ทุกภาคเรียน\n"
                break
        path.write_text("".join(lines), encoding="utf-8")


def picture_seconds(folder: Path) -> float:
    """Seconds to render, one after another, the page pictures a build with PDFs makes in
    ``folder``: every manual's thumbnails and texts, and its changed pages."""
    from khumue.build.jobs import PICTURES_FOLDER
    from khumue.review.pictures import Pictures, changed_pages, page_pictures

    start = time.perf_counter()
    for pdf in sorted(folder.glob("*.pdf")):
        page_pictures(pdf.read_bytes())
        kept = Pictures.from_bytes((folder / PICTURES_FOLDER / f"{pdf.stem}.json").read_bytes())
        changes = folder / "changes" / pdf.name
        if kept.changed and changes.is_file():
            changed_pages(changes.read_bytes(), [n for n, _, _ in kept.changed], str)
    return time.perf_counter() - start


def docx_only(content: Path, out: Path) -> tuple[float, int, float]:
    """(seconds of the build, peak KiB, seconds of the whole child process with its
    imports) of a DOCX-only build in a child process."""
    code = ("import resource, sys, time; from pathlib import Path;"
            "from khumue.build import Paths, build_office; from khumue.layout import NoLayout;"
            "t = time.perf_counter();"
            f"build_office('bench', paths=Paths(content=Path({str(content)!r}), "
            f"out=Path({str(out)!r})), year=2570, engine=NoLayout(), force=True);"
            "s = time.perf_counter() - t;"
            "c = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
            "m = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss;"
            "print(s, max(c, m))")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                            text=True, cwd=ROOT, env=ENV)
    seconds, peak = result.stdout.split()
    return float(seconds), int(peak), time.perf_counter() - start


def one_manual(content: Path, out: Path) -> float:
    """Seconds for ``python build.py --office bench --staff ID`` after a word of that staff
    file changed (a clerk fixing one manual)."""
    staff = sorted((content / "bench" / "staff").glob("*.yaml"))[0]
    text = staff.read_text(encoding="utf-8")
    staff.write_text(text.replace("ประสาน", "ประสานงาน", 1) if "ประสาน" in text else
                     text + "\n", encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--office", "bench", "--content",
                    str(content), "--out", str(out), "--year", "2570", "--staff", staff.stem],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def dictionary_seconds() -> float:
    """Seconds a new process takes to get its Thai dictionary and cut a line with it (read
    from its cache beside the generated fonts; building it from pythainlp took 0.76 s)."""
    code = ("import time; t = time.perf_counter();"
            "from khumue.typeset.thaiwords import thai_words;"
            "thai_words().tokens('ทดสอบการตัดคำภาษาไทย'); print(time.perf_counter() - t)")
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True, cwd=ROOT, env=ENV)
    return float(done.stdout)


def returned(built: Path, target: Path) -> int:
    """The built manuals as returned with a word changed in each (in the body, past the
    table of contents, in a run of its own as Word writes an edit); how many."""
    target.mkdir()
    count = 0
    for docx in sorted(built.glob("*.docx")):
        with zipfile.ZipFile(docx) as package:
            parts = {name: package.read(name) for name in package.namelist()}
        xml = parts["word/document.xml"].decode("utf-8")
        start = xml.find('w:val="Heading1"', xml.find('w:val="Heading1"') + 1)
        at = xml.find("การ", start)
        if start > 0 and at > 0:
            xml = xml[:at] + "การที่" + xml[at + len("การ"):]
            count += 1
        parts["word/document.xml"] = xml.encode("utf-8")
        with zipfile.ZipFile(target / docx.name, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in parts.items():
                package.writestr(name, data)
    return count


def import_rate(content: Path, folder: Path) -> tuple[float, float]:
    """(files per second, seconds) of ``python build.py --office bench --import folder``
    (a new process, as a user runs it), into a copy of ``content``."""
    copy = content.parent / f"import-{folder.name}"
    shutil.copytree(content, copy)
    files = len(list(folder.glob("*.docx")))
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--office", "bench", "--content",
                    str(copy), "--import", str(folder)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    return files / seconds, seconds


def pandoc_rate(out: Path, work: Path) -> float | None:
    """Manuals per second for pandoc, Markdown → DOCX, one process per manual."""
    if shutil.which("pandoc") is None:
        return None
    from docx import Document

    sources = []
    for docx in sorted(out.rglob("*.docx")):
        if docx.parent.name == "changes":
            continue
        text = "\n\n".join(p.text for p in Document(str(docx)).paragraphs if p.text.strip())
        source = work / f"{docx.stem}.md"
        source.write_text(text, encoding="utf-8")
        sources.append(source)
    start = time.perf_counter()
    for source in sources:
        subprocess.run(["pandoc", "-f", "markdown", "-t", "docx", "--reference-doc",
                        str(ROOT / "templates" / "default" / "manual.docx"), "-o",
                        str(source.with_suffix(".docx")), str(source)], check=True)
    return len(sources) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=12)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="khumue-bench-") as scratch:
        work = Path(scratch)
        count = make_office(work / "content", args.copies)
        small = make_office(work / "small", max(args.copies // 5, 1))
        runs = [docx_only(work / "content", work / f"docx{i}") for i in range(args.runs)]
        docx_seconds = statistics.median(s for s, _, _ in runs)
        docx_wall = statistics.median(w for _, _, w in runs)
        peak_all = max(p for _, p, _ in runs)
        peak_small = max(docx_only(work / "small", work / f"docx-small{i}")[1]
                         for i in range(args.runs))
        rate = count / docx_seconds
        toc = build(work / "content", work / "toc")
        unchanged = statistics.median(build(work / "content", work / "toc")
                                      for _ in range(args.runs))
        pdf = build(work / "content", work / "pdf", "--pdf")
        publish = build(work / "content", work / "pdf", "--publish")  # the PDFs are there
        book = work / "pdf" / "bench" / "2570" / "publish" / "bench-2570-all.pdf"
        book_size = book.stat().st_size
        year = work / "pdf" / "bench" / "2570"
        review_size = (year / "review.html").stat().st_size
        pictures = picture_seconds(year)
        edit_steps(work / "content")
        next_pdf = build(work / "content", work / "pdf", "--pdf", year=2571)
        next_year = work / "pdf" / "bench" / "2571"
        next_size = (next_year / "review.html").stat().st_size
        next_pictures = picture_seconds(next_year)
        changed = len(list((next_year / "changes").glob("*.pdf")))
        one = one_manual(work / "content", work / "docx0")
        dictionary = statistics.median(dictionary_seconds() for _ in range(args.runs))
        pandoc = pandoc_rate(work / "docx0", work)
        built = work / "docx0" / "bench" / "2570"
        same_rate, same_seconds = import_rate(work / "content", built)
        edited = returned(built, work / "edited")
        edit_rate, edit_seconds = import_rate(work / "content", work / "edited")
        first_pdf = min(p for p in year.glob("*.pdf") if p.parent == year)
        scan_line = ocrbench.line(first_pdf)
        linebreaks.build_offices(work / "lines")
        line_ends = linebreaks.office_counts(work / "lines")
    print(f"benchmark office: {count} manuals ({args.copies} copies of the five offices)")
    print(f"  DOCX only              : {rate:6.1f} manuals/s ({docx_seconds:.2f} s, median "
          f"of {args.runs})   target >= 20")
    if pandoc is not None:
        print(f"  pandoc Markdown->DOCX  : {pandoc:6.1f} manuals/s   ours is {rate / pandoc:.1f}x"
              "   target >= 3x")
    else:
        print("  pandoc Markdown->DOCX  : not installed (apt-get install pandoc)")
    print(f"  with TOC page numbers  : {toc:6.1f} s for {count}   target <= 20 s")
    print(f"  with PDFs              : {pdf:6.1f} s for {count}   target <= 30 s")
    print(f"  publish (PDFs built)   : {publish:6.1f} s: office book of {count} manuals "
          f"({book_size / 2**20:.1f} MiB), index.html, copies")
    print(f"  review.html            : {review_size / 2**20:6.1f} MB for {count}   target < 15 MB; "
          f"pictures {pictures:.1f} s = {pictures / pdf:.0%} of the PDF build   target <= 20%")
    print(f"  review.html, next year : {next_size / 2**20:6.1f} MB, {changed} changed manuals; "
          f"pictures {next_pictures:.1f} s = {next_pictures / next_pdf:.0%} of its "
          f"{next_pdf:.1f} s build with changes PDFs")
    print(f"  nothing changed        : {unchanged:6.2f} s (median of {args.runs})   target <= 1 s; "
          f"{unchanged / docx_wall:.0%} of the DOCX-only build's {docx_wall:.1f} s (as a "
          "command, bytecode not cached)   target <= 10%")
    print(f"  one manual rebuilt     : {one:6.2f} s (python build.py --staff, a word changed); "
          f"its Thai dictionary {dictionary:.2f} s   target: read from its cache, not built "
          "(0.76 s)")
    print(f"  peak memory, DOCX only : {peak_small / 1024:.0f} MiB for {small} manuals, "
          f"{peak_all / 1024:.0f} MiB for {count}: {peak_all / peak_small:.2f}x   "
          "target <= 1.15x")
    print(f"  import, as built       : {same_rate:6.1f} files/s ({same_seconds:.1f} s for "
          f"{count}, one command)   target >= 5")
    print(f"  import, a word changed : {edit_rate:6.1f} files/s ({edit_seconds:.1f} s for "
          f"{edited} edited files)   target >= 5")
    print(scan_line)
    inside = sum(c.total_inside for c in line_ends.values())
    ends = sum(sum(c.ends.values()) for c in line_ends.values())
    print(f"  line ends inside a word: {inside} of {ends} between Thai letters, five offices' "
          "PDFs   target 0")
    print("\n".join("    " + line for line in linebreaks.report(line_ends, 3).splitlines()))


if __name__ == "__main__":
    main()
