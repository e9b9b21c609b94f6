"""The words Thai text is cut into wherever a line may break: the fewest dictionary words,
the likeliest of those, over a dictionary that knows compounds.

pythainlp's newmm alone reads "แนวทางในการ" as แนว|ทางใน|การ and "ถูกต้องตาม" as ถูก|ต้องตาม:
both cuts have as few words as the right ones, and newmm takes the first it finds.
:class:`ThaiWords` takes, of the cuts with the fewest words, the one whose words are the most
frequent in the Thai National Corpus (pythainlp's ``tnc`` word counts), so แนวทาง|ใน|การ and
ถูกต้อง|ตาม.  Its dictionary is the Royal Institute's word list (the Office of the Royal
Society's, pythainlp's ``thai_orst_words``: ถูกต้อง, ช่วยเหลือ, รับผิดชอบ), pythainlp's own
(สถานศึกษา, คณะกรรมการ, ดำเนินการ) and an office's terms (office.yaml ``words:``).  Runs no
dictionary word covers are cut at character clusters (pythainlp's TCC) and joined again, as
newmm does; everything that is not a Thai letter (spaces, digits, Latin, punctuation) is a
token of its own kind.

:meth:`ThaiWords.boundaries` says where a line may break: between words in this reading and
in the Royal Institute's alone (pythainlp's list reads การจัด|การศึกษา, the Royal Institute's
การ|จัดการ|ศึกษา, and a reader of either sees no word cut only at การ|จัดการศึกษา).

The dictionaries are built once a process (about 0.5 s).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from pythainlp.tokenize import tcc
from pythainlp.util import Trie

LETTERS = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e"  # Thai letters, vowels, marks, ๆ
THAI_LETTER = re.compile(f"[{LETTERS}]")
_RUNS = re.compile(f"[{LETTERS}]+|\\s+|[^\\s{LETTERS}]+")
_ABBREVIATED = re.compile(f"(?<=\\.)[{LETTERS}]{{1,3}}\\.")  # the next letters of พ.ศ., ร.ต.
MAX_WORD = 40  # characters: the longest dictionary word looked for
UNKNOWN = -20.0  # log-likelihood of a piece no dictionary word covers


@cache
def _royal_words() -> frozenset[str]:
    """The Royal Institute's word list (the Office of the Royal Society's, as pythainlp
    ships it)."""
    from pythainlp.corpus import thai_orst_words

    return _plain_words(thai_orst_words())


@cache
def _base_words() -> frozenset[str]:
    """The Royal Institute's words and pythainlp's own list, which knows compounds."""
    from pythainlp.corpus import thai_words

    return _royal_words() | _plain_words(thai_words())


def _plain_words(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in words if w and THAI_LETTER.search(w) and not re.search(r"\s", w))


@cache
def _icu_words() -> frozenset[str]:
    from pythainlp.corpus import thai_icu_words

    return frozenset(thai_icu_words())


@cache
def _log_counts() -> dict[str, float]:
    """Natural logs of the Thai National Corpus' word counts."""
    from pythainlp.corpus.tnc import word_freqs

    return {word: math.log(count) for word, count in word_freqs() if count > 0}


