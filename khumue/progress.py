"""Progress of a build, as a person at a terminal or a log file wants it.

On a terminal: one line redrawn in place, a bar, manuals done of all, the stage of the latest
(render, layout, pdf, compare) and an estimate of the time left.  Otherwise (a log, CI): one
plain line per manual done, with the same estimate.  Messages (warnings) always get a line of
their own.  Safe to call from several threads.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO


class Progress:
    """Progress over ``total`` manuals, written to ``out`` (default: standard error)."""

    def __init__(self, total: int, out: TextIO | None = None, tty: bool | None = None,
                 say: Callable[[str], None] | None = None):
        """``say``, when given, takes each line instead of ``out`` (never a redrawn bar)."""
        self.total = total
        self.out = out or sys.stderr
        self.say = say
        self.tty = False if say else (self.out.isatty() if tty is None else tty)
        self.done_count = 0
        self.start = time.monotonic()
        self.lock = threading.Lock()
        self.drawn = False

    def stage(self, staff_id: str, stage: str) -> None:
        """``staff_id`` has reached ``stage``."""
        if self.tty:
            with self.lock:
                self._draw(f"{staff_id}: {stage}")

    def done(self, staff_id: str, note: str = "") -> None:
        """``staff_id`` is built (``note``: e.g. "unchanged")."""
        with self.lock:
            self.done_count += 1
            text = f"{staff_id}: {note or 'built'}"
            if self.tty:
                self._draw(text)
            else:
                self._line(f"[{self.done_count}/{self.total}] {text}{self._eta()}")

    def message(self, text: str) -> None:
        """A line of its own (a warning), above the bar."""
        with self.lock:
            if self.tty and self.drawn:
                self.out.write("\r\033[K")
                self.drawn = False
            self._line(text)

    def _line(self, text: str) -> None:
        if self.say is not None:
            self.say(text)
        else:
            self.out.write(f"  {text}\n")
            self.out.flush()

    def finish(self) -> None:
        with self.lock:
            if self.tty and self.drawn:
                self.out.write("\n")
                self.out.flush()
                self.drawn = False

    def _eta(self) -> str:
        if not self.done_count or self.done_count >= self.total:
            return ""
        left = (time.monotonic() - self.start) / self.done_count * (self.total - self.done_count)
        return f", about {left:.0f} s left"

    def _draw(self, text: str) -> None:
        width = 20
        filled = width * self.done_count // max(self.total, 1)
        bar = "#" * filled + "-" * (width - filled)
        self.out.write(f"\r\033[K[{bar}] {self.done_count}/{self.total} {text}{self._eta()}")
        self.out.flush()
        self.drawn = True
