"""Benchmark of handbook-lint: `python bench/run.py` prints Markdown tables.

What it measures:

- the real corpus (883 Sourcegraph handbook pages under /work/shared/corpus; skipped with a
  message when absent): pages/s, MB/s, wall time and p50/p95/max per page for `export`
  (`export_page`) and `check` (`lint_file`) through the library API, and for the CLI as a
  subprocess (start-up and JSON/report writing included); peak memory as tracemalloc's peak
  and the ru_maxrss of each process;
- synthetic stress inputs, generated in memory or in a temporary folder (never committed):
  each runs in its own worker process, so its ru_maxrss is its own, a hang can be killed,
  and a crash is reported as a result ("TRACEBACK …") instead of stopping the benchmark;
- a cProfile of the corpus `check` run, split by pipeline stage and by package.

Timing uses time.perf_counter. A case that runs under 1 s is run 3 times and the median
reported. tracemalloc slows Python down about 4x, so it runs once, separately from the timed
runs, and only for cases whose timed run took under 2 s; ru_maxrss is read before it.
The whole run takes about two minutes on 2 cores.

Options: --skip-corpus, --skip-stress, --skip-profile, --only CASE[,CASE], --list,
--heavy (also the 30-60 s cases), --profile-case CASE (cProfile one stress case), --corpus DIR. (`--worker …` is internal: one measurement in a child process.)
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import datetime
import json
import math
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = "/work/shared/corpus/sourcegraph-handbook/content"
SIZE_LIMIT = 10 * 1024 * 1024  # handbook-lint's default max-file-size
REPEAT_BELOW_S = 1.0  # runs faster than this are repeated, and the median reported
REPEATS = 3
TRACEMALLOC_BELOW_S = 2.0  # tracemalloc (~4x slower) only for cases faster than this
WORKER_TIMEOUT_S = 150
MB = 1_000_000

# --------------------------------------------------------------------------- inputs

PROSE = (
    "Lorem ipsum dolor sit amet, *consectetur* adipiscing elit, `sed do` eiusmod tempor "
    "incididunt ut labore et [dolore](https://example.com/handbook) magna **aliqua**.\n"
)
# Blocks the size and mix of the corpus's (about 130 bytes per block: paragraphs, lists,
# sub-headings, the odd quote and code block).
PROSE_BLOCKS = [
    PROSE + "\n",
    "- an item with *emphasis*\n- an item with a [link](https://example.com/a)\n- an item with `code`\n\n",
    "### A topic\n\n",
    PROSE + PROSE + "\n",
    "1. first step\n2. second step, see [the guide](../guide.md)\n\n",
    "> A quoted remark with **bold** text.\n\n",
    PROSE + "\n",
    "```sh\nhandbook-lint check content/\n```\n\n",
]
STRUCTURE_PIPE = (
    "| Function | Free | Team (Self Serve) | Enterprise (C-Level) |\n"
    "| --- | --- | --- | --- |\n"
    "| Marketing | Developer Evangelism | Developer Evangelism | Product Marketing |\n"
    "| Sales |  | Inside sales | Enterprise sales |\n"  # empty owner: HL301
)
SMALL_HTML = (
    "<table>\n"
    "<tr><th>Function</th><th>Free</th><th>Team (Self Serve)</th></tr>\n"
    '<tr><td>Support</td><td colspan="2">Support team</td></tr>\n'
    "</table>\n"
)


def prose_page(size: int, *, pipe_tables: int = 4, html_first: bool = False) -> str:
    """`size` characters of prose (ASCII, so bytes too) in sections, with a few tables.

    One small HTML table stands at the end, or, with `html_first`, at the top: the HTML
    extractor renders and html5lib-parses the page from its first `<table>` on.
    """
    head = "---\ntitle: Stress prose\n---\n\n# Stress prose\n\n"
    if html_first:
        head += "## Overview\n\n" + SMALL_HTML + "\n"
    tail = "\n## Appendix\n\n" + ("" if html_first else SMALL_HTML)
    body_size = size - len(head) - len(tail)
    every = max(1, body_size // (pipe_tables + 1))
    parts, length, next_table, section, k = [head], len(head), every, 0, 0
    while length < size - len(tail) - 1000:
        if pipe_tables and length >= next_table and next_table < body_size:
            chunk = f"## Section {section}\n\n" + STRUCTURE_PIPE + "\n"
            next_table += every
        elif length // 20_000 > section:  # a section heading about every 20 kB
            section = length // 20_000
            chunk = f"## Section {section}\n\n"
        else:
            chunk = PROSE_BLOCKS[k % len(PROSE_BLOCKS)]
            k += 1
        parts.append(chunk)
        length += len(chunk)
    return "".join(parts) + tail


def pipe_rows(rows: int) -> str:
    lines = ["# One long pipe table\n", "| Function | Owner | Notes | Link |", "| --- | --- | --- | --- |"]
    lines += [
        f"| Function {i} | @owner{i % 97} | some *notes* with `code {i}` | [link](https://example.com/{i}) |"
        for i in range(rows)
    ]
    return "\n".join(lines) + "\n"


def html_rows(rows: int, cols: int) -> str:
    head = "<tr>" + "".join(f"<th>Column {c}</th>" for c in range(cols)) + "</tr>"
    body = "\n".join("<tr>" + "".join(f"<td>r{r} c{c}</td>" for c in range(cols)) + "</tr>" for r in range(rows))
    return f"# One big HTML table\n\n<table>\n<thead>{head}</thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"


def absurd_spans(rows: int = 200, zeros: int = 10) -> str:
    """Each row: one colspan=99999 rowspan=99999 cell, then `zeros` rowspan=0 cells."""
    row = '<tr><td colspan="99999" rowspan="99999">x</td>' + '<td rowspan="0">z</td>' * zeros + "</tr>\n"
    return "# Absurd spans\n\n<table>\n" + row * rows + "</table>\n"


def rowspan0_staircase(rows: int) -> str:
    """One rowspan=0 cell per row: every cell stays live to the end of the group."""
    return "# Staircase\n\n<table>\n" + '<tr><td rowspan="0">z</td></tr>\n' * rows + "</table>\n"


def nested_tables(depth: int) -> str:
    return "# Nested\n\n" + "<table><tr><td>\n" * depth + "core\n" + "</td></tr></table>\n" * depth


def near_limit_page(size: int) -> str:
    """Prose with a structure table every ~10 kB and an HTML table at the end, padded to `size`."""
    text = prose_page(size - 200, pipe_tables=(size - 200) // 10_000)
    return text + "x" * (size - len(text) - 1) + "\n"


def over_limit_page(size: int) -> str:
    return (PROSE * (size // len(PROSE) + 1))[:size]


def _in_memory(make: Callable[[], str]) -> Callable[[str], dict[str, Any]]:
    return lambda folder: {"text": make()}


def _on_disk(make: Callable[[], str], name: str) -> Callable[[str], dict[str, Any]]:
    def write(folder: str) -> dict[str, Any]:
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(make())
        return {"path": path}

    return write


# name -> (description, input maker, run the CLI `check` on it too)
STRESS: dict[str, tuple[str, Callable[[str], dict[str, Any]], bool]] = {
    "prose-5MB": (
        "5 MB of prose, 4 structure pipe tables, 1 HTML table at the end",
        _in_memory(lambda: prose_page(5 * MB)),
        False,
    ),
    "prose-1MB-html-first": (
        "1 MB of the same prose, with the HTML table at the top instead of the end",
        _in_memory(lambda: prose_page(1 * MB, html_first=True)),
        False,
    ),
    "pipe-20k-rows": (
        "one pipe table, 20,000 rows x 4 cells with inline markup",
        _in_memory(lambda: pipe_rows(20_000)),
        False,
    ),
    "html-2000x10": ("one HTML table, 2,000 rows x 10 cells", _in_memory(lambda: html_rows(2_000, 10)), False),
    "absurd-spans": (
        '200 rows of colspan="99999" rowspan="99999" + 10 rowspan="0" cells',
        _in_memory(absurd_spans),
        False,
    ),
    "grid-at-limit": (
        '1,000 rows of one rowspan="0" cell: a 1000x1000 grid, just within max-slots, is built',
        _in_memory(lambda: rowspan0_staircase(1_000)),
        False,
    ),
    "rowspan0-1.5k": (
        '1,500 rows of one rowspan="0" cell (grid over max-slots, not built)',
        _in_memory(lambda: rowspan0_staircase(1_500)),
        False,
    ),
    "rowspan0-3k": (
        '3,000 rows of one rowspan="0" cell (2x the rows)',
        _in_memory(lambda: rowspan0_staircase(3_000)),
        False,
    ),
    "near-limit-9.9MiB": (
        "9.9 MiB file: prose, ~1,000 structure pipe tables, 1 HTML table at the end",
        _on_disk(lambda: near_limit_page(int(9.9 * 1024 * 1024)), "near-limit.md"),
        True,
    ),
    "over-limit-10.1MiB": (
        "10.1 MiB file, over the 10 MiB default limit",
        _on_disk(lambda: over_limit_page(int(10.1 * 1024 * 1024)), "over-limit.md"),
        True,
    ),
    "nested-depth-50": ("HTML tables nested 50 deep", _in_memory(lambda: nested_tables(50)), False),
    "nested-depth-300": ("HTML tables nested 300 deep", _on_disk(lambda: nested_tables(300), "nested-300.md"), True),
}

# Heavy cases: not run by default (each takes 30-60 s), only with --heavy or --only.
HEAVY: dict[str, tuple[str, Callable[[str], dict[str, Any]], bool]] = {
    "prose-5MB-html-first": (
        "5 MB of prose with the HTML table at the top",
        _in_memory(lambda: prose_page(5 * MB, html_first=True)),
        False,
    ),
    "near-limit-html-first": (
        "the 9.9 MiB file with an HTML table at the top as well",
        _on_disk(
            lambda: SMALL_HTML + "\n" + near_limit_page(int(9.9 * 1024 * 1024) - len(SMALL_HTML) - 1),
            "near-limit-html.md",
        ),
        True,
    ),
}
ALL_CASES = {**STRESS, **HEAVY}

# --------------------------------------------------------------------------- helpers


def median_time(fn: Callable[[], Any]) -> tuple[float, float, int, Any]:
    """Run `fn` once; if that took under REPEAT_BELOW_S, twice more.

    Returns the median wall time (perf_counter), the median CPU time of this process
    (process_time: unlike wall time, not inflated by other processes on the machine),
    the number of runs and the last result.
    """
    times, cpu_times = [], []
    while not times or (times[0] < REPEAT_BELOW_S and len(times) < REPEATS):
        cpu = time.process_time()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu)
    return statistics.median(times), statistics.median(cpu_times), len(times), result


def maxrss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def current_rss_bytes() -> int:
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def crash_summary(error: BaseException) -> str:
    """`ExcType at file.py:line`, naming the innermost handbook_lint frame."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "handbook_lint" in f.filename] or frames
    where = f" at {Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else ""
    return f"{type(error).__name__}{where}"


