"""html_tree: html5lib's tree, stored lightly and bounded, against html5lib's own builders.

Below the bounds the tree is html5lib's (its DOM builder: same elements, attributes and
text; bs4's builder: same start-tag positions). At the bounds it is what the module says:
Chromium's nesting cap, at most FORMATTING_LIMIT open formatting entries, a stop when out of
work, each recorded. Timings are in bench/, never here.
"""

from __future__ import annotations

import re
from typing import Any

import html5lib
import pytest
from bs4 import BeautifulSoup, CData, NavigableString, Tag
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook_lint.tables.html_tree import FORMATTING_LIMIT, Comment, Element, parse_html

from conftest import SHARED, need

DEEP = 10**9  # a nesting cap no test input reaches


def shape(node: Any) -> list[Any]:
    """An element as (tag, attributes, children), text merged, comments left out."""
    children: list[Any] = []
    for child in node.contents:
        if isinstance(child, Comment):
            continue
        if isinstance(child, str):
            if children and isinstance(children[-1], str):
                children[-1] += child
            else:
                children.append(child)
        else:
            children.append(shape(child))
    attributes = sorted((f"{{{k[2]}}}{k[1]}" if isinstance(k, tuple) else k, v) for k, v in node.attributes.items())
    return [f"{{{node.namespace}}}{node.name}", attributes, children]


def dom_shape(element: Any) -> list[Any]:
    """The same for html5lib's DOM builder (xml.dom.minidom)."""
    children: list[Any] = []
    for child in element.childNodes:
        if child.nodeType == child.TEXT_NODE:
            if children and isinstance(children[-1], str):
                children[-1] += child.data
            else:
                children.append(child.data)
        elif child.nodeType == child.ELEMENT_NODE:
            children.append(dom_shape(child))
    attributes = sorted(
        (f"{{{a.namespaceURI}}}{a.localName}" if a.namespaceURI else a.name, a.value)
        for a in element.attributes.values()
    )
    return [f"{{{element.namespaceURI}}}{element.localName}", attributes, children]


def same_as_html5lib(html: str, max_depth: int = DEEP) -> None:
    document, caps = parse_html(html, max_depth=max_depth)
    if caps.changed:  # a bound was reached: not html5lib's tree, by design
        return
    (ours,) = [child for child in document.contents if isinstance(child, Element)]
    assert shape(ours) == dom_shape(html5lib.parse(html, treebuilder="dom").documentElement)


PIECES = st.sampled_from(
    [
        "<div>",
        "</div>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<p>",
        "</p>",
        "<span>",
        "</span>",
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<th colspan=2>",
        "<tbody>",
        "<ul>",
        "<li>",
        "</ul>",
        "<a href=x>",
        "</a>",
        "<select>",
        "<option>",
        "</select>",
        "<svg>",
        "</svg>",
        "<caption>",
        "<br>",
        "<font color=red>",
        "<pre>\n",
        "</pre>",
        "x",
        "y ",
        "\n",
        "<!--c-->",
        "&amp;",
        "<nobr>",
        "<button>",
        "</button>",
        # Read by the tokenizer's one-step path for plain tags, or not: case, digits, raw
        # text that only its own end tag ends, names that are not plain.
        "<TD>",
        "</TR>",
        "<h2>",
        "</H2>",
        "<textarea>",
        "</textarea>",
        "<title>",
        "</title>",
        "<style>",
        "</style>",
        "<script>",
        "</script>",
        "<xmp>",
        "</xmp>",
        "<x-y>",
        "</a:b>",
        "</>",
        "<td/>",
        "< td>",
    ]  # fmt: skip
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=60))
def test_below_the_bounds_the_tree_is_html5libs(pieces):
    same_as_html5lib("".join(pieces))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=60, max_value=300), st.lists(PIECES, max_size=60))
