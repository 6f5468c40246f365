"""The command line: thin click commands over the library."""

from __future__ import annotations

import io
import os
import shlex
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from handbook_lint import __version__, api
from handbook_lint.config import ConfigError, Configs
from handbook_lint.diagnostics import Diagnostic, Result, Severity
from handbook_lint.discovery import repository_root
from handbook_lint.page import Page, PageError, page_from_bytes
from handbook_lint.pool import PARALLEL_THRESHOLD, default_jobs
from handbook_lint.reporters import REPORTERS
from handbook_lint.reporters import statistics as stats
from handbook_lint.usage import Usage, unused_settings

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from handbook_lint import fixes
    from handbook_lint.cache import ResultCache
    from handbook_lint.export import PageExport

# The engine, the rules, the exporter and the ownership commands are imported by the
# commands that use them: a check whose results all come from the cache starts without them.

#: Formats read by people; the others are documents for machines, which nothing else may
#: interleave with (statistics go to standard error, no progress bar).
HUMAN_FORMATS = frozenset({"full", "concise"})
#: A progress bar is shown on a terminal for runs over this many files.
PROGRESS_THRESHOLD = 200


class UsageFailure(click.ClickException):
    """A problem with how the command was called or with the files it was told to write (exit 2)."""

    exit_code = 2


class _LazyChoice(click.Choice):
    """A choice whose values are read, from a module imported then, when the option is used."""

    def __init__(self, values: Callable[[], Sequence[str]]):
        self._values = values
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> Sequence[str]:
        return tuple(self._values())

    @choices.setter
    def choices(self, values: Sequence[str]) -> None:
        """click sets the choices when it makes the type: they are read later instead."""


def _ownership_report() -> Any:
    from handbook_lint.ownership import report

    return report


def _diff_formats() -> Any:
    from handbook_lint.ownership import diff_formats

    return diff_formats


