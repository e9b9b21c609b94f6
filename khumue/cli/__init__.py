"""The command lines, thin over the library: ``python build.py`` (:func:`main`, ``script``)
and the ``khumue`` command with its Thai help (:func:`khumue`, ``commands``).  Each parses
options, calls :mod:`khumue.build` or :mod:`khumue.importer`, and turns their errors into
``Error: …`` with exit status 1."""

from khumue.cli.commands import khumue
from khumue.cli.script import main

__all__ = ["khumue", "main"]
