"""Exact and tolerant plain-text modes: regeneration, HL409 and its fix, the missing extra,
the export JSON, and the pieces of tolerant mode (tokens, the link-density model, the diff)."""

from __future__ import annotations

import difflib
import os
import sys

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from handbook_lint.cli import main
from handbook_lint.config import DEFAULTS, Config
from handbook_lint.engine import lint_file
from handbook_lint.export import export_page
from handbook_lint.page import read_page
from handbook_lint.plaintext import generator as generator_module
from handbook_lint.plaintext.diff import matching_blocks
from handbook_lint.plaintext.extractor import (
    REASON_LINKS_PARAGRAPH,
    REASON_NOT_HTML,
    LinkReader,
    link_heavy,
    table_link_heavy,
)
from handbook_lint.plaintext.generator import generator_for
from handbook_lint.plaintext.units import words
from handbook_lint.schema_store import bundled_validator

from conftest import FIXTURES, SEED, need

PAGE = FIXTURES / "plaintext" / "agrees-cjk-trafilatura2.md"
EXACT = {"plain-text-generator": "trafilatura"}


def exact_config(folder) -> Config:
    return Config({**DEFAULTS, "select": ["HL4"], **EXACT}, folder)


@pytest.fixture
def pair(tmp_path, monkeypatch):
    """A page and the export the installed trafilatura makes of it, in the current folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text(PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    generator = generator_for(exact_config(tmp_path))
    assert generator is not None
    export = generator.export(read_page("page.md"))
    (tmp_path / "page.txt").write_text(export, encoding="utf-8")
    (tmp_path / "handbook-lint.toml").write_text('plain-text-generator = "trafilatura"\n')
    return tmp_path, export


def test_a_fresh_export_is_clean_in_exact_mode_and_the_json_says_so(pair):
    folder, _ = pair
    assert lint_file("page.md", exact_config(folder)) == []
    entry = export_page("page.md", config=exact_config(folder)).to_json()["plain_text"]
    assert entry["mode"] == "exact" and entry["stale"] is False and entry["agrees"] is True
    assert entry["generator"].startswith("trafilatura ")


def test_a_stale_export_is_one_hl409_at_its_row_and_fix_restores_it(pair):
    folder, export = pair
    edited = export.replace("每秒的资源配额，单位", "每秒的资源改动，单位")
    (folder / "page.txt").write_text(edited, encoding="utf-8")
    diagnostics = lint_file("page.md", exact_config(folder))
    stale = [d for d in diagnostics if d.code == "HL409"]
    assert len(stale) == 1 and stale[0].line == 17  # the page row of the edited cell
    line = next(n for n, text in enumerate(export.split("\n"), 1) if "每秒的资源配额，单位" in text)
    assert f"stale from its line {line}" in stale[0].message
    assert stale[0].related[0].line == line
    assert [d.code for d in diagnostics if d.code != "HL409"] == ["HL406"]
    runner = CliRunner()
    shown = runner.invoke(main, ["check", "--diff", "page.md"])
    assert shown.exit_code == 1 and "-| RU_PER_SEC | 无 | 每秒的资源改动" in shown.output
    assert (folder / "page.txt").read_text(encoding="utf-8") == edited
    fixed = runner.invoke(main, ["check", "--fix", "page.md"])
    assert fixed.exit_code == 0, fixed.output
    assert (folder / "page.txt").read_bytes() == export.encode("utf-8")


def test_an_export_in_the_other_dialect_is_said_once(tmp_path, monkeypatch):
    other = "trafilatura-1" if generator_for(exact_config(tmp_path)).dialect == "trafilatura-2" else "trafilatura-2"
    case = FIXTURES / "plaintext" / f"agrees-cjk-{other.replace('-', '')}"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text(case.with_suffix(".md").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "page.txt").write_text(case.with_suffix(".txt").read_text(encoding="utf-8"), encoding="utf-8")
    diagnostics = lint_file("page.md", exact_config(tmp_path))
    assert [(d.code, d.line) for d in diagnostics if d.code != "HL408"] == [("HL409", 1)]
    assert "install trafilatura" in diagnostics[0].message and diagnostics[0].fix is None


LOCKS = """# Locks

