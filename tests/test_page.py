from __future__ import annotations

import pytest

from handbook_lint.page import PageError, page_from_bytes, page_from_text, read_page


def test_front_matter_title_and_blanked_lines_keep_positions():
    page = page_from_text("p.md", "---\ntitle: Plans\ntags: [a]\n---\n# Heading\n")
    assert page.title == "Plans"
    assert page.front_matter["tags"] == ["a"]
    assert page.body.split("\n")[4] == "# Heading"
    assert page.body.split("\n")[:4] == ["", "", "", ""]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_are_normalized_without_moving_lines(newline):
    page = page_from_bytes("p.md", newline.join(["a", "b", "c"]).encode())
    assert page.text.split("\n") == ["a", "b", "c"]


def test_bom_is_dropped():
    assert page_from_bytes("p.md", b"\xef\xbb\xbf# Title\n").text == "# Title\n"


def test_broken_front_matter_is_a_problem_with_a_position_not_an_exception():
    page = page_from_text("p.md", "---\ntitle: ok\nkey: [unclosed\n---\nbody\n")
    (problem,) = page.problems
    assert problem.rule == "invalid-front-matter"
    assert problem.line >= 3
    assert page.front_matter == {}
    assert page.body.endswith("body\n")


def test_front_matter_that_is_not_a_mapping():
    (problem,) = page_from_text("p.md", "---\n- a\n- b\n---\n").problems
    assert problem.rule == "invalid-front-matter" and "mapping" in problem.message


def test_unclosed_front_matter_is_just_markdown():
    page = page_from_text("p.md", "---\ntitle: x\n")
    assert page.front_matter == {} and page.problems == ()


def test_invalid_utf8_reports_line_and_column():
    with pytest.raises(PageError) as caught:
        page_from_bytes("p.md", "line one\nab\u00e9".encode()[:-1] + b"\xff\n")
    assert caught.value.problem.rule == "invalid-utf8"
    assert (caught.value.problem.line, caught.value.problem.column) == (2, 3)


def test_binary_file():
    with pytest.raises(PageError) as caught:
        page_from_bytes("p.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    assert caught.value.problem.rule == "binary-file"


def test_missing_and_oversized_files(tmp_path):
    with pytest.raises(PageError) as caught:
        read_page(tmp_path / "absent.md")
    assert caught.value.problem.rule == "unreadable-file"
    big = tmp_path / "big.md"
    big.write_text("x" * 2000)
    with pytest.raises(PageError) as caught:
        read_page(big, max_bytes=1000)
    assert caught.value.problem.rule == "file-too-large"


def test_a_folder_named_like_a_page_is_unreadable(tmp_path):
    (tmp_path / "page.md").mkdir()
    with pytest.raises(PageError) as caught:
        read_page(tmp_path / "page.md")
    assert (caught.value.problem.rule, caught.value.problem.message) == (
        "unreadable-file",
        "cannot read file: it is a directory",
    )


def test_front_matter_nested_too_deeply_is_a_problem_not_a_recursion_error():
    page = page_from_text("p.md", "---\ntitle: " + "[" * 20_000 + "]" * 20_000 + "\n---\nbody\n")
    (problem,) = page.problems
    assert (problem.rule, problem.line, problem.column) == ("invalid-front-matter", 2, 1)
    assert "nested too deeply" in problem.message


def test_a_title_built_of_aliases_is_no_title_and_costs_nothing():
    lines = ["---", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi")]
    page = page_from_text("p.md", "\n".join([*lines, "title: *i", "---", ""]))
    assert page.problems == () and page.title is None  # str() of it would build 9**9 strings


@pytest.mark.parametrize("title", ["7", "2024-01-31", "Plans"])
def test_a_scalar_title_reads_as_text(title):
    assert page_from_text("p.md", f"---\ntitle: {title}\n---\n").title == title


def test_front_matter_is_read_up_to_the_depth_bound_and_quoted_brackets_do_not_count():
    from handbook_lint.page import MAX_FRONT_MATTER_DEPTH as DEPTH

    nested = page_from_text("p.md", "---\ntitle: x\ntags: " + "[" * DEPTH + "]" * DEPTH + "\n---\nbody\n")
    assert nested.problems == () and nested.title == "x"
    quoted = "'" + "[" * (DEPTH + 1) + "'"
    texts = page_from_text("p.md", f'---\ntitle: {quoted}\nnote: "{"{" * (DEPTH + 1)}"\n---\nbody\n')
    assert texts.problems == () and texts.title == "[" * (DEPTH + 1)
    deeper = page_from_text("p.md", "---\ntags: " + "[" * (DEPTH + 1) + "]" * (DEPTH + 1) + "\n---\nbody\n")
    (problem,) = deeper.problems
    assert (problem.rule, problem.line) == ("invalid-front-matter", 2) and "nested too deeply" in problem.message


FRONT_MATTERS = [
    "title: Plans\ntags: [a, b]\nweight: 3\n",
    "title: 'オンボーディング: 初日'\ndescription: >-\n  一行目\n  二行目\nupdated: 2024-05-01\n",
    "title: 数据迁移\naliases: ['/docs-cn/dev/migrate/', '/zh/tidb/dev/migrate']\nsummary: 将数据迁移到 TiDB。\n",
    "owners:\n  - name: Ana\n    tiers: {free: yes, team: no}\n  - &b name: Bo\n",
    "empty:\nnull_value: ~\nfloat: 1e3\nbool: on\nmerge:\n  <<: {a: 1}\n  b: 2\n",
]


@pytest.mark.parametrize("block", FRONT_MATTERS)
def test_front_matter_is_the_data_pyyaml_reads(block):
    yaml = pytest.importorskip("yaml")
    page = page_from_text("p.md", f"---\n{block}---\nbody\n")
    assert page.problems == ()
    assert page.front_matter == yaml.load(block, Loader=yaml.SafeLoader)


@pytest.mark.parametrize(
    ("block", "line", "column", "says"),
    [
        ("title: ok\nkey: @value\n", 3, 6, "found character '@' that cannot start any token"),
        ("title: [a\n", 2, 10, "expected ',' or ']', but got '<stream end>'"),
        ("title: ok\n\tkey: v\n", 3, 1, "found character '\\t' that cannot start any token"),
        ("a: *nope\n", 2, 4, "found undefined alias 'nope'"),
    ],
)
def test_front_matter_errors_say_what_pyyaml_found_and_where(block, line, column, says):
    """libyaml reads front matter faster, but its messages name less ("found character that
    cannot start any token") and place some errors at the block's end: a block it rejects
    is read again by PyYAML's own parser for the message."""
    (problem,) = page_from_text("p.md", f"---\n{block}---\nbody\n").problems
    assert (problem.line, problem.column) == (line, column)
    assert problem.message == f"front matter is not valid YAML: {says}"
