"""Editing a clerk's YAML file in place: only the values that changed are rewritten; the
clerk's comments, key order, quoting, blank lines and shorthand stay (ruamel.yaml's round
trip, https://yaml.readthedocs.io/en/latest/detail/).

:class:`YamlFile` loads a file; :meth:`YamlFile.update` takes the file's content as it was
read and as it must become, both in the one form merging compares (every paragraph, item and
step a mapping), and changes only what differs, writing new values the short way a clerk
writes them (``- text`` for a step that is only text); :meth:`YamlFile.annotate` adds a
``# ตรวจ: …`` line above a value; :meth:`YamlFile.text` is the file as it must be written.
Where ruamel.yaml would lay out an untouched part differently from the file, the file's own
lines are kept: only the lines of changed values come from ruamel.yaml.
"""

from __future__ import annotations

import difflib
import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

from khumue.content.fieldpath import Loc
from khumue.importer.merge.threeway import identity, key_of
from khumue.importer.read.result import shorthand
from khumue.typeset.alignment import align

# (mapping indent, sequence indent, sequence dash offset) tried in turn: the first that
# gives the file back as it is wins.
LAYOUTS = ((2, 4, 2), (2, 2, 0), (4, 6, 4), (4, 4, 2), (2, 4, 0), (4, 4, 0))


def _yaml(layout: tuple[int, int, int]) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 10**9
    yaml.indent(mapping=layout[0], sequence=layout[1], offset=layout[2])
    return yaml


def _dump(yaml: YAML, document: Any) -> str:
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


class YamlFile:
    """One YAML file, to edit in place.  Raises ruamel.yaml's errors for a file it cannot
    read (the content loader has read it already, so this does not happen to valid
    content)."""

    def __init__(self, path: Path, text: str | None = None):
        self.path = path
        self.original = path.read_text(encoding="utf-8") if text is None else text
        self.layout = LAYOUTS[0]
        self.yaml = _yaml(self.layout)
        self.document = self.yaml.load(self.original)
        self.unchanged = _dump(self.yaml, self.document)
        for layout in LAYOUTS[1:]:
            if self.unchanged == self.original:
                break
            candidate = _yaml(layout)
            again = _dump(candidate, candidate.load(self.original))
            if _distance(again, self.original) < _distance(self.unchanged, self.original):
                self.layout, self.yaml, self.unchanged = layout, candidate, again
                self.document = candidate.load(self.original)
        self.changed = False
        # a text that must be quoted is quoted as the file quotes most
        self.double = self.original.count(': "') + self.original.count('- "') > \
            self.original.count(": '") + self.original.count("- '")

    def update(self, current: Any, new: Any) -> None:
        """Change the file's content from ``current`` (as read) to ``new``."""
        if current != new:
            self.changed = True
            _Updater(self.double).mapping(self.document, current, new)

    def annotate(self, path: Loc, lines: list[str]) -> None:
        """A ``# ตรวจ: …`` line above the value at ``path`` (the nearest value there is), for
        each of ``lines`` the file does not say yet."""
        fresh = [f"ตรวจ: {' '.join(line.split())}" for line in lines
                 if f"ตรวจ: {' '.join(line.split())}" not in self.original]
        if not fresh:
            return
        parent, key, column = _nearest(self.document, path, self.layout)
        if parent is None or key is None:
            self.document.yaml_set_start_comment("\n".join(fresh))
        else:
            parent.yaml_set_comment_before_after_key(key, before="\n".join(fresh), indent=column)
        self.changed = True

    def text(self) -> str:
        """The file as it must be written (the original when nothing changed)."""
        if not self.changed:
            return self.original
        modified = _dump(self.yaml, self.document)
        return _patched(self.original, self.unchanged, modified)


def _distance(a: str, b: str) -> int:
    matcher = difflib.SequenceMatcher(None, a.splitlines(), b.splitlines(), autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes()
               if op != "equal")


def _nearest(document: Any, path: Loc, layout: tuple[int, int, int]
             ) -> tuple[Any, str | int | None, int]:
    """(the container of the deepest value of ``path`` there is, its key, the column a
    comment line above it starts at).  The first key of a mapping that is a list's element
    stands on the element's line (``- text: …``): its comment goes above the element."""
    mapping, sequence, offset = layout
    steps: list[tuple[Any, str | int, int]] = []  # (container, key, column of its line)
    node, column = document, 0
    for part in path:
        if isinstance(node, CommentedMap) and isinstance(part, str) and part in node:
            steps.append((node, part, column))
            node = node[part]
            if isinstance(node, CommentedMap):
                column += mapping
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            steps.append((node, part, column + offset))
            node = node[part]
            column += sequence
        else:
            break
    while len(steps) >= 2 and isinstance(steps[-1][0], CommentedMap) and \
            isinstance(steps[-2][0], CommentedSeq) and next(iter(steps[-1][0])) == steps[-1][1]:
        steps.pop()
    return steps[-1] if steps else (None, None, 0)


def _replacements(ops: list[tuple[str, Any, Any]]) -> list[tuple[str, Any, Any]]:
    """Lined-up elements, a mapping deleted and another inserted in its place (a standard's
    row whose activity went up into a merged cell: its name changed) taken as one changed in
    place, so that what it keeps keeps the clerk's way of writing it; not when either is
    moved from or to elsewhere."""
    elsewhere = {key_of(fresh[1]) for tag, _, fresh in ops if fresh is not None} & \
        {key_of(old[1]) for tag, old, _ in ops if old is not None and tag == "deleted"}
    out: list[tuple[str, Any, Any]] = []
    for op in ops:
        tag, old, fresh = op
        if tag == "inserted" and out and out[-1][0] == "deleted" and \
                isinstance(out[-1][1][1], dict) and isinstance(fresh[1], dict) and \
                key_of(fresh[1]) not in elsewhere and key_of(out[-1][1][1]) not in elsewhere:
            out[-1] = ("pair", out[-1][1], fresh)
            continue
        out.append(op)
    return out