def _jobs_option(work: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`-j`/`--jobs`, for the commands that `work` on pages in several processes."""
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        help=f"Processes to {work} with (default: one per CPU; runs under {PARALLEL_THRESHOLD} pages use one).",
    )


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
@click.option(
    "--exit-non-zero-on-write",
    is_flag=True,
    help="With -o, exit 1 when the file was written (created or changed); the pre-commit hook sets this.",
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
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="Pair x/page.md with DIR/x/page.txt instead of the .txt beside it.",
)
@click.option("--stdin-filename", default=None, help="The path to report for the page read from '-'.")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only: no 'Wrote' or 'is up to date' line.")
def export(
    paths: tuple[str, ...],
    output: str | None,
    check_file: str | None,
    exit_non_zero_on_write: bool,
    isolated: bool,
    config_file: str | None,
    plain_root: str | None,
    stdin_filename: str | None,
    quiet: bool,
) -> None:
    """Write the canonical JSON of every table in PATHS (files or folders; '-' reads standard input)."""
    if output and check_file:
        raise UsageFailure("--output and --check cannot be used together")
    configs = Configs(config_file, isolated, {"plain-root": _absolute(plain_root)})
    named = [path for path in paths if path != "-"]
    try:
        pages = [_stdin_export(stdin_filename or "-", configs)] if "-" in paths else []
        pages += api.export_page_list(named, config=configs) if named else []
    except (ConfigError, api.PathNotFound) as error:
        raise UsageFailure(str(error)) from error
    if not pages:
        raise UsageFailure(f"no pages under {', '.join(map(repr, paths))}; nothing to export")
    from handbook_lint.export import dumps, export_document
    from handbook_lint.rules import BY_NAME as RULES_BY_NAME

    text = dumps(export_document(pages))
    unread = [page for page in pages if page.problems]
    for page in unread:
        for problem in page.problems:
            code = RULES_BY_NAME[problem.rule].CODE
            click.echo(f"{page.path}:{problem.line}:{problem.column}: {code} {problem.message}", err=True)
    but = f", but {_count(len(unread), 'page')} could not be read (listed above)" if unread else ""
    failed = bool(unread)
    if check_file:
        failed = _report_staleness(check_file, text, paths, but, quiet) or failed
    elif output:
        written = _read_text(output) != text
        if written:
            _write(output, text)
        if but or (written and not quiet):
            click.echo(f"{'Wrote' if written else 'Left unchanged'} {output}{but}", err=True)
        failed = failed or (written and exit_non_zero_on_write)
    else:
        click.echo(text, nl=False)
        if but:
            click.echo(f"{_count(len(unread), 'page')} could not be read (listed above)", err=True)
    from handbook_lint.rules import internal_error

    bug = any(problem.rule == internal_error.NAME for page in unread for problem in page.problems)
    sys.exit(2 if bug else 1 if failed else 0)


def _stdin_export(name: str, configs: Configs) -> PageExport:
    from handbook_lint.export import PageExport, export_loaded_page

    try:
        page = page_from_bytes(name, sys.stdin.buffer.read())
    except PageError as error:  # not UTF-8, or binary: recorded as the page's problem
        return PageExport(name, problems=[error.problem])
    return export_loaded_page(page, configs(name))


def _read_text(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None


def _report_staleness(path: str, fresh_text: str, paths: tuple[str, ...], but: str, quiet: bool) -> bool:
    """Compare a committed export with a fresh one; say what differs. True when stale.
    `but` is what else went wrong (pages that could not be read), said with the verdict."""
    committed_text = _read_text(path)
    if committed_text == fresh_text:
        if but:
            click.echo(f"{path} is up to date{but}", err=True)
        elif not quiet:
            click.echo(f"{path} is up to date.")
        return False
    fix = f"run `{shlex.join(['handbook-lint', 'export', *paths, '-o', path])}`"
    if committed_text is None:
        click.echo(f"{path} is missing or unreadable: {fix}", err=True)
        return True
    import json

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


def _complete_selectors(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Rule codes, names and ALL for the last item of a comma-separated list."""
    from click.shell_completion import CompletionItem

    from handbook_lint.rules import ALL

    done, comma, last = incomplete.rpartition(",")
    items = _complete_rule(ctx, param, last)
    if ALL.startswith(last.upper()):
        items.append(CompletionItem(ALL, help="every rule"))
    return [CompletionItem(done + comma + item.value, help=item.help) for item in items]


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
@click.option(
    "--select",
    default=None,
    shell_complete=_complete_selectors,
    help="Comma-separated rule codes, prefixes or names to run (ALL for every rule).",
)
@click.option(
    "--extend-select",
    default=None,
    shell_complete=_complete_selectors,
    help="Rules to run in addition to the selected ones.",
)
@click.option(
    "--ignore",
    default=None,
    shell_complete=_complete_selectors,
    help="Comma-separated rule codes, prefixes or names to skip.",
)
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
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="Pair x/page.md with DIR/x/page.txt instead of the .txt beside it.",
)
@click.option(
    "--fix", is_flag=True, help="Apply the safe fixes (files rewritten atomically), then report what is left."
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Print the safe fixes as a unified diff instead of writing them; exit 1 when there is one.",
)
@click.option(
    "-q", "--quiet", is_flag=True, help="Print the problems only: no summary line, no warnings but 'no pages'."
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the full and concise formats; auto: on a terminal, or when FORCE_COLOR is set, unless NO_COLOR is.",
)
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print, as JSON, the resolved configuration of the first page in PATHS, and exit.",
)
@click.option("--show-files", is_flag=True, help="Print the pages that would be checked, and exit.")
@_jobs_option("lint")
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
    fix: bool,
    show_diff: bool,
    quiet: bool,
    color: str,
    show_settings: bool,
    show_files: bool,
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
    if (fix or show_diff) and "-" in paths:
        raise UsageFailure("--fix and --diff rewrite files; they do not apply to standard input")
    configs = Configs(config_file, isolated, overrides)
    if show_settings or show_files:
        if show_settings and show_files:
            raise UsageFailure("--show-settings and --show-files cannot be used together")
        try:
            configs(None)  # the command-line options are checked even when no page needs them
            pages = _pages_to_check(paths, configs, stdin_filename, force_exclude)
            click.echo(_settings(pages, configs) if show_settings else "".join(f"{page}\n" for page in pages), nl=False)
        except ConfigError as error:
            raise UsageFailure(str(error)) from error
        if not pages:
            click.echo("warning: no pages to check under the given paths", err=True)
        return
    stream: Any = io.StringIO() if output_file else sys.stdout
    cache = None
    if not no_cache:  # (the cache's module, and json with it, only then)
        from handbook_lint.cache import ResultCache

        cache = ResultCache()
        # Saved last, once: the files asked for (fixes, --output-file) are written first.
        click.get_current_context().call_on_close(cache.save)
    try:
        name = output_format or configs(None)["output-format"] or ("full" if stream.isatty() else "concise")
        progress = name in HUMAN_FORMATS and _is_terminal(sys.stderr)
        diagnostics, checked, sources, warnings = run_check(
            paths, configs, stdin_filename, force_exclude, progress, jobs=jobs, cache=cache
        )
        if show_diff:
            sys.exit(_show_fixes(diagnostics))
        if fix and _apply_fixes(diagnostics, quiet):
            diagnostics, checked, sources, warnings = run_check(
                paths, configs, stdin_filename, force_exclude, progress, jobs=jobs, cache=cache
            )
    except ConfigError as error:
        raise UsageFailure(str(error)) from error
    if checked == 0:  # said even with --quiet: a run that checked nothing must not look clean
        click.echo("warning: no pages to check under the given paths", err=True)
    for warning in [] if quiet else warnings:
        click.echo(f"warning: {warning}", err=True)
    result = Result(diagnostics, checked, api.RuleCatalog(), warnings)
    root = repository_root() or Path.cwd()
    reporter = REPORTERS[name](
        stream,
        color=_color(color, stream),
        repo_root=str(root),
        source_reader=lambda path: sources[path] if path in sources else _source_lines(path),
        summary=not quiet,
    )
    reporter.report(result)
    if statistics and diagnostics:
        if name in HUMAN_FORMATS:
            stream.write(stats(result) + "\n")
        else:
            click.echo(stats(result), err=True)
    if output_file:
        _write(output_file, stream.getvalue())
    _exit_on_internal_errors(diagnostics)
    failing = any(d.severity is not Severity.NOTE for d in diagnostics)
    sys.exit(0 if exit_zero or not failing else 1)


