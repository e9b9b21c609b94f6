"""Writing content as YAML a clerk reads and edits: keys in the model's order, Thai text as
it is (not escaped), block lists, and the importer's notes as comments beside the values.

PyYAML writes scalars (so quoting is always right); the layout and comments are ours, since
no YAML library here writes comments.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from khumue.content.fieldpath import Loc


def dump(value: Mapping[str, Any], comments: Mapping[Loc, list[str]] | None = None,
         header: Sequence[str] = ()) -> str:
    """``value`` (dicts, lists, strings, numbers, booleans) as a YAML document; each comment
    list is written as ``# …`` lines above the value at its path (``()``: the top)."""
    out = [f"# {line}" for line in header]
    notes: dict[Loc, list[str]] = {}
    for path, lines in (comments or {}).items():
        notes.setdefault(_existing(value, path), []).extend(lines)
    out += [f"# {line}" for line in notes.pop((), [])]
    _mapping(value, (), 0, out, notes)
    leftover = [line for lines in notes.values() for line in lines]
    if leftover:
        out += [f"# {line}" for line in leftover]
    return "\n".join(out) + "\n"


def _existing(value: Any, path: Loc) -> Loc:
    """The longest prefix of ``path`` that names a value in ``value`` (a comment about a
    deleted list element goes to its list)."""
    current = value
    for i, part in enumerate(path):
        if isinstance(part, int) and isinstance(current, list) and part < len(current):
            current = current[part]
        elif isinstance(part, str) and isinstance(current, Mapping) and part in current:
            current = current[part]
        else:
            return path[:i]
    return path


def scalar(value: Any) -> str:
    """One scalar in YAML, quoted only when it must be (a text that looks like a number,
    a boolean, a date, or holds ``: `` or ``#``)."""
    text = yaml.safe_dump(value, allow_unicode=True, width=10**9, default_flow_style=True)
    if text.endswith("\n...\n"):
        text = text[:-5]
    return text.rstrip("\n")


def _comment(path: Loc, indent: int, out: list[str], notes: dict[Loc, list[str]]) -> None:
    for line in notes.pop(path, []):
        out.append(" " * indent + "# " + " ".join(line.split()))


def _mapping(value: Mapping[str, Any], path: Loc, indent: int, out: list[str],
             notes: dict[Loc, list[str]]) -> None:
    pad = " " * indent
    for key, item in value.items():
        here = (*path, key)
        _comment(here, indent, out, notes)
        head = f"{pad}{scalar(key)}:"
        _value(item, here, indent, head, out, notes)


def _value(item: Any, here: Loc, indent: int, head: str, out: list[str],
           notes: dict[Loc, list[str]]) -> None:
    if isinstance(item, Mapping):
        if not item:
            out.append(f"{head} {{}}")
        else:
            out.append(head)
            _mapping(item, here, indent + 2, out, notes)
    elif isinstance(item, list | tuple):
        if not item:
            out.append(f"{head} []")
        else:
            out.append(head)
            _sequence(item, here, indent + 2, out, notes)
    else:
        out.append(f"{head} {scalar(item)}")


def _sequence(items: Sequence[Any], path: Loc, indent: int, out: list[str],
              notes: dict[Loc, list[str]]) -> None:
    pad = " " * indent
    for i, item in enumerate(items):
        here = (*path, i)
        _comment(here, indent, out, notes)
        if isinstance(item, Mapping) and item:
            first = True
            for key, value in item.items():
                sub = (*here, key)
                if not first:
                    _comment(sub, indent + 2, out, notes)
                head = f"{pad}- {scalar(key)}:" if first else f"{pad}  {scalar(key)}:"
                _value(value, sub, indent + 2, head, out, notes)
                first = False
        elif isinstance(item, list | tuple) and item:
            out.append(f"{pad}-")
            _sequence(item, here, indent + 2, out, notes)
        else:
            _value(item, here, indent, f"{pad}-", out, notes)
