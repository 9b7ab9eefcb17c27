"""Text comparison, one toolkit for the whole package: tokens and words, similarity ratios, a
word-level diff, alignments of two sequences, and the n-gram similarity used to score a
rendered document against its source (compare, redline and importing all use these)."""

from __future__ import annotations

import copy
import re
from collections import Counter
from difflib import SequenceMatcher
from typing import Any, Callable, Optional, Sequence

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_WORDS = re.compile(r"\w+", re.UNICODE)
# bullet glyphs as extracted text shows them: the private-use area and the usual bullet marks
Step = tuple[str, Optional[int], Optional[int]]  # ("equal"|"pair"|"delete"|"insert", i, j)
BULLET_CHARS = "\ue000-\uf8ff\u2022\u25aa\u25cf\u25e6\u2023\u25a0\u00b7"
# what similarity_words reads as a space: bullets, dashes, table pipes, odd spaces, tabs
_NOT_WORDS = re.compile(f"[{BULLET_CHARS}\u2013\u2014|\u00a0\u2007\u202f\t]")


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_WORDS = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Words, runs of white space and single punctuation marks, which join back to `text`."""
    return _TOKEN.findall(text)


def word_count(text: str) -> int:
    return len(_WORDS.findall(text))


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0..1: difflib's ratio over their words, ignoring case."""
    wa = [w.casefold() for w in _WORDS.findall(a)]
    wb = [w.casefold() for w in _WORDS.findall(b)]
    if not wa and not wb:
        return 1.0
    sm = SequenceMatcher(None, wa, wb, autojunk=False)
    if sm.real_quick_ratio() < 0.2:
        return sm.real_quick_ratio()
    return sm.ratio()


def editorial(a: str, b: str) -> bool:
    """The same words in the same order: only case, punctuation or spacing differ."""
    return ([w.casefold() for w in _WORDS.findall(a)] ==
            [w.casefold() for w in _WORDS.findall(b)])


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """A word-level diff: ("=", text), ("-", deleted), ("+", inserted), joining back to each side.

    White space alone between two changes is taken into them, and each change is given as one
    deletion followed by one insertion, so "[-a b-]{+x y+}" rather than "[-a-]{+x+} [-b-]{+y+}".
    """
    a, b = tokens(old), tokens(new)
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("+", "".join(b[j1:j2])))
    # absorb white space (or one punctuation mark) standing alone between changes
    for k in range(1, len(ops) - 1):
        op, text = ops[k]
        if op == "=" and ops[k - 1][0] != "=" and ops[k + 1][0] != "=" and (
                not text.strip() or len(text.strip()) == 1 and not text.strip().isalnum()):
            ops[k] = ("-+", text)
    out: list[tuple[str, str]] = []
    dels: list[str] = []
    ins: list[str] = []

    def flush() -> None:
        if dels:
            out.append(("-", "".join(dels)))
        if ins:
            out.append(("+", "".join(ins)))
        dels.clear()
        ins.clear()

    for op, text in ops:
        if op == "=":
            flush()
            if out and out[-1][0] == "=":
                out[-1] = ("=", out[-1][1] + text)
            else:
                out.append(("=", text))
            continue
        if "-" in op:
            dels.append(text)
        if "+" in op:
            ins.append(text)
    flush()
    return out


def align(old: Sequence[Any], new: Sequence[Any], key: Callable[[Any], str],
          sim: Callable[[Any, Any], float], cutoff: float = 0.5,
          ) -> list[Step]:
    """Align two sequences in order: ("equal"|"pair", i, j), ("delete", i, None),
    ("insert", None, j).

    Equal keys are aligned by difflib; inside each replaced stretch the items are paired in order
    to maximise their summed similarity (pairs below `cutoff` are not made).
    """
    ka, kb = [key(x) for x in old], [key(x) for x in new]
    out: list[Step] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if tag == "equal":
            out.extend(("equal", i1 + k, j1 + k) for k in range(i2 - i1))
        elif tag == "delete":
            out.extend(("delete", i, None) for i in range(i1, i2))
        elif tag == "insert":
            out.extend(("insert", None, j) for j in range(j1, j2))
        else:
            out.extend(_pair(old, new, range(i1, i2), range(j1, j2), sim, cutoff))
    return out


