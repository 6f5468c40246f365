"""Output formats: a name → class registry of :class:`Reporter` subclasses.

``--format`` is ``click.Choice(tuple(REPORTERS))``; the names are a contract with users' CI
configuration, so never rename one. A format's module is imported when it is first looked
up, so that a run imports only the reporter it prints with.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from handbook_lint.reporters.base import Reporter, SourceReader, statistics

if TYPE_CHECKING:
    from handbook_lint.reporters.concise import ConciseReporter
    from handbook_lint.reporters.full import FullReporter
    from handbook_lint.reporters.github import GithubReporter
    from handbook_lint.reporters.gitlab import GitlabReporter
    from handbook_lint.reporters.json_ import JsonReporter
    from handbook_lint.reporters.json_lines import JsonLinesReporter
    from handbook_lint.reporters.junit import JunitReporter
    from handbook_lint.reporters.sarif import SarifReporter

#: Each format's name, and the module (of this package) and class that write it.
_CLASSES = {
    "concise": ("concise", "ConciseReporter"),
    "full": ("full", "FullReporter"),
    "json": ("json_", "JsonReporter"),
    "json-lines": ("json_lines", "JsonLinesReporter"),
    "github": ("github", "GithubReporter"),
    "sarif": ("sarif", "SarifReporter"),
    "junit": ("junit", "JunitReporter"),
    "gitlab": ("gitlab", "GitlabReporter"),
}


def _reporter_class(module: str, name: str) -> Any:
    # `__import__`, as an import statement does: `python -X importtime` (tests/test_startup.py)
    # times it, where it does not see `importlib.import_module`.
    return getattr(__import__(f"{__name__}.{module}", fromlist=[name]), name)


class _Reporters(Mapping[str, "type[Reporter]"]):
    """The format names, known without importing a reporter; each class imported when looked up."""

    def __getitem__(self, name: str) -> type[Reporter]:
        cls: type[Reporter] = _reporter_class(*_CLASSES[name])
        return cls

    def __iter__(self) -> Iterator[str]:
        return iter(_CLASSES)

    def __len__(self) -> int:
        return len(_CLASSES)


REPORTERS: Mapping[str, type[Reporter]] = _Reporters()


def __getattr__(name: str) -> Any:
    for module, cls in _CLASSES.values():
        if cls == name:
            return _reporter_class(module, cls)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
