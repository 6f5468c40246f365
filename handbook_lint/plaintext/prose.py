"""Prose against the export: headings and text blocks in order, markup removed.

Words outside the tables are lined up; each stretch where they part is reported once per
section of the page (the text under one heading), at its first divergence, quoting the
sentence on each side, so one lost paragraph is one diagnostic and not a cascade.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from handbook_lint.plaintext.dialects import Fragment, PlainDocument
from handbook_lint.plaintext.diff import opcodes
from handbook_lint.plaintext.tables import contrast, quote
from handbook_lint.plaintext.units import Alignment, Divergence, Unit, token_matches, words

_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")
REASON_TRAILING_HEADING = "a heading left at the end of the page with nothing under it, which trafilatura removes"
REASON_TITLE = "the heading that repeats the page's title, which trafilatura may take as the title"


def compare_prose(
    alignment: Alignment,
    export: PlainDocument,
    table_side: set[int],
    title: str | None = None,
    fallback: str | None = None,
) -> list[Divergence]:
    """Prose divergences; `fallback` is why all the page's prose is gone, if it is."""
    units, fragments = alignment.units, alignment.fragments
    # Text the extractor drops stays out of the alignment (a table of contents would take
    # the headings it names); it is looked for on its own.
    page = [
        (w, u, k)
        for u, unit in enumerate(units)
        if unit.kind != "cell" and not unit.lost
        for k, w in enumerate(words(unit.text))
    ]
    lines = [
        (w, f, k)
        for f, fragment in enumerate(fragments)
        if f not in table_side
        for k, w in enumerate(words(fragment.text))
    ]
    page_text = "".join(w for unit in units for w in words(unit.text))
    export_text = _searchable(w for w, _, _ in lines)
    missing: dict[int, int] = {}  # per unit: its tokens the export lacks
    first_missing: dict[int, tuple[int, int, int, bool]] = {}  # per unit: (word, j1, j2, within) of its first gap
    added: list[tuple[int, int, int]] = []  # (i1, j1, j2): export text the page does not have
    line_of = {f: j for j, (_, f, _) in reversed(list(enumerate(lines)))}  # fragment -> its first token
    after = -1  # the export token after the text of the units so far
    last_owned = {owner: f for f, owner in enumerate(alignment.owner) if f in line_of}  # unit -> its last fragment
    for u, unit in enumerate(units):
        tokens = words(unit.text)
        if u in last_owned:
            after = line_of[last_owned[u]] + len(words(fragments[last_owned[u]].text))
        if unit.kind != "cell" and unit.lost and tokens and _searchable(tokens) not in export_text:
            missing[u] = len(tokens)
            first_missing[u] = (0, max(0, after), max(0, after), False)
    changes = [op for op in opcodes([w for w, _, _ in page], [w for w, _, _ in lines]) if op[0] != "equal"]
    # Page text counts as moved only when the export has it among the text it added elsewhere:
    # a deleted line is not "moved" because the page says the same thing twice.
    added_chars = "\x1e".join("".join(w for w, _, _ in lines[j1:j2]) for _, _, _, j1, j2 in changes if j1 < j2)
    for _, i1, i2, j1, j2 in changes:
        if "".join(w for w, _, _ in page[i1:i2]) == "".join(w for w, _, _ in lines[j1:j2]):
            continue  # only white space differs (extractors add spaces at inline elements)
        if i1 < i2 and not _moved(page[i1:i2], added_chars):
            within = j1 < j2 or _inside_unit(page, i1, i2)  # words dropped inside a block: it differs
            whole_units = _whole_units_elsewhere(units, page[i1:i2], added_chars)
            for _, u, k in page[i1:i2]:
                if u in whole_units:
                    continue
                missing[u] = missing.get(u, 0) + 1
                first_missing.setdefault(u, (k, j1, j2, within))
        if j1 < j2 and not _moved(lines[j1:j2], page_text):
            j1, j2 = _unexplained(lines, j1, j2, page_text)
            if j1 < j2:
                added.append((i1, j1, j2))
    lost = _lost_reasons(units, missing, title)
    if fallback:
        lost.update({u: fallback for u in missing if u not in lost})
    found: list[Divergence] = []
    reported: set[int] = set()  # sections with an HL407 already
    lost_blocks: set[int] = set()
    for u in sorted(missing):
        unit = units[u]
        word, j1, j2, within = first_missing[u]
        if u in lost:
            if unit.block not in lost_blocks:
                lost_blocks.add(unit.block)
                found.append(_lost(unit, lost[u], lines, fragments, j1))
            continue
        if unit.section in reported:
            continue
        reported.add(unit.section)
        tag = "replace" if within else "delete"
        found.append(_divergence(tag, unit, word, lines, fragments, j1, j2))
    # Text kept that the model took as dropped (its limits are trafilatura's, its tree is not).
    lost_text = _searchable(w for unit in units if unit.kind != "cell" and unit.lost for w in words(unit.text))
    for i1, j1, j2 in added:
        if _searchable(w for w, _, _ in lines[j1:j2]) in lost_text:
            continue
        at = min(i1, len(page) - 1)
        unit, word = (units[page[at][1]], page[at][2]) if at >= 0 else (Unit("text", "", 1, 1, 0), 0)
        if unit.section in reported:
            continue
        reported.add(unit.section)
        found.append(_divergence("insert", unit, word, lines, fragments, j1, j2))
    return found


_MOVED = 4  # tokens: a shorter stretch found elsewhere may be there by chance
_SEPARATOR = "\x1f"


def _searchable(tokens: Iterable[str]) -> str:
    return _SEPARATOR + _SEPARATOR.join(tokens) + _SEPARATOR