def _pair(old: Sequence[Any], new: Sequence[Any], ir: range, jr: range,
          sim: Callable[[Any, Any], float], cutoff: float) -> list[Step]:
    """Order-keeping pairing of old[ir] with new[jr] maximising the summed similarity (DP)."""
    n, m = len(ir), len(jr)
    if n * m > 40000:  # a huge stretch: no pairing, delete and insert
        return ([("delete", i, None) for i in ir] + [("insert", None, j) for j in jr])
    s = [[0.0] * (m + 1) for _ in range(n + 1)]
    score: dict[tuple[int, int], float] = {}
    for a in range(n):
        for b in range(m):
            v = sim(old[ir[a]], new[jr[b]])
            if v >= cutoff:
                score[a, b] = v
    for a in range(1, n + 1):
        for b in range(1, m + 1):
            best = max(s[a - 1][b], s[a][b - 1])
            if (a - 1, b - 1) in score:
                best = max(best, s[a - 1][b - 1] + score[a - 1, b - 1])
            s[a][b] = best
    steps: list[Step] = []
    a, b = n, m
    while a > 0 or b > 0:
        if a > 0 and b > 0 and (a - 1, b - 1) in score and \
                abs(s[a][b] - (s[a - 1][b - 1] + score[a - 1, b - 1])) < 1e-12:
            steps.append(("pair", ir[a - 1], jr[b - 1]))
            a, b = a - 1, b - 1
        elif a > 0 and (b == 0 or s[a][b] == s[a - 1][b]):
            steps.append(("delete", ir[a - 1], None))
            a -= 1
        else:
            steps.append(("insert", None, jr[b - 1]))
            b -= 1
    steps.reverse()
    # within a stretch, give deletions before insertions between two pairs (reads better)
    out: list[Step] = []
    dels: list[Step] = []
    ins: list[Step] = []
    for st in steps:
        if st[0] == "pair":
            out.extend(dels + ins)
            dels, ins = [], []
            out.append(st)
        elif st[0] == "delete":
            dels.append(st)
        else:
            ins.append(st)
    return out + dels + ins


def ratio(a: Sequence[str], b: Sequence[str]) -> float:
    """difflib's ratio of two word lists (1.0 for two empty ones)."""
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, list(a), list(b), autojunk=False).ratio()


class PreparedWords:
    """A word list compared with many others: `ratio(other, words)` exactly, from a matcher
    that indexed the words once, and a cheap upper bound of it (difflib's quick ratio: the
    words in common, counted), to skip what cannot reach a threshold."""

    __slots__ = ("words", "counts", "_matcher")

    def __init__(self, words: Sequence[str]):
        self.words = list(words)
        self.counts = Counter(self.words)
        self._matcher: Optional[SequenceMatcher[str]] = None

    def bound(self, other: "PreparedWords") -> float:
        """At least `ratio` of the two lists, either way round."""
        total = len(self.words) + len(other.words)
        if not total:
            return 1.0
        a, b = (self.counts, other.counts) if len(self.counts) <= len(other.counts) else \
            (other.counts, self.counts)
        common = 0
        for word, n in a.items():
            m = b.get(word)
            if m:
                common += n if n < m else m
        return 2.0 * common / total

    def ratio_of(self, other: Sequence[str]) -> float:
        """`ratio(other, self.words)`."""
        if not other and not self.words:
            return 1.0
        if self._matcher is None:
            self._matcher = SequenceMatcher(None, [], self.words, autojunk=False)
        matcher = copy.copy(self._matcher)  # its index of the words shared; threads apart
        matcher.set_seq1(list(other))
        return matcher.ratio()


def align_items(old: Sequence[str], new: Sequence[str], equal: Callable[[str, str], bool],
                similar: Callable[[int, int], float], pair_min: float,
                ) -> list[tuple[Optional[int], Optional[int]]]:
    """A monotonic alignment of two item lists maximising a score: equal items (weight 3),
    similar ones paired as an edit (1 + similarity, when at least `pair_min`), the rest removed
    (old only) or added (new only). `similar(i, j)` compares old[i] with new[j]."""
    n, m = len(old), len(new)

    def weight(i: int, j: int) -> Optional[float]:
        if equal(old[i], new[j]):
            return 3.0
        r = similar(i, j)
        return 1.0 + r if r >= pair_min else None

    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    move: list[list[Optional[str]]] = [[None] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            opts: list[tuple[float, str]] = []
            if i > 0:
                opts.append((score[i - 1][j], "del"))
            if j > 0:
                opts.append((score[i][j - 1], "ins"))
            if i > 0 and j > 0:
                w = weight(i - 1, j - 1)
                if w is not None:
                    opts.append((score[i - 1][j - 1] + w, "pair"))
            score[i][j], move[i][j] = max(opts, key=lambda o: o[0])
    out: list[tuple[Optional[int], Optional[int]]] = []
    i, j = n, m
    while i > 0 or j > 0:
        mv = move[i][j]
        if mv == "pair":
            out.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif mv == "del":
            out.append((i - 1, None))
            i -= 1
        else:
            out.append((None, j - 1))
            j -= 1
    return out[::-1]


def similarity_words(text: str) -> list[str]:
    """The words an n-gram similarity counts: bullet glyphs, dashes, table pipes and case dropped,
    as text extracted from a document shows them."""
    text = _NOT_WORDS.sub(" ", text)
    return [w.lower() for w in text.split() if w.strip("-\u2022\u00b7")]


def ngram_similarity(reference: str, document: str, n: int = 5) -> float:
    """Word similarity: the F1 score of word n-gram multisets (5-grams unless `n`)."""
    a, b = similarity_words(reference), similarity_words(document)
    ca, cb = _ngrams(a, n), _ngrams(b, n)
    common = sum((ca & cb).values())
    if not common:
        return 0.0
    p, r = common / sum(cb.values()), common / sum(ca.values())
    return 2 * p * r / (p + r)


def _ngrams(words: list[str], n: int) -> Counter[tuple[str, ...]]:
    """The word n-grams of `words` counted (fewer words than n: one, of them all)."""
    if len(words) < n:
        return Counter([tuple(words)])
    return Counter(zip(*(words[i:] for i in range(n))))
