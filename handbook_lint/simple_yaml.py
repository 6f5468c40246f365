"""The YAML most front matter is written in, read without PyYAML and exactly as its safe loader reads it.

Importing PyYAML costs about as much as checking a page of pipe tables (a fifth of a one-page
check), and most front matter is a few `key: value` lines. A block qualifies when every line
is blank, a comment, or `key: value` at the margin, where:

- the key is ASCII letters, digits, `_` and `-`, starting with a letter or `_`;
- the value is empty (null), a decimal integer, a quoted string with no quote, backslash or
  escape inside, a list of such strings in brackets, or a plain scalar on one line that
  holds no `: `, no ` #` and no trailing `:`, and starts with no YAML indicator, no sign,
  dot or `~`, and with a digit only when none of PyYAML's number and timestamp patterns
  matches it (a commit hash, "3rd").

PyYAML resolves such a plain scalar to a string, unless it is one of YAML 1.1's words for
true, false and null; those are read as PyYAML reads them, in keys too. Tabs, line breaks other than `\\n` (PyYAML also breaks at U+0085, U+2028 and U+2029), byte
order marks and the characters PyYAML's reader rejects leave the block to PyYAML.
"""

from __future__ import annotations

import re
from typing import Any

# Patterns are compiled (and cached by `re`) when a page first has front matter.
#: A line `key: value` (value may be empty), trailing spaces included.
_ENTRY = r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*?))? *"
_DOUBLE_QUOTED = r'"([^"\\]*)"'
_SINGLE_QUOTED = r"'([^']*)'"
_QUOTED = "'[^']*'|\"[^\"\\\\]*\""
#: A flow sequence of quoted strings on one line: `['/a/', "/b/"]`.
_QUOTED_LIST = rf"\[ *(?:(?:{_QUOTED})(?: *, *(?:{_QUOTED}))*)? *\]"
_INTEGER = r"0|[1-9][0-9]*"
#: What a plain scalar read as a string may not start with: YAML's indicators, and the first
#: characters of PyYAML's implicit signed or dotted numbers, null (`~`), merge (`<<`) and value (`=`).
_NOT_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@`" + "+.<=~")
#: PyYAML's implicit int, float and timestamp patterns for a scalar that starts with a digit
#: (its resolver's, signs and leading dots left out): one that matches none is a string.
_NUMBER_OR_TIME = r"""(?x)
    0b[0-1_]+ | 0[0-7_]+ | (?:0|[1-9][0-9_]*) | 0x[0-9a-fA-F_]+ | [1-9][0-9_]*(?::[0-5]?[0-9])+
    | [0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)? | [0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    | [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    | [0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
      (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?"""
#: Characters that leave a block to PyYAML: those its reader rejects (C0 and C1 controls
#: but LF, CR, tab and NEL; surrogates; U+FFFE and U+FFFF), and tab, CR, NEL, the line and
#: paragraph separators and the byte order mark.
_UNUSUAL = r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
#: YAML 1.1's implicit booleans and null, as PyYAML's resolver reads them.
_WORDS: dict[str, bool | None] = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
    **dict.fromkeys(("null", "Null", "NULL"), None),
}
_NOT_SIMPLE = object()


def read_simple(block: str) -> dict[Any, Any] | None:
    """The block's data, or None when it is not of the simple kind (PyYAML must read it)."""
    if re.search(_UNUSUAL, block):
        return None
    data: dict[Any, Any] = {}
    for line in block.split("\n"):
        if not line.strip(" ") or line.startswith("#"):
            continue
        entry = re.fullmatch(_ENTRY, line)
        if entry is None:
            return None
        value = _scalar(entry[2] or "")
        if value is _NOT_SIMPLE:
            return None
        key = entry[1]
        data[_WORDS[key] if key in _WORDS else key] = value
    return data or None


def _scalar(text: str) -> object:
    """What PyYAML reads a one-line value as, or `_NOT_SIMPLE`."""
    if not text:
        return None
    if quoted := re.fullmatch(_DOUBLE_QUOTED, text) or re.fullmatch(_SINGLE_QUOTED, text):
        return quoted[1]
    if re.fullmatch(_QUOTED_LIST, text):
        return [item[1:-1] for item in re.findall(_QUOTED, text)]
    if re.fullmatch(_INTEGER, text):
        return int(text)
    if text[0].isdigit() and (not text[0].isascii() or re.fullmatch(_NUMBER_OR_TIME, text)):
        return _NOT_SIMPLE
    if text[0] in _NOT_FIRST or text[0].isspace() or ": " in text or " #" in text or text.endswith(":"):
        return _NOT_SIMPLE
    return _WORDS[text] if text in _WORDS else text
