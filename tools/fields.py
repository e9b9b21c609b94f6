"""Field agreement of an import with our own transcription in content/: how much of what the
transcription says comes back, field by field, and how much of what comes back is right.

    python tools/fields.py                   # the five offices, typed in Word two ways
    python tools/fields.py --pdf             # … and the PDFs LibreOffice prints from them
    python tools/fields.py --scan            # … and scans of those PDFs, read by OCR
    python tools/fields.py --show phayao2    # with the leaves missed and the ones extra

The measure: every text leaf of ``content/<office>/staff/*.yaml`` (the staff member's content
with the group's roles resolved, as the build reads it), normalised (Thai digits as Arabic,
no white space, a leading list number stripped: "๕.๑ กำหนด…" and "กำหนด…" agree), as a
multiset; the same of what the import gives; recall is the share of the transcription's
leaves found among the imported ones, precision the share of the imported ones found among
the transcription's.  The Word files are typed from the seeds (``../shared/seeds/``) by
``tests/handtyped_docx.py``: "typed" with direct formatting and typed numbers, "word" with
Word's heading styles, list numbering and drawn flowcharts.  ``--pdf`` also prints each to
PDF with LibreOffice and imports that, as it is and with every sara am of its text layer
reading " า" (the damage of PDFs that copy-paste breaks; tests/pdfmake.py).  ``--scan``
scans the PDF of the "typed" file as a scanner gives it back (200 dpi grey JPEG pages,
turned by half a degree, with specks: tests/pdfmake.py ``scan_of``) and imports that by OCR.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khumue.content import Paths, TemplateFolders, load_office  # noqa: E402
from khumue.importer.read.result import content_data  # noqa: E402
from khumue.typeset.digits import arabic_digits  # noqa: E402

OFFICES = ("phayao1", "phayao2", "phetchabun1", "sakonnakhon2", "sisaket1")
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_FILES = {
    "sisaket1": "sisaket1-promotion-director.txt",
    "phayao2": "phayao2-promotion-director.txt",
    "phayao1": "phayao1-policy-analyst.txt",
    "sakonnakhon2": "sakonnakhon2-supervisor.txt",
    "phetchabun1": "phetchabun1-general-admin.txt",
}
_NUMBER = re.compile(r"^(?:[-•●○]|\(?[0-9]+(?:\.[0-9]+)*[.)]?)+")


def normalised(text: str) -> str:
    """A leaf as compared: Arabic digits, no white space, no leading list number."""
    return _NUMBER.sub("", re.sub(r"\s+", "", arabic_digits(text)))


def leaves(value: Any) -> Counter[str]:
    """Every text leaf of ``value`` (plain content data), normalised, as a multiset."""
    out: Counter[str] = Counter()

    def walk(v: Any) -> None:
        if isinstance(v, str):
            text = normalised(v)
            if text:
                out[text] += 1
        elif isinstance(v, dict):
            for item in v.values():
                walk(item)
        elif isinstance(v, list):
            for item in v:
                walk(item)

    walk(value)
    return out


@dataclass
class Agreement:
    """Recall, precision and what differs, for one import against its transcription."""

    expected: Counter[str]
    got: Counter[str]
    found: int = field(init=False)

    def __post_init__(self) -> None:
        self.found = sum((self.expected & self.got).values())

    @property
    def recall(self) -> float:
        return self.found / max(sum(self.expected.values()), 1)

    @property
    def precision(self) -> float:
        return self.found / max(sum(self.got.values()), 1)

    def missing(self) -> list[str]:
        return sorted((self.expected - self.got).elements())

    def extra(self) -> list[str]:
        return sorted((self.got - self.expected).elements())


def transcription(office: str) -> Counter[str]:
    """The leaves of the office's staff files, the group's roles resolved."""
    content = load_office(Paths().content, office)
    total: Counter[str] = Counter()
    for entry in content.staff:
        total += leaves(content_data(entry.staff))
    return total


def imported(path: Path, office: str) -> Counter[str]:
    """The leaves of what importing ``path`` (a DOCX or a PDF) gives as a new manual of
    ``office``: the staff file it would write."""
    from khumue.importer.read import import_docx
    from khumue.importer.read.pdf import import_pdf

    templates = TemplateFolders.for_office(Paths().templates, office)
    read = import_pdf if path.suffix == ".pdf" else import_docx
    return leaves(read(path, templates).data)


def typed_files(office: str, folder: Path) -> dict[str, Path]:
    """The seed of ``office`` typed into Word in each style, in ``folder``."""
    sys.path.insert(0, str(ROOT))
    from tests.handtyped_docx import handtyped_docx

    seed = (SEEDS / SEED_FILES[office]).read_text(encoding="utf-8")
    processes = [p for e in load_office(Paths().content, office).staff for p in e.staff.processes]
    return {style: handtyped_docx(seed, style, processes, folder / f"{office}-{style}.docx")
            for style in ("typed", "word")}


def measure(offices: Iterable[str], pdf: bool = False,
            scan: bool = False) -> dict[tuple[str, str], Agreement]:
    """(office, how) → its agreement; ``how`` is "typed", "word", and with ``pdf`` also
    "typed.pdf", "word.pdf", "word.pdf, ำ as า", with ``scan`` "typed.pdf scanned"."""
    out = {}
    with tempfile.TemporaryDirectory(prefix="khumue-fields-") as scratch:
        for office in offices:
            expected = transcription(office)
            for style, docx in typed_files(office, Path(scratch)).items():
                out[office, style] = Agreement(expected, imported(docx, office))
                if scan and style == "typed":
                    from tests.pdfmake import libreoffice_pdf, scan_of

                    printed_pdf = libreoffice_pdf(docx, Path(scratch) / f"{docx.stem}-p.pdf")
                    scanned = scan_of(printed_pdf, Path(scratch) / f"{docx.stem}-scan.pdf")
                    out[office, "typed.pdf scanned"] = Agreement(expected,
                                                                 imported(scanned, office))
                if pdf:
                    for how, made in printed(docx, Path(scratch)).items():
                        out[office, f"{style}.pdf{how}"] = Agreement(expected,
                                                                     imported(made, office))
    return out


def printed(docx: Path, folder: Path) -> dict[str, Path]:
    """The PDF LibreOffice prints from ``docx`` (""), and the one it prints with every sara
    am of its text reading " า" (", ำ as า")."""
    from tests.pdfmake import damaged_sara_am, libreoffice_pdf

    return {"": libreoffice_pdf(docx, folder / f"{docx.stem}.pdf"),
            ", ำ as า": damaged_sara_am(docx, folder / f"{docx.stem}-broken.pdf")}


def report(results: dict[tuple[str, str], Agreement], show: str | None = None) -> str:
    lines = []
    for (office, how), a in results.items():
        lines.append(f"fields: {office:13} {how:18} recall {a.recall:6.1%}  "
                     f"precision {a.precision:6.1%}")
        if show in (office, "all"):
            lines += [f"    missed: {m}" for m in a.missing()[:40]]
            lines += [f"    extra:  {x}" for x in a.extra()[:40]]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument("--scan", action="store_true")
    parser.add_argument("--show", metavar="OFFICE")
    parser.add_argument("offices", nargs="*", default=list(OFFICES))
    args = parser.parse_args(argv)
    if not SEEDS.is_dir():
        print(f"the seeds are expected in {SEEDS}")
        return 1
    print(report(measure(args.offices, args.pdf, args.scan), args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
