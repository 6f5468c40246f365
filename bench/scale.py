"""Benchmark of issue 9: `python bench/scale.py` prints Markdown tables (about 15 minutes on 2 cores).

1. **Targets**, in one hyperfine run each against markdownlint-cli2 (table rules MD055, MD056,
   MD058 only): the shared corpus cold, one page of pipe tables, the seed page (with its
   plain-text export, so the comparison runs), and the corpus again with nothing changed
   (the result cache; markdownlint-cli2 has none). Means and CPU time; ratio = ours / theirs.
2. **Scale**: a generated corpus of 1x, 10x and 50x the shared one (883 pages, 6.2 MB per 1x:
   prose, pipe tables, HTML tables with spans, pages with plain-text exports), checked cold
   (default jobs), then warm (cache), and by markdownlint-cli2: wall, CPU, the largest process's
   peak RSS and the peak RSS of all processes together (sampled), against size.
3. **Adversarial pages** (the list of issue 10 that concerns speed): each checked in its own
   process; wall, CPU, peak RSS, outcome.
4. **Instructions** (with --instructions, when valgrind is installed): the instructions each
   target's command executes, counted by valgrind (callgrind; forked workers included). On a
   shared virtual machine timings move by a third from one hour to the next; these counts do
   not, so they compare two versions of the tool measured at different times.

handbook-lint's modules are byte-compiled first, as an installed wheel has them: with
PYTHONDONTWRITEBYTECODE set, every run would otherwise compile them again (about 45 ms).

markdownlint-cli2 is found on PATH, or given as a command in $MARKDOWNLINT_CLI2 (for example
``node /path/to/markdownlint-cli2-bin.mjs``); without it, its columns are empty. hyperfine
is found on PATH (the targets are skipped without it). The machine is described first: on
a shared machine compare CPU times, and note the load average.

Options: --scales 1,10,50; --mdl-scales (the scales markdownlint-cli2 runs at, default all;
it takes about 30 s per 1x); --skip-targets, --skip-scale, --skip-adversarial, --skip-mdl;
--work DIR (keep the generated corpora there); --runs N (hyperfine runs, default 7);
--instructions (section 4, about 2 minutes).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = Path(os.environ.get("HANDBOOK_LINT_CORPUS", "/work/shared/corpus/sourcegraph-handbook/content"))
SEED = Path(os.environ.get("HANDBOOK_LINT_SEED", "/work/shared/seeds/growth-strategy.md"))
PIPE_PAGE = "team/epd-resources.md"
MDL_CONFIG = {"config": {"default": False, "MD055": True, "MD056": True, "MD058": True}}
TARGETS = {"corpus cold": 0.15, "one pipe-table page": 0.25, "seed page": 0.8}
CACHED_TARGET_S = 0.1
PAGES_PER_X, BYTES_PER_X = 883, 6_167_508
MB = 1_000_000

# --------------------------------------------------------------------------- tools


def handbook_lint() -> list[str]:
    found = shutil.which("handbook-lint", path=str(Path(sys.executable).parent)) or shutil.which("handbook-lint")
    return [found] if found else [sys.executable, "-m", "handbook_lint"]


def markdownlint(skip: bool) -> list[str] | None:
    if skip:
        return None
    if os.environ.get("MARKDOWNLINT_CLI2"):
        return shlex.split(os.environ["MARKDOWNLINT_CLI2"])
    found = shutil.which("markdownlint-cli2")
    return [found] if found else None


# --------------------------------------------------------------------------- measuring


def measure(command: list[str], cwd: Path, timeout: float = 900) -> dict[str, Any]:
    """Run a command: wall, CPU of its whole process tree, largest process's peak RSS (from
    wait4), and peak RSS of all its processes together (sampled every 20 ms)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    total_peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            total_peak[0] = max(total_peak[0], _tree_rss(child.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        _, status, usage = _wait4(child.pid, timeout)
    finally:
        done.set()
        sampler.join()
    return {
        "wall": time.perf_counter() - start,
        "cpu": usage.ru_utime + usage.ru_stime if usage else None,
        "rss": usage.ru_maxrss * 1024 if usage else None,
        "rss_total": total_peak[0] or None,
        "exit": os.waitstatus_to_exitcode(status) if status is not None else "timeout",
    }


def _wait4(pid: int, timeout: float) -> tuple[int, int | None, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found, status, usage = os.wait4(pid, os.WNOHANG)
        if found:
            return found, status, usage
        time.sleep(0.01)
    os.kill(pid, 9)
    _, status, usage = os.wait4(pid, 0)
    return pid, None, usage


def _tree_rss(root: int) -> int:
    """The summed RSS of a process and its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total = 0
    for pid in rss:
        ancestor = pid
        while ancestor and ancestor != root:
            ancestor = parents.get(ancestor, 0)
        if ancestor == root:
            total += rss[pid]
    return total


def hyperfine(commands: dict[str, list[str]], cwd: Path, runs: int, warmup: int) -> dict[str, dict[str, float]]:
    """Median wall (and its range) and mean CPU of each command, from one hyperfine run over all of them."""
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "hyperfine.json"
        args = ["hyperfine", "-N", "-i", "--warmup", str(warmup), "--runs", str(runs), "--export-json", str(export)]
        names = []
        for name, command in commands.items():
            args += ["--command-name", name, shlex.join(command)]
            names.append(name)
        subprocess.run(args, cwd=cwd, check=True, capture_output=True)
        results = json.loads(export.read_text())["results"]
    return {
        name: {"median": r["median"], "min": r["min"], "max": r["max"], "cpu": r["user"] + r["system"]}
        for name, r in zip(names, results)
    }


# --------------------------------------------------------------------------- generated corpus

PROSE = (
    "Lorem ipsum dolor sit amet, *consectetur* adipiscing elit, `sed do` eiusmod tempor "
    "incididunt ut labore et [dolore](https://example.com/handbook) magna **aliqua**.\n"
)
BLOCKS = [
    PROSE + "\n",
    "- an item with *emphasis*\n- an item with a [link](https://example.com/a)\n  - a nested item\n\n",
    "### A topic\n\n",
    PROSE + PROSE + "\n",
    "1. first step\n2. second step, see [the guide](../guide.md)\n\n",
    "> A quoted remark with **bold** text.\n\n",
    "```sh\nhandbook-lint check content/\n```\n\n",
]
TIERS = ["Free", "Team (Self Serve)", "Enterprise (C-Level)"]


def prose(rng: random.Random, size: int) -> str:
    parts, length = [], 0
    while length < size:
        block = rng.choice(BLOCKS)
        parts.append(block)
        length += len(block)
    return "".join(parts)


def pipe_table(rng: random.Random) -> str:
    if rng.random() < 0.3:  # a structure table, sometimes with an empty owner
        rows = [f"| {f} | {'' if rng.random() < 0.1 else 'Team A'} | Team B | Team C |" for f in ("Sales", "Support")]
        return "| Function | " + " | ".join(TIERS) + " |\n|---|---|---|---|\n" + "\n".join(rows) + "\n\n"
    cols = rng.randint(2, 6)
    lines = ["| " + " | ".join(f"Head {c}" for c in range(cols)) + " |", "|" + "---|" * cols]
    for r in range(rng.randint(3, 15)):
        cells = [f"cell {r}.{c} *x*" for c in range(cols - (1 if rng.random() < 0.05 else 0))]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n\n"


def html_table(rng: random.Random) -> str:
    rows = ["<table>", '<tr><th>Plan</th><th colspan="2">Limits</th><th>Notes</th></tr>']
    for r in range(rng.randint(3, 10)):
        if r % 3 == 0:
            rows.append(f'<tr><td rowspan="2">Plan {r}</td><td>{r} seats</td><td>{r} GB</td><td><b>note</b></td></tr>')
        else:
            rows.append(f"<tr><td>{r} seats</td><td>{r} GB</td><td><a href='x'>link</a></td></tr>")
    return "\n".join(rows) + "\n</table>\n\n"


def generate(folder: Path, scale: int) -> tuple[int, int]:
    """`scale` times the shared corpus's pages and bytes, in folders of 40 pages, with the mix
    of the real one: most pages prose only, a fifth with pipe tables, some with HTML tables
    with spans, and some (the plain-text fixtures) with their exports beside them."""
    rng = random.Random(scale)
    exports = sorted((ROOT / "fixtures" / "plaintext").glob("*.md"))
    pages = scale * PAGES_PER_X
    average = BYTES_PER_X // PAGES_PER_X
    written = 0
    for number in range(pages):
        target = folder / f"part{number // 40:04}" / f"page{number:06}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        kind = rng.random()
        if kind < 0.02:
            source = exports[number % len(exports)]
            text = source.read_text()
            shutil.copy(source.with_suffix(".txt"), target.with_suffix(".txt"))
        else:
            text = f"---\ntitle: Page {number}\n---\n\n# Page {number}\n\n" + prose(
                rng, rng.randint(average // 4, average * 7 // 4)
            )
            if kind < 0.22:
                text += "## Tables\n\n" + "".join(pipe_table(rng) for _ in range(rng.randint(1, 3))) + prose(rng, 500)
            elif kind < 0.27:
                text += "## Plans\n\n" + html_table(rng) + prose(rng, 500)
        target.write_text(text)
        written += len(text.encode())
    return pages, written


# --------------------------------------------------------------------------- adversarial pages


def adversarial() -> dict[str, str]:
    """The pages of issue 10's adversarial set that test speed, each alone."""
    table = "<table><tr><td>a</td></tr></table>"
    return {
        "20,000 nested <div>": "<div>" * 20_000 + table + "</div>" * 20_000,
        "200 nested tables": "<table><tr><td>" * 200 + "x" + "</td></tr></table>" * 200,
        "a line of 200,000 pipes": "| a | b |\n|---|---|\n" + "|" * 200_000 + "\n",
        "a 100,000-row pipe table": "| a | b |\n|---|---|\n" + "| 1 | *x* |\n" * 100_000,
        "a 5,000-column pipe table": "|" + " h |" * 5000 + "\n|" + "---|" * 5000 + "\n|" + " c |" * 5000 + "\n",
        "a 5,000-column HTML table": "<table><tr>" + "<td>c</td>" * 5000 + "</tr></table>\n",
        "50,000 [": "[" * 50_000 + "\n\n| a |\n|---|\n| " + "[" * 50_000 + " |\n",
        "50,000 *": "*a" * 50_000 + "\n\n| a |\n|---|\n| " + "*a" * 50_000 + " |\n",
        "fifty colspan=1000 rowspan=65534": "<table><tr>"
        + '<td colspan="1000" rowspan="65534">x</td>' * 50
        + "</tr></table>\n",
        "50,000 unclosed <b> in a cell": "<table><tr><td>" + "<b>" * 50_000 + "x</td></tr></table>\n",
        "20,000 distinct unclosed <b>": "<table><tr><td>"
        + "".join(f'<b id="{i}">' for i in range(20_000))
        + "</td></tr></table>\n",
        "<b> then 10,000 <div> and </b>": "<table><tr><td><b>"
        + "<div>" * 10_000
        + "</b>" * 10_000
        + "</td></tr></table>\n",
        "64 <b id> left open, then 80,000 <div>x</div>": "<table><tr><td><div>"
        + "".join(f"<b id={k}>" for k in range(64))
        + "</div>"
        + "<div>x</div>" * 80_000
        + "</td></tr></table>\n",
        "200,000 a</a> in a cell": "<table><tr><td>" + "a</a>" * 200_000 + "</td></tr></table>\n",
        "20,000 tiny pipe tables": "| a |\n| - |\n\n" * 20_000,
        "1 MB of HTML tables": "\n\n".join(html_table(random.Random(n)) for n in range(2_300)),
        "1 MB of pipe tables": "".join(pipe_table(random.Random(n)) for n in range(2_400)),
    }


# --------------------------------------------------------------------------- reports


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def fmt_mb(size: float | None) -> str:
    return "—" if size is None else f"{size / MB:.0f} MB"


def table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return "\n".join(
        [
            f"- date (UTC): {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M}; code: commit {commit}",
            f"- CPU: {cpu}; cores: {os.cpu_count()}; Python {platform.python_version()}; {platform.platform()}",
            f"- load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores: above ~0.2, other "
            "processes compete; compare CPU times)",
        ]
    )


def report_targets(hl: list[str], mdl: list[str] | None, runs: int, work: Path) -> None:
    print("\n## Targets (hyperfine, medians with the range; CPU = mean user + system)\n")
    if shutil.which("hyperfine") is None or mdl is None:
        print("hyperfine or markdownlint-cli2 not found: skipped.")
        return
    config = work / "mdl.markdownlint-cli2.jsonc"
    config.write_text(json.dumps(MDL_CONFIG))
    theirs = [*mdl, "--config", str(config)]
    cases = {
        "corpus cold": ([*hl, "check", "--no-cache", str(CORPUS)], [*theirs, f"{CORPUS}/**/*.md"], 1),
        "one pipe-table page": (
            [*hl, "check", "--no-cache", str(CORPUS / PIPE_PAGE)],
            [*theirs, str(CORPUS / PIPE_PAGE)],
            3,
        ),
        "seed page": ([*hl, "check", "--no-cache", str(SEED)], [*theirs, str(SEED)], 3),
    }
    rows = []
    for name, (ours, other, warmup) in cases.items():
        found = hyperfine({"handbook-lint": ours, "markdownlint-cli2": other}, work, runs, warmup)
        a, b = found["handbook-lint"], found["markdownlint-cli2"]
        ratio, cpu_ratio = a["median"] / b["median"], a["cpu"] / b["cpu"]
        verdict = "met" if ratio <= TARGETS[name] else "NOT met"
        rows.append(
            [name, _median(a), fmt_s(a["cpu"]), _median(b),
             fmt_s(b["cpu"]), f"{ratio:.2f}x ({cpu_ratio:.2f}x CPU)", f"≤ {TARGETS[name]}x: {verdict}"]
        )  # fmt: skip
    cached = hyperfine({"cached": [*hl, "check", str(CORPUS)]}, work, runs, 2)["cached"]
    verdict = "met" if cached["median"] <= CACHED_TARGET_S else "NOT met"
    rows.append(["corpus, nothing changed (cache)", _median(cached),
                 fmt_s(cached["cpu"]), "—", "—", "—", f"≤ {fmt_s(CACHED_TARGET_S)}: {verdict}"])  # fmt: skip
    print(table(["case", "handbook-lint", "CPU", "markdownlint-cli2", "CPU", "ratio", "target"], rows))


def report_instructions(hl: list[str], work: Path) -> None:
    print("\n## Instructions (valgrind callgrind, millions; the process and its forked workers)\n")
    if shutil.which("valgrind") is None:
        print("valgrind not found: skipped.")
        return
    subprocess.run([*hl, "check", str(CORPUS)], cwd=work, capture_output=True)  # fills the cache
    cases = {
        "--version (start-up)": [*hl, "--version"],
        "one pipe-table page": [*hl, "check", "--no-cache", str(CORPUS / PIPE_PAGE)],
        "seed page": [*hl, "check", "--no-cache", str(SEED)],
        "corpus, nothing changed (cache)": [*hl, "check", str(CORPUS)],
        "corpus cold": [*hl, "check", "--no-cache", str(CORPUS)],
    }
    rows = [[name, f"{instructions(command, work) / 1e6:,.1f} M"] for name, command in cases.items()]
    print(table(["case", "instructions"], rows))


def instructions(command: list[str], cwd: Path) -> int:
    """The instructions a command and its forked children execute, as valgrind counts them."""
    counting = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", "--trace-children=yes"]
    run = subprocess.run([*counting, *command], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return sum(int(found) for found in re.findall(r"Collected : (\d+)", run.stderr))


def _median(found: dict[str, float]) -> str:
    return f"{fmt_s(found['median'])} ({fmt_s(found['min'])}–{fmt_s(found['max'])})"


def report_scale(hl: list[str], mdl: list[str] | None, scales: list[int], mdl_scales: list[int], work: Path) -> None:
    print("\n## Generated corpus at scale (one run each)\n")
    config = work / "mdl.markdownlint-cli2.jsonc"
    config.write_text(json.dumps(MDL_CONFIG))
    rows = []
    for scale in scales:
        folder = work / f"corpus-{scale}x"
        if not folder.exists():
            folder.mkdir()
            generate(folder, scale)
        size = sum(path.stat().st_size for path in folder.rglob("*.md"))
        pages = sum(1 for _ in folder.rglob("*.md"))
        shutil.rmtree(folder / ".handbook_lint_cache", ignore_errors=True)
        cold = measure([*hl, "check", "--output-format", "json", "--exit-zero", "."], folder)
        warm = measure([*hl, "check", "--output-format", "json", "--exit-zero", "."], folder)
        theirs = measure([*mdl, "--config", str(config), "**/*.md"], folder) if mdl and scale in mdl_scales else {}
        rows.append(
            [f"{scale}x", f"{pages:,}", f"{size / MB:.1f} MB", fmt_s(cold["wall"]), fmt_s(cold["cpu"]),
             f"{cold['cpu'] / size * MB * 1000:.0f} ms" if cold["cpu"] else "—", fmt_mb(cold["rss"]),
             fmt_mb(cold["rss_total"]), fmt_s(warm["wall"]), fmt_s(warm["cpu"]),
             fmt_s(theirs.get("wall")), fmt_s(theirs.get("cpu")), fmt_mb(theirs.get("rss"))]
        )  # fmt: skip
        print(f"<!-- {scale}x done: {cold} {warm} {theirs} -->", file=sys.stderr)
    print(
        table(
            ["scale", "pages", "size", "cold wall", "cold CPU", "CPU per MB", "RSS largest process",
             "RSS all processes", "cached wall", "cached CPU", "mdl-cli2 wall", "mdl-cli2 CPU", "mdl-cli2 RSS"],
            rows,
        )
    )  # fmt: skip


def report_adversarial(hl: list[str], work: Path) -> None:
    print("\n## Adversarial pages (each alone: `check --no-cache --isolated`)\n")
    folder = work / "adversarial"
    folder.mkdir(exist_ok=True)
    rows = []
    for number, (name, text) in enumerate(adversarial().items()):
        page = folder / f"case{number:02}.md"
        page.write_text(text)
        result = measure([*hl, "check", "--no-cache", "--isolated", "--output-format", "json", page.name], folder, 120)
        out = subprocess.run(
            [*hl, "check", "--no-cache", "--isolated", "--output-format", "json", page.name], cwd=folder, capture_output=True, text=True
        )  # fmt: skip
        try:
            codes = sorted({d["code"] for d in json.loads(out.stdout)})
        except ValueError:
            codes = ["no JSON: " + out.stderr.strip().splitlines()[-1][:60] if out.stderr.strip() else "no output"]
        rows.append([name, f"{len(text.encode()) / 1000:.0f} kB", fmt_s(result["wall"]), fmt_s(result["cpu"]),
                     fmt_mb(result["rss"]), result["exit"], ", ".join(codes) or "clean"])  # fmt: skip
    print(table(["page", "size", "wall", "CPU", "peak RSS", "exit", "diagnostics"], rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="1,10,50")
    parser.add_argument("--mdl-scales", default=None)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--work", type=Path, default=None)
    for part in ("targets", "scale", "adversarial", "mdl"):
        parser.add_argument(f"--skip-{part}", action="store_true")
    parser.add_argument("--instructions", action="store_true")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="handbook-lint-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    hl, mdl = handbook_lint(), markdownlint(args.skip_mdl)
    package = Path(__import__("handbook_lint").__file__).parent
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # every run below may read and write byte-code
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    print(f"- handbook-lint imported from {package}", file=sys.stderr)
    print("# handbook-lint: speed and memory (issue 9)\n")
    print(machine())
    print(f"- handbook-lint: `{shlex.join(hl)}`; markdownlint-cli2: `{shlex.join(mdl) if mdl else 'not found'}`")
    try:
        if not args.skip_targets:
            report_targets(hl, mdl, args.runs, work)
        if not args.skip_scale:
            scales = [int(s) for s in args.scales.split(",")]
            mdl_scales = [int(s) for s in args.mdl_scales.split(",")] if args.mdl_scales else scales
            report_scale(hl, mdl, scales, mdl_scales, work)
        if not args.skip_adversarial:
            report_adversarial(hl, work)
        if args.instructions:
            report_instructions(hl, work)
    finally:
        print(f"\n- load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
