"""Reporter ABC and the helpers the output formats share.

A reporter gets the whole :class:`~handbook_lint.diagnostics.Result` at once (JSON, SARIF and
JUnit are single documents) and writes only to the stream it was given.

Positions: lines and columns are 1-based and count Unicode code points. A diagnostic's end is
*exclusive*: ``end_column`` is the column just past the last character, as in SARIF and ruff.
A missing or empty end makes the region one character wide (``Diagnostic.region``); every
format that writes an end (json, json-lines, github, sarif) writes this one.
"""

from __future__ import annotations

import abc
import os
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import ClassVar, NamedTuple, TextIO

from handbook_lint.diagnostics import Diagnostic, Result, Severity

SourceReader = Callable[[str], list[str]]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Reporter(abc.ABC):
    """Formats a :class:`Result` onto a text stream.

    ``color`` turns on ANSI colour (formats for people only), ``repo_root`` makes paths
    relative to the repository for formats read by CI services, ``source_reader``
    returns the lines of a file for formats that quote the source, and ``summary=False``
    leaves out the closing summary line of the formats for people (``--quiet``).
    """

    #: The ``--format`` name; the registry in ``reporters/__init__.py`` is keyed by it.
    name: ClassVar[str]

    def __init__(
        self,
        stream: TextIO,
        *,
        color: bool = False,
        repo_root: str | None = None,
        source_reader: SourceReader | None = None,
        summary: bool = True,
    ) -> None:
        self.stream = stream
        self.color = color
        self.repo_root = repo_root
        self.source_reader = source_reader
        self.summary = summary

    @abc.abstractmethod
    def report(self, result: Result) -> None:
        """Write the whole result to ``self.stream``."""

    def write(self, text: str) -> None:
        self.stream.write(text)

    def relpath(self, path: str) -> str:
        """``path`` as a posix path, relative to ``repo_root`` when given and inside it."""
        return relative_posix(path, self.repo_root)


class Span(NamedTuple):
    """A diagnostic's region with every end filled in; ``end_column`` is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


def span_of(diagnostic: Diagnostic) -> Span:
    """The region of ``diagnostic``: never empty, never ending before it starts."""
    return Span(*diagnostic.region())


def relative_posix(path: str, repo_root: str | None) -> str:
    """``path`` with forward slashes, relative to ``repo_root`` if it lies inside it.

    Relative paths are taken relative to the current directory. A path outside ``repo_root``
    is returned absolute.
    """
    if repo_root is None:
        return PurePath(path).as_posix()
    absolute = Path(os.path.abspath(path))
    root = Path(os.path.abspath(repo_root))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


def one_line(text: str) -> str:
    """``text`` with its line breaks turned into spaces, for one-line-per-problem formats."""
    return _LINE_BREAK.sub(" ", text)


def summary_line(result: Result) -> str:
    """`Found 3 problems.`, or `All checks passed!`; notes, which never fail a run, are
    counted apart: `Found 3 problems and 1 note.`, `All checks passed! (2 notes)`."""
    notes = sum(1 for d in result.diagnostics if Severity(d.severity) is Severity.NOTE)
    problems = len(result.diagnostics) - notes
    counted_notes = f"{notes} note{'s' if notes != 1 else ''}"
    if problems == 0:
        return "All checks passed!" + (f" ({counted_notes})" if notes else "")
    found = f"Found {problems} problem{'s' if problems != 1 else ''}"
    return f"{found} and {counted_notes}." if notes else f"{found}."


# ANSI styling, used only when a reporter was built with color=True.
RESET = "\x1b[0m"
BOLD = "\x1b[1m"
RED = "\x1b[31m"
YELLOW = "\x1b[33m"
BLUE = "\x1b[34m"
CYAN = "\x1b[36m"

SEVERITY_COLOR = {Severity.ERROR: RED, Severity.WARNING: YELLOW, Severity.NOTE: CYAN}


def paint(text: str, *codes: str, enabled: bool) -> str:
    if not enabled or not codes or not text:
        return text
    return "".join(codes) + text + RESET


def header_line(diagnostic: Diagnostic, *, color: bool) -> str:
    """``path:line:col: CODE message`` on one line, the concise format's record."""
    location = paint(diagnostic.path, BOLD, enabled=color)
    code = paint(diagnostic.code, BOLD, SEVERITY_COLOR[Severity(diagnostic.severity)], enabled=color)
    return f"{location}:{diagnostic.line}:{diagnostic.column}: {code} {one_line(diagnostic.message)}"


def statistics(result: Result) -> str:
    """Counts per code, most frequent first (ties by code), like ``ruff --statistics``.

    One line per code: the count right-aligned, the code, then the rule's name when known.
    Empty when there are no diagnostics.
    """
    counts = Counter(d.code for d in result.diagnostics)
    if not counts:
        return ""
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    count_width = max(3, len(str(rows[0][1])))
    code_width = max(len(code) for code, _ in rows)
    lines = []
    for code, count in rows:
        meta = result.rules.get(code)
        name = meta.name if meta is not None else ""
        lines.append(f"{count:>{count_width}} {code:<{code_width}} {name}".rstrip())
    return "\n".join(lines)
