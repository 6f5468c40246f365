"""What a rule is: a module with CODE, NAME, SEVERITY, DEFAULT_ENABLED, FIX, a docstring and check().

Rules are pure: `check(context)` yields `Finding`s and never prints or reads files. The
engine adds the code, severity and path, and applies selection and suppressions.
The module docstring is the rule's documentation: a summary line, then why, then a
``Bad:`` and a ``Good:`` fenced Markdown example (tests run both).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple, Protocol

from handbook_lint.diagnostics import Related, Severity
from handbook_lint.page import InputProblem
from handbook_lint.tables.model import Fact, FactKind, Table

if TYPE_CHECKING:
    from handbook_lint.config import Config
    from handbook_lint.fixes import Fix
    from handbook_lint.plaintext.pairing import Pairing
    from handbook_lint.plaintext.units import DivergenceKind
    from handbook_lint.structure_tables import StructureTable
    from handbook_lint.suppress import Suppressions


class Finding(NamedTuple):
    """A problem a rule found, at a 1-based position of the page."""

    line: int
    column: int
    message: str
    end_line: int | None = None
    end_column: int | None = None
    related: tuple[Related, ...] = ()
    fix: Fix | None = None  # a safe fix; edits to the page unless it names another file


class PageContext(NamedTuple):
    """Everything rules may look at for one page."""

    path: str
    tables: list[Table]
    structure_tables: list[StructureTable]
    config: Config
    problems: Sequence[InputProblem] = ()
    text: str = ""
    plain_text: Pairing | None = None  # the page's plain-text export, when paired
    page_facts: Sequence[Fact] = ()  # about the page, not one table
    suppressions: Suppressions | None = None  # the page's suppression comments

    def facts(self, *kinds: FactKind) -> Iterator[Fact]:
        """The page's and its tables' facts of the given kinds, in document order."""
        everything = [*self.page_facts, *(fact for table in self.tables for fact in table.facts)]
        for fact in sorted(everything, key=lambda fact: (fact.line, fact.column)):
            if fact.kind in kinds:
                yield fact


class Rule(Protocol):
    CODE: str
    NAME: str
    SEVERITY: Severity
    DEFAULT_ENABLED: bool
    FIX: str  # what to do about a finding, one line (the `help:` of the full format)
    __doc__: str | None

    def check(self, context: PageContext) -> Iterable[Finding]: ...


def summary(rule: ModuleType | Rule) -> str:
    """The first line of a rule's docstring."""
    return (rule.__doc__ or "").strip().splitlines()[0].strip()


def findings_from_facts(context: PageContext, *kinds: FactKind) -> Iterator[Finding]:
    """One finding per table fact of the given kinds, with the fact's own message."""
    for fact in context.facts(*kinds):
        yield Finding(fact.line, fact.column, fact.message)


def findings_from_problems(context: PageContext, name: str) -> Iterator[Finding]:
    """One finding per input problem for the rule of this name."""
    for problem in context.problems:
        if problem.rule == name:
            yield Finding(problem.line, problem.column, problem.message)


def findings_from_divergences(context: PageContext, kind: DivergenceKind) -> Iterator[Finding]:
    """A rule's findings: the divergences of one kind, each pointing at the export too."""
    pairing = context.plain_text
    if pairing is None or pairing.document is None:
        return
    for divergence in pairing.divergences:
        if divergence.kind == kind:
            related = Related(pairing.path, divergence.export_line, divergence.export_column, divergence.export_message)
            yield Finding(divergence.line, divergence.column, divergence.message, related=(related,))
