"""Regenerate templates/default/manual.docx from khumue.wordml.template.

Run after changing the default styles or layout: python tools/make_template.py
"""

from pathlib import Path

from khumue.wordml.template import build_default_template

if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "templates" / "default" / "manual.docx"
    build_default_template(target)
    print(f"wrote {target}")