class _Updater:
    """Changes ruamel nodes from a current value to a new one, touching only what differs;
    ``double``: texts that must be quoted are double-quoted."""

    def __init__(self, double: bool):
        self.double = double

    def mapping(self, node: CommentedMap, current: dict[str, Any], new: dict[str, Any]) -> None:
        for key in [k for k in current if k not in new]:
            if key in node:
                del node[key]
        for position, key in enumerate(new):
            if key not in current or key not in node:
                node.insert(min(position, len(node)), key, self.plain(new[key]))
            elif current[key] != new[key]:
                self.value(node, key, current[key], new[key])

    def value(self, parent: Any, key: str | int, current: Any, new: Any) -> None:
        """``parent[key]`` from ``current`` to ``new``."""
        node = parent[key]
        if isinstance(node, CommentedMap) and isinstance(current, dict) and \
                isinstance(new, dict):
            self.mapping(node, current, new)
        elif isinstance(node, CommentedSeq) and isinstance(current, list) and \
                isinstance(new, list):
            self.sequence(node, current, new)
        elif isinstance(node, str | int | float | bool) or node is None:
            parent[key] = self.scalar_like(node, new)
        else:
            parent[key] = self.plain(new)

    def sequence(self, node: CommentedSeq, current: list[Any], new: list[Any]) -> None:
        """Elements lined up (:mod:`khumue.typeset.alignment`): the same left alone, a changed one
        changed in place, a gone one deleted, a new one inserted; one deleted here and the
        same added there is moved (its node, with its comments)."""
        originals = list(node)
        ops = _replacements(align(list(enumerate(current)), list(enumerate(new)),
                                  lambda p: identity(p[1])))
        gone: dict[str, list[int]] = {}
        for _, old, fresh in ops:
            if old is not None and fresh is None:
                gone.setdefault(key_of(old[1]), []).append(old[0])
        cursor = 0
        for _, old, fresh in ops:
            if old is not None and fresh is not None:
                if old[1] != fresh[1]:
                    self.value(node, cursor, old[1], fresh[1])
                cursor += 1
            elif old is not None:
                del node[cursor]
            elif fresh is not None:
                waiting = gone.get(key_of(fresh[1]))
                node.insert(cursor, originals[waiting.pop(0)] if waiting else self.plain(fresh[1]))
                cursor += 1


    def scalar_like(self, node: Any, new: Any) -> Any:
        """``new`` written as ``node`` was: a text a clerk wrote as shorthand for a paragraph
        or step stays shorthand; a quoted text stays quoted the same way."""
        value = shorthand(new)
        if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str) and \
                isinstance(node, str):
            value = value[0]  # a single paragraph written as a text
        if isinstance(value, str) and isinstance(node, ScalarString):
            return type(node)(value)
        return self.plain(value)

    def plain(self, value: Any) -> Any:
        """A new value as the file would have it: the short form, block style, quoted as
        the file quotes."""
        value = shorthand(value)
        if isinstance(value, dict):
            out = CommentedMap()
            for key, item in value.items():
                out[key] = self.plain(item)
            return out
        if isinstance(value, list):
            return CommentedSeq(self.plain(v) for v in value)
        if isinstance(value, str) and self.double and _needs_quotes(value):
            return DoubleQuotedScalarString(value)
        return value


_PLAIN_UNSAFE = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`]|: | #|:$|^\s|\s$")
_RESOLVER = VersionedResolver()


def _needs_quotes(text: str) -> bool:
    """True for a text YAML cannot write plain (it would read as something else)."""
    return not text or bool(_PLAIN_UNSAFE.search(text)) or \
        _RESOLVER.resolve(ScalarNode, text, (True, False)) != "tag:yaml.org,2002:str"


def _patched(original: str, unchanged: str, modified: str) -> str:
    """``modified`` where ruamel.yaml dumps the file as it is (``unchanged`` ==
    ``original``); else the original with only the lines ruamel.yaml changed between its
    dump of the file as read and as edited replaced (with the lines around them that it lays
    out differently from the file, when a change touches them)."""
    if unchanged == original:
        return modified
    old, base, new = (t.splitlines(True) for t in (original, unchanged, modified))
    to_old: dict[int, int] = {}
    for block in difflib.SequenceMatcher(None, base, old, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            to_old[block.a + k] = block.b + k
    out = list(old)
    limit = len(old)
    hunks = [h for h in difflib.SequenceMatcher(None, base, new, autojunk=False).get_opcodes()
             if h[0] != "equal"]
    for _, i1, i2, j1, j2 in reversed(hunks):
        before = max((i for i in range(i1) if i in to_old), default=-1)
        after = min((i for i in range(i2, len(base)) if i in to_old), default=len(base))
        start = to_old[before] + 1 if before >= 0 else 0
        end = to_old[after] if after < len(base) else len(old)
        if end > limit:  # two changes share lines laid out differently: ruamel's layout
            return modified
        out[start:end] = base[before + 1:i1] + new[j1:j2] + base[i2:after]
        limit = start
    return "".join(out)
