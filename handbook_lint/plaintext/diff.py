"""A fast sequence alignment for long token lists: unique anchors first, then difflib in the gaps.

`difflib.SequenceMatcher` without its junk heuristic is slow on long sequences with
frequent items, which a page tokenized by characters (CJK text) is. A page and its export
mostly say the same things in the same order, so runs of `ANCHOR` tokens that occur once on
each side are matched first (patience diff: the longest chain of them in order on both
sides), and `SequenceMatcher` only aligns what lies between two anchors.
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter
from collections.abc import Hashable, Sequence

ANCHOR = 6  # tokens in an anchor: long enough to be unique in a page, short enough to fit between edits
_SMALL = 2_000  # sequences this short go to difflib directly

Match = tuple[int, int, int]  # (start in a, start in b, length), as difflib's matching blocks


def matching_blocks(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Match]:
    """Matched runs of `a` and `b` in order, ending with difflib's ``(len(a), len(b), 0)``."""
    if len(a) * len(b) <= _SMALL * _SMALL // 4 or min(len(a), len(b)) < ANCHOR:
        return _difflib_blocks(a, b, 0, 0)
    blocks: list[Match] = []
    i0 = j0 = 0
    for i, j in _anchors(a, b):
        if i < i0 or j < j0:
            continue
        blocks.extend(_difflib_blocks(a[i0:i], b[j0:j], i0, j0)[:-1])
        size = 0
        while i + size < len(a) and j + size < len(b) and a[i + size] == b[j + size]:
            size += 1
        blocks.append((i, j, size))
        i0, j0 = i + size, j + size
    blocks.extend(_difflib_blocks(a[i0:], b[j0:], i0, j0)[:-1])
    return [*_merge(blocks), (len(a), len(b), 0)]


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes from `matching_blocks`."""
    found: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for ai, bj, size in matching_blocks(a, b):
        tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert" if j < bj else ""
        if tag:
            found.append((tag, i, ai, j, bj))
        if size:
            found.append(("equal", ai, ai + size, bj, bj + size))
        i, j = ai + size, bj + size
    return found


def _difflib_blocks(a: Sequence[Hashable], b: Sequence[Hashable], i0: int, j0: int) -> list[Match]:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(i0 + i, j0 + j, n) for i, j, n in matcher.get_matching_blocks()]


def _anchors(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Starts of the `ANCHOR`-grams that occur once in each sequence, the longest chain of
    them increasing on both sides (patience sorting)."""
    in_a = _unique_grams(a)
    in_b = _unique_grams(b)
    pairs = sorted((i, in_b[gram]) for gram, i in in_a.items() if gram in in_b)
    # Longest increasing subsequence of the b positions, with back links.
    tails: list[int] = []  # per chain length: the b position ending the best chain
    ends: list[int] = []  # per chain length: index into pairs
    back: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        at = bisect.bisect_left(tails, j)
        if at == len(tails):
            tails.append(j)
            ends.append(k)
        else:
            tails[at] = j
            ends[at] = k
        back[k] = ends[at - 1] if at else -1
    chain: list[tuple[int, int]] = []
    k = ends[-1] if ends else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def _unique_grams(tokens: Sequence[Hashable]) -> dict[tuple[Hashable, ...], int]:
    """Each `ANCHOR`-gram that occurs once, and where (the grams made by zip, counted by Counter: both in C)."""
    grams = list(zip(*(tokens[k:] for k in range(ANCHOR))))
    counts = Counter(grams)
    return {gram: i for i, gram in enumerate(grams) if counts[gram] == 1}


def _merge(blocks: list[Match]) -> list[Match]:
    """Adjacent runs joined, empty ones left out."""
    merged: list[Match] = []
    for i, j, n in blocks:
        if not n:
            continue
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + n)
        else:
            merged.append((i, j, n))
    return merged
