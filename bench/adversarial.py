"""Benchmark of the adversarial set (issues 9 and 10): `python bench/adversarial.py` prints Markdown tables.

The set is the one tests/adversarial.py generates. Each page is checked alone, in its own
process (`check --no-cache --isolated --output-format json PAGE`), and then the whole set in
one run, as issue 10 asks: wall and CPU time, the peak RSS of the process (from wait4),
the exit status and the diagnostics. Budgets: under 1 s per page, under 20 s for the set.

handbook-lint's modules are byte-compiled first and run with byte-code writing allowed, as an
installed wheel has them: with PYTHONDONTWRITEBYTECODE set, every run would otherwise compile
them again (about 45 ms). On a shared machine compare CPU times, and note the load average.

Options: --runs N (runs per page; the median is shown, default 3); --work DIR (keep the set).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from adversarial import CASES, write_adversarial_set  # noqa: E402  (the set lives with the tests)

PAGE_BUDGET_S = 1.0
SET_BUDGET_S = 20.0
MB = 1_000_000
COMMAND = [sys.executable, "-m", "handbook_lint", "check", "--no-cache", "--isolated", "--output-format", "json"]


def environment() -> dict[str, str]:
    """This environment, with byte-code writing allowed (the package is compiled already)."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def byte_compile() -> None:
    package = Path(__import__("handbook_lint").__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True, env=environment())


def run(args: list[str], cwd: Path, timeout: float = 600) -> dict[str, Any]:
    """Run handbook-lint: wall, CPU (user + system), peak RSS, exit status and its JSON output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen([*COMMAND, *args], cwd=cwd, stdout=out, stderr=err, env=environment())
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                status = None
                break
            time.sleep(0.005)
        wall = time.perf_counter() - started
        child.returncode = 0  # reaped by wait4 above
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    try:
        found = json.loads(stdout)
    except ValueError:
        found = None
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss * 1024,
        "exit": "timeout" if status is None else os.waitstatus_to_exitcode(status),
        "found": found,
        "traceback": "Traceback" in stderr,
    }


def outcome(result: dict[str, Any]) -> str:
    if result["found"] is None:
        return "no JSON" + (" (traceback)" if result["traceback"] else "")
    counts: dict[str, int] = {}
    for diagnostic in result["found"]:
        counts[diagnostic["code"]] = counts.get(diagnostic["code"], 0) + 1
    return ", ".join(f"{code}×{n}" if n > 1 else code for code, n in sorted(counts.items())) or "clean"


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    return "\n".join(lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows])


def size_of(path: Path) -> str:
    try:
        size = path.stat().st_size if path.is_file() and not path.is_symlink() else 0
    except OSError:
        size = 0
    export = path.with_suffix(".txt")
    extra = f" + {export.stat().st_size / 1000:.0f} kB export" if export.is_file() and path.suffix == ".md" else ""
    return f"{size / 1000:.0f} kB{extra}" if size >= 1000 else f"{size} B{extra}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="handbook-lint-adversarial-"))
    folder = work / "set"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    write_adversarial_set(folder)
    byte_compile()
    print("# handbook-lint: the adversarial set, page by page and in one run\n")
    print(f"- load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; cores: {os.cpu_count()}")
    rows, over = [], []
    try:
        for case in CASES:
            name = f"{case.name}/inside.md" if case.name == "page.md" else case.name
            results = [run([name], folder) for _ in range(args.runs)]
            wall = statistics.median(r["wall"] for r in results)
            cpu = statistics.median(r["cpu"] for r in results)
            rss = max(r["rss"] for r in results)
            if wall >= PAGE_BUDGET_S:
                over.append(case.name)
            rows.append([f"`{case.name}`", size_of(folder / case.name), fmt_s(wall), fmt_s(cpu),
                         f"{rss / MB:.0f} MB", results[0]["exit"], outcome(results[0])])  # fmt: skip
        print(f"\n## Each page alone (median of {args.runs} runs; peak RSS the largest)\n")
        print(table(["page", "size", "wall", "CPU", "peak RSS", "exit", "diagnostics"], rows))
        whole = run(["."], folder)
        errors = [d for d in whole["found"] or [] if d["code"] == "HL000"]
        print("\n## The whole set in one `check --output-format json` run\n")
        print(table(["pages", "wall", "CPU", "peak RSS", "exit", "valid JSON", "HL000"],
                    [[len(CASES), fmt_s(whole["wall"]), fmt_s(whole["cpu"]), f"{whole['rss'] / MB:.0f} MB",
                      whole["exit"], whole["found"] is not None, len(errors)]]))  # fmt: skip
        print(f"\n- pages at or over {PAGE_BUDGET_S:.0f} s: {', '.join(over) or 'none'}")
        verdict = "within" if whole["wall"] < SET_BUDGET_S else "OVER"
        print(f"- the whole set: {fmt_s(whole['wall'])}, {verdict} the {SET_BUDGET_S:.0f} s budget")
    finally:
        print(f"- load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        (folder / "unreadable.md").chmod(0o644)
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
