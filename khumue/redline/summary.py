"""What the comparison with last year comes to, in numbers (:class:`ChangeSummary`): light
to import, since the build record and REVIEW.md read it when nothing is compared."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from khumue.typeset.doctree import Part


@dataclass
class ChangeSummary:
    """How much changed: insertions and deletions (runs of words, or whole units) by part of
    the manual, and the flowcharts whose steps changed (by their process's name)."""

    insertions: Counter[str] = field(default_factory=Counter)
    deletions: Counter[str] = field(default_factory=Counter)
    flowcharts: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.insertions or self.deletions or self.flowcharts)

    def parts(self) -> list[str]:
        """The parts that changed, in the manual's order."""
        names = set(self.insertions) | set(self.deletions)
        return [p.value for p in Part if p.value in names]