A reader sees the last committed version of a row, and a writer takes a lock on it first.
{code}
A second writer waits for the lock until the first one commits or rolls back.
"""
YAML = """
```yaml
config:
  themeCSS: |
    line.messageLine1 { stroke: #d32f2f; }
```
"""


@pytest.mark.parametrize(
    "edit",
    [
        lambda export: export.replace("commits or rolls back", "commits"),
        lambda export: export.replace("themeCSS: |", "themeCSS: >"),
        lambda export: export.replace("rolls back.", "rolls back. |"),
    ],
    ids=["text", "the-pipe-line", "a-pipe-added"],
)
def test_a_pipe_in_page_text_never_passes_for_the_other_dialect_and_fix_restores_the_bytes(tmp_path, monkeypatch, edit):
    # A text line ending in a pipe reads as a 1.x row, in the export and in the regenerated
    # export alike (CI: tidb's pessimistic-transaction.md, trafilatura 2.3.1, whose only
    # table 2.x drops): an edit elsewhere is a stale export to fix, not another dialect.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text(LOCKS.format(code=YAML), encoding="utf-8")
    (tmp_path / "handbook-lint.toml").write_text('plain-text-generator = "trafilatura"\n')
    export = generator_for(exact_config(tmp_path)).export(read_page("page.md"))
    (tmp_path / "page.txt").write_text(edit(export), encoding="utf-8")
    assert (tmp_path / "page.txt").read_text(encoding="utf-8") != export
    (stale,) = [d for d in lint_file("page.md", exact_config(tmp_path)) if d.code == "HL409"]
    assert "stale from its line" in stale.message and stale.fix is not None
    fixed = CliRunner().invoke(main, ["check", "--fix", "page.md"])
    assert fixed.exit_code == 0, fixed.output
    assert (tmp_path / "page.txt").read_bytes() == export.encode("utf-8")


def test_the_key_without_the_extra_is_a_configuration_error_naming_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails, as when it is not installed
    generator_module.installed_version.cache_clear()
    try:
        (tmp_path / "page.md").write_text("# Page\n\nText.\n")
        (tmp_path / "handbook-lint.toml").write_text('plain-text-generator = "trafilatura"\n')
        monkeypatch.chdir(tmp_path)
        result = CliRunner().invoke(main, ["check", "page.md"])
    finally:
        generator_module.installed_version.cache_clear()
    assert result.exit_code == 2
    assert "handbook-lint[plain-text]" in result.output


def test_the_export_schema_takes_the_mode_entries(pair):
    folder, _ = pair
    from handbook_lint.export import export_document

    document = export_document([export_page("page.md", config=exact_config(folder))])
    assert list(bundled_validator("export.schema.json").iter_errors(document)) == []


# -- tolerant mode's pieces ----------------------------------------------------------------


def test_tokens_ignore_layout_and_split_text_without_spaces():
    assert words("设置为 ON 时才能执行。") == words("设置为ON\n时才能执行 。")
    assert words("工作原理\u200b") == ["工", "作", "原", "理"]
    assert words("to regenerate assets- commit | x") == ["to", "regenerate", "assets", "commit", "x"]
    assert words("1~99") == ["1", "99"]


def test_words_decode_character_references_as_trafilaturas_output_does():
    # trafilatura unescapes its whole output once more: a page showing `&#124;` exports `|`
    assert words("mysql&#124;sys &amp; 表&#x540D;") == words("mysql|sys & 表名")


def test_1x_drops_list_tails_and_code_blocks_in_cells_and_2x_keeps_them():
    html = (
        "<table><tr><td><ul><li>one item</li></ul>tail words <code>x</code> more</td>"
        '<td><pre lang="json"><code>{ "a": 1 }\n</code></pre></td></tr></table>'
    )
    for dialect, dropped in (("trafilatura-1", ["tail words", '{ "a": 1 }']), ("trafilatura-2", [])):
        reader = LinkReader(dialect)
        reader.feed(html)
        reader.close()
        assert reader.cell_drops() == dropped, dialect


def test_link_density_follows_trafilaturas_limits():
    # a short paragraph that is all link, and one with enough text of its own
    assert link_heavy("p", len("Documentation"), ["Documentation"], False, "trafilatura-2")
    assert not link_heavy("p", len("Read the documentation first"), ["documentation"], False, "trafilatura-2")
    # a list under 100 characters whose links are all short ones
    assert link_heavy("ul", len("a b c d e f"), ["a", "b", "c"], False, "trafilatura-2")
    # over the limit, only 2.x drops a farm of links (more than 4, over 90 % of the text)
    farm = [f"link number {n}" for n in range(12)]
    assert link_heavy("ul", 175, farm, False, "trafilatura-2") and not link_heavy(
        "ul", 175, farm, False, "trafilatura-1"
    )
    # 1.x drops a table whose links all have no text; 2.x does not
    text = "x" * 250
    assert table_link_heavy(text, [""], "trafilatura-1") and not table_link_heavy(text, [""], "trafilatura-2")
    assert table_link_heavy(text, ["x" * 210], "trafilatura-2")


def test_a_table_of_contents_goes_once_its_nested_list_went():
    """trafilatura tests children first: the nested list of links goes, then its parent is short."""
    reader = LinkReader("trafilatura-1", last_block=False)
    items = "".join(f'<li><a href="#{n}">Second level entry number {n}</a></li>' for n in range(4))
    reader.feed(f'<ul><li><a href="#a">Background</a></li><li><a href="#b">Process</a><ul>{items}</ul></li></ul>')
    reader.close()
    assert all(reason is not None for reason in reader.reasons())


def test_a_divs_own_text_goes_on_a_page_of_long_paragraphs_and_a_paragraphs_tail_stays():
    """What trafilatura 1.12 and 2.3 keep of `<div>` markup once the page's paragraphs hold 750
    characters (checked against both on pages of this shape)."""
    reader = LinkReader("trafilatura-2")
    reader.feed(
        '<div class="notice">\nown text <b>in bold</b> and <span>a span</span>\n</div>'
        "<div>\nbefore\n<p>inside a paragraph</p>\nafter the paragraph\n</div>"
        "<section><div>deep text</div></section><blockquote>quoted text</blockquote>"
    )
    reader.close()
    lost = [text for (_, text), reason in zip(reader.blocks, reader.reasons(div_text_lost=True)) if reason]
    assert lost == ["own text in bold and a span", "deep text"]
    assert not any(reader.reasons(div_text_lost=False))


def test_an_images_alt_text_in_a_cell_is_text_the_export_lacks():
    reader = LinkReader("trafilatura-2")
    reader.feed('<table><tr><td>1. Open the menu</td><td><img src="a.png" alt="The  menu"></td></tr></table>')
    reader.close()
    assert reader.cell_drops() == ["The menu"]


def test_2x_drops_a_paragraph_of_running_links_but_keeps_a_listing_of_one_link_per_paragraph():
    links = [
        f'<a href="{n}">A related handbook page that explains the quarterly planning topic {n}</a>' for n in range(6)
    ]
    farm = LinkReader("trafilatura-2", last_block=False)
    farm.feed("<p>" + ", ".join(links) + ".</p>")
    farm.close()
    listing = LinkReader("trafilatura-2", last_block=False)
    listing.feed("<div>" + "".join(f"<p>{link}</p>" for link in links) + "</div>")
    listing.close()
    assert farm.reasons() == [REASON_LINKS_PARAGRAPH]
    assert not any(listing.reasons())


def test_an_element_that_is_no_html_element_loses_its_own_text_but_not_the_blocks_inside_it():
    reader = LinkReader("trafilatura-2")
    for block in ("<SimpleTab>\nown text", '<div label="MySQL">', "<p>a paragraph inside</p>", "</div>\n</SimpleTab>"):
        reader.feed(block)
        reader.end_block()
    reader.close()
    assert [(text, reason) for (_, text), reason in zip(reader.blocks, reader.reasons())] == [
        ("own text", REASON_NOT_HTML),
        ("a paragraph inside", None),
    ]


def test_a_line_break_keeps_a_paragraph_of_links_one_paragraph():
    """A "see also" paragraph of links on lines of their own (Markdown's hard breaks): 2.x
    tests it whole, a farm of running links, and drops it."""
    links = "<br />\n".join(f'<a href="{n}.md">Related page number {n} of the guide</a>' for n in range(6))
    reader = LinkReader("trafilatura-2", last_block=False)
    reader.feed(f"<p>{links}</p>")
    reader.close()
    assert len(reader.blocks) == 6 and reader.reasons() == [REASON_LINKS_PARAGRAPH] * 6


def test_a_head_in_the_page_body_shows_its_content():
    """GitHub's tag filter writes `<title>` as text; the `<head>` around it, in a body, is
    ignored by browsers and by trafilatura, so the text shows (a Hugo page showing a redirect)."""
    reader = LinkReader("trafilatura-2")
    reader.feed(
        '<!DOCTYPE html>\n<html><head>\n&lt;title>https://example.org/new/&lt;/title>\n<meta charset="utf-8"></head></html>'
    )
    reader.close()
    assert reader.blocks == [("text", "<title>https://example.org/new/</title>")]
    assert reader.reasons() == [None]


def test_the_paragraph_text_that_decides_is_what_the_link_density_tests_leave():
    reader = LinkReader("trafilatura-2", last_block=True)
    reader.feed('<p>twelve chars</p>\n<p><a href="a">Docs</a></p>\n<div><p>&amp; ten more</p></div>')
    reader.close()
    assert reader.kept_paragraph_length() == len("twelve chars") + len("& ten more")


@given(st.lists(st.integers(0, 6), max_size=400), st.lists(st.integers(0, 6), max_size=400))
def test_anchored_matching_blocks_are_real_matches(a, b):
    blocks = matching_blocks(a, b)
    assert blocks[-1] == (len(a), len(b), 0)
    i_end = j_end = 0
    for i, j, n in blocks[:-1]:
        assert n > 0 and i >= i_end and j >= j_end and a[i : i + n] == b[j : j + n]
        i_end, j_end = i + n, j + n


def test_anchored_matching_finds_what_difflib_finds_on_a_long_page():
    words_a = [f"w{k % 997}" for k in range(5000)]
    words_b = words_a[:1200] + words_a[1500:4000] + ["new"] + words_a[4000:]
    matched = sum(n for _, _, n in matching_blocks(words_a, words_b))
    reference = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    assert matched == sum(n for _, _, n in reference.get_matching_blocks())


def test_the_fixture_pages_are_clean_in_exact_mode_when_their_dialect_is_installed(tmp_path, monkeypatch):
    dialect = generator_for(exact_config(tmp_path)).dialect.replace("-", "")
    cases = sorted((FIXTURES / "plaintext").glob(f"agrees-*-{dialect}.md"))
    assert cases
    for case in cases:
        monkeypatch.chdir(case.parent)
        found = [d for d in lint_file(case.name, exact_config(case.parent)) if d.code != "HL408"]
        assert found == [], (case.name, found)
    assert os.getcwd() == str(FIXTURES / "plaintext")


def test_the_seed_pair_is_clean_in_tolerant_mode(tmp_path):
    seed = need(SEED)
    for suffix in (".md", ".txt"):
        (tmp_path / f"page{suffix}").write_bytes(seed.with_suffix(suffix).read_bytes())
    assert lint_file(str(tmp_path / "page.md"), Config(DEFAULTS, tmp_path)) == []


def test_lint_text_checks_exactly_when_the_configuration_says_so(tmp_path):
    from handbook_lint.api import lint_text

    page = PAGE.read_text(encoding="utf-8")
    generator = generator_for(exact_config(tmp_path))
    export = generator.export(read_page(PAGE))
    assert lint_text(page, path="page.md", config=exact_config(tmp_path), plain_text=export) == []
    stale = lint_text(page, path="page.md", config=exact_config(tmp_path), plain_text=export + "\nmore")
    assert sorted(d.code for d in stale) == ["HL407", "HL409"]  # the stale export, and the text it added
    (fix,) = [d.fix for d in stale if d.code == "HL409"]
    assert fix is not None and fix.edits[0].replacement == export
