"""The command lines, thin over the library: ``python build.py`` (:func:`main`, ``script``)
and the ``khumue`` command with its Thai help (:func:`khumue`, ``commands``).  Each parses
options, calls :mod:`khumue.build` or :mod:`khumue.importer`, and turns their errors into
``Error: …`` with exit status 1."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khumue.cli.commands import khumue
    from khumue.cli.script import main

# Each name is imported when first used, so that importing one module of the stage does
# not import the whole stage.
_EXPORTS = {
    "khumue": "khumue.cli.commands",
    "main": "khumue.cli.script",
}
__all__ = ["khumue", "main"]


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
