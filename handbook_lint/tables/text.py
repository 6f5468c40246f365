"""What a reader sees of markup: one visible-text policy, for cells, prose and exports.

`VisibleText` takes markup as a stream of tags and text, either from an HTML string
(stdlib `html.parser`, fast, for rendered Markdown) or from a parsed element (HTML tables,
from `html_tree`, or from bs4), and keeps the text a reader sees, in blocks split where the browser breaks lines.
Neither way recurses: nesting depth is the page author's choice, not a bound.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # parsers are imported only by pages with HTML tables
    from bs4 import Tag

    from handbook_lint.tables.html_tree import Element

BlockKind = Literal["heading", "text"]

_ASCII_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
#: Never shown: their content is code, metadata or fallback for a player. (Not ``head``: in a
#: page's body its tags are ignored, by browsers and extractors alike, and its content shows.)
HIDDEN = frozenset({"script", "style", "template", "title", "video", "audio", "iframe"})
#: Pictures: a reader of the canonical table gets an image's alt text, an extractor nothing.
PICTURES = frozenset({"img", "svg"})
#: Table markup, which prose leaves to the table comparison.
TABLE_PARTS = frozenset({"table", "tr", "td", "th"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements a browser lays out on lines of their own: words on either side never join.
BLOCKS = HEADINGS | frozenset(
    {
        "br",
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "tr",
        "td",
        "th",
        "table",
        "caption",
        "blockquote",
        "pre",
        "hr",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "summary",
        "details",
        "figure",
        "figcaption",
    }
)


def collapse(text: str) -> str:
    """Collapse runs of ASCII whitespace to one space and trim, as browsers display text."""
    return _ASCII_WHITESPACE.sub(" ", text).strip(" ")


class VisibleText(HTMLParser):
    """The visible text of markup, block by block.

    ``pictures="alt"`` reads an image as its alt text (the canonical cell text);
    ``"drop"`` leaves pictures out, as text extractors do. ``tables="skip"`` leaves table
    markup and its content out (prose, whose tables are compared on their own).
    """

    def __init__(self, *, pictures: Literal["alt", "drop"] = "alt", tables: Literal["keep", "skip"] = "keep"):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[BlockKind, str]] = []
        self._hiding = (
            HIDDEN
            | (PICTURES if pictures == "drop" else frozenset())
            | (TABLE_PARTS if tables == "skip" else frozenset())
        )
        self._parts: list[str] = []
        self._hidden = 0
        self._heading = False

    @property
    def text(self) -> str:
        """All the visible text read so far, blocks joined by a space."""
        self._flush()
        return " ".join(text for _, text in self.blocks)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._hiding:
            self._hidden += tag != "img"  # an img is void: it has no end tag to undo this
        elif self._hidden:
            return
        elif tag == "img":
            self._parts.append(dict(attrs).get("alt") or "")
        elif tag in BLOCKS:
            self._flush()
            self._heading = tag in HEADINGS

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag != "img":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._hiding:
            self._hidden = max(0, self._hidden - (tag != "img"))
        elif not self._hidden and tag in BLOCKS:
            self._flush()
            self._heading = False

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def feed_element(self, element: Element | Tag) -> None:
        """Read a parsed element's content (not the element's own tag), without recursion."""
        for kind, node in walk(element):
            if isinstance(node, str):
                self.handle_data(str(node))
            elif kind == "start":
                attrs: list[tuple[str, str | None]] = [
                    (name, value if isinstance(value, str) else " ".join(value)) for name, value in node.attrs.items()
                ]
                self.handle_starttag(node.name, attrs)
            else:
                self.handle_endtag(node.name)
        self._flush()

    def _flush(self) -> None:
        text = collapse("".join(self._parts))
        if text:
            self.blocks.append(("heading" if self._heading else "text", text))
        self._parts.clear()


def walk(element: Element | Tag) -> Iterator[tuple[Literal["start", "end", "data"], Any]]:
    """Start tags, end tags and text below `element`, in document order, with a stack of our own.

    Text is a `str` (bs4's strings are `str` subclasses, of which comments and the like are
    not shown); an element has `contents`; anything else (an `html_tree` comment) is not shown.
    """
    stack: list[tuple[bool, Any]] = [(False, child) for child in reversed(element.contents)]
    while stack:
        closing, node = stack.pop()
        if closing:
            yield "end", node
        elif isinstance(node, str):
            if _shown(node):
                yield "data", node
        elif hasattr(node, "contents"):
            yield "start", node
            stack.append((True, node))
            stack.extend((False, child) for child in reversed(node.contents))


def _shown(text: str) -> bool:
    """Whether a string of a parsed tree is text a reader sees (not a comment, doctype …)."""
    if type(text) is str:
        return True
    from bs4 import CData, NavigableString  # only bs4 trees hold subclasses of str

    return type(text) is NavigableString or isinstance(text, CData)


def text_of_html(fragment: str) -> str:
    """Visible text of an HTML fragment (as rendered from a Markdown cell)."""
    reader = VisibleText()
    reader.feed(fragment)
    reader.close()
    return reader.text


def text_of_element(element: Element | Tag) -> str:
    """Visible text of a parsed HTML element, nested tables included."""
    contents = element.contents
    if not contents:
        return ""
    if len(contents) == 1 and type(contents[0]) is str:  # most cells: one run of text, read as it collapses
        return collapse(contents[0])
    reader = VisibleText()
    reader.feed_element(element)
    return reader.text


def prose_blocks(html: str) -> list[tuple[BlockKind, str]]:
    """The prose of rendered HTML as a text extractor reads it: one text per block-level
    element, headings marked, pictures and tables left out."""
    reader = VisibleText(pictures="drop", tables="skip")
    reader.feed(html)
    reader.close()
    return reader.blocks
