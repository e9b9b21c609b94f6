"""Progress of a build, as a person at a terminal or a log file wants it.

On a terminal: rich's progress bar (manuals done of all, the stage of the latest: render,
layout, pdf, compare, and the time left), redrawn in place, with messages (warnings)
printed above it.  Otherwise (a log, CI): one plain line per manual done, with an estimate of
the time left.  Safe to call from several threads.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as Bar


class Progress:
    """Progress over ``total`` manuals, written to ``out`` (default: standard error)."""

    def __init__(self, total: int, out: TextIO | None = None, tty: bool | None = None,
                 say: Callable[[str], None] | None = None):
        """``say``, when given, takes each line instead of ``out`` (never a redrawn bar);
        ``tty`` forces the bar on or off (default: when ``out`` is a terminal)."""
        self.total = total
        self.out = out or sys.stderr
        self.say = say
        self.tty = False if say else (self.out.isatty() if tty is None else tty)
        self.done_count = 0
        self.start = time.monotonic()
        self.lock = threading.Lock()
        self.bar: Bar | None = None
        self.task = TaskID(0)

    def _started(self) -> Bar:
        """The bar, drawn from the first stage on (not before the warnings of the load)."""
        if self.bar is None:
            console = Console(file=self.out, force_terminal=True, highlight=False)
            self.bar = Bar(TextColumn("  "), BarColumn(bar_width=24), MofNCompleteColumn(),
                           TextColumn("{task.description}"), TimeRemainingColumn(),
                           console=console, transient=False)
            self.task = self.bar.add_task("", total=self.total)
            self.bar.start()
        return self.bar

    def stage(self, staff_id: str, stage: str) -> None:
        """``staff_id`` has reached ``stage``."""
        if self.tty:
            with self.lock:
                bar = self._started()
                bar.update(self.task, description=f"{staff_id}: {stage}")
                bar.refresh()

    def done(self, staff_id: str, note: str = "") -> None:
        """``staff_id`` is built (``note``: e.g. "unchanged")."""
        with self.lock:
            self.done_count += 1
            text = f"{staff_id}: {note or 'built'}"
            if self.tty:
                bar = self._started()
                bar.update(self.task, advance=1, description=text)
                bar.refresh()
            else:
                self._line(f"[{self.done_count}/{self.total}] {text}{self._eta()}")

    def message(self, text: str) -> None:
        """A line of its own (a warning), above the bar."""
        with self.lock:
            if self.bar is not None:
                self.bar.console.print(f"  {text}", markup=False)
            else:
                self._line(text)

    def _line(self, text: str) -> None:
        if self.say is not None:
            self.say(text)
        else:
            self.out.write(f"  {text}\n")
            self.out.flush()

    def finish(self) -> None:
        """The bar left as it ended (the build is done, or failed)."""
        with self.lock:
            if self.bar is not None:
                self.bar.stop()
                self.bar = None

    def _eta(self) -> str:
        if not self.done_count or self.done_count >= self.total:
            return ""
        left = (time.monotonic() - self.start) / self.done_count * (self.total - self.done_count)
        return f", about {left:.0f} s left"
