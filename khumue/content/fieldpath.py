"""Field paths: where a value stands in a content file, as code and as a clerk reads it.

A path is a tuple of keys and 0-based list positions, ``('processes', 0, 'steps', 2)``; it is
printed with positions from 1, ``processes[1].steps[3]``, as a clerk counts them.
"""

from __future__ import annotations

Loc = tuple[str | int, ...]


def field_path(loc: Loc) -> str:
    """``('processes', 0, 'steps', 2)`` → ``processes[1].steps[3]`` (positions from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out