def _exit_on_internal_errors(diagnostics: list[Diagnostic]) -> None:
    """Exit 2 when a page could not be checked (HL000): that run is no pass, even with
    --exit-zero, and not "problems found" either."""
    if not any(d.code.startswith("HL0") for d in diagnostics):
        return  # no input diagnostic at all: the rules need not be loaded to know
    from handbook_lint.rules import internal_error

    failed = sorted({d.path for d in diagnostics if d.code == internal_error.CODE})
    if failed:
        click.echo(f"error: handbook-lint failed on {_count(len(failed), 'page')} (HL000); please report it", err=True)
        sys.exit(2)


def _planned_fixes(diagnostics: list[Diagnostic]) -> fixes.Plan:
    from handbook_lint import fixes

    planned = fixes.plan(d.fix for d in diagnostics if d.fix is not None)
    for skipped, why in planned.skipped:
        click.echo(f"warning: {skipped.path}: not fixed ({skipped.description}): {why}", err=True)
    return planned


def _show_fixes(diagnostics: list[Diagnostic]) -> int:
    """Print what --fix would change; the exit status: 1 when it would change anything."""
    planned = _planned_fixes(diagnostics)
    for change in planned.changes:
        click.echo(change.diff(), nl=False)
    click.echo(f"Would fix {_count(planned.fixed, 'problem')} in {_count(len(planned.changes), 'file')}.", err=True)
    return 1 if planned.changes else 0


def _apply_fixes(diagnostics: list[Diagnostic], quiet: bool) -> bool:
    """Write the safe fixes (saying how many, unless `quiet`); whether any file changed."""
    planned = _planned_fixes(diagnostics)
    try:
        planned.write()
    except OSError as error:
        raise UsageFailure(f"cannot write a fix: {error}") from error
    if not quiet:
        click.echo(f"Fixed {_count(planned.fixed, 'problem')} in {_count(len(planned.changes), 'file')}.", err=True)
    return bool(planned.changes)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def run_check(
    paths: Iterable[str],
    configs: Configs,
    stdin_filename: str | None,
    force_exclude: bool,
    progress: bool,
    *,
    jobs: int | None = None,
    cache: ResultCache | None = None,
) -> tuple[list[Diagnostic], int, dict[str, list[str]], list[str]]:
    """Lint every page: the diagnostics, the number of pages checked, the text read from
    standard input (by its reported path, for reporters that quote the source), and warnings
    about settings that matched nothing. `jobs` processes (None: one per CPU), and the result
    `cache` if given (the caller saves it)."""
    diagnostics: list[Diagnostic] = []
    sources: dict[str, list[str]] = {}
    usage = Usage()
    paths = list(paths)
    name = _stdin_name(paths, stdin_filename, configs, force_exclude)
    if name is not None:
        from handbook_lint import engine

        page = _stdin_page(name)
        diagnostics.extend(engine.lint_page(page, configs(name), usage=usage))
        sources[name] = page.text.splitlines()
    paths = [path for path in paths if path != "-"]
    pages = find_pages(paths, configs, force_exclude) if paths else []
    speed: dict[str, Any] = {"jobs": jobs or default_jobs(), "cache": cache}
    if progress and len(pages) > PROGRESS_THRESHOLD:
        with click.progressbar(length=len(pages), label="Checking", file=sys.stderr, show_pos=True) as bar:
            result = api.lint_pages(pages, configs, done=bar.update, usage=usage, **speed)
    else:
        result = api.lint_pages(pages, configs, usage=usage, **speed)
    warnings = unused_settings(paths, pages, configs, usage)
    return sorted(diagnostics + result.diagnostics), len(pages) + len(sources), sources, warnings


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


