"""The `handbook-lint` console script: the command line, imported with the collector tuned."""

from __future__ import annotations

import gc

#: Allocations between two searches for garbage cycles (Python's default: 700).
GC_THRESHOLD = 100_000


def main() -> None:
    # A run allocates cells and tokens by the hundred thousand, nearly all kept to its end and
    # hardly any in cycles: looking for cycles after every 700 allocations took half the time
    # of a 100,000-row table, and 5 ms of the 80 ms that importing the command line takes.
    # mypy's command line does the same.
    gc.set_threshold(GC_THRESHOLD, 20, 20)
    from handbook_lint.cli import main as command_line

    # What is alive now (modules, the commands) lives until the process ends: frozen, it is not
    # searched again by the collection that follows each page (5 ms for a one-page run).
    gc.freeze()
    command_line()
