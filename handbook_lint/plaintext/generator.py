"""Exact mode: a page's plain-text export made again, as the export pipeline makes it.

With ``plain-text-generator = "trafilatura"`` the expected export is the page body (front
matter removed) rendered by GitHub's renderer (cmark-gfm with ``CMARK_OPT_UNSAFE`` and
GitHub's extensions), put in `plain-text-wrapper` (``{title}`` is the front-matter title,
HTML-escaped; ``{html}`` the rendered body) and extracted by ``trafilatura.extract(html,
**options)`` with `plain-text-options` over `DEFAULT_OPTIONS`. Both libraries come with
the optional extra ``plain-text``; nothing here is imported without it.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from handbook_lint.page import Page

if TYPE_CHECKING:
    from handbook_lint.config import Config
    from handbook_lint.plaintext.dialects import Dialect

EXTRA = "plain-text"
GENERATORS = ("trafilatura",)
DEFAULT_OPTIONS: dict[str, Any] = {
    "include_tables": True,
    "include_formatting": False,
    "include_links": False,
    "favor_recall": True,
}
_PLACEHOLDER = re.compile(r"\{(title|html)\}")


class GeneratorUnavailable(Exception):
    """The generator's libraries cannot be imported: the extra is not installed (the
    configuration makes it a configuration error, exit 2)."""


@dataclass(frozen=True, slots=True)
class Generator:
    """How the exports are made: trafilatura's version and dialect, the wrapper, the options."""

    name: str
    version: str
    wrapper: str
    options_json: str  # the extraction options, as sorted JSON (hashable)

    @property
    def dialect(self) -> Dialect:
        return "trafilatura-1" if self.version.split(".")[0] == "1" else "trafilatura-2"

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"

    def html(self, page: Page) -> str:
        """The page as the extractor gets it: GitHub's HTML in the wrapper."""
        import html as html_module

        import cmarkgfm
        from cmarkgfm.cmark import Options

        body = cmarkgfm.github_flavored_markdown_to_html(page.body, options=Options.CMARK_OPT_UNSAFE)
        values = {"title": html_module.escape(page.title or "", quote=False), "html": body}
        return _PLACEHOLDER.sub(lambda match: values[match.group(1)], self.wrapper)

    def export(self, page: Page) -> str:
        """The export this pipeline makes of the page ("" when the extractor finds nothing)."""
        import trafilatura

        return trafilatura.extract(self.html(page), **json.loads(self.options_json)) or ""


def generator_for(config: Config) -> Generator | None:
    """The configured generator, or None in tolerant mode; raises `GeneratorUnavailable`."""
    name = config["plain-text-generator"]
    if not name:
        return None
    options = {**DEFAULT_OPTIONS, **config["plain-text-options"]}
    return _generator(name, config["plain-text-wrapper"], json.dumps(options, sort_keys=True))


@functools.cache
def _generator(name: str, wrapper: str, options_json: str) -> Generator:
    version = installed_version()
    return Generator(name, version, wrapper, options_json)


@functools.cache
def installed_version() -> str:
    """trafilatura's version; raises `GeneratorUnavailable` naming the extra when it or
    cmark-gfm cannot be imported."""
    for module in ("cmarkgfm", "trafilatura"):
        try:
            importlib.import_module(module)
        except ImportError as error:
            raise GeneratorUnavailable(
                f'plain-text-generator = "trafilatura" needs the optional extra {EXTRA!r}: '
                f"pip install 'handbook-lint[{EXTRA}]' (cannot import {module}: {error})"
            ) from error
    import logging  # only exact mode needs it

    # trafilatura logs what it discards at WARNING; a linter's output is its diagnostics.
    logging.getLogger("trafilatura").addHandler(logging.NullHandler())
    import trafilatura

    return str(trafilatura.__version__)