def codes_summary(codes: list[str], limit: int = 4) -> str:
    if not codes:
        return "0 diagnostics"
    counts = collections.Counter(codes).most_common()
    shown = ", ".join(f"{code}x{n}" if n > 1 else code for code, n in counts[:limit])
    more = ", ..." if len(counts) > limit else ""
    return f"{len(codes)} diagnostics ({shown}{more})"


def percentile(sorted_values: list[float], fraction: float) -> float:
    index = max(0, math.ceil(fraction * len(sorted_values)) - 1)
    return sorted_values[index]


def cli_command() -> list[str]:
    script = Path(sys.executable).with_name("handbook-lint")
    if script.exists():
        return [str(script)]
    found = shutil.which("handbook-lint")
    if found:
        return [found]
    return [sys.executable, "-m", "handbook_lint"]


def run_child(command: list[str], timeout: float, cwd: str | None = None) -> dict[str, Any]:
    """Run a child process: exit status, wall time, its own ru_maxrss, stdout, stderr tail."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            process.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {
            "rc": process.returncode,
            "wall": wall,
            "maxrss": usage.ru_maxrss * 1024,
            "cpu": usage.ru_utime + usage.ru_stime,
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
            "timed_out": timed_out.is_set(),
        }


def cli_outcome(child: dict[str, Any]) -> str:
    if child["timed_out"]:
        return "TIMEOUT"
    if "Traceback (most recent call last)" in child["stderr"]:
        last = [line for line in child["stderr"].strip().splitlines() if line.strip()][-1]
        return f"TRACEBACK exit {child['rc']}: {last[:80]}"
    return f"exit {child['rc']}"


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 0.01:
        return f"{seconds * 1000:.2f} ms"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_mb(size: float | None) -> str:
    if size is None:
        return "—"
    return f"{size / MB:.1f} MB" if size >= 100_000 else f"{size / 1000:.1f} kB"


def table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    lines += ["| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


# --------------------------------------------------------------------------- workers
# Each worker runs in its own process and prints one JSON object on stdout.


def worker_stress(name: str) -> dict[str, Any]:
    from handbook_lint.api import lint_text
    from handbook_lint.config import default_config
    from handbook_lint.engine import lint_file
    from handbook_lint.export import export_page
    from handbook_lint.page import page_from_text
    from handbook_lint.tables.extract import extract_tables

    config = default_config()
    with tempfile.TemporaryDirectory(prefix="hl-bench-") as folder:
        made = ALL_CASES[name][1](folder)
        if "text" in made:
            text = made["text"]
            size = len(text.encode("utf-8"))
            export = lambda: extract_tables(page_from_text(f"{name}.md", text))  # noqa: E731
            check = lambda: lint_text(text, path=f"{name}.md", config=config)  # noqa: E731
        else:
            path = made["path"]
            size = os.path.getsize(path)
            export = lambda: export_page(path)  # noqa: E731
            check = lambda: lint_file(path, config)  # noqa: E731
        base_rss = current_rss_bytes()
        result: dict[str, Any] = {"name": name, "bytes": size, "base_rss": base_rss}

        for stage, fn in (("export", export), ("check", check)):
            if stage == "export" and name in HEAVY:  # as slow as check; not worth the minute
                result[stage] = {"skipped": True}
                continue
            try:
                seconds, cpu, runs, value = median_time(fn)
            except Exception as error:  # a crash is a result here
                result[stage] = {"crash": crash_summary(error)}
                continue
            entry: dict[str, Any] = {"seconds": seconds, "cpu": cpu, "runs": runs}
            if stage == "export":
                tables = value.tables if hasattr(value, "tables") else value
                problems = value.problems if hasattr(value, "problems") else []
                entry["tables"] = len(tables)
                entry["problems"] = [p.code for p in problems]
            else:
                entry["codes"] = [d.code for d in value]
            result[stage] = entry
        result["maxrss"] = maxrss_bytes()

        check_seconds = result["check"].get("seconds")
        if check_seconds is not None and check_seconds < TRACEMALLOC_BELOW_S:
            tracemalloc.start()
            try:
                check()
                result["tracemalloc_peak"] = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
    return result


def worker_corpus(root: str) -> dict[str, Any]:
    from handbook_lint.config import default_config
    from handbook_lint.discovery import discover_pages
    from handbook_lint.engine import lint_file
    from handbook_lint.export import export_page

    config = default_config()
    pages = discover_pages([root])
    sizes = {page: os.path.getsize(page) for page in pages}
    for page in pages[:10]:  # warm-up: lazy imports, schema loading, caches
        export_page(page)
        lint_file(page, config)

    result: dict[str, Any] = {"pages": len(pages), "bytes": sum(sizes.values())}
    crashes: list[str] = []
    for stage in ("export", "check"):
        per_page: list[tuple[float, str]] = []
        tables = 0
        codes: list[str] = []
        cpu_start = time.process_time()
        wall_start = time.perf_counter()
        for page in pages:
            start = time.perf_counter()
            try:
                value = export_page(page) if stage == "export" else lint_file(page, config)
            except Exception as error:
                crashes.append(f"{stage} {page}: {crash_summary(error)}")
                continue
            per_page.append((time.perf_counter() - start, page))
            if stage == "export":
                tables += len(value.tables)
            else:
                codes += [d.code for d in value]
        wall = time.perf_counter() - wall_start
        cpu = time.process_time() - cpu_start
        times = sorted(t for t, _ in per_page)
        slowest = max(per_page) if per_page else (0.0, "")
        result[stage] = {
            "wall": wall,
            "cpu": cpu,
            "p50": percentile(times, 0.50),
            "p95": percentile(times, 0.95),
            "max": slowest[0],
            "max_page": os.path.relpath(slowest[1], root),
            "max_page_bytes": sizes.get(slowest[1], 0),
            "tables": tables,
            "codes": codes,
        }
    result["maxrss"] = maxrss_bytes()

    # Peak memory: the whole check pass under tracemalloc, and the largest single page.
    tracemalloc.start()
    largest = (0, "")
    try:
        for page in pages:
            tracemalloc.reset_peak()
            before = tracemalloc.get_traced_memory()[0]
            lint_file(page, config)
            peak = tracemalloc.get_traced_memory()[1] - before
            largest = max(largest, (peak, page))
        result["tracemalloc_peak"] = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    result["tracemalloc_page_peak"] = largest[0]
    result["tracemalloc_page"] = os.path.relpath(largest[1], root)
    result["crashes"] = crashes
    return result


def worker_profile(target: str) -> dict[str, Any]:
    """cProfile one `check` pass over the corpus (`corpus:DIR`) or one stress case (`case:NAME`):
    cumulative time per stage and self time per package."""
    import mistune.block_parser
    import mistune.inline_parser

    from handbook_lint import engine, page, structure_tables, suppress
    from handbook_lint.config import default_config
    from handbook_lint.discovery import discover_pages
    from handbook_lint.rules import RULES
    from handbook_lint.tables import extract, html, html_tree, layout, markdown, text

    config = default_config()
    kind, _, arg = target.partition(":")
    with tempfile.TemporaryDirectory(prefix="hl-bench-") as folder:
        if kind == "corpus":
            pages = discover_pages([arg])
        else:
            made = ALL_CASES[arg][1](folder)
            if "text" in made:
                made["path"] = os.path.join(folder, f"{arg}.md")
                with open(made["path"], "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(made.pop("text"))
            pages = [made["path"]]
        for p in pages[:10]:  # warm-up (for a stress case: one unprofiled run)
            try:
                engine.lint_file(p, config)
            except Exception:
                pass
        profiler = cProfile.Profile()
        profiler.enable()
        for p in pages:
            try:
                engine.lint_file(p, config)
            except Exception:
                pass
        profiler.disable()
    stats = pstats.Stats(profiler).stats  # (file, line, func) -> (cc, nc, tottime, cumtime, callers)

    def cumulative(fn: Any) -> float:
        code = fn.__code__
        key = (code.co_filename, code.co_firstlineno, code.co_name)
        return stats[key][3] if key in stats else 0.0

    # (depth, label, function): nested labels are part of the one above them.
    stages = [
        (0, "lint_file (total)", engine.lint_file),
        (1, "read_page (read, decode, YAML front matter)", page.read_page),
        (1, "extract_tables", extract.extract_tables),
        (2, "Document(): mistune block parse, headings, pipe-table location", markdown.Document.__init__),
        (3, "mistune BlockParser.parse", mistune.block_parser.BlockParser.parse),
        (2, "Document.inline_text: mistune inline + text of pipe cells and headings", markdown.Document.inline_text),
        (2, "extract_html_tables", html.extract_html_tables),
        (3, "_Stream: mistune rendering of the page from its first <table>", html._Stream.__init__),
        (3, "parse_html (html5lib, light bounded tree)", html_tree.parse_html),
        (3, "text_of_element: cell text from the tree", text.text_of_element),
        (2, "normalize (span layout)", layout.normalize),
        (1, "find_structure_tables", structure_tables.find_structure_tables),
        (1, "Suppressions()", suppress.Suppressions.__init__),
        (1, "rules (engine._run)", engine._run),
    ]
    rows = [(depth, label, cumulative(fn)) for depth, label, fn in stages]
    rules = sorted(((cumulative(rule.check), code) for code, rule in RULES.items()), reverse=True)[:3]

    packages: dict[str, float] = collections.defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, _) in stats.items():
        packages[_package(filename)] += tottime
    total_self = sum(packages.values())
    return {
        "stages": rows,
        "top_rules": rules,
        "packages": sorted(packages.items(), key=lambda kv: -kv[1])[:10],
        "total_self": total_self,
        "pages": len(pages),
    }


def _package(filename: str) -> str:
    parts = Path(filename).parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1]
    if "handbook_lint" in parts:
        index = len(parts) - 1 - parts[::-1].index("handbook_lint")
        return "handbook_lint." + ".".join(parts[index + 1 :]).removesuffix(".py")
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (C)"
    return "stdlib"


# --------------------------------------------------------------------------- driver


def run_worker(args: list[str]) -> dict[str, Any]:
    child = run_child([sys.executable, __file__, "--worker", *args], WORKER_TIMEOUT_S)
    if child["timed_out"]:
        return {"error": f"TIMEOUT after {WORKER_TIMEOUT_S} s"}
    try:
        return json.loads(child["stdout"].strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        tail = " / ".join(child["stderr"].strip().splitlines()[-3:])
        return {"error": f"worker exit {child['rc']}: {tail[:300]}"}


def machine() -> list[str]:
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as handle:
            cpu = next(line.split(":", 1)[1].strip() for line in handle if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    if shutil.which("free"):
        memory = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.splitlines()
        memory = next((" ".join(line.split()[:2]) for line in memory if line.startswith("Mem:")), "")
    repo = Path(__file__).resolve().parent.parent
    git = lambda *a: subprocess.run(["git", *a], cwd=repo, capture_output=True, text=True).stdout.rstrip("\n")  # noqa: E731
    head = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = [line[3:] for line in git("status", "--porcelain", "--", "handbook_lint").splitlines()]
    return [
        f"- code: commit {head}" + (f", with uncommitted changes to {', '.join(dirty)}" if dirty else ", clean"),
        f"- date (UTC): {datetime.datetime.now(datetime.UTC).strftime('%Y-%m-%d %H:%M:%S')}",
        f"- CPU: {cpu}; cores (os.cpu_count): {os.cpu_count()}; usable (sched_getaffinity): {len(os.sched_getaffinity(0))}",
        f"- memory (free -h): {memory}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), {platform.platform()}",
        f"- load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
        "(above ~0.1, other processes compete for the 2 cores: compare wall with CPU times)",
    ]


def report_corpus(root: str) -> None:
    print(f"## Corpus: {root}\n")
    if not os.path.isdir(root):
        print(f"Skipped: corpus folder {root} not found.\n")
        return
    api = run_worker(["corpus", root])
    if "error" in api:
        print(f"API run failed: {api['error']}\n")
        return
    pages, size = api["pages"], api["bytes"]
    rows = []
    for stage in ("export", "check"):
        s = api[stage]
        rows.append(
            [
                f"API {stage}",
                pages,
                fmt_s(s["wall"]),
                fmt_s(s["cpu"]),
                f"{pages / s['wall']:.0f}",
                f"{size / MB / s['wall']:.2f}",
                fmt_s(s["p50"]),
                fmt_s(s["p95"]),
                f"{fmt_s(s['max'])} ({s['max_page']}, {fmt_mb(s['max_page_bytes'])})",
            ]
        )
    cli = cli_command()
    version = run_child([*cli, "--version"], 60)
    with tempfile.TemporaryDirectory(prefix="hl-bench-") as folder:
        runs = {
            "export": run_child([*cli, "export", root, "-o", os.path.join(folder, "tables.json")], 300),
            "check": run_child([*cli, "check", root, "--output-file", os.path.join(folder, "report.txt")], 300),
        }
        json_size = os.path.getsize(os.path.join(folder, "tables.json")) if runs["export"]["rc"] == 0 else None
    for stage, child in runs.items():
        rows.append(
            [
                f"CLI {stage} ({cli_outcome(child)})",
                pages,
                fmt_s(child["wall"]),
                fmt_s(child["cpu"]),
                f"{pages / child['wall']:.0f}",
                f"{size / MB / child['wall']:.2f}",
                "—",
                "—",
                "—",
            ]
        )
    print(
        f"{pages} pages, {fmt_mb(size)}; {api['export']['tables']} tables; "
        f"{codes_summary(api['check']['codes'], limit=6)} from `check`.\n"
    )
    print(table(["run", "pages", "wall", "CPU", "pages/s", "MB/s", "p50/page", "p95/page", "max/page"], rows))
    print(
        f"\nCLI start-up (`handbook-lint --version`): {fmt_s(version['wall'])}; "
        f"export JSON written: {fmt_mb(json_size)}.\n"
    )
    memory = [
        ["API process (export + check passes), ru_maxrss", fmt_mb(api["maxrss"])],
        ["API check pass, tracemalloc peak (whole pass)", fmt_mb(api["tracemalloc_peak"])],
        [
            f"API check, largest single-page tracemalloc peak ({api['tracemalloc_page']})",
            fmt_mb(api["tracemalloc_page_peak"]),
        ],
        ["CLI export process, ru_maxrss", fmt_mb(runs["export"]["maxrss"])],
        ["CLI check process, ru_maxrss", fmt_mb(runs["check"]["maxrss"])],
        ["CLI --version process, ru_maxrss (start-up baseline)", fmt_mb(version["maxrss"])],
    ]
    print(table(["peak memory", "value"], memory))
    if api["crashes"]:
        print(f"\n**{len(api['crashes'])} page(s) raised:** " + "; ".join(api["crashes"][:5]))
    print()


def report_stress(names: list[str]) -> list[str]:
    print("## Stress inputs\n")
    print(
        "Each case runs in its own process. export = `extract_tables(page_from_text(...))` "
        "(`export_page` for file cases); check = `lint_text` (`lint_file` for file cases). "
        f"Times are medians of {REPEATS} runs when a run takes under {REPEAT_BELOW_S:.0f} s, else one run. "
        "RSS is the worker's ru_maxrss (its RSS with the input generated, before the runs, in brackets).\n"
    )
    rows, notes, flagged, results = [], [], [], []
    cli = cli_command()
    for name in names:
        description, make, with_cli = ALL_CASES[name]
        print(f"running {name} ...", file=sys.stderr, flush=True)
        r = run_worker(["stress", name])
        results.append(r)
        if "error" in r:
            rows.append([name, "—", "—", "—", "—", "—", "—", "—", "—", f"**{r['error']}**"])
            flagged.append(f"{name}: {r['error']}")
            continue
        export, check = r["export"], r["check"]
        outcome = []
        for stage, entry in (("export", export), ("check", check)):
            if "crash" in entry:
                outcome.append(f"**{stage}: TRACEBACK {entry['crash']}**")
                flagged.append(f"{name}: {stage} raised {entry['crash']}")
        if "codes" in check:
            outcome.append(codes_summary(check["codes"]))
        if export.get("problems"):
            outcome.append("export problems: " + ", ".join(export["problems"]))
        runs = "/".join(str(e.get("runs", "—")) for e in (export, check))
        rows.append(
            [
                name,
                fmt_mb(r["bytes"]),
                export.get("tables", "—"),
                fmt_s(export.get("seconds")),
                fmt_s(check.get("seconds")),
                fmt_s(check.get("cpu")),
                runs,
                fmt_mb(r.get("tracemalloc_peak")),
                f"{fmt_mb(r['maxrss'])} ({fmt_mb(r['base_rss'])})",
                "; ".join(outcome),
            ]
        )
        if check.get("seconds") and r["bytes"] and r["bytes"] / check["seconds"] < 0.5 * MB and check["seconds"] > 1:
            flagged.append(
                f"{name}: check at {r['bytes'] / MB / check['seconds']:.2f} MB/s ({fmt_s(check['seconds'])})"
            )
        if with_cli:
            with tempfile.TemporaryDirectory(prefix="hl-bench-") as folder:
                path = make(folder)["path"]
                child = run_child([*cli, "check", "--output-format", "concise", path], WORKER_TIMEOUT_S)
                lines = [line for line in child["stdout"].splitlines() if line.strip()]
                notes.append(
                    f"- `{name}` via CLI `check`: {fmt_s(child['wall'])}, ru_maxrss "
                    f"{fmt_mb(child['maxrss'])}, {cli_outcome(child)}, last line: "
                    f"`{lines[-1] if lines else ''}`"
                )
                if "TRACEBACK" in cli_outcome(child) or child["timed_out"]:
                    flagged.append(f"{name}: CLI check {cli_outcome(child)}")
    print(
        table(
            [
                "case",
                "input",
                "tables",
                "export",
                "check",
                "check CPU",
                "runs",
                "tracemalloc peak",
                "RSS peak (base)",
                "result",
            ],
            rows,
        )
    )
    print()
    for name in names:
        print(f"- `{name}`: {ALL_CASES[name][0]}")
    if notes:
        print()
        print("\n".join(notes))
    pair = [next((r for r in results if r.get("name") == n), None) for n in ("rowspan0-1.5k", "rowspan0-3k")]
    if all(r and "seconds" in r["check"] for r in pair):
        ratio = pair[1]["check"]["cpu"] / pair[0]["check"]["cpu"]
        kind = "quadratic" if ratio > 3 else "about linear" if ratio < 2.5 else "superlinear"
        print(f'\nScaling: 2x the rowspan="0" rows takes {ratio:.1f}x the CPU time ({kind}).')
        if ratio > 3:
            flagged.append(f"rowspan0: doubling the rows multiplies check CPU time by {ratio:.1f} (quadratic)")
    print()
    return flagged


def report_profile(target: str) -> None:
    kind, _, arg = target.partition(":")
    if kind == "corpus":
        print("## Where the time goes (cProfile of one corpus `check` pass)\n")
        if not os.path.isdir(arg):
            print(f"Skipped: corpus folder {arg} not found.\n")
            return
    else:
        print(f"## Where the time goes (cProfile of `check` on stress case {arg})\n")
    p = run_worker(["profile", target])
    if "error" in p:
        print(f"Profile failed: {p['error']}\n")
        return
    total = p["stages"][0][2] or 1.0
    rows = [
        ["· " * depth + label, fmt_s(seconds), f"{100 * seconds / total:.0f}%"] for depth, label, seconds in p["stages"]
    ]
    print(
        "Cumulative time under profiling (profiling inflates it; compare shares, not seconds). "
        "A stage with more dots is part of the one above it.\n"
    )
    print(table(["stage", "cumulative", "share"], rows))
    print("\nSlowest rules: " + ", ".join(f"{code} {fmt_s(t)}" for t, code in p["top_rules"]) + "\n")
    print(
        table(
            ["package / module (self time)", "self", "share"],
            [[name, fmt_s(t), f"{100 * t / p['total_self']:.0f}%"] for name, t in p["packages"]],
        )
    )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--skip-corpus", action="store_true")
    parser.add_argument("--skip-stress", action="store_true")
    parser.add_argument("--skip-profile", action="store_true")
    parser.add_argument("--only", help="comma-separated stress case names")
    parser.add_argument("--list", action="store_true", help="list the stress cases")
    parser.add_argument("--heavy", action="store_true", help="also run the heavy stress cases (~2 more minutes)")
    parser.add_argument(
        "--profile-case",
        metavar="CASE",
        action="append",
        default=[],
        help="also profile `check` on this stress case (repeatable)",
    )
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "ARG"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        kind, arg = args.worker
        worker = {"stress": worker_stress, "corpus": worker_corpus, "profile": worker_profile}[kind]
        print(json.dumps(worker(arg)))
        return
    if args.list:
        for name, (description, _, _) in ALL_CASES.items():
            print(f"{name:22} {'(heavy) ' if name in HEAVY else ''}{description}")
        return
    names = list(STRESS) + (list(HEAVY) if args.heavy else [])
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in names if n not in ALL_CASES]
        if unknown:
            parser.error(f"unknown case(s): {', '.join(unknown)}; see --list")

    started = time.perf_counter()
    print("# handbook-lint benchmark\n")
    print("\n".join(machine()) + "\n")
    if not args.skip_corpus:
        report_corpus(args.corpus)
    flagged: list[str] = []
    if not args.skip_stress:
        flagged = report_stress(names)
    if not args.skip_profile and not args.skip_corpus:
        report_profile(f"corpus:{args.corpus}")
    for name in args.profile_case:
        if name not in ALL_CASES:
            parser.error(f"unknown case {name}; see --list")
        report_profile(f"case:{name}")
    if flagged:
        print("## Flagged (automatically: a traceback, a timeout, under 0.5 MB/s, or superlinear scaling)\n")
        print("\n".join(f"- {item}" for item in flagged) + "\n")
    print(
        f"Benchmark wall time: {time.perf_counter() - started:.0f} s; "
        f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )


if __name__ == "__main__":
    main()
