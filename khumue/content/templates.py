"""Where a manual's templates are looked up: an ordered list of folders, the office's first.

``templates/<office-id>/`` may hold any of the template files (``manual.docx``,
``foreword.txt.j2``); what it lacks comes from ``templates/default/``, as a theme's files
override a base theme's in MkDocs.  So an office folder holding only ``foreword.txt.j2`` uses
that foreword with the default ``manual.docx``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from khumue.errors import TemplateError

MANUAL_DOCX = "manual.docx"
FOREWORD = "foreword.txt.j2"


@dataclass(frozen=True)
class TemplateFolders:
    """Template folders in lookup order; the first that holds a file wins."""

    folders: tuple[Path, ...]

    @classmethod
    def for_office(cls, root: Path, office_id: str) -> TemplateFolders:
        """``root/<office_id>/`` (when it exists), then ``root/default/``."""
        own = root / office_id
        return cls((own, root / "default") if own.is_dir() else (root / "default",))

    def find(self, name: str) -> Path:
        """The first ``name`` in the folders.  Raises TemplateError naming where it looked."""
        for folder in self.folders:
            if (folder / name).is_file():
                return folder / name
        where = ", ".join(f"{f}/" for f in self.folders)
        raise TemplateError(f"ไม่พบแม่แบบ {name} ใน {where}")

    def render_html(self, name: str, context: dict[str, Any], what: str) -> str:
        """The HTML page of template ``name`` (found as :meth:`find` finds it) with
        ``context``, escaped, every variable required.  Raises TemplateError naming the
        template and ``what`` it makes ("หน้าตรวจทาน (review.html)")."""
        path = self.find(name)
        environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                                         keep_trailing_newline=True)
        try:
            return environment.from_string(path.read_text(encoding="utf-8")).render(context)
        except (jinja2.TemplateError, UnicodeDecodeError) as exc:
            raise TemplateError(f"{path}: แม่แบบ{what}ใช้ไม่ได้: {exc}") from None
