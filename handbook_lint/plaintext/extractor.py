"""What trafilatura is known to leave out of an export, predicted from the page's HTML.

trafilatura drops what looks like navigation before it writes the export (read from its
1.12 and 2.3 sources; `favor_recall=True`, links not kept):

* link density of a paragraph, a list (``ul``/``ol`` as a whole) or a ``div``: with text
  shorter than a limit (a paragraph 30 characters, 60 when it is its parent's last child;
  other elements 100, 300 when last), it is dropped when its links have no text, or link
  text is over 80 % of its text, or over 80 % of two or more links are shorter than 10
  characters; one link of over 100 characters that is 90 % of the text drops it at any
  length; 2.x also drops a longer "link farm" (more than 4 links, over 90 % link text, links
  shorter than 100 characters on average, not each alone in its own paragraph). 2.x never
  drops a paragraph inside a list item or cell; 1.x does.
* link density of a table: text of 200 characters or more, link text over 80 % of it (over
  50 % from 1000 characters); 1.x also drops one whose links all have no text;
* a text that is only a sharing word ("Email", "PDF", "Twitter", …: its ``RE_FILTER``);
* images, check boxes of task lists, zero-width characters;
* a heading that ends what it keeps (nothing after it is kept), with the loose text right
  after it (its tail): its "trailing titles" rule;
* 1.x only: the text right after a list's end tag, up to the next tag (its ``handle_lists``
  leaves the list's tail out: raw HTML ``</ul>`` followed by words, in prose or in a cell);
* 1.x only: a code block (``<pre><code>``, or a ``<pre lang>``) inside a table cell, whose
  text it leaves behind when it copies the block into the cell (its ``handle_table`` keeps a
  child's own text, and a code block's text is its ``<code>``'s).
* text right inside a raw-HTML ``<div>`` (or ``<section>``, ``<article>``…: elements it
  reads as one), outside any paragraph, list, heading or table, when the page's paragraphs
  hold 750 characters or more: its ``_extract`` reads a ``div`` only when ``//p//text()``,
  once link-heavy elements went, is shorter than three times ``MIN_EXTRACTED_SIZE`` (250).

Lengths are in characters (a CJK character counts one), of the text with white space
collapsed, as trafilatura's ``trim(text_content())`` measures them. An export whose dialect
cannot be told (it has no table) is taken as made by either version: what either drops.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from handbook_lint.tables.text import BLOCKS, VisibleText

# trafilatura's utils.RE_FILTER: a line that is only one of these words is refused.
SHARING_WORD = re.compile(
    r"\W*(Drucken|E-?Mail|Facebook|Flipboard|Google|Instagram|Linkedin|Mail|PDF|Pinterest|Pocket|Print|QQ|"
    r"Reddit|Twitter|WeChat|WeiBo|Whatsapp|Xing|Mehr zum Thema:?|More on this.{,8}$)$",
    re.IGNORECASE,
)
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<]*[^\s<.,:;\"')\]]")
#: The elements of HTML; the text of any other element (``http://<host>:9090``: GitHub keeps
#: ``<host>`` as a tag) is dropped by trafilatura.
HTML_TAGS = frozenset(
    """a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption
    center cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset
    figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input
    ins kbd label legend li link main map mark menu meta meter nav noscript object ol optgroup option
    output p param picture pre progress q rp rt ruby s samp script section select small source span
    strike strong style sub summary sup table tbody td template textarea tfoot th thead time title tr
    track tt u ul var video wbr""".split()
)
_IMPLIED = {  # start tag: (the open elements it ends, the elements that bound the search)
    "li": (("li",), ("ul", "ol", "menu")),
    "dt": (("dt", "dd"), ("dl",)),
    "dd": (("dt", "dd"), ("dl",)),
    "td": (("td", "th"), ("tr", "table")),
    "th": (("td", "th"), ("tr", "table")),
    "tr": (("tr",), ("table", "tbody", "thead", "tfoot")),
}
_VOID = frozenset({"br", "img", "hr", "input", "wbr", "meta", "link", "col", "area", "source", "embed", "base"})
#: Start tags that end an open paragraph (HTML's tree construction): not a line break, nor
#: table parts, which break lines inside a paragraph or stand in a table of their own.
_CLOSES_P = BLOCKS - {"br", "tr", "td", "th", "caption"} | {"aside", "footer", "header", "nav", "form", "menu"}
_TESTED = frozenset({"p", "ul", "ol", "dl", "div", "details"})  # trafilatura makes a details a div
_CELL_PARENTS = frozenset({"li", "td", "th", "dd"})
#: Content the extractor never writes (as `tables.text.HIDDEN`, not ``head``).
_HIDDEN = frozenset({"script", "style", "template", "title", "textarea"})
#: Paragraph text (characters, as `//p//text()` joins it) from which a page's div text goes.
DIV_TEXT_LIMIT = 750
#: Elements trafilatura reads as a ``div`` (or leaves out, text and all, with it).
_DIV_LIKE = frozenset({"div", "section", "article", "main", "center", "figure", "details"})
#: Inline elements whose text, inside such a div, is the div's: stripped, or formatting it
#: only keeps inside a paragraph.
_INLINE = frozenset(
    {"a", "abbr", "b", "big", "cite", "em", "font", "i", "mark", "s", "small", "span", "strike", "strong"}
    | {"sub", "sup", "tt", "u"}
)

REASON_LINKS_LIST = "a list made mostly of links, which trafilatura drops (its link-density test)"
REASON_LINKS_PARAGRAPH = "a paragraph made mostly of links, which trafilatura drops (its link-density test)"
REASON_LINKS_TABLE = "a table made mostly of links, which trafilatura drops (its link-density test)"
REASON_SHARING = "only a sharing word, which trafilatura's text filter drops"
REASON_NOT_HTML = "inside an element that is no HTML element (`<host>`), which trafilatura drops with its text"
REASON_LIST_TAIL = "text right after a list's end tag, which trafilatura 1.x drops with the list's tail"
REASON_TRAILING_HEADING = (
    "a heading with nothing kept after it, which trafilatura removes (with loose text after it) at the end"
)
REASON_STRAY_ITEM = "a list item outside any list, which trafilatura drops"
REASON_DIV_TEXT = (
    "text right inside a raw-HTML <div>, which trafilatura leaves out of a page whose paragraphs"
    f" hold {DIV_TEXT_LIMIT} characters or more"
)
REASON_CELL_LINKS = (
    "text in a cell that trafilatura drops or moves (an image's alt text, a list of links, list items"
    " outside a list, text loose in a list or after it, a code block with 1.x)"
)


@dataclass(eq=False, slots=True)
class _Node:
    tag: str
    parent: _Node | None
    children: list[_Node] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # text of each link inside
    stray: list[str] = field(default_factory=list)  # text right inside a list, outside its items
    link_parents: list[_Node | None] = field(default_factory=list)  # of each link inside
    code_block: bool = False  # a <pre> trafilatura takes for code: lang=, or one <code> child
    tail: list[str] = field(default_factory=list)  # a list's tail: text after its end tag, up to a tag
    paragraph_length: int = 0  # a <p>: characters of text inside it, white space as written
    holds_block: bool = False  # an element other than inline ones has started inside it

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


class LinkReader(VisibleText):
    """The extractor's view of a page's prose: each visible text block (as `prose_blocks`
    gives them) and why trafilatura would drop it, if it would."""

    def __init__(self, dialect: str, last_block: bool = False):
        super().__init__(pictures="drop", tables="skip")
        self.dialect = dialect
        self.last_block = last_block  # the block is the page's last: its last element has no next sibling
        self.roots: list[_Node] = []
        self.nodes: list[_Node] = []
        self._open: list[_Node] = []
        self._hidden_raw = 0
        self._block_nodes: list[tuple[_Node, ...]] = []  # per block: the elements open around it
        self._dropped: dict[int, str] | None = None
        self._tail_of: _Node | None = None  # the list just closed, while its tail is read
        self._cell_pictures: list[str] = []  # alt text of images in cells: the canonical text has it, exports not

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tail_of = None
        if tag in BLOCKS:  # words on either side of a block boundary never join
            for node in self._open:
                node.parts.append(" ")
        self._close_implied(tag)
        if self._open and tag not in _INLINE and tag != "img":
            self._open[-1].holds_block = True
        if tag == "img" and any(node.tag in ("td", "th") for node in self._open):
            alt = " ".join((dict(attrs).get("alt") or "").split())
            if alt:
                self._cell_pictures.append(alt)
        if tag not in _VOID:
            parent = self._open[-1] if self._open else None
            node = _Node(tag, parent, code_block=tag == "pre" and any(name == "lang" for name, _ in attrs))
            (parent.children if parent else self.roots).append(node)
            self.nodes.append(node)
            self._open.append(node)
            self._hidden_raw += tag in _HIDDEN
        super().handle_starttag(tag, attrs)

    def _close_implied(self, tag: str) -> None:
        """HTML's implied end tags: a new item ends the open one of its list (and a cell,
        a row the open one of its table); a block's start tag ends an open paragraph, a line
        break does not."""
        closes, scope = _IMPLIED.get(tag, ((), ()))
        if tag in _CLOSES_P and self._open and self._open[-1].tag == "p":
            self._pop("p")
        for k in range(len(self._open) - 1, -1, -1):
            if self._open[k].tag in scope:
                return
            if self._open[k].tag in closes:
                self._pop(self._open[k].tag)
                return

    def handle_endtag(self, tag: str) -> None:
        super().handle_endtag(tag)
        self._tail_of = None
        if tag in _VOID or all(node.tag != tag for node in self._open):
            return
        closed = self._pop(tag)
        if closed is not None and closed.tag in ("ul", "ol"):
            self._tail_of = closed

    def _pop(self, tag: str) -> _Node | None:
        """Close the open elements down to the innermost `tag`; that element."""
        while self._open:
            node = self._open.pop()
            self._hidden_raw -= node.tag in _HIDDEN
            if node.tag == "a":
                text = node.text
                for ancestor in self._open:
                    ancestor.links.append(text)
                    ancestor.link_parents.append(node.parent)
            if node.tag == tag:
                return node
        return None

    def handle_data(self, data: str) -> None:
        if self._tail_of is not None:
            self._tail_of.tail.append(data)
        if not self._hidden_raw:
            for node in self._open:
                node.parts.append(data)
            paragraph = next((node for node in reversed(self._open) if node.tag == "p"), None)
            if paragraph is not None:
                paragraph.paragraph_length += len(data)
            if self._open and self._open[-1].tag in ("ul", "ol") and data.strip():
                self._open[-1].stray.append(data)
            if all(node.tag != "a" for node in self._open):
                for url in _BARE_URL.findall(data):  # GitHub links bare URLs (autolink extension)
                    for node in self._open:
                        node.links.append(url)
        super().handle_data(data)

    def _flush(self) -> None:
        before = len(self.blocks)
        super()._flush()
        if len(self.blocks) > before:
            self._block_nodes.append(tuple(self._open))

    @property
    def inside_element(self) -> bool:
        """Whether an element read so far is still open: what is fed next is inside it."""
        return bool(self._open)

    def end_block(self) -> None:
        """End a visible block where one piece of the page (a Markdown block) ends."""
        self._flush()

    def reasons(self, div_text_lost: bool = False) -> list[str | None]:
        """Per block read so far: why the extractor drops it, or None. `div_text_lost`: the
        page's paragraphs are long enough for the extractor to leave div text out."""
        dropped = self._all_dropped()
        tails = {tail for node in self.nodes if (tail := self._dropped_tail(node))}
        found: list[str | None] = []
        for (_, text), nodes in zip(self.blocks, self._block_nodes):
            reason = next((dropped[id(n)] for k, n in enumerate(nodes) if _drops(n, nodes[k + 1 :], dropped)), None)
            if reason is None and SHARING_WORD.fullmatch(text):
                reason = REASON_SHARING
            if reason is None and " ".join(text.split()) in tails:
                reason = REASON_LIST_TAIL
            if reason is None and div_text_lost and _right_inside_div(nodes):
                reason = REASON_DIV_TEXT
            found.append(reason)
        return found

    def kept_paragraph_length(self) -> int:
        """Characters of text in the paragraphs the extractor keeps past its link-density
        tests, as its ``//p//text()`` joins them."""
        dropped = self._all_dropped()
        return sum(
            node.paragraph_length
            for node in self.nodes
            if node.tag == "p" and not any(id(n) in dropped for n in _and_ancestors(node))
        )

    def loose(self) -> list[bool]:
        """Per block read so far: whether it is text right inside the page, in no element
        (raw HTML's loose text, which trafilatura keeps as the tail of the element before)."""
        return [not nodes for nodes in self._block_nodes]

    def cell_drops(self) -> list[str]:
        """Text inside table cells that the extractor drops: images (their alt text, which
        the canonical cell has), link-heavy lists and paragraphs, list items outside any
        list, and (1.x) code blocks."""
        found = list(self._cell_pictures)
        for node in self.nodes:
            ancestors = [parent.tag for parent in _and_ancestors(node.parent)]
            if "td" not in ancestors and "th" not in ancestors:
                continue
            if id(node) in self._all_dropped() and node.text:
                found.append(node.text)
            elif self._code_dropped(node, ancestors):
                found.append(" ".join(" ".join(child.text for child in node.children).split()))
            if tail := self._dropped_tail(node):
                found.append(tail)
            elif node.tag in ("ul", "ol"):  # 2.x drops it, 1.x writes it as a row of its own
                stray = " ".join([*node.stray, *(child.text for child in node.children if child.tag != "li")])
                if stray.strip():
                    found.append(" ".join(stray.split()))
        return found

    def _dropped_tail(self, node: _Node) -> str:
        """1.x: the tail of a list, which it drops ("" when it has none, or with 2.x)."""
        return "" if self.dialect == "trafilatura-2" else " ".join("".join(node.tail).split())

    def _code_dropped(self, node: _Node, ancestors: list[str]) -> bool:
        """1.x: a code block in a cell (not in a list there, which its list handling takes)
        keeps only the text right inside its ``<pre>``: its children's text is lost."""
        if self.dialect == "trafilatura-2" or node.tag != "pre" or "ul" in ancestors or "ol" in ancestors:
            return False
        one_code = len(node.children) == 1 and node.children[0].tag == "code"
        return (node.code_block or one_code) and any(child.text for child in node.children)

    def _all_dropped(self) -> dict[int, str]:
        """The elements the extractor drops, by id, with the reason. An element goes when
        its test fails on all it holds (trafilatura's first pass), or on what is left once
        the elements below it went (its second pass: a table of contents whose nested list
        went is then short enough to go too)."""
        if self._dropped is None:
            removed_length: dict[int, int] = {}
            removed_links: dict[int, list[str]] = {}
            self._dropped = {}
            for node in reversed(self.nodes):  # created parents first: reversed, children first
                length = max(0, len(node.text) - removed_length.get(id(node), 0))
                links = list(node.links)
                for link in removed_links.get(id(node), []):
                    if link in links:
                        links.remove(link)
                # The first pass tests it whole; the second without what went below it.
                reason = self._reason(node, len(node.text), node.links) or self._reason(node, length, links)
                if reason is None:
                    continue
                self._dropped[id(node)] = reason
                for parent in _and_ancestors(node.parent):
                    removed_length[id(parent)] = removed_length.get(id(parent), 0) + length + 1
                    removed_links.setdefault(id(parent), []).extend(links)
        return self._dropped

    def _reason(self, node: _Node, length: int, links: list[str]) -> str | None:
        if node.tag not in HTML_TAGS:
            return REASON_NOT_HTML
        if node.tag == "li" and (node.parent is None or node.parent.tag not in ("ul", "ol")):
            return REASON_STRAY_ITEM
        if node.tag not in _TESTED or not links:
            return None
        if node.tag == "p" and self.dialect == "trafilatura-2" and node.parent and node.parent.tag in _CELL_PARENTS:
            return None
        siblings = node.parent.children if node.parent else self.roots
        last = siblings[-1] is node and (node.parent is not None or self.last_block)
        if link_heavy(node.tag, length, links, last, self.dialect, _lone_links(node)):
            return REASON_LINKS_PARAGRAPH if node.tag == "p" else REASON_LINKS_LIST
        return None


