"""Output formats: a name → class registry of :class:`Reporter` subclasses.

``--format`` is ``click.Choice(tuple(REPORTERS))``; the names are a contract with users' CI
configuration, so never rename one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

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

#: What ``resolve("auto")`` picks outside GitHub Actions.
DEFAULT_FORMAT = "full"


def resolve(name: str, environ: Mapping[str, str] | None = None) -> type[Reporter]:
    """The reporter class for ``name``; ``"auto"`` is ``github`` under GitHub Actions, else
    :data:`DEFAULT_FORMAT`. Raises ``ValueError`` naming the known formats."""
    if name == "auto":
        env = os.environ if environ is None else environ
        name = "github" if env.get("GITHUB_ACTIONS") == "true" else DEFAULT_FORMAT
    try:
        return REPORTERS[name]
    except KeyError:
        known = ", ".join(sorted(REPORTERS))
        raise ValueError(f"unknown output format {name!r}; expected 'auto' or one of: {known}") from None


__all__ = [
    "DEFAULT_FORMAT",
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
    "resolve",
    "statistics",
]
