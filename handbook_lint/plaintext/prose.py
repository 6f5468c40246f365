"""Prose against the export: headings and text blocks in order, markup removed.

Words outside the tables are lined up; each stretch where they part is reported once per
section of the page (the text under one heading), at its first divergence, quoting the
sentence on each side, so one lost paragraph is one diagnostic and not a cascade.
"""

from __future__ import annotations

import re

from handbook_lint.plaintext.dialects import Fragment, PlainDocument
from handbook_lint.plaintext.diff import opcodes
from handbook_lint.plaintext.tables import contrast, quote
from handbook_lint.plaintext.units import Alignment, Divergence, Unit, words

_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")


def compare_prose(alignment: Alignment, export: PlainDocument, table_side: set[int]) -> list[Divergence]:
    units, fragments = alignment.units, alignment.fragments
    page = [(w, u, k) for u, unit in enumerate(units) if unit.kind != "cell" for k, w in enumerate(words(unit.text))]
    lines = [
        (w, f, k)
        for f, fragment in enumerate(fragments)
        if f not in table_side
        for k, w in enumerate(words(fragment.text))
    ]
    found: list[Divergence] = []
    reported: set[int] = set()
    for tag, i1, i2, j1, j2 in opcodes([w for w, _, _ in page], [w for w, _, _ in lines]):
        if tag == "equal" or not page and not lines:
            continue
        if "".join(w for w, _, _ in page[i1:i2]) == "".join(w for w, _, _ in lines[j1:j2]):
            continue  # only white space differs (extractors add spaces at inline elements)
        at = i1 if i1 < len(page) else len(page) - 1
        if at < 0:
            unit, word = units[0] if units else Unit("text", "", 1, 1, 0), 0
        else:
            unit, word = units[page[at][1]], page[at][2]
        if unit.section in reported:
            continue
        reported.add(unit.section)
        if tag != "replace" and _inside_unit(page, i1, i2):
            tag = "replace"  # words dropped or added inside a block: the block differs
        found.append(_divergence(tag, unit, word, lines, fragments, j1, j2))
    return found


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
    """The offset in `text` where its `word`-th word starts."""
    for k, match in enumerate(re.finditer(r"[^\s|]+", text)):
        if k == word:
            return match.start()
    return 0
