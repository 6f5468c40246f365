"""Linting in several processes gives exactly what linting in one gives."""

from __future__ import annotations

import gc
import pickle
import subprocess
import sys
from concurrent import futures

import pytest

from handbook_lint.api import lint_pages
from handbook_lint.config import Configs, load_config
from handbook_lint.pool import PARALLEL_THRESHOLD, lint_files
from handbook_lint.usage import Usage

from conftest import FIXTURES


@pytest.fixture
def many(tmp_path):
    """Enough pages for the pool: the fixture pages, each several times, with their problems."""
    sources = sorted((FIXTURES / "cases").rglob("*.md")) + sorted((FIXTURES / "plaintext").glob("*.md"))
    for copy in range(PARALLEL_THRESHOLD // len(sources) + 2):
        for source in sources:
            target = tmp_path / f"{copy}-{source.name}"
            target.write_bytes(source.read_bytes())
            export = source.with_suffix(".txt")
            if export.exists():
                target.with_suffix(".txt").write_bytes(export.read_bytes())
    return tmp_path


def test_serial_and_parallel_results_are_identical(many):
    (many / "handbook-lint.toml").write_text('[[structure-tables]]\nheading = "Ownership"\n')
    pages = sorted(str(page) for page in many.glob("*.md"))
    assert len(pages) >= PARALLEL_THRESHOLD
    configs = Configs()
    serial_usage, parallel_usage = Usage(), Usage()
    serial = lint_pages(pages, configs, jobs=1, usage=serial_usage)
    parallel = lint_pages(pages, configs, jobs=2, usage=parallel_usage)
    assert serial_usage.structure_entries and parallel_usage.structure_entries == serial_usage.structure_entries
    assert serial.diagnostics and len({d.path for d in serial.diagnostics}) > 10
    assert [d.to_json() for d in parallel.diagnostics] == [d.to_json() for d in serial.diagnostics]
    assert parallel.files_checked == serial.files_checked == len(pages)


def test_the_command_line_prints_the_same_with_any_number_of_jobs(many):
    def run(jobs: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "handbook_lint", "check", "--no-cache", "--output-format", "json"]
        return subprocess.run([*command, "--jobs", jobs, "."], cwd=many, capture_output=True, text=True)

    one, three = run("1"), run("3")
    assert one.returncode == three.returncode == 1
    assert one.stdout == three.stdout and one.stdout.count('"code"') > 20


def test_short_runs_stay_in_this_process(tmp_path, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(futures, "ProcessPoolExecutor", no_pool)
    pages = []
    for number in range(PARALLEL_THRESHOLD - 1):
        page = tmp_path / f"p{number}.md"
        page.write_text("| a | b |\n|---|---|\n| 1 |\n")
        pages.append(str(page))
    result = lint_pages(pages, Configs(isolated=True), jobs=8)
    assert len(result.diagnostics) == len(pages)


def test_a_configuration_travels_to_a_worker_whole():
    config = load_config(isolated=True, overrides={"select": ["HL1"], "tiers": ["A", "B"]})
    copy = pickle.loads(pickle.dumps(config))
    assert copy == config and dict(copy.values) == dict(config.values)


def test_each_page_s_reference_cycles_are_collected_before_the_next_page(tmp_path):
    """A page's cycles are collected before the next page, so a worker's memory does not grow
    with the pages it reads (the command line raises the collection threshold for speed);
    only the last page's are left for the process's end."""
    page = tmp_path / "page.md"
    page.write_text(
        "# Owners\n\n| Function | Free |\n|---|---|\n| Sales | Ann |\n\n"
        '<table><tr><th>Function</th><th colspan="2">Free</th></tr><tr><td>Sales</td><td>Ann</td></tr></table>\n'
    )
    config = load_config(isolated=True)

    def left_behind(pages: int) -> int:
        gc.collect()
        list(lint_files([(str(page), config)] * pages, jobs=1))
        return gc.collect()

    threshold = gc.get_threshold()
    gc.set_threshold(100_000, 20, 20)  # as the command line runs
    try:
        one_page = left_behind(1)
        assert one_page > 0  # a page does leave cycles
        assert left_behind(4) == one_page
    finally:
        gc.set_threshold(*threshold)
