"""From a staff member's content to the typeset tree of their manual
(:mod:`khumue.typeset.doctree`).

- :mod:`~khumue.typeset.compose.manual`: the parts in order, the table of contents, page numbering;
- :mod:`~khumue.typeset.compose.text`: text in the office's digits, rich text and list labels;
- :mod:`~khumue.typeset.compose.parts`: cover, foreword, group roles, duties, sections, references;
- :mod:`~khumue.typeset.compose.standards`: work-standard tables;
- :mod:`~khumue.typeset.compose.processes`: process manuals, summary forms and legends.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khumue.typeset.compose.context import ManualContext
    from khumue.typeset.compose.manual import compose_manual

_EXPORTS = {"ManualContext": "khumue.typeset.compose.context",
            "compose_manual": "khumue.typeset.compose.manual"}
__all__ = ["ManualContext", "compose_manual"]


def __getattr__(name: str) -> object:  # each name imported when first used
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
