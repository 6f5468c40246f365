"""The command line: thin click commands over the library."""

from __future__ import annotations

import io
import json
import os
import shlex
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

from handbook_lint import __version__, api
from handbook_lint.atomic import write_atomically
from handbook_lint.cache import ResultCache
from handbook_lint.config import ConfigError, Configs
from handbook_lint.diagnostics import Diagnostic, Result, Severity
from handbook_lint.discovery import repository_root
from handbook_lint.page import Page, PageError, page_from_bytes
from handbook_lint.pool import default_jobs
from handbook_lint.reporters import REPORTERS
from handbook_lint.reporters import statistics as stats

# The engine, the rules and the exporter are imported by the commands that use them: a
# check whose results all come from the cache starts without them.

#: Formats read by people; the others are documents for machines, which nothing else may
#: interleave with (statistics go to standard error, no progress bar).
HUMAN_FORMATS = frozenset({"full", "concise"})
#: A progress bar is shown on a terminal for runs over this many files.
PROGRESS_THRESHOLD = 200


class UsageFailure(click.ClickException):
    """A problem with how the command was called or with the files it was told to write (exit 2)."""

    exit_code = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handbook-lint")
def main() -> None:
    """Lint and validate the structure tables of Markdown handbook pages.

    Shell completion: eval "$(_HANDBOOK_LINT_COMPLETE=bash_source handbook-lint)"
    (zsh_source, fish_source for the other shells).
    """


def find_pages(paths: Iterable[str], configs: Configs, force_exclude: bool) -> list[str]:
    """The pages to read; a path that does not exist is a usage error."""
    try:
        return api.find_pages(paths, configs, force_exclude=force_exclude)
    except api.PathNotFound as error:
        raise UsageFailure(str(error)) from error


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False),
    help="Write the JSON here (atomically, and only when it changed) instead of to standard output.",
)
@click.option(
    "--check",
    "check_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write nothing; exit 1 when this committed export differs from what PATHS give now.",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Use this configuration file (pyproject.toml or handbook-lint.toml).",
)
@click.option(
    "--plain-root",
    type=click.Path(file_okay=False),
    default=None,
    help="Pair x/page.md with DIR/x/page.txt instead of the .txt beside it.",
)
def export(
    paths: tuple[str, ...],
    output: str | None,
    check_file: str | None,
    isolated: bool,
    config_file: str | None,
    plain_root: str | None,
) -> None:
    """Write the canonical JSON of every table in PATHS (files or folders)."""
    if output and check_file:
        raise UsageFailure("--output and --check cannot be used together")
    configs = Configs(config_file, isolated, {"plain-root": _absolute(plain_root)})
    try:
        pages = api.export_page_list(paths, config=configs)
    except (ConfigError, api.PathNotFound) as error:
        raise UsageFailure(str(error)) from error
    from handbook_lint.export import dumps, export_document
    from handbook_lint.rules import BY_NAME as RULES_BY_NAME

    text = dumps(export_document(pages))
    stale = False
    if check_file:
        stale = _report_staleness(check_file, text, paths)
    elif output and _read_text(output) != text:
        _write(output, text)
        click.echo(f"Wrote {output}", err=True)
    elif not output:
        click.echo(text, nl=False)
    failed = False
    for page in pages:
        for problem in page.problems:
            code = RULES_BY_NAME[problem.rule].CODE
            click.echo(f"{page.path}:{problem.line}:{problem.column}: {code} {problem.message}", err=True)
            failed = True
    sys.exit(1 if failed or stale else 0)


