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

The word lists are read from pythainlp once and kept as one file beside the generated fonts
(:func:`lexicon`), which the next process reads in a few milliseconds.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

from pythainlp.tokenize import tcc

CACHE_FOLDER = Path(__file__).resolve().parents[2] / "fonts" / "generated"
LETTERS = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e"  # Thai letters, vowels, marks, ๆ
THAI_LETTER = re.compile(f"[{LETTERS}]")
_RUNS = re.compile(f"[{LETTERS}]+|\\s+|[^\\s{LETTERS}]+")
_ABBREVIATED = re.compile(f"(?<=\\.)[{LETTERS}]{{1,3}}\\.")  # the next letters of พ.ศ., ร.ต.
MAX_WORD = 40  # characters: the longest dictionary word looked for
MAX_CLUSTERS = 24  # character clusters: the longest dictionary word looked for
UNKNOWN = -20.0  # log-likelihood of a piece no dictionary word covers


@dataclass(frozen=True)
class Lexicon:
    """The word lists the segmentation reads: the Royal Institute's (the Office of the Royal
    Society's, pythainlp's ``thai_orst_words``), that with pythainlp's own list (``base``,
    which knows compounds), ICU's, the syllables (``thai_syllables``) and the natural logs of
    the Thai National Corpus' counts."""

    royal: frozenset[str]
    base: frozenset[str]
    icu: frozenset[str]
    syllables: frozenset[str]
    log_counts: dict[str, float]


CACHE_VERSION = 2  # of the cached lexicon's form


@cache
def lexicon() -> Lexicon:
    """The lexicon, read from its cache beside the generated fonts (``fonts/generated/``),
    else built from pythainlp's corpora (about a second) and cached there for the next
    process (when the folder can be written; a cache that does not read is built again)."""
    path = _cache_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Lexicon(frozenset(data["royal"]), frozenset(data["royal"] + data["base"]),
                       frozenset(data["icu"]), frozenset(data["syllables"]),
                       data["log_counts"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    built = _built()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        scratch.write_text(json.dumps({
            "royal": sorted(built.royal), "base": sorted(built.base - built.royal),
            "icu": sorted(built.icu), "syllables": sorted(built.syllables),
            "log_counts": built.log_counts}, ensure_ascii=False), encoding="utf-8")
        os.replace(scratch, path)
    except OSError:
        pass  # a read-only install: built again by each process
    return built


def _cache_path() -> Path:
    import pythainlp

    return CACHE_FOLDER / f"thai-words-{pythainlp.__version__}-{CACHE_VERSION}.json"


def _built() -> Lexicon:
    from pythainlp.corpus import thai_icu_words, thai_orst_words, thai_syllables, thai_words
    from pythainlp.corpus.tnc import word_freqs

    royal = _plain_words(thai_orst_words())
    base = royal | _plain_words(thai_words())
    return Lexicon(royal, base, frozenset(thai_icu_words()), frozenset(thai_syllables()),
                   {word: round(math.log(count), 3) for word, count in word_freqs()
                    if count > 1 and word in base})


def _plain_words(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in words if w and THAI_LETTER.search(w) and not re.search(r"\s", w))


@dataclass(frozen=True)
class ThaiWords:
    """Thai segmentation with the compound dictionary and ``extra`` words (an office's own
    terms, each kept whole).  Get one from :func:`thai_words`, which caches it."""

    extra: tuple[str, ...] = ()
    compounds: bool = True  # False: the Royal Institute's words only (and the extra ones)

    @cached_property
    def words(self) -> frozenset[str]:
        """The dictionary: the base lists and the extra words."""
        base = lexicon().base if self.compounds else lexicon().royal
        return base | frozenset(w for w in self.extra if w.strip())

    @property
    def royal(self) -> ThaiWords:
        """The same segmentation with the Royal Institute's words (and the extra ones) only."""
        return thai_words(self.extra, compounds=False)

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
        return token in lexicon().icu

    def is_royal(self, token: str) -> bool:
        """True when ``token`` is a word of the Royal Institute's list (or an extra one)."""
        return token in lexicon().royal or token in self.extra

    def syllables(self, word: str) -> int:
        """1 for a word of one syllable (in pythainlp's syllable list), else 2 (two or more,
        or not known)."""
        return 1 if word in lexicon().syllables or len(word) < 2 else 2

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
        counting as words); of those, the one whose words' lengths have the largest sum of
        squares (longer words, as maximal matching prefers: พันธกิจ|การ, not พันธ|กิจการ),
        then the most frequent (a dynamic programme over the run's character-cluster
        boundaries); without ``whole``, never into the run itself."""
        n = len(run)
        edges = sorted({0, n} | set(tcc.tcc_pos(run)))
        dictionary, counts = self.words, lexicon().log_counts
        best: dict[int, _Cut] = {0: (0, 0, 0.0, 0, True)}
        for k, i in enumerate(edges[:-1]):
            if i not in best:
                continue
            words, squares, score, _, _ = best[i]
            for j in edges[k + 1:k + 1 + MAX_CLUSTERS]:
                if j - i > MAX_WORD:
                    break
                word = run[i:j]
                if word in dictionary and (whole or (i, j) != (0, n)):
                    _offer(best, j, (words + 1, squares + (j - i) ** 2,
                                     score + counts.get(word, 0.0), i, True))
            _offer(best, edges[k + 1], (words + 1, squares, score + UNKNOWN, i, False))
        cuts: list[tuple[int, int, bool]] = []
        j = n
        while j:
            _, _, _, i, known = best[j]
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


_Cut = tuple[int, int, float, int, bool]  # words, sum of squared lengths, log counts, from, known


def _offer(best: dict[int, _Cut], at: int, candidate: _Cut) -> None:
    """Keep ``candidate`` at ``at`` when it has fewer words, or as many and a larger sum of
    squared lengths, or both equal and a higher score."""
    old = best.get(at)
    if old is None or (candidate[0], -candidate[1], -candidate[2]) < (old[0], -old[1], -old[2]):
        best[at] = candidate


@cache
def thai_words(extra: tuple[str, ...] = (), compounds: bool = True) -> ThaiWords:
    """The segmentation with ``extra`` words (and with pythainlp's compounds, or with the Royal
    Institute's words alone), built once per process."""
    return ThaiWords(tuple(sorted(set(extra))), compounds)
