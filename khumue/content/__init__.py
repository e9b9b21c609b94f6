"""Stage 1, content: an office's YAML files (``content/<office-id>/``) read into the validated
model, every problem named by file, line and field.

Takes: the folders :class:`Paths` names (content/, templates/, out/).
Gives: :class:`OfficeContent` (the office and each :class:`StaffEntry`: its
:class:`~khumue.content.model.Staff` and the files it came from) from :func:`load_office`; the
template folders of an office (:class:`TemplateFolders`); the fiscal year's ITA indicator
(:mod:`khumue.content.ita`).

Modules: ``model`` (Staff, WorkStandard, Process, Step …; ``officemodel``: Office, Digits;
``modelbase``: Strict), ``loading`` (the folder read, shared files resolved), ``yamlsource``
(YAML with lines, limits), ``fieldpath``, ``fiscal``, ``templates``, ``ita``, ``folders``
(:class:`Paths` and :func:`write_atomically`).  Imports nothing of the stages below it in the
pipeline but :mod:`khumue.errors`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khumue.content.folders import Paths, write_atomically
    from khumue.content.loading import OfficeContent, StaffEntry, load_office
    from khumue.content.templates import TemplateFolders

# Each name is imported when first used, so that importing one module of the stage does
# not import the whole stage.
_EXPORTS = {
    "OfficeContent": "khumue.content.loading",
    "Paths": "khumue.content.folders",
    "StaffEntry": "khumue.content.loading",
    "TemplateFolders": "khumue.content.templates",
    "load_office": "khumue.content.loading",
    "write_atomically": "khumue.content.folders",
}
__all__ = ["OfficeContent", "Paths", "StaffEntry", "TemplateFolders", "load_office",
           "write_atomically"]


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
