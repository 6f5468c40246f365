"""The simple front matter reader against PyYAML's safe loader, its reference.

Whatever `read_simple` reads, PyYAML reads without error into the same data, types and all
(`True == 1` in Python, so values are compared with their types); what it declines is left
to PyYAML, and the common front matter of real handbooks is not declined.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from handbook_lint.simple_yaml import read_simple

SETTINGS = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KEYS = ["title", "sidebar", "showTitle", "_draft", "a-b", "k9", "yes", "On", "NULL", "off", "y", "1a", "my key", "é"]
VALUES = [
    "",
    "Growth strategy",
    "true",
    "False",
    "no",
    "Null",
    "~",
    "0",
    "42",
    "007",
    "1.5",
    "2024-05-01",
    "-3",
    "0x1f",
    "1_000",
    "Plans: 2024",
    "C# guide",
    "a #comment",
    "ends:",
    "http://example.com/a:b",
    "It's [fine], {really}",
    '"quoted"',
    '"with \\"escape\\""',
    '"a\\tb"',
    "'single'",
    "'it''s'",
    '"unclosed',
    "'委員会の構成'",
    "委員会の構成",
    "数据迁移: 概述",
    "&anchor value",
    "*alias",
    "!tag x",
    "@at",
    "`tick",
    "|",
    ">",
    "- item",
    "[a, b]",
    "{a: b}",
    "%x",
    "yes please",
    "a\u00a0",
    "a\u0085b",
    "a\u2028b",
    "a\ufeffb",
    "a\x7fb",
    "a\tb",
    "ß",
    "\u00bd",
    "/handbook/finance/",
    "8aa1a9efd98433fb2296996366f1023b5675ea70",
    "3rd",
    "1e3",
    "1.5e+3",
    "0b101",
    "0o17",
    "09",
    "1:20",
    "12:30:45.5",
    "190:20:30",
    "2024-5-1 10:00:00",
    "2024-05-01T10:00:00Z",
    "2024-05-01 10:00:00 +09:00",
    "2024-05-01x",
    "\u0663",
    "['/docs-cn/dev/a/','/docs-cn/dev/b/']",
    "[ \"a, b\" , 'c]' ]",
    "[]",
    "['a',]",
    "['a' 'b']",
    "[a, 'b']",
    "['it''s']",
    '["a\\"b"]',
    "['a'] tail",
    "(draft)",
    "=",
    "<<",
    "_private",
    "\u3000full-width space",
    "\\backslash",
    "\u300c引用\u300d",
]
PIECES = [*VALUES, ":", ": ", " ", "  ", "#", "\t", "-", "\n", "'", '"', "a", "\u3000", "\r"]

simple_lines = st.builds(
    lambda key, separator, value, tail: f"{key}{separator}{value}{tail}",
    st.sampled_from(KEYS),
    st.sampled_from([": ", ":", ":   ", " : ", ":\t"]),
    st.one_of(st.sampled_from(VALUES), st.lists(st.sampled_from(PIECES), max_size=4).map("".join)),
    st.sampled_from(["", " ", "  ", " # note", "\t"]),
)
other_lines = st.sampled_from(["", "  ", "# a comment", "  # indented comment", "  - a", "- b", "  nested: x", "..."])
blocks = st.lists(st.one_of(simple_lines, simple_lines, other_lines), min_size=1, max_size=6).map("\n".join)


def typed(data: object) -> object:
    """The data with the type of every key and value next to it."""
    if isinstance(data, dict):
        return sorted(((type(k).__name__, repr(k)), typed(v)) for k, v in data.items())
    return (type(data).__name__, repr(data))


@SETTINGS
@given(blocks)
@example("title: Growth strategy\nsidebar: Handbook\nshowTitle: true")
@example("on: push\nnull: ~\nyes: No")
@example("title: a\ntitle: b")
def test_what_it_reads_pyyaml_reads_the_same(block):
    simple = read_simple(block)
    if simple is None:
        return
    assert typed(simple) == typed(yaml.load(block, Loader=yaml.SafeLoader))


@pytest.mark.parametrize(
    "block",
    [
        "title: Growth strategy\nsidebar: Handbook\nshowTitle: true",
        'title: "委員会の構成"\nupstream_path: /handbook/finance/\nstale: false\nlastmod: "2024-11-23T17:21:24+00:00"',
        "title: 数据迁移概述\nsummary: 本文档介绍了数据迁移的常用方案。\n\n# a comment\nweight: 3",
        "title: 'Plans'\nempty:\n",
        "title: 约束\naliases: ['/docs-cn/dev/constraints/','/docs-cn/dev/reference/sql/constraints/']",
        "upstream_sha: 8aa1a9efd98433fb2296996366f1023b5675ea70",
    ],
)
def test_the_front_matter_of_real_handbooks_is_read_without_pyyaml(block):
    assert read_simple(block) == yaml.load(block, Loader=yaml.SafeLoader)


@pytest.mark.parametrize(
    "block",
    [
        "tags: [a, b]",
        "tags: ['a', b]",
        "date: 2024-05-01",
        "title: a\n  continued",
        "title: ~",
        "- a",
        "# only a comment",
        "title: a\tb",
    ],
)
def test_anything_else_is_left_to_pyyaml(block):
    assert read_simple(block) is None


def test_a_page_with_simple_front_matter_is_checked_without_importing_pyyaml(tmp_path):
    (tmp_path / "page.md").write_text("---\ntitle: Plans\nshowTitle: true\n---\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    probe = (
        "import sys\nfrom handbook_lint.cli import main\n"
        "try:\n    main(['check', '--no-cache', '--isolated', 'page.md'])\n"
        "except SystemExit:\n    pass\nprint('yaml' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert run.stdout.strip().endswith("False"), run.stdout + run.stderr