def _read_text(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None


def _report_staleness(path: str, fresh_text: str, paths: tuple[str, ...]) -> bool:
    """Compare a committed export with a fresh one; say what differs. True when stale."""
    committed_text = _read_text(path)
    if committed_text == fresh_text:
        click.echo(f"{path} is up to date.")
        return False
    fix = f"run `{shlex.join(['handbook-lint', 'export', *paths, '-o', path])}`"
    if committed_text is None:
        click.echo(f"{path} is missing or unreadable: {fix}", err=True)
        return True
    fresh = {page["path"]: page for page in json.loads(fresh_text)["pages"]}
    try:
        committed = {page["path"]: page for page in json.loads(committed_text)["pages"]}
    except (ValueError, KeyError, TypeError):
        click.echo(f"{path} is not a handbook-lint export: {fix}", err=True)
        return True
    changes = [f"  + {p} (new page)" for p in sorted(fresh.keys() - committed.keys())]
    changes += [f"  - {p} (page gone)" for p in sorted(committed.keys() - fresh.keys())]
    changes += [f"  ~ {p}" for p in sorted(fresh.keys() & committed.keys()) if fresh[p] != committed[p]]
    if not changes:
        changes = ["  (same tables; the file's formatting or schema_version differs)"]
    click.echo(f"{path} is stale; {fix}\n" + "\n".join(changes), err=True)
    return True


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--output-format",
    type=click.Choice(sorted(REPORTERS)),
    default=None,
    help="How to print diagnostics (default: full on a terminal, concise otherwise).",
)
@click.option(
    "--output-file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the report to this file (atomically) instead of standard output.",
)
@click.option("--select", default=None, help="Comma-separated rule codes, prefixes or names to run.")
@click.option("--extend-select", default=None, help="Rules to run in addition to the selected ones.")
@click.option("--ignore", default=None, help="Comma-separated rule codes, prefixes or names to skip.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Use this configuration file (pyproject.toml or handbook-lint.toml).",
)
@click.option("--statistics", is_flag=True, help="Print the number of problems per rule.")
@click.option("--stdin-filename", default=None, help="The path to report for text read from '-'.")
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply `exclude` to files named on the command line too (the pre-commit hook sets this).",
)
@click.option(
    "--plain-root",
    type=click.Path(file_okay=False),
    default=None,
    help="Pair x/page.md with DIR/x/page.txt instead of the .txt beside it.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes to lint with (default: one per CPU; runs under 50 pages use one).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache (.handbook_lint_cache/).")
def check(
    paths: tuple[str, ...],
    output_format: str | None,
    output_file: str | None,
    select: str | None,
    extend_select: str | None,
    ignore: str | None,
    exit_zero: bool,
    isolated: bool,
    config_file: str | None,
    statistics: bool,
    stdin_filename: str | None,
    force_exclude: bool,
    plain_root: str | None,
    jobs: int | None,
    no_cache: bool,
) -> None:
    """Check the tables of the pages in PATHS (files or folders; '-' reads standard input).

    With no PATHS, checks the current folder (or standard input, given --stdin-filename).
    """
    if not paths:
        paths = ("-",) if stdin_filename else (".",)
    overrides = {
        "select": _split(select),
        "extend-select": _split(extend_select),
        "ignore": _split(ignore),
        "plain-root": _absolute(plain_root),
    }
    configs = Configs(config_file, isolated, overrides)
    stream: Any = io.StringIO() if output_file else sys.stdout
    try:
        name = output_format or configs(None)["output-format"] or ("full" if stream.isatty() else "concise")
        progress = name in HUMAN_FORMATS and _is_terminal(sys.stderr)
        diagnostics, checked, sources = run_check(
            paths, configs, stdin_filename, force_exclude, progress, jobs=jobs, cache=not no_cache
        )
    except ConfigError as error:
        raise UsageFailure(str(error)) from error
    if checked == 0:
        click.echo("warning: no pages to check under the given paths", err=True)
    result = Result(diagnostics, checked, api.RuleCatalog())
    root = repository_root() or Path.cwd()
    reporter = REPORTERS[name](
        stream,
        color=_color(stream),
        repo_root=str(root),
        source_reader=lambda path: sources[path] if path in sources else _source_lines(path),
    )
    reporter.report(result)
    if statistics and diagnostics:
        if name in HUMAN_FORMATS:
            stream.write(stats(result) + "\n")
        else:
            click.echo(stats(result), err=True)
    if output_file:
        _write(output_file, stream.getvalue())
    failing = any(d.severity is not Severity.NOTE for d in diagnostics)
    sys.exit(0 if exit_zero or not failing else 1)


