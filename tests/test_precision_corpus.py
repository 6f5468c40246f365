"""The precision table's data stays true: the corpus counts per rule are pinned.

bench/precision_verdicts.toml pins how many findings each rule gives on each shared corpus
and holds a reader's verdict on each. A change in what a rule finds there (more noise, or
a real problem no longer seen) fails here until the findings are read again and the file
updated, so a change in precision is seen in review.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import ROOT, SHARED, need

pytestmark = pytest.mark.slow


def precision_module():
    spec = importlib.util.spec_from_file_location("precision_bench", ROOT / "bench" / "precision.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus():
    precision = precision_module()
    for folder in precision.CORPORA.values():
        need(SHARED / folder)
    pinned, verdicts = precision.load_verdicts()
    return precision, precision.corpus_findings(SHARED), pinned, verdicts


def test_findings_per_rule_on_each_corpus_are_the_pinned_counts(corpus):
    precision, found, pinned, _ = corpus
    assert precision.counts_of(found) == pinned


def test_every_finding_was_read_and_every_verdict_still_stands(corpus):
    precision, found, _, verdicts = corpus
    unread = [f for f in found if precision.verdict_for(f, verdicts) is None]
    assert unread == []
    assert precision.stale(found, verdicts) == []


def test_every_verdict_says_why(corpus):
    _, _, _, verdicts = corpus
    assert all(verdict.reason.strip() for verdict in verdicts)
    assert len({(v.corpus, v.path, v.code, line) for v in verdicts for line in v.lines}) == sum(
        len(v.lines) for v in verdicts
    ), "a finding has two verdicts"


def test_the_table_lists_every_rule_with_its_counts(corpus):
    precision, found, _, verdicts = corpus
    table = precision.table(found, verdicts)
    assert "| HL110 cut-html-table | 6 | 0 | 6 | 0 (0%) |" in table
    assert "| HL113 pipe-table-not-rendered | 1 | 0 | 1 | 1 (100%) |" in table
    assert all(f"| {code} " in table for code in precision.RULES)
