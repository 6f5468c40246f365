"""Time `handbook-lint report` against `handbook-lint check`: `python bench/report_vs_check.py [CORPUS]`.

Two page sets: the corpus (which has no structure table under the default configuration,
so there the report costs its lint pass), and 300 copies of the seed page in a temporary
folder (two structure tables each, merged cells included: the drawing and HTML cost).
Each command runs as a subprocess, alternately, REPEATS times; the median wall time and the
median CPU time (user + system of the child) are printed, with their ratio to check. The
issue's target: the report takes at most twice the time of check.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

CORPUS = "/work/shared/corpus/sourcegraph-handbook/content"
SEED = "/work/shared/seeds/growth-strategy.md"
SEED_COPIES = 300
REPEATS = 5


def timed(args: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode in (0, 1), f"{args} exited {done.returncode}"
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare(title: str, pages: str) -> None:
    output = os.path.join(tempfile.mkdtemp(), "coverage.html")
    commands = {
        "check": ["handbook-lint", "check", "--no-cache", "--output-format", "concise", pages],  # each run lints
        "report (html)": ["handbook-lint", "report", pages, "-o", output],
        "report (markdown)": ["handbook-lint", "report", "--format", "markdown", pages],
    }
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(REPEATS):
        for name, args in commands.items():
            runs[name].append(timed(args))
    check_wall = statistics.median(w for w, _ in runs["check"])
    check_cpu = statistics.median(c for _, c in runs["check"])
    print(f"### {title}\n")
    print("| command | wall (median) | CPU (median) | wall / check | CPU / check |")
    print("| --- | --- | --- | --- | --- |")
    for name, times in runs.items():
        wall = statistics.median(w for w, _ in times)
        cpu = statistics.median(c for _, c in times)
        print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {wall / check_wall:.2f} | {cpu / check_cpu:.2f} |")
    print(f"\nHTML report: {os.path.getsize(output) / 1000:.0f} kB\n")


def main() -> None:
    corpus = sys.argv[1] if len(sys.argv) > 1 else CORPUS
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {REPEATS} runs each\n")
    compare(f"Corpus: {corpus}", corpus)
    with open(SEED, encoding="utf-8") as handle:
        seed = handle.read()
    folder = tempfile.mkdtemp()
    for n in range(SEED_COPIES):
        with open(os.path.join(folder, f"page-{n:03}.md"), "w", encoding="utf-8") as handle:
            handle.write(seed)
    compare(f"{SEED_COPIES} copies of the seed page ({2 * SEED_COPIES} structure tables)", folder)
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
