"""The command line: thin click commands over the library."""

from __future__ import annotations

import inspect
import io
import json
import os
import sys

import click

from handbook_lint import __version__
from handbook_lint.atomic import write_atomically
from handbook_lint.config import ConfigError, load_config
from handbook_lint.diagnostics import Diagnostic, Result, RuleMeta, Severity
from handbook_lint.discovery import discover_pages
from handbook_lint.export import dumps, export_document, export_page
from handbook_lint.linter import lint_file, lint_text
from handbook_lint.reporters import REPORTERS
from handbook_lint.reporters import statistics as stats
from handbook_lint.rules import RULES, family, get
from handbook_lint.rules._api import summary


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handbook-lint")
def main() -> None:
    """Lint and validate the structure tables of Markdown handbook pages."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, writable=True),
              help="Write the JSON here (atomically) instead of to standard output.")
def export(paths: tuple[str, ...], output: str | None) -> None:
    """Write the canonical JSON of every table in PATHS (files or folders)."""
    pages = [export_page(path) for path in discover_pages(paths)]
    text = dumps(export_document(pages))
    if output:
        write_atomically(output, text)
    else:
        click.echo(text, nl=False)
    failed = False
    for page in pages:
        for problem in page.problems:
            click.echo(f"{page.path}:{problem.line}:{problem.column}: {problem.code} {problem.message}", err=True)
            failed = True
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--output-format", type=click.Choice(sorted(REPORTERS)), default=None,
              help="How to print diagnostics (default: full on a terminal, concise otherwise).")
@click.option("--output-file", type=click.Path(dir_okay=False), default=None,
              help="Write the report to this file (atomically) instead of standard output.")
@click.option("--select", default=None, help="Comma-separated rule codes, prefixes or names to run.")
@click.option("--extend-select", default=None, help="Rules to run in addition to the selected ones.")
@click.option("--ignore", default=None, help="Comma-separated rule codes, prefixes or names to skip.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Use this configuration file (pyproject.toml or handbook-lint.toml).")
@click.option("--statistics", is_flag=True, help="Print the number of problems per rule.")
@click.option("--stdin-filename", default=None, help="The path to report for text read from '-'.")
def check(paths: tuple[str, ...], output_format: str | None, output_file: str | None,
          select: str | None, extend_select: str | None, ignore: str | None, exit_zero: bool,
          isolated: bool, config_file: str | None, statistics: bool, stdin_filename: str | None) -> None:
    """Check the tables of the pages in PATHS (files or folders; '-' reads standard input)."""
    overrides = {"select": _split(select), "extend-select": _split(extend_select), "ignore": _split(ignore)}
    try:
        diagnostics, checked, config = run_check(paths, overrides, config_file, isolated, stdin_filename)
    except (ConfigError, ValueError) as error:
        raise click.UsageError(str(error)) from error
    result = Result(diagnostics, checked, rule_metadata())
    stream = io.StringIO() if output_file else click.get_text_stream("stdout")
    name = output_format or config["output-format"] or ("full" if stream.isatty() else "concise")
    reporter = REPORTERS[name](stream, color=_color(stream), repo_root=os.getcwd(), source_reader=_source_lines)
    reporter.report(result)
    if statistics:
        stream.write(stats(result))
    if output_file:
        write_atomically(output_file, stream.getvalue())
    failing = any(d.severity is not Severity.NOTE for d in diagnostics)
    sys.exit(0 if exit_zero or not failing else 1)


def run_check(paths, overrides, config_file, isolated, stdin_filename):
    """Lint every page; returns the diagnostics, the number of files checked and a config."""
    diagnostics: list[Diagnostic] = []
    config = load_config(path=None, explicit=config_file, isolated=isolated, overrides=overrides)
    checked = 0
    for path in paths:
        if path == "-":
            name = stdin_filename or "-"
            page_config = load_config(path=name, explicit=config_file, isolated=isolated, overrides=overrides)
            diagnostics.extend(lint_text(sys.stdin.read(), name, page_config))
            checked += 1
            continue
        if not os.path.exists(path):
            raise click.UsageError(f"path {path!r} does not exist")
        for page in discover_pages([path]):
            page_config = load_config(path=page, explicit=config_file, isolated=isolated, overrides=overrides)
            if os.path.isdir(path) and page_config.excludes(page):
                continue
            diagnostics.extend(lint_file(page, page_config))
            checked += 1
    return sorted(diagnostics), checked, config


def rule_metadata() -> dict[str, RuleMeta]:
    return {
        code: RuleMeta(code, rule.NAME, summary(rule), inspect.cleandoc(rule.__doc__ or ""), rule.SEVERITY)
        for code, rule in RULES.items()
    }


def _split(value: str | None) -> list[str] | None:
    return None if value is None else [part.strip() for part in value.split(",") if part.strip()]


def _color(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def _source_lines(path: str) -> list[str]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read().splitlines()


@main.command("rules")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text")
def list_rules(output_format: str) -> None:
    """List every rule: code, name, family, default on/off."""
    rows = [
        {"code": code, "name": rule.NAME, "family": family(code), "default": rule.DEFAULT_ENABLED,
         "severity": rule.SEVERITY.value, "summary": summary(rule)}
        for code, rule in RULES.items()
    ]
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        state = "on " if row["default"] else "off"
        click.echo(f"{row['code']}  {row['name']:<26} {state}  {row['family']:<17} {row['summary']}")


@main.command("rule")
@click.argument("code")
def show_rule(code: str) -> None:
    """Print the documentation of one rule (by code or name)."""
    try:
        rule = get(code)
    except ValueError as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"# {rule.CODE} {rule.NAME}\n")
    click.echo(inspect.cleandoc(rule.__doc__ or ""))
