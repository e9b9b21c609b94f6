"""Benchmark: PDF conversions per second, one persistent LibreOffice against one
`soffice --convert-to pdf` per file, on the same manuals in the same run.

    python tools/bench_pdf.py [--office phayao2] [--copies 4]

Every office here has one staff member, so the office's manual is converted ``--copies``
times (distinct files) to stand for an office's manuals.  Prints both rates and the ratio.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from khumue.build.office import Paths, build_office
from khumue.layout.engine import NoLayout
from khumue.layout.fonts import fontconfig_env
from khumue.layout.libreoffice import FONT_CACHE, LibreOfficeProcess


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--office", default="phayao2")
    parser.add_argument("--copies", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        [manual] = build_office(args.office, paths=Paths(out=work / "out"),
                                  engine=NoLayout())
        files = []
        for i in range(args.copies):
            copy = work / f"manual-{i}.docx"
            shutil.copy(manual.path, copy)
            files.append(copy)

        start = time.perf_counter()
        with LibreOfficeProcess() as office:
            for docx in files:
                office.layout(docx, [], pdf=docx.with_suffix(".persistent.pdf"))
        persistent = len(files) / (time.perf_counter() - start)

        env = fontconfig_env(FONT_CACHE / "fonts.conf")
        # one warm-up run creates the shared profile, so that each timed run only starts
        subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", str(work / "warm"), str(files[0])],
                       check=True, capture_output=True, env=env)
        start = time.perf_counter()
        for i, docx in enumerate(files):
            out = work / f"single-{i}"
            subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile",
                            "--headless", "--convert-to", "pdf", "--outdir", str(out),
                            str(docx)], check=True, capture_output=True, env=env)
        single = len(files) / (time.perf_counter() - start)
    print(f"{args.office}: {len(files)} manuals")
    print(f"  one persistent office process : {persistent:.2f} conversions/s")
    print(f"  soffice --convert-to per file : {single:.2f} conversions/s")
    print(f"  persistent is {persistent / single:.1f}x faster (start-up included in both)")


if __name__ == "__main__":
    main()
