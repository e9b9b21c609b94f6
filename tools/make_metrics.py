"""Regenerate fonts/th-sarabun-metrics.json: TH Sarabun New's advance widths and line height.

Read from Debian's Laksaman (drawn from TH Sarabun New at 1.503 times its size) at 1503 units
per em, for every character Laksaman maps.  The build measures text with this file, so it needs
no font installed.  Run: python tools/make_metrics.py  (needs fonts-tlwg-laksaman).
"""

import json
from pathlib import Path

from fontTools.ttLib import TTFont

from khumue.layout.fonts import LAKSAMAN_DIR, SCALED_UPEM
from khumue.typeset.metrics import METRICS_FILE


def face(path: Path) -> dict[str, object]:
    with TTFont(str(path)) as font:
        hmtx = font["hmtx"]
        os2 = font["OS/2"]
        advances = {str(code): round(hmtx[name][0] / SCALED_UPEM, 6)
                    for code, name in sorted(font.getBestCmap().items())}
        line = round((os2.usWinAscent + os2.usWinDescent) / SCALED_UPEM, 6)
    return {"line": line, "advances": advances}


if __name__ == "__main__":
    data = {"source": "fonts-tlwg-laksaman at unitsPerEm 1503 (TH Sarabun New metrics)",
            "regular": face(LAKSAMAN_DIR / "Laksaman.ttf"),
            "bold": face(LAKSAMAN_DIR / "Laksaman-Bold.ttf")}
    METRICS_FILE.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                            encoding="utf-8")
    print(f"wrote {METRICS_FILE}")