def _color(choice: str, stream: Any) -> bool:
    """`always` and `never` as they say; `auto`: colour when FORCE_COLOR is set (and not
    "0"), else on a terminal unless NO_COLOR is set (https://no-color.org)."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    return _is_terminal(stream) and not os.environ.get("NO_COLOR")


def _pages_to_check(
    paths: Iterable[str], configs: Configs, stdin_filename: str | None, force_exclude: bool
) -> list[str]:
    """The pages a check of `paths` would read, standard input under its reported name."""
    named = [path for path in paths if path != "-"]
    stdin = _stdin_name(paths, stdin_filename, configs, force_exclude)
    return ([stdin] if stdin is not None else []) + (find_pages(named, configs, force_exclude) if named else [])


def _stdin_name(paths: Iterable[str], stdin_filename: str | None, configs: Configs, force_exclude: bool) -> str | None:
    """The name standard input is checked under; None when it is not read ('-' is not among
    `paths`, or --force-exclude excludes the name it was given)."""
    if "-" not in paths:
        return None
    name = stdin_filename or "-"
    return None if force_exclude and name != "-" and configs.excludes(name) else name


def _settings(pages: list[str], configs: Configs) -> str:
    """The resolved configuration of the first page, as JSON: where it comes from, every
    setting after the merge, and the rules that run on that page."""
    if not pages:
        raise UsageFailure("no pages under the given paths, so no settings to show")
    from handbook_lint import engine

    config = configs(pages[0])
    document = {
        "page": pages[0],
        "configuration_file": str(config.source) if config.source else None,
        "root": str(config.root),
        "settings": dict(config.values),
        "enabled_rules": sorted(engine.enabled_codes(config, pages[0])),
    }
    import json

    return json.dumps(document, indent=2) + "\n"


def _source_lines(path: str) -> list[str]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read().splitlines()


def _write(path: str, text: str) -> None:
    from handbook_lint.atomic import write_atomically

    try:
        write_atomically(path, text)
    except OSError as error:
        raise UsageFailure(f"cannot write {path}: {error.strerror or error}") from error


def _complete_rule(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

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
        import json

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


@main.command("report")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the report here (atomically) instead of to standard output.",
)
@click.option(
    "--format",
    "fmt",
    type=_LazyChoice(lambda: _ownership_report().FORMATS),
    default="html",
    show_default=True,
    help="html: the coverage map; markdown: its summary, for $GITHUB_STEP_SUMMARY.",
)
@click.option(
    "--source-url",
    metavar="TEMPLATE",
    default=None,
    help="Link source lines here: a URL template with {path} (from the repository root) and {line}.",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Use this configuration file (pyproject.toml or handbook-lint.toml).",
)
@_jobs_option("read pages")
def report(
    paths: tuple[str, ...],
    output: str | None,
    fmt: str,
    source_url: str | None,
    isolated: bool,
    config_file: str | None,
    jobs: int | None,
) -> None:
    """Write the ownership coverage map of the structure tables in PATHS (files or folders)."""
    ownership_report = _ownership_report()
    try:
        text, pages = ownership_report.report(
            paths,
            Configs(config_file, isolated),
            fmt=fmt,
            output=output,
            source_url=source_url,
            jobs=jobs or default_jobs(),
        )
    except (ConfigError, api.PathNotFound, ValueError) as error:
        raise UsageFailure(str(error)) from error
    if pages == 0:  # as check says: a report of nothing must not look like a clean one
        click.echo("warning: no pages to check under the given paths", err=True)
    if output:
        _write(output, text)
        click.echo(f"Wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@main.command("diff")
@click.argument("base")
@click.argument("head_and_paths", metavar="[HEAD] [PATH...]", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=_LazyChoice(lambda: _diff_formats().FORMATS),
    default="text",
    show_default=True,
    help="markdown is fit for a pull-request comment; json follows schemas/diff.schema.json.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the diff here (atomically) instead of to standard output.",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Use this configuration file (pyproject.toml or handbook-lint.toml).",
)
def diff(
    base: str, head_and_paths: tuple[str, ...], fmt: str, output: str | None, isolated: bool, config_file: str | None
) -> None:
    """Compare the structure tables in PATHS at git revision BASE with those at HEAD.

    HEAD is a revision (default: the work tree, uncommitted changes included); PATHS default
    to the current folder. Reports owners added, removed or moved per function and tier,
    functions and tiers added or removed, and tables added, removed or renamed.
    """
    from handbook_lint.ownership import diff as ownership_diff
    from handbook_lint.ownership.revisions import GitError

    diff_formats = _diff_formats()
    try:
        head, paths = ownership_diff.split_head(head_and_paths)
        changes = ownership_diff.ownership_diff(base, head, paths or ["."], Configs(config_file, isolated))
    except (ConfigError, api.PathNotFound, GitError) as error:
        raise UsageFailure(str(error)) from error
    text = diff_formats.render(changes, fmt)
    if output:
        _write(output, text)
        click.echo(f"Wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
