"""Real plain-text exports for tests: trafilatura 1.x and 2.x, each in its own cached venv.

The two major versions conflict, and neither is a dependency of handbook-lint, so each gets
a virtual environment under the cache folder (``$HANDBOOK_LINT_TRAFILATURA_CACHE``, else
``<tmp>/handbook-lint-trafilatura``), made once with pip. A test that needs one calls
`exports()`, which skips the test when the environment cannot be made (no registry).

Pages are rendered as GitHub renders them (cmark-gfm with its extensions, raw HTML kept),
wrapped as ``<html><head><title>T</title></head><body><article>BODY</article></body></html>``
and extracted with ``trafilatura.extract(html, include_tables=True, include_formatting=False,
include_links=False, favor_recall=True)``, as ../shared/PLAIN-TEXT-DIALECTS.md describes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

VERSIONS = ("1.12.2", "2.3.1")
CACHE = Path(
    os.environ.get("HANDBOOK_LINT_TRAFILATURA_CACHE", Path(tempfile.gettempdir()) / "handbook-lint-trafilatura")
)
# lxml 5.2 moved lxml.html.clean out; justext (a trafilatura dependency) still imports it.
_EXTRA = ("lxml_html_clean",)
_EXTRACT = """
import json, sys, trafilatura
pages = json.load(sys.stdin)
out = {name: trafilatura.extract(html, include_tables=True, include_formatting=False,
                                  include_links=False, favor_recall=True) or ""
       for name, html in pages.items()}
json.dump({"version": trafilatura.__version__, "exports": out}, sys.stdout)
"""


def render(body: str) -> str:
    """A page body as GitHub shows it, wrapped the way the exports were made."""
    html = cmarkgfm.github_flavored_markdown_to_html(body, options=Options.CMARK_OPT_UNSAFE)
    return f"<html><head><title>T</title></head><body><article>{html}</article></body></html>"


def python_for(version: str) -> Path:
    """The interpreter of the venv holding trafilatura `version`; made on first use."""
    folder = CACHE / version
    python = folder / "bin" / "python"
    ready = folder / ".ready"
    if ready.exists():
        return python
    folder.parent.mkdir(parents=True, exist_ok=True)
    steps = [
        [sys.executable, "-m", "venv", "--clear", str(folder)],
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            f"trafilatura=={version}",
            *_EXTRA,
        ],
    ]
    for step in steps:
        try:
            result = subprocess.run(step, capture_output=True, text=True, timeout=900)
        except (OSError, subprocess.TimeoutExpired) as error:
            pytest.skip(f"cannot make a venv with trafilatura {version}: {error}")
        if result.returncode != 0:
            tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
            pytest.skip(f"cannot install trafilatura {version} (registry unreachable?): {' / '.join(tail)}")
    ready.write_text(version)
    return python


def exports(version: str, bodies: dict[str, str]) -> dict[str, str]:
    """trafilatura `version`'s export of each page body, by the same names."""
    python = python_for(version)
    pages = {name: render(body) for name, body in bodies.items()}
    result = subprocess.run(
        [str(python), "-c", _EXTRACT], input=json.dumps(pages), capture_output=True, text=True, timeout=900, check=True
    )
    answer = json.loads(result.stdout)
    assert answer["version"] == version
    return answer["exports"]