def _drops(node: _Node, inner: tuple[_Node, ...], dropped: dict[int, str]) -> bool:
    """Whether a dropped element takes a block inside it (within the `inner` elements) along.
    An element that is no HTML element loses its own text, but a paragraph, list or other
    block inside it is read as ever (a docs site's `<SimpleTab>` around Markdown)."""
    if id(node) not in dropped:
        return False
    return dropped[id(node)] != REASON_NOT_HTML or not any(n.tag in HTML_TAGS and n.tag not in _INLINE for n in inner)


def _lone_links(node: _Node) -> int:
    """The links inside an element that are the only link of their paragraph (2.x's
    `is_paragraph_listing`: a paragraph holding one link each is a listing, not a farm)."""
    return sum(1 for parent in node.link_parents if parent is not None and parent.tag == "p" and len(parent.links) == 1)


def _and_ancestors(node: _Node | None) -> Iterator[_Node]:
    """The element and the elements around it, innermost first."""
    while node is not None:
        yield node
        node = node.parent


def _right_inside_div(nodes: tuple[_Node, ...]) -> bool:
    """Whether a block, inside these elements, is a div's own text: every element around it
    is div-like or inline, and the innermost div-like one holds no other element (the text
    after a paragraph in a div is the paragraph's tail, which the extractor keeps)."""
    divs = [node for node in nodes if node.tag in _DIV_LIKE]
    return bool(divs) and not divs[-1].holds_block and all(n.tag in _DIV_LIKE or n.tag in _INLINE for n in nodes)


