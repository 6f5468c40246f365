"""Plain-text agreement on real exports: false alarms and edits caught, tolerant and exact mode.

For each trafilatura version, a virtual environment holding handbook-lint (this checkout,
with the ``plain-text`` extra) and that trafilatura is made once under the cache folder
(``$HANDBOOK_LINT_TRAFILATURA_CACHE``, else ``<tmp>/handbook-lint-trafilatura``), and a worker
runs inside it:

1. every page of each corpus whose GitHub rendering has a table is exported exactly as
   exact mode regenerates it (cmark-gfm, the default wrapper, ``trafilatura.extract`` with
   the default options): these are real exports of that trafilatura version;
2. single-row edits of each export are made from the line shapes alone (not with
   handbook-lint's parser): a cell's text replaced, one word (or two CJK characters)
   changed, two cells swapped, the row deleted; ``--edits`` of each kind per export;
3. tolerant mode (no generator): an unedited export is flagged when it gets any
   HL402–HL407/HL409 finding; an edit is caught when the edited export gets one of those
   findings, keyed by code, line and message, that the unedited export does not have;
4. exact mode (``plain-text-generator = "trafilatura"``): unedited exports must get no
   finding but HL408; an edit is caught when it gets HL409; the HL409 fix, planned with
   ``handbook_lint.fixes`` on the edited file, must give back the unedited bytes.

Usage: ``python bench/plaintext.py [--corpus NAME]... [--folder NAME=PATH]... [--version V]...
[--edits N] [--limit N]``; prints a table (and ``--json`` the raw figures). Corpora are read from
``../shared/corpus`` (``$HANDBOOK_LINT_SHARED`` names another shared folder); ``--folder`` adds
another tree of pages, such as a held-out handbook, and measures only the corpora named.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("HANDBOOK_LINT_SHARED", ROOT.parent / "shared"))
CORPORA = {
    "sourcegraph-handbook": SHARED / "corpus" / "sourcegraph-handbook" / "content",
    "tidb-docs-cn": SHARED / "corpus" / "tidb-docs-cn",
}
VERSIONS = ("1.12.2", "2.3.1")
CACHE = Path(
    os.environ.get("HANDBOOK_LINT_TRAFILATURA_CACHE", Path(tempfile.gettempdir()) / "handbook-lint-trafilatura")
)
COUNTED = {"HL402", "HL403", "HL404", "HL405", "HL406", "HL407", "HL409"}
KINDS = ("cell-text", "cell-word", "swap", "delete")
MODES = ("tolerant", "exact")
EDIT = "Qx edited value"
_PIPE = re.compile(r"(?<!\\)\|")
_SEPARATOR = re.compile(r"^\|?(?:-{3,}\|)+$")
_CJK_PAIR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2}")
_WORD = re.compile(r"[^\W_]{2,}")


# -- the environments ---------------------------------------------------------------------


def python_for(version: str) -> Path:
    """The interpreter of a venv with this checkout and trafilatura `version`; made once."""
    checkout = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]  # an editable install of this checkout
    folder = CACHE / f"handbook-lint-{version}-{checkout}"
    python = folder / "bin" / "python"
    if (folder / ".ready").exists():
        return python
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(folder)], check=True)
    install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e"]
    subprocess.run([*install, f"{ROOT}[plain-text]", f"trafilatura=={version}"], check=True)
    (folder / ".ready").write_text(version)
    return python


def measure(
    corpus: str, version: str, edits: int = 2, limit: int | None = None, modes: tuple[str, ...] = MODES
) -> dict:
    """Run the worker for one corpus and version in its environment; its figures."""
    arguments = [str(python_for(version)), __file__, "--worker", corpus, "--edits", str(edits)]
    arguments += ["--folder", f"{corpus}={CORPORA[corpus]}"]
    arguments += [f"--mode={mode}" for mode in modes]
    if limit:
        arguments += ["--limit", str(limit)]
    result = subprocess.run(arguments, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


# -- edits, from the line shapes alone ----------------------------------------------------


def _row_cells(line: str, dialect: str) -> list[tuple[int, int]]:
    body = line.rstrip(" ")
    if _SEPARATOR.match(body) or not body.endswith("|"):
        return []
    if dialect == "trafilatura-1" and body.startswith("|") or dialect == "trafilatura-2" and not body.startswith("| "):
        return []
    pipes = [m.start() for m in _PIPE.finditer(line)]
    bounds = [-1, *pipes] if dialect == "trafilatura-1" else pipes
    spans = []
    for a, b in zip(bounds, bounds[1:]):
        segment = line[a + 1 : b]
        if segment.strip():
            start = a + 1 + len(segment) - len(segment.lstrip())
            spans.append((start, start + len(segment.strip())))
    return spans


def _edit(line: str, spans: list[tuple[int, int]], kind: str, rng: random.Random) -> str | None:
    if kind == "delete":
        return ""
    if kind == "cell-text":
        choices = [s for s in spans if line[s[0] : s[1]] != EDIT]
        if not choices:
            return None
        a, b = rng.choice(choices)
        return line[:a] + EDIT + line[b:]
    if kind == "cell-word":
        options = []
        for a, b in spans:
            for match in _WORD.finditer(line[a:b]):
                pairs = list(_CJK_PAIR.finditer(match.group()))
                if pairs:
                    options += [(a + match.start() + p.start(), a + match.start() + p.end(), "改动") for p in pairs]
                elif match.group() != "Qxz":
                    options.append((a + match.start(), a + match.end(), "Qxz"))
        if not options:
            return None
        a, b, new = rng.choice(options)
        return line[:a] + new + line[b:]
    pairs = [(x, y) for i, x in enumerate(spans) for y in spans[i + 1 :] if line[x[0] : x[1]] != line[y[0] : y[1]]]
    if not pairs:
        return None
    (a1, b1), (a2, b2) = rng.choice(pairs)
    return line[:a1] + line[a2:b2] + line[b1:a2] + line[a1:b1] + line[b2:]


def single_row_edits(name: str, text: str, dialect: str, per_kind: int) -> list[tuple[str, str]]:
    """(kind, edited export) pairs: `per_kind` edits of each kind, rows picked with a seed."""
    lines = text.split("\n")
    rows = [(k, spans) for k, line in enumerate(lines) if (spans := _row_cells(line, dialect))]
    found = []
    for kind in KINDS:
        rng = random.Random(f"{name}/{kind}")
        order = rows[:]
        rng.shuffle(order)
        made = 0
        for k, spans in order:
            if made == per_kind:
                break
            new = _edit(lines[k], spans, kind, rng)
            if new is None:
                continue
            edited = lines[:k] + lines[k + 1 :] if kind == "delete" else [*lines[:k], new, *lines[k + 1 :]]
            if edited != lines:
                found.append((kind, "\n".join(edited)))
                made += 1
    return found


# -- the worker (runs inside a trafilatura environment) -----------------------------------


def worker(corpus: str, per_kind: int, limit: int | None, modes: tuple[str, ...] = ("tolerant", "exact")) -> dict:
    from handbook_lint.config import DEFAULTS, Config
    from handbook_lint.fixes import plan
    from handbook_lint.page import read_page
    from handbook_lint.plaintext.dialects import parse_export
    from handbook_lint.plaintext.generator import generator_for

    root = CORPORA[corpus]
    exact_config = Config({**DEFAULTS, "select": ["HL4"], "plain-text-generator": "trafilatura"}, root)
    # An edit only needs HL409 (and its fix); HL402-HL407 on a stale export are extra detail.
    stale_config = Config({**exact_config.values, "select": ["HL409"]}, root)
    tolerant_config = Config({**DEFAULTS, "select": ["HL4"]}, root)
    generator = generator_for(exact_config)
    assert generator is not None
    figures: dict = {"corpus": corpus, "version": generator.version, "exports": 0}
    for mode in modes:
        figures[mode] = {
            "flagged": [],
            "by_code": {},
            "edits": 0,
            "caught": 0,
            "missed": [],
            "fixed": 0,
            "unfixed": [],
            "seconds": 0.0,
        }
    folder = Path(tempfile.mkdtemp())
    pages = sorted(root.rglob("*.md"))
    for path in pages:
        page = read_page(path)
        if "<table" not in generator.html(page):
            continue
        if limit and figures["exports"] >= limit:
            break
        figures["exports"] += 1
        name = path.relative_to(root).as_posix()
        export = generator.export(page)
        dialect = parse_export(export).dialect
        edits = single_row_edits(name, export, dialect if dialect != "none" else generator.dialect, per_kind)
        export_file = folder / "page.txt"
        for mode, config in (("tolerant", tolerant_config), ("exact", exact_config)):
            if mode not in modes:
                continue
            record = figures[mode]
            started = time.monotonic()

            exact = (generator, export) if mode == "exact" else None
            base = _lint(page, export, config, export_file, exact)
            codes = sorted({d.code for d in base if d.code != "HL408" and (mode == "exact" or d.code in COUNTED)})
            if codes:
                record["flagged"].append(f"{name} ({', '.join(codes)})")
            for d in base:
                record["by_code"][d.code] = record["by_code"].get(d.code, 0) + 1
            before = {(d.code, d.line, d.message) for d in base}
            for kind, edited in edits:
                found = _lint(page, edited, stale_config if exact else config, export_file, exact)
                new = [d for d in found if (d.code, d.line, d.message) not in before]
                record["edits"] += 1
                caught = any(d.code == "HL409" for d in new) if mode == "exact" else any(d.code in COUNTED for d in new)
                record["caught"] += caught
                if not caught:
                    record["missed"].append(f"{name} {kind}")
                if mode == "exact":
                    fixes = [d.fix for d in found if d.code == "HL409" and d.fix is not None]
                    changes = plan(fixes).changes
                    restored = bool(changes) and changes[0].after == export
                    record["fixed"] += restored
                    if not restored:
                        record["unfixed"].append(f"{name} {kind}")
            record["seconds"] += time.monotonic() - started
    return figures


def _lint(page, text: str, config, export_file: Path, exact: tuple | None) -> list:
    """HL4 diagnostics of a page with this export text (in exact mode with its generator and
    regenerated export, so the generator runs once per page)."""
    from handbook_lint.engine import lint_page
    from handbook_lint.plaintext.dialects import parse_export
    from handbook_lint.plaintext.pairing import Pairing

    export_file.write_text(text, encoding="utf-8")
    extra = {"generator": exact[0], "_expected": exact[1]} if exact else {}

    def given(page, tables):
        return Pairing(str(export_file), parse_export(text), None, page, tables, **extra)

    return lint_page(page, config, given)


# -- the table ----------------------------------------------------------------------------


def table(results: list[dict]) -> str:
    lines = [
        "| corpus | trafilatura | mode | unedited exports flagged | edits caught | fixes that restore the export |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        for mode in [mode for mode in MODES if mode in r]:
            m = r[mode]
            flagged = len(m["flagged"])
            share = 100 * flagged / r["exports"] if r["exports"] else 0.0
            caught = 100 * m["caught"] / m["edits"] if m["edits"] else 0.0
            fixed = f"{m['fixed']}/{m['edits']}" if mode == "exact" else "–"
            lines.append(
                f"| {r['corpus']} | {r['version']} | {mode} | {flagged}/{r['exports']} ({share:.1f} %) "
                f"| {m['caught']}/{m['edits']} ({caught:.2f} %) | {fixed} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA))
    parser.add_argument("--folder", action="append", default=[], metavar="NAME=PATH", help="another corpus")
    parser.add_argument("--version", action="append", choices=VERSIONS)
    parser.add_argument("--edits", type=int, default=2, help="edits of each kind per export (default 2)")
    parser.add_argument("--limit", type=int, default=None, help="at most this many exports per corpus")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    parser.add_argument("--mode", action="append", choices=MODES, help="only this mode (default both)")
    parser.add_argument("--worker", metavar="CORPUS", help=argparse.SUPPRESS)
    args = parser.parse_args()
    folders = dict(folder.partition("=")[::2] for folder in args.folder)
    for name, path in folders.items():
        if not name or not path or not Path(path).is_dir():
            parser.error(f"--folder {name}={path}: give NAME=PATH, PATH a folder of pages")
    CORPORA.update((name, Path(path).resolve()) for name, path in folders.items())
    if args.worker:
        json.dump(worker(args.worker, args.edits, args.limit, tuple(args.mode or MODES)), sys.stdout)
        return
    results = [
        measure(corpus, version, args.edits, args.limit, tuple(args.mode or MODES))
        for corpus in args.corpus or sorted(folders) or sorted(CORPORA)
        for version in args.version or VERSIONS
    ]
    if args.json:
        json.dump(results, sys.stdout, indent=1, ensure_ascii=False)
        return
    print(table(results))
    for r in results:
        for mode in [mode for mode in MODES if mode in r]:
            for entry in r[mode]["flagged"]:
                print(f"flagged  {r['corpus']} {r['version']} {mode}: {entry}")
            for entry in r[mode]["missed"]:
                print(f"missed   {r['corpus']} {r['version']} {mode}: {entry}")


if __name__ == "__main__":
    main()