@dataclass(frozen=True)
class ThaiWords:
    """Thai segmentation with the compound dictionary and ``extra`` words (an office's own
    terms, each kept whole).  Get one from :func:`thai_words`, which caches it."""

    extra: tuple[str, ...] = ()
    compounds: bool = True  # False: the Royal Institute's words only (and the extra ones)

    @cached_property
    def words(self) -> frozenset[str]:
        """The dictionary: the base lists and the extra words."""
        base = _base_words() if self.compounds else _royal_words()
        return base | frozenset(w for w in self.extra if w.strip())

    @property
    def royal(self) -> ThaiWords:
        """The same segmentation with the Royal Institute's words (and the extra ones) only."""
        return thai_words(self.extra, compounds=False)

    @cached_property
    def trie(self) -> Trie:
        """:attr:`words` as pythainlp's trie, for the words that begin at a place."""
        return Trie(self.words)

    def tokens(self, text: str) -> list[str]:
        """``text`` cut into words; white space, digits, Latin and punctuation are tokens of
        their own.  Joined, the tokens are ``text``."""
        return list(_tokens(self, text))

    def parts(self, word: str) -> list[str]:
        """``word`` cut into smaller words, as :meth:`tokens` would cut it if it were not a
        word itself (``[word]`` when it has no such parts)."""
        if not THAI_LETTER.fullmatch(word[:1] or " ") or not all(
                THAI_LETTER.match(c) for c in word):
            return [word]
        return self._thai(word, whole=False)

    def icu_knows(self, token: str) -> bool:
        """True when ICU's Thai dictionary (as pythainlp ships its word list), which
        LibreOffice breaks lines with, holds ``token`` whole: ICU does not cut it."""
        return token in _icu_words()

    def is_royal(self, token: str) -> bool:
        """True when ``token`` is a word of the Royal Institute's list (or an extra one)."""
        return token in _royal_words() or token in self.extra

    def is_word(self, token: str) -> bool:
        """True when ``token`` is a word of the dictionary (not a piece no word covers)."""
        return token in self.words

    def boundaries(self, text: str) -> set[int]:
        """The offsets in ``text`` (0 and its length included) that fall between two tokens
        in this reading and in the Royal Institute's alone: where a line may break without
        cutting a word of either."""
        out = None
        for reading in (self, self.royal):
            cuts, at = {0}, 0
            for token in reading.tokens(text):
                at += len(token)
                cuts.add(at)
            out = cuts if out is None else out & cuts
        # a period holds on to the letters it abbreviates: no break before it, nor after it
        # inside an abbreviation (พ.|ศ.); after one (สพป.|พะเยา) a break may come
        return {at for at in (out or set()) | {0, len(text)}
                if at in (0, len(text)) or not (text[at] == "." or _ABBREVIATED.match(text, at))}

    def _thai(self, run: str, whole: bool = True) -> list[str]:
        """A run of Thai letters cut into the fewest dictionary words (pieces no word covers
        counting as words), of those the most frequent (a dynamic programme over the run's
        character-cluster boundaries); without ``whole``, never into the run itself."""
        n = len(run)
        edges = sorted({0, n} | set(tcc.tcc_pos(run)))
        allowed = set(edges)
        following = dict(zip(edges, edges[1:], strict=False))
        counts = _log_counts()
        best: dict[int, tuple[int, float, int, bool]] = {0: (0, 0.0, 0, True)}
        for i in edges[:-1]:
            if i not in best:
                continue
            words, score, _, _ = best[i]
            for word in self.trie.prefixes(run[i:i + MAX_WORD]):
                j = i + len(word)
                if j in allowed and (whole or (i, j) != (0, n)):
                    _offer(best, j, (words + 1, score + counts.get(word, 0.0), i, True))
            _offer(best, following[i], (words + 1, score + UNKNOWN, i, False))
        cuts: list[tuple[int, int, bool]] = []
        j = n
        while j:
            _, _, i, known = best[j]
            cuts.append((i, j, known))
            j = i
        cuts.reverse()
        out: list[str] = []
        unknown = False
        for i, j, known in cuts:  # pieces no word covers, side by side, are one token
            if not known and unknown:
                out[-1] += run[i:j]
            else:
                out.append(run[i:j])
            unknown = not known
        return out


@lru_cache(maxsize=50_000)
def _tokens(words: ThaiWords, text: str) -> tuple[str, ...]:
    """:meth:`ThaiWords.tokens`, remembered: a manual's texts recur in every manual of an
    office (the group's roles, the legend, the headings)."""
    out: list[str] = []
    for run in _RUNS.findall(text):
        out += words._thai(run) if THAI_LETTER.match(run) else [run]
    return tuple(out)


def _offer(best: dict[int, tuple[int, float, int, bool]], at: int,
           candidate: tuple[int, float, int, bool]) -> None:
    """Keep ``candidate`` (words, log count, from, known) at ``at`` when it has fewer words,
    or as many and a higher score."""
    old = best.get(at)
    if old is None or (candidate[0], -candidate[1]) < (old[0], -old[1]):
        best[at] = candidate


@cache
def thai_words(extra: tuple[str, ...] = (), compounds: bool = True) -> ThaiWords:
    """The segmentation with ``extra`` words (and with pythainlp's compounds, or with the Royal
    Institute's words alone), built once per process."""
    return ThaiWords(tuple(sorted(set(extra))), compounds)
