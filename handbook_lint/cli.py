"""The command line: thin click commands over the library."""

from __future__ import annotations

import sys

import click

from handbook_lint import __version__
from handbook_lint.atomic import write_atomically
from handbook_lint.discovery import discover_pages
from handbook_lint.export import dumps, export_document, export_page


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
