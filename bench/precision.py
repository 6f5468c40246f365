"""Precision of handbook-lint's rules on the shared corpora: `python bench/precision.py`.

Runs every rule with the default configuration (as `check --isolated` does) over each
corpus under the shared folder, joins the findings with the verdicts a reader wrote down
in bench/precision_verdicts.toml, and prints a Markdown table: per rule, its findings per
corpus, how many were read, how many a maintainer would act on, and why the others are
not. Findings without a verdict are listed as unread; verdicts for findings that are gone
as stale, so the file can be brought up to date.

Options: --shared DIR (default: ../shared beside the repository, else /work/shared),
--verdicts FILE, --details (every finding with its verdict).
"""

from __future__ import annotations

import argparse
import collections
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from handbook_lint.api import lint_paths
from handbook_lint.config import DEFAULTS, Config
from handbook_lint.rules import RULES

REPOSITORY = Path(__file__).resolve().parent.parent
VERDICTS = REPOSITORY / "bench" / "precision_verdicts.toml"
#: Corpus name -> folder under the shared folder.
CORPORA = {
    "sourcegraph-handbook": Path("corpus/sourcegraph-handbook/content"),
    "tidb-docs-cn": Path("corpus/tidb-docs-cn"),
}


@dataclass(frozen=True, slots=True, order=True)
class Found:
    """One finding on a corpus page: the corpus, the page relative to it, line, column, code."""

    corpus: str
    path: str
    line: int
    column: int
    code: str


@dataclass(frozen=True, slots=True)
class Verdict:
    corpus: str
    path: str
    code: str
    lines: tuple[int, ...]
    acted_on: bool
    reason: str

    def covers(self, found: Found) -> bool:
        return (found.corpus, found.path, found.code) == (
            self.corpus,
            self.path,
            self.code,
        ) and found.line in self.lines


def shared_folder() -> Path:
    beside = REPOSITORY.parent / "shared"
    return beside if beside.exists() else Path("/work/shared")


def corpus_findings(shared: Path) -> list[Found]:
    """Every finding of every rule on the corpora present, with the default configuration."""
    found = []
    for name, folder in CORPORA.items():
        root = shared / folder
        if not root.is_dir():
            continue
        result = lint_paths([root], config=Config(DEFAULTS, root))
        for diagnostic in result.diagnostics:
            relative = Path(diagnostic.path).resolve().relative_to(root.resolve()).as_posix()
            found.append(Found(name, relative, diagnostic.line, diagnostic.column, diagnostic.code))
    return sorted(found)


def load_verdicts(path: Path = VERDICTS) -> tuple[dict[str, dict[str, int]], list[Verdict]]:
    """The pinned counts (corpus -> code -> findings) and the verdicts."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    verdicts = [
        Verdict(v["corpus"], v["path"], v["code"], tuple(v["lines"]), v["acted_on"], v["reason"])
        for v in data.get("verdict", [])
    ]
    return data.get("counts", {}), verdicts


def counts_of(found: list[Found]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for finding in found:
        per_rule = counts.setdefault(finding.corpus, {})
        per_rule[finding.code] = per_rule.get(finding.code, 0) + 1
    return counts


def verdict_for(finding: Found, verdicts: list[Verdict]) -> Verdict | None:
    return next((verdict for verdict in verdicts if verdict.covers(finding)), None)


def table(found: list[Found], verdicts: list[Verdict]) -> str:
    """The precision table, one row per rule, then why findings were not acted on, in Markdown."""
    lines = [
        "| rule | " + " | ".join(CORPORA) + " | read | acted on |",
        "| --- | " + " | ".join("---:" for _ in CORPORA) + " | ---: | ---: |",
    ]
    notes = []
    for code, rule in RULES.items():
        mine = [f for f in found if f.code == code]
        read = [(f, v) for f in mine if (v := verdict_for(f, verdicts)) is not None]
        acted = sum(1 for _, v in read if v.acted_on)
        per_corpus = " | ".join(str(sum(1 for f in mine if f.corpus == name)) for name in CORPORA)
        share = f"{acted} ({acted / len(read):.0%})" if read else "—"
        lines.append(f"| {code} {rule.NAME} | {per_corpus} | {len(read)} | {share} |")
        why = collections.Counter((f.path, v.reason) for f, v in read if not v.acted_on)
        if why:
            notes.append(f"\n{code} {rule.NAME}, not acted on:\n")
            notes += [f"- {count}× {path}: {reason}" for (path, reason), count in why.items()]
    return "\n".join(lines + notes)


def details(found: list[Found], verdicts: list[Verdict]) -> str:
    lines = []
    for finding in found:
        verdict = verdict_for(finding, verdicts)
        state = "unread" if verdict is None else ("acted on" if verdict.acted_on else "not acted on")
        reason = f": {verdict.reason}" if verdict else ""
        lines.append(
            f"- {finding.corpus} {finding.path}:{finding.line}:{finding.column} {finding.code} {state}{reason}"
        )
    return "\n".join(lines)


def stale(found: list[Found], verdicts: list[Verdict]) -> list[str]:
    """Verdict lines no finding stands at any more."""
    return [
        f"{v.corpus} {v.path}:{line} {v.code}"
        for v in verdicts
        for line in v.lines
        if not any(f.line == line and v.covers(f) for f in found)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=None, help="the shared folder holding corpus/")
    parser.add_argument("--verdicts", type=Path, default=VERDICTS)
    parser.add_argument("--details", action="store_true", help="list every finding with its verdict")
    args = parser.parse_args()
    shared = args.shared or shared_folder()
    if not any((shared / folder).is_dir() for folder in CORPORA.values()):
        sys.exit(f"no corpus under {shared}")
    found = corpus_findings(shared)
    pinned, verdicts = load_verdicts(args.verdicts)
    print(table(found, verdicts))
    unread = [f for f in found if verdict_for(f, verdicts) is None]
    print(f"\n{len(found)} findings, {len(found) - len(unread)} read, {len(unread)} unread.")
    if counts_of(found) != pinned:
        print(f"Counts differ from the pinned ones: found {counts_of(found)}, pinned {pinned}.")
    for line in stale(found, verdicts):
        print(f"stale verdict: {line}")
    if args.details:
        print("\n" + details(found, verdicts))


if __name__ == "__main__":
    main()
