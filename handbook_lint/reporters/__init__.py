"""Output formats: a name → class registry of :class:`Reporter` subclasses.

``--format`` is ``click.Choice(tuple(REPORTERS))``; the names are a contract with users' CI
configuration, so never rename one.
"""

from __future__ import annotations

from handbook_lint.reporters.base import Reporter, SourceReader, statistics
from handbook_lint.reporters.concise import ConciseReporter
from handbook_lint.reporters.full import FullReporter
from handbook_lint.reporters.github import GithubReporter
from handbook_lint.reporters.gitlab import GitlabReporter
from handbook_lint.reporters.json_ import JsonReporter
from handbook_lint.reporters.json_lines import JsonLinesReporter
from handbook_lint.reporters.junit import JunitReporter
from handbook_lint.reporters.sarif import SarifReporter

REPORTERS: dict[str, type[Reporter]] = {
    cls.name: cls
    for cls in (
        ConciseReporter,
        FullReporter,
        JsonReporter,
        JsonLinesReporter,
        GithubReporter,
        SarifReporter,
        JunitReporter,
        GitlabReporter,
    )
}

__all__ = [
    "REPORTERS",
    "ConciseReporter",
    "FullReporter",
    "GithubReporter",
    "GitlabReporter",
    "JsonLinesReporter",
    "JsonReporter",
    "JunitReporter",
    "Reporter",
    "SarifReporter",
    "SourceReader",
    "statistics",
]