def _moved(stretch: list[tuple[str, int, int]], other: str) -> bool:
    """Whether a stretch of one side stands elsewhere on the other (the extractor moved or
    repeated it: 1.x writes nested list items twice), spaces aside (``addr`` ``dmctl`` may
    come out as ``addrdmctl``)."""
    if len(stretch) < _MOVED:
        return False
    return "".join(w for w, _, _ in stretch) in other


def _whole_units_elsewhere(units: list[Unit], stretch: list[tuple[str, int, int]], export_chars: str) -> set[int]:
    """Units wholly inside a missing stretch whose text the export has elsewhere (moved),
    among `export_chars`, the text the export added."""
    counts: dict[int, int] = {}
    for _, u, _ in stretch:
        counts[u] = counts.get(u, 0) + 1
    return {
        u
        for u, count in counts.items()
        if count == len(words(units[u].text)) and "".join(words(units[u].text)) in export_chars
    }


def _unexplained(lines: list[tuple[str, int, int]], j1: int, j2: int, page_text: str) -> tuple[int, int]:
    """The part of an added export stretch the page does not explain, line by line: a piece
    of an export line the page has whole (anywhere: 1.x repeats nested list items and moves
    the text around inline code to lines of its own), or a long enough run the page has, is
    explained."""
    pieces: list[tuple[int, int]] = []
    for j in range(j1, j2):
        if pieces and lines[j][1] == lines[pieces[-1][0]][1]:
            pieces[-1] = (pieces[-1][0], j + 1)
        else:
            pieces.append((j, j + 1))
    left = []
    for a, b in pieces:
        start, end = a - lines[a][2], b  # the piece's whole line
        while end < len(lines) and lines[end][1] == lines[a][1]:
            end += 1
        if "".join(w for w, _, _ in lines[start:end]) in page_text:
            continue
        if b - a >= _MOVED and "".join(w for w, _, _ in lines[a:b]) in page_text:
            continue
        left.append((a, b))
    return (left[0][0], left[-1][1]) if left else (j1, j1)


def _lost_reasons(units: list[Unit], missing: dict[int, int], title: str | None) -> dict[int, str]:
    """Units the export lacks that the extractor is known to drop, with the reason."""
    total = {u: len(words(units[u].text)) for u in missing}
    lost = {u: reason for u in missing if (reason := units[u].lost)}
    # trafilatura deletes headings left at the very end (their sections were dropped).
    for u in range(len(units) - 1, -1, -1):
        unit = units[u]
        whole = missing.get(u, 0) >= len(words(unit.text)) or (unit.lost is not None and unit.kind != "cell")
        if not whole:
            if words(unit.text):
                break
            continue
        if unit.kind == "heading":
            lost[u] = REASON_TRAILING_HEADING
        elif u not in lost and not unit.lost:
            break
    headings = [u for u, unit in enumerate(units) if unit.kind == "heading"]
    if title and headings and missing.get(headings[0], 0) >= total.get(headings[0], 1) > 0:
        if " ".join(units[headings[0]].text.split()).casefold() == " ".join(title.split()).casefold():
            lost[headings[0]] = REASON_TITLE
    return lost


def _lost(unit: Unit, reason: str, lines: list, fragments: list[Fragment], j: int) -> Divergence:
    if lines:
        fragment = fragments[lines[min(j, len(lines) - 1)][1]]
        export_line, export_column = fragment.line, 1
    else:
        export_line, export_column = 1, 1
    what = "heading" if unit.kind == "heading" else "text"
    return Divergence(
        "lost",
        unit.line,
        unit.column,
        export_line,
        export_column,
        f"the export lacks {what} {quote(unit.text)}: {reason}",
        "where the export would have it",
        unit.text,
    )


def _divergence(
    tag: str, unit: Unit, word: int, lines: list, fragments: list[Fragment], j1: int, j2: int
) -> Divergence:
    if lines:
        where = min(j1, len(lines) - 1)
        fragment, export_word = fragments[lines[where][1]], lines[where][2]
        export_sentence = _sentence(fragment.text, export_word)
        export_line, export_column = fragment.line, fragment.column + _word_offset(fragment.text, export_word)
    else:
        fragment, export_sentence, export_line, export_column = None, "", 1, 1
    page_sentence = _sentence(unit.text, word)
    what = "heading" if unit.kind == "heading" else "text"
    if tag == "replace":
        page_quote, export_quote = contrast(page_sentence, export_sentence)
        message = f"{what} differs from the export: the page has {page_quote}, the export {export_quote}"
    elif tag == "delete":
        message = f"the export lacks {what} the page has: {quote(page_sentence)}"
    else:
        export_sentence = _sentence(fragments[lines[j1][1]].text, lines[j1][2])
        message = f"the export has text the page does not: {quote(export_sentence)}"
    return Divergence(
        "prose",
        unit.line,
        unit.column,
        export_line,
        export_column,
        message,
        f"the export's text: {quote(export_sentence)}" if export_sentence else "the export's text",
        "" if tag == "insert" else page_sentence,
        "" if tag == "delete" else export_sentence,
    )


def _inside_unit(page: list, i1: int, i2: int) -> bool:
    """Whether page words [i1, i2) have words of their own unit on both sides."""
    return 0 < i1 and i2 < len(page) and page[i1 - 1][1] == page[min(i2, len(page) - 1)][1]


def _sentence(text: str, word: int) -> str:
    """The sentence of `text` holding its `word`-th word (as `words` counts)."""
    count = 0
    for sentence in _SENTENCE_END.split(text):
        count += len(words(sentence))
        if count > word:
            return sentence
    return text


def _word_offset(text: str, word: int) -> int:
    """The offset in `text` where its `word`-th token (as `words` counts) starts."""
    for k, match in enumerate(token_matches(text)):
        if k == word:
            return match.start()
    return 0