def run_check(
    paths: Iterable[str],
    configs: Configs,
    stdin_filename: str | None,
    force_exclude: bool,
    progress: bool,
    *,
    jobs: int | None = None,
    cache: bool = False,
) -> tuple[list[Diagnostic], int, dict[str, list[str]]]:
    """Lint every page: the diagnostics, the number of pages checked, and the text read from
    standard input (by its reported path, for reporters that quote the source). `jobs`
    processes (None: one per CPU), and the result cache unless `cache` is false."""
    diagnostics: list[Diagnostic] = []
    sources: dict[str, list[str]] = {}
    paths = list(paths)
    if "-" in paths:
        paths.remove("-")
        name = stdin_filename or "-"
        if not (force_exclude and name != "-" and configs.excludes(name)):
            page = _stdin_page(name)
            from handbook_lint import engine

            diagnostics.extend(engine.lint_page(page, configs(name)))
            sources[name] = page.text.splitlines()
    pages = find_pages(paths, configs, force_exclude) if paths else []
    jobs = jobs or default_jobs()
    results = ResultCache() if cache else None
    if progress and len(pages) > PROGRESS_THRESHOLD:
        with click.progressbar(length=len(pages), label="Checking", file=sys.stderr, show_pos=True) as bar:
            result = api.lint_pages(pages, configs, done=bar.update, jobs=jobs, cache=results)
    else:
        result = api.lint_pages(pages, configs, jobs=jobs, cache=results)
    if results is not None:
        results.save()
    return sorted(diagnostics + result.diagnostics), len(pages) + len(sources), sources


def _stdin_page(name: str) -> Page:
    data = sys.stdin.buffer.read()
    try:
        return page_from_bytes(name, data)
    except PageError as error:  # not UTF-8, or binary: the rules report the problem
        return Page(name, "", "", {}, (error.problem,))


def _absolute(path: str | None) -> str | None:
    """A path given on the command line is relative to the current folder, not to a
    configuration file, so it is made absolute before it joins the configuration."""
    return None if path is None else os.path.abspath(path)


def _split(value: str | None) -> list[str] | None:
    return None if value is None else [part.strip() for part in value.split(",") if part.strip()]


def _is_terminal(stream: Any) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _color(stream: Any) -> bool:
    """Colour on a terminal, unless NO_COLOR is set to anything (https://no-color.org)."""
    return _is_terminal(stream) and not os.environ.get("NO_COLOR")


def _source_lines(path: str) -> list[str]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read().splitlines()


def _write(path: str, text: str) -> None:
    try:
        write_atomically(path, text)
    except OSError as error:
        raise UsageFailure(f"cannot write {path}: {error.strerror or error}") from error


def _complete_rule(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    from handbook_lint.rules import RULES
    from handbook_lint.rules._api import summary

    prefix = incomplete.lower()
    return [
        CompletionItem(value, help=summary(rule))
        for code, rule in RULES.items()
        for value in (code, rule.NAME)
        if value.lower().startswith(prefix)
    ]


@main.command("rules")
@click.option(
    "--output-format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    help="markdown is the reference in docs/rules.md.",
)
def list_rules(output_format: str) -> None:
    """List every rule: code, name, family, default on/off."""
    from handbook_lint.rules import RULES, family
    from handbook_lint.rules._api import summary
    from handbook_lint.rules.reference import rules_reference

    if output_format == "markdown":
        click.echo(rules_reference(), nl=False)
        return
    rows = [
        {
            "code": code,
            "name": rule.NAME,
            "family": family(code),
            "default": rule.DEFAULT_ENABLED,
            "severity": rule.SEVERITY.value,
            "summary": summary(rule),
        }
        for code, rule in RULES.items()
    ]
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        state = "on " if row["default"] else "off"
        click.echo(f"{row['code']}  {row['name']:<26} {state}  {row['family']:<17} {row['summary']}")


@main.command("rule")
@click.argument("code", shell_complete=_complete_rule)
def show_rule(code: str) -> None:
    """Print the documentation of one rule (by code or name)."""
    import inspect

    from handbook_lint.rules import get

    try:
        rule = get(code)
    except ValueError as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"# {rule.CODE} {rule.NAME}\n")
    click.echo(inspect.cleandoc(rule.__doc__ or ""))