def test_a_deep_stack_indexes_itself_and_still_builds_html5libs_tree(depth, pieces):
    """Past INDEXED_DEPTH open elements, scope checks read an index instead of walking."""
    same_as_html5lib("<span>" * depth + "".join(pieces) + "</span>" * (depth // 2) + "".join(pieces))


def test_misnesting_foster_parenting_and_formatting_as_html5lib():
    for html in [
        "<b><p>x</b>y</p>",
        "<a><p>x<a>y</a>",
        "<table>x<tr><td>1<b>2</table>3",
        "<p><b><i><u>x</p>y",
        "<table><tr><td><select><option>1<td>2</table>",
        "<svg><table><tr><td>x</svg>",
        "<b>1<div>2</b>3</div>4",
        "<div><b id=1><b id=1><b id=1><b id=1></div>x",  # Noah's Ark: three reopened
        "<table>a<!--x-->b<tr><td>1</table>",
        "<math><mi><table><tr><td>x</table></math>",
        "<pre>\nx</pre>",
        "<div>" * 100 + "<b>x<p>y</b>z<table><tr><td>deep</table>" + "</div>" * 100,
    ]:
        same_as_html5lib(html)


@pytest.mark.parametrize("short", range(8))
def test_a_plain_tag_cut_by_the_input_stream_s_chunk_reads_as_html5lib_reads_it(short):
    """html5lib reads its input in chunks of 10240 characters; a tag that straddles two is
    read state by state, and lands where html5lib puts it."""
    html = "x" * (10240 - short) + "<table><tr><td>1</td><TD>2</td></tr></table>\n<textarea></p></textarea>"
    same_as_html5lib(html)
    assert our_offsets(html) == bs4_offsets(html)


def test_plain_tags_are_read_in_one_step(monkeypatch):
    """A plain tag never goes through the tag-name state, character by character (but at the
    start of a chunk of the input stream, before html5lib has read it: here, the "x")."""
    from html5lib._tokenizer import HTMLTokenizer

    def refuse(self: Any) -> bool:
        raise AssertionError(f"read state by state: {self.currentToken}")

    monkeypatch.setattr(HTMLTokenizer, "tagNameState", refuse)
    document, _ = parse_html("x<table><TR><td>1</td></tr></table>", max_depth=DEEP)
    assert [cell.contents for cell in document.find_all("td")] == [["1"]]
    with pytest.raises(AssertionError, match="read state by state"):
        parse_html("x<td class=x>", max_depth=DEEP)


def bs4_offsets(html: str) -> list[tuple[str, int | None]]:
    """Each element's start-tag end as bs4's html5lib builder records it."""
    starts = [0, *(match.end() for match in re.finditer("\n", html))]
    return [
        (tag.name, None if tag.sourceline is None else starts[tag.sourceline - 1] + tag.sourcepos + 1)
        for tag in BeautifulSoup(html, "html5lib").find_all(True)
    ]


def our_offsets(html: str) -> list[tuple[str, int | None]]:
    document, _ = parse_html(html, max_depth=DEEP)
    found, stack = [], list(reversed(document.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, Element):
            found.append((node.name, node.offset))
            stack.extend(reversed(node.contents))
    return found


def test_positions_and_text_agree_with_bs4_on_the_corpus():
    corpus = need(SHARED / "corpus")
    pages = [p for p in sorted(corpus.rglob("*.md")) if re.search("<table", p.read_text(errors="replace"), re.I)]
    assert len(pages) > 40
    for page in pages:
        html = page.read_text(errors="replace").replace("\r\n", "\n").replace("\r", "\n")
        assert our_offsets(html) == bs4_offsets(html), page
        ours = [element_text(t) for t in parse_html(html, max_depth=DEEP)[0].find_all("table")]
        assert ours == [bs4_text(t) for t in BeautifulSoup(html, "html5lib").find_all("table")], page


def element_text(element: Element) -> str:
    return "".join(node for node in walk_strings(element))


def walk_strings(element: Any):
    stack = list(reversed(element.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            yield node
        elif isinstance(node, Element):
            stack.extend(reversed(node.contents))


def bs4_text(tag: Tag) -> str:
    return "".join(s for s in tag.descendants if type(s) is NavigableString or isinstance(s, CData))


def test_elements_deeper_than_the_cap_are_attached_at_it_as_in_chromium():
    """Chromium's HTMLConstructionSite::AttachLater: siblings under the element at the cap
    (the WebKit/Blink layout test of MAX_DOM_TREE_DEPTH, with the cap at 512)."""
    html = "".join(f"<span id=s{k}>" for k in range(3, 600)) + "x"
    document, caps = parse_html(html, max_depth=512)
    spans = {span.get("id"): span for span in document.find_all("span")}
    assert spans["s512"].parent is spans["s511"]
    assert spans["s513"].parent is spans["s512"]  # inserted with 512 elements open
    assert spans["s514"].parent is spans["s512"] and spans["s599"].parent is spans["s512"]
    assert spans["s599"].contents == ["x"]  # text goes to the current node
    assert caps.flattened_at == html.index("<span id=s514>") + len("<span id=s514>")
    assert caps.deepest == 599


def test_a_table_opened_deeper_than_the_cap_keeps_no_rows():
    html = "<div>" * 600 + "<table><tr><td>a</td></tr></table>" + "</div>" * 600
    document, caps = parse_html(html, max_depth=512)
    (table,) = document.find_all("table")
    assert table.contents == [] and table.parent is not None
    assert [cell.contents for cell in document.find_all("td")] == [["a"]]
    assert caps.flattened_at is not None and caps.stopped_at is None


def test_at_most_the_formatting_limit_of_open_formatting_elements_is_reopened():
    html = "<p>" + "".join(f"<b id={k}>" for k in range(40)) + "<p>x"
    document, caps = parse_html(html, max_depth=512)
    (_, second) = document.find_all("p")
    depth, node = 0, second
    while node.contents and isinstance(node.contents[0], Element):
        node, depth = node.contents[0], depth + 1
    assert depth == FORMATTING_LIMIT and node.contents == ["x"]
    assert caps.formatting_at is not None


def test_work_beyond_the_limit_stops_the_parse_where_it_got_to():
    html = "<table><tr><td><b>" + "<div>" * 3000 + "</b>" * 3000 + "<i>after</i></td></tr></table>"
    document, caps = parse_html(html, max_depth=512)
    assert caps.stopped_at is not None and caps.stopped_at < len(html)
    assert "after" not in element_text(document)
    assert len(document.find_all("table")) == 1


@pytest.mark.parametrize("html", ["", "x", "<!DOCTYPE html>", "</table>", "<table", "<td>x", "\0<table>\0"])
def test_odd_inputs_parse(html):
    document, caps = parse_html(html, max_depth=512)
    assert document.name == "[document]" and not caps.changed