def link_heavy(tag: str, length: int, links: list[str], last: bool, dialect: str, lone_links: int = 0) -> bool:
    """trafilatura's `link_density_test` for a paragraph, list or div of `length` characters."""
    named = [link for link in links if link]
    if len(links) == 1 and len(links[0]) > 100 and len(links[0]) > 0.9 * length:
        return True
    limit = (60 if last else 30) if tag == "p" else (300 if last else 100)
    link_length = sum(len(link) for link in named)
    if length < limit:
        if not named:
            return True
        short = sum(1 for link in named if len(link) < 10)
        return link_length > 0.8 * length or (len(named) > 1 and short / len(named) > 0.8)
    if dialect != "trafilatura-1" and len(links) > 4 and named:  # 2.x, or either when unknown
        listing = lone_links == len(links)
        return link_length > 0.9 * length and link_length < 100 * len(named) and not listing
    return False


def table_link_heavy(text: str, links: list[str], dialect: str) -> bool:
    """trafilatura's `link_density_test_tables`."""
    length = len(" ".join(text.split()))
    if not links or length < 200:
        return False
    named = [link for link in links if link]
    if not named:
        return dialect != "trafilatura-2"
    link_length = sum(len(link) for link in named)
    return link_length > 0.8 * length if length < 1000 else link_length > 0.5 * length


class TableLinks(VisibleText):
    """The text and link texts of a table's HTML, as the table link-density test reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self._link: list[str] | None = None
        self.all_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._link = []
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links.append(" ".join("".join(self._link).split()))
            self._link = None
        super().handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        self.all_text.append(data)
        if self._link is not None:
            self._link.append(data)
        super().handle_data(data)


def table_reason(html: str, dialect: str) -> str | None:
    """Why the extractor drops a table given as HTML, or None."""
    reader = TableLinks()
    reader.feed(html)
    reader.close()
    return REASON_LINKS_TABLE if table_link_heavy("".join(reader.all_text), reader.links, dialect) else None
