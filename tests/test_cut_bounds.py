"""HL110 stays linear: each cut table is rendered from its first line to the blank line after
it (unless its lines open a block a blank line does not end), and only the HTML up to the
end of the table is parsed to describe the cut."""

from __future__ import annotations

from handbook_lint.api import lint_text
from handbook_lint.config import load_config
from handbook_lint.rules._cut_effects import _through_first_table
from handbook_lint.rules.cut_html_table import _window_end

CUT = "<table>\n<tr><td>\na\n\n*b*\n</td></tr>\n</table>\n"


def test_the_window_ends_at_the_blank_line_after_the_table():
    lines = (CUT + "\nAfter.\n\nMore.\n").split("\n")
    assert _window_end(lines, 1, 7) == 8 and lines[7] == ""


def test_the_window_runs_to_the_end_when_the_table_opens_what_a_blank_line_does_not_end():
    for opener in ("<pre>", "```", "- item", "[x]: https://example.com", "<!-- note"):
        lines = CUT.replace("*b*", opener).split("\n") + ["", "After **this**.", ""]
        assert _window_end(lines, 1, 7) == len(lines), opener


def test_an_indented_line_after_the_table_extends_the_window_only_past_indented_lines():
    indented = CUT.replace("*b*", "    <td>b</td>").split("\n")
    assert _window_end([*indented, "", "    code after", ""], 1, 7) == len(indented) + 3
    assert _window_end([*indented, "", "Prose after.", ""], 1, 7) == 8


def test_only_the_html_through_the_first_table_is_parsed():
    html = "<p>x</p><table><tr><td><table><tr><td>1</td></tr></table></td></tr></table><div>" * 3
    first = _through_first_table(html)
    assert first.endswith("</table></td></tr></table>") and first.count("<table") == 2
    assert _through_first_table("<table><tr><td>never closed") == "<table><tr><td>never closed"
    assert _through_first_table("<table><!-- </table> --></table>after") == "<table><!-- </table> --></table>"


def test_a_cut_table_before_deep_markup_is_described_without_parsing_the_markup():
    page = CUT + "\n" + "<div>" * 20_000 + "x" + "</div>" * 20_000 + "\n"
    (finding,) = [d for d in lint_text(page, config=load_config(isolated=True)) if d.code == "HL110"]
    assert finding.line == 4 and "bold" not in finding.message and "italics" in finding.message
