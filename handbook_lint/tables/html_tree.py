"""HTML parsed as browsers do (html5lib's WHATWG tree construction) into a light tree, with bounded work.

html5lib decides what the tree is; this module only chooses how it is stored and bounds what
pathological markup can cost:

- **Light nodes.** `Element` keeps a name, attributes, children and the offset of its start tag,
  and text runs are joined once at the end: several times cheaper than a bs4 tree, whose
  builder also walks hundreds of ancestors for every node attached to an already parsed one.
- **Nesting cap, as Chromium.** An element inserted while more than `max_depth` (512 in
  Chromium: kMaximumHTMLParserDOMTreeDepth) elements are open is attached to the current
  node's parent instead (`HTMLConstructionSite::AttachLater`): deeper elements become siblings
  at that depth, so a table opened deeper holds no rows. The stack of open elements, and so
  every parsing decision, stays the specification's.
- **Formatting elements.** At most `FORMATTING_LIMIT` entries after the last marker in the list
  of active formatting elements (the oldest is dropped), and at most `REOPEN_LIMIT` elements
  reopened by "reconstruct the active formatting elements" per parse; html5lib's own bound,
  Noah's Ark, holds too, since attributes compare as dicts.
- **Deep stacks.** Past `INDEXED_DEPTH` open elements the stack indexes itself, so that scope
  checks, foster parenting and resetting the insertion mode stop walking it, and every other
  walk of it is metered: past `WORK_LIMIT` steps the parse stops as if the HTML ended there.

What a cap changed is recorded in `Caps` (the first offset of each), for the linter to report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from html5lib import HTMLParser
from html5lib._inputstream import HTMLUnicodeInputStream
from html5lib._tokenizer import HTMLTokenizer
from html5lib.constants import namespaces, tokenTypes
from html5lib.treebuilders.base import ActiveFormattingElements, Marker, TreeBuilder, listElementsMap

FORMATTING_LIMIT = 16
REOPEN_LIMIT = 20_000
INDEXED_DEPTH = 64
WORK_LIMIT = 5_000_000
#: What indexing one element costs, in the steps `WORK_LIMIT` counts.
REBUILD_COST = 8

_HTML = namespaces["html"]
_START_TAG, _END_TAG = tokenTypes["StartTag"], tokenTypes["EndTag"]
#: A tag html5lib's states read without a parse error into a bare token: ASCII name, nothing else.
_PLAIN_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)>")
_TABLE_INSERT_PARENTS = frozenset({"table", "tbody", "tfoot", "thead", "tr"})
_IMPLIED_END = frozenset({"dd", "dt", "li", "option", "optgroup", "p", "rp", "rt"})
#: html5lib's `resetInsertionMode`: the innermost HTML element with one of these names decides.
_MODES = {
    "select": "inSelect",
    "td": "inCell",
    "th": "inCell",
    "tr": "inRow",
    "tbody": "inTableBody",
    "thead": "inTableBody",
    "tfoot": "inTableBody",
    "caption": "inCaption",
    "colgroup": "inColumnGroup",
    "table": "inTable",
    "head": "inBody",
    "body": "inBody",
    "frameset": "inFrameset",
    "html": "beforeHead",
}


@dataclass(slots=True)
class Caps:
    """Where a bound changed the tree (offsets in the parsed HTML; None when it never did)."""

    flattened_at: int | None = None  # first element attached at the nesting cap
    formatting_at: int | None = None  # first formatting element dropped from the list
    reopen_at: int | None = None  # first reconstruction skipped
    stopped_at: int | None = None  # where the parse stopped, out of work
    deepest: int = 0  # the most elements open at once

    @property
    def changed(self) -> bool:
        return any(at is not None for at in (self.flattened_at, self.formatting_at, self.reopen_at, self.stopped_at))


class Text:
    """A run of text being parsed; joined once, when the tree is finished."""

    __slots__ = ("parent", "parts")

    def __init__(self, data: str):
        self.parts = [data]
        self.parent: Element | None = None


class Comment:
    """A comment (or doctype): content that is never shown."""

    __slots__ = ("data", "parent")

    def __init__(self, data: str):
        self.data = data
        self.parent: Element | None = None


Child = Any  # Element | Text | Comment while parsing; Element | str | Comment in `contents`


class Element:
    """An element: html5lib's node interface while parsing, then a read-only tree.

    `offset` is where the stream stood when the element was created, just after its start
    tag (None for clones). After `finish()`, `contents` holds child elements, text as `str`
    and comments, in document order.
    """

    __slots__ = ("attributes", "childNodes", "contents", "name", "namespace", "offset", "parent")

    def __init__(self, name: str, namespace: str | None, offset: int | None):
        self.name = name
        self.namespace = namespace
        self.offset = offset
        self.attributes: dict[Any, str] = {}
        self.childNodes: list[Child] = []
        self.parent: Element | None = None
        self.contents: list[Any] = []

    # -- html5lib's node interface
    @property
    def nameTuple(self) -> tuple[str, str]:
        return self.namespace or _HTML, self.name

    def appendChild(self, node: Child) -> None:
        children = self.childNodes
        if type(node) is Text and children and type(children[-1]) is Text:
            children[-1].parts.extend(node.parts)
            return
        node.parent = self
        children.append(node)

    def insertText(self, data: str, insertBefore: Child | None = None) -> None:
        children = self.childNodes
        if insertBefore is None:
            if children and type(children[-1]) is Text:
                children[-1].parts.append(data)
            else:
                self.appendChild(Text(data))
            return
        index = _index(children, insertBefore)
        if index and type(children[index - 1]) is Text:
            children[index - 1].parts.append(data)
        else:
            text = Text(data)
            text.parent = self
            children.insert(index, text)

    def insertBefore(self, node: Child, refNode: Child) -> None:
        children = self.childNodes
        index = _index(children, refNode)
        if type(node) is Text and index and type(children[index - 1]) is Text:
            children[index - 1].parts.extend(node.parts)
            return
        node.parent = self
        children.insert(index, node)

    def removeChild(self, node: Child) -> None:
        del self.childNodes[_index(self.childNodes, node)]
        node.parent = None

    def reparentChildren(self, newParent: Element) -> None:
        for child in self.childNodes:
            newParent.appendChild(child)
        self.childNodes = []

    def cloneNode(self) -> Element:
        clone = Element(self.name, self.namespace, None)
        clone.attributes = dict(self.attributes)
        return clone

    def hasContent(self) -> bool:
        return bool(self.childNodes)

    # -- reading the finished tree
    def get(self, name: str) -> str | None:
        return self.attributes.get(name)

    @property
    def attrs(self) -> dict[Any, str]:
        return self.attributes

    @property
    def children(self) -> list[Any]:
        return self.contents

    def find_all(self, name: str) -> list[Element]:
        """Descendant elements with this name, in document order."""
        return [node for node in self.descendants() if node.name == name]

    def descendants(self) -> Iterator[Element]:
        """The elements below this one, in document order (no recursion: depth is the page's)."""
        stack = list(reversed(self.contents))
        while stack:
            node = stack.pop()
            if type(node) is Element:
                yield node
                stack.extend(reversed(node.contents))

    def finish(self) -> None:
        """Turn the parse-time children into `contents`, for this element and all below it."""
        stack = [self]
        while stack:
            element = stack.pop()
            contents: list[Any] = []
            for child in element.childNodes:
                if type(child) is Text:
                    contents.append("".join(child.parts))
                else:
                    contents.append(child)
                    if type(child) is Element:
                        stack.append(child)
            element.contents = contents
            element.childNodes = []


def _index(children: list[Child], node: Child) -> int:
    """The position of `node` among `children`, searched from the end, where html5lib inserts."""
    for index in range(len(children) - 1, -1, -1):
        if children[index] is node:
            return index
    raise ValueError("not a child")


class _Stack(list[Element]):
    """The stack of open elements: a plain list until it grows past `INDEXED_DEPTH`."""

    __slots__ = ("bounds", "caps", "modes", "places", "stale", "tables", "top_of", "work")

    def __init__(self, caps: Caps):
        super().__init__()
        self.caps = caps
        self.work = 0

    def append(self, node: Element) -> None:
        list.append(self, node)
        depth = len(self)
        if depth > self.caps.deepest:
            self.caps.deepest = depth
            if depth > INDEXED_DEPTH and type(self) is _Stack:
                self.__class__ = _IndexedStack
                self.stale = True


class _IndexedStack(_Stack):
    """A deep stack of open elements that answers scope queries without walking itself, and
    meters every walk html5lib makes of it (`work`, in elements visited).

    `append` and `pop` keep the index current; an edit in the middle (the adoption agency)
    marks it stale, and the next query rebuilds it.
    """

    __slots__ = ()
    places: dict[int, int]  # id(element) -> its index
    top_of: dict[tuple[str, str], list[int]]  # nameTuple -> indexes, innermost last
    bounds: dict[Any, list[int]]  # scope variant -> indexes of its boundary elements
    tables: list[int]  # indexes of elements named "table"
    modes: list[int]  # indexes of HTML elements that decide the insertion mode
    stale: bool

    def _rebuild(self) -> None:
        self.places, self.top_of = {}, {}
        self.bounds = {variant: [] for variant in listElementsMap}
        self.tables, self.modes = [], []
        for index, node in enumerate(list.__iter__(self)):
            self._enter(node, index)
        self.work += REBUILD_COST * len(self)
        self.stale = False

    def current(self) -> _IndexedStack:
        if self.stale:
            self._rebuild()
        return self

    def _enter(self, node: Element, index: int) -> None:
        self.places[id(node)] = index
        name_tuple, variants, is_table, is_mode = _kind(node)
        self.top_of.setdefault(name_tuple, []).append(index)
        for variant in variants:
            self.bounds[variant].append(index)
        if is_table:
            self.tables.append(index)
        if is_mode:
            self.modes.append(index)

    def append(self, node: Element) -> None:
        super().append(node)
        if not self.stale:
            self._enter(node, len(self) - 1)

    def pop(self, index: Any = -1) -> Element:
        if index not in (-1, len(self) - 1):
            self.stale = True
            return list.pop(self, index)
        node = list.pop(self)
        if self.stale:
            return node
        if self.places.pop(id(node), None) != len(self):
            self.stale = True  # it was on the stack twice (html5lib re-pushes <head>)
            return node
        name_tuple, variants, is_table, is_mode = _kind(node)
        self.top_of[name_tuple].pop()
        for variant in variants:
            self.bounds[variant].pop()
        if is_table:
            self.tables.pop()
        if is_mode:
            self.modes.pop()
        return node

    def index_of(self, node: Any) -> int:
        """Where `node` is on the stack; -1 if it is not."""
        self.current()
        self.work += 1
        index = self.places.get(id(node), -1)
        return index if index >= 0 and list.__getitem__(self, index) is node else -1

    # html5lib's other uses of the stack: indexed where it asks for an element, metered elsewhere
    def __contains__(self, node: object) -> bool:
        return node is not None and self.index_of(node) >= 0

    def index(self, node: Any, *bounds: Any) -> int:
        found = self.index_of(node)
        if found < 0 or bounds:
            self.work += len(self)
            return list.index(self, node, *bounds)
        return found

    def remove(self, node: Any) -> None:
        self.work += len(self)
        list.remove(self, node)
        self.stale = True

    def insert(self, index: Any, node: Element) -> None:
        self.work += len(self)
        list.insert(self, index, node)
        self.stale = True

    def __setitem__(self, index: Any, node: Any) -> None:
        list.__setitem__(self, index, node)
        self.stale = True

    def __delitem__(self, index: Any) -> None:
        list.__delitem__(self, index)
        self.stale = True

    def __getitem__(self, index: Any) -> Any:
        found = list.__getitem__(self, index)
        self.work += len(found) if type(index) is slice else 1
        return found

    def __iter__(self) -> Iterator[Element]:
        self.work += len(self)
        return list.__iter__(self)

    def __reversed__(self) -> Iterator[Element]:
        self.work += len(self)
        return list.__reversed__(self)


_Kind = tuple[tuple[str, str], tuple[Any, ...], bool, bool]
_KINDS: dict[tuple[str | None, str], _Kind] = {}


def _kind(node: Element) -> _Kind:
    """What the index keeps of an element: its nameTuple, the scope variants (html5lib's
    `listElementsMap`) it bounds, whether it is a table and whether it sets the insertion mode."""
    key = (node.namespace, node.name)
    kind = _KINDS.get(key)
    if kind is None:
        name_tuple = (node.namespace or _HTML, node.name)
        variants = tuple(v for v, (elements, invert) in listElementsMap.items() if invert ^ (name_tuple in elements))
        kind = (name_tuple, variants, node.name == "table", name_tuple[0] == _HTML and node.name in _MODES)
        _KINDS[key] = kind
    return kind


class _Formatting(ActiveFormattingElements):
    """The list of active formatting elements: Noah's Ark (at most three equal entries after
    the last marker, as html5lib's own list) and at most `FORMATTING_LIMIT` entries there."""

    def __init__(self, builder: _TreeBuilder):
        super().__init__()
        self.builder = builder

    def append(self, node: Any) -> None:
        if node is not Marker:
            equal = since_marker = 0
            index = len(self) - 1
            while index >= 0 and self[index] is not Marker:
                entry = self[index]
                since_marker += 1
                if equal < 3 and _same_formatting(entry, node):
                    equal += 1
                    if equal == 3:
                        del self[index]
                        since_marker -= 1
                index -= 1
            if since_marker >= FORMATTING_LIMIT:
                del self[index + 1]
                self.builder.capped("formatting_at")
        list.append(self, node)


def _same_formatting(one: Element, other: Element) -> bool:
    return one.name == other.name and one.namespace == other.namespace and one.attributes == other.attributes


class _TreeBuilder(TreeBuilder):
    """html5lib's tree builder with light nodes, the nesting cap and indexed deep stacks."""

    max_depth = 0  # set by the parser

    def __init__(self, namespaceHTMLElements: bool):
        self.stream: _OffsetStream | None = None
        self.caps = Caps()
        self.reopened = 0
        super().__init__(namespaceHTMLElements)

    def reset(self) -> None:
        super().reset()
        self.openElements: _Stack = _Stack(self.caps)
        self.activeFormattingElements = _Formatting(self)

    def capped(self, field: str) -> None:
        """Record the first offset at which a bound changed the tree."""
        if getattr(self.caps, field) is None:
            setattr(self.caps, field, self.stream.offset() if self.stream else 0)

    # -- nodes
    def documentClass(self) -> Element:
        return Element("[document]", None, None)

    def elementClass(self, name: str, namespace: str | None) -> Element:
        return Element(name, namespace, self.stream.offset() if self.stream else None)

    def commentClass(self, data: str) -> Comment:
        return Comment(data)

    def doctypeClass(self, name: str, publicId: str | None, systemId: str | None) -> Comment:
        return Comment(name or "")

    def fragmentClass(self) -> Element:
        return Element("[fragment]", None, None)

    # -- the nesting cap
    def insertElementNormal(self, token: dict[str, Any]) -> Element:
        element = self.createElement(token)
        parent = self.openElements[-1]
        if len(self.openElements) > self.max_depth and parent.parent is not None:
            parent = parent.parent
            self.capped("flattened_at")
        parent.appendChild(element)
        self.openElements.append(element)
        return element

    def insertElementTable(self, token: dict[str, Any]) -> Element:
        if self.openElements[-1].name not in _TABLE_INSERT_PARENTS:
            return self.insertElementNormal(token)
        element = self.createElement(token)  # foster parented: never capped, as in Chromium
        parent, insert_before = self.getTableMisnestedNodePosition()
        if insert_before is None:
            parent.appendChild(element)
        else:
            parent.insertBefore(element, insert_before)
        self.openElements.append(element)
        return element

    # -- deep stacks: the index instead of a walk
    def elementInScope(self, target: Any, variant: Any = None) -> bool:
        stack = self.openElements
        if not isinstance(stack, _IndexedStack):
            return bool(super().elementInScope(target, variant))
        if hasattr(target, "nameTuple"):
            at = stack.index_of(target)
        else:
            found = stack.current().top_of.get(target if isinstance(target, tuple) else (_HTML, target))
            at = found[-1] if found else -1
        if at < 0:
            return False
        bounds = stack.bounds[variant]
        return at >= (bounds[-1] if bounds else -1)

    def getTableMisnestedNodePosition(self) -> tuple[Element, Element | None]:
        stack = self.openElements
        if not isinstance(stack, _IndexedStack):
            return super().getTableMisnestedNodePosition()
        tables = stack.current().tables
        if not tables:
            return list.__getitem__(stack, 0), None
        table = list.__getitem__(stack, tables[-1])
        if table.parent is not None:
            return table.parent, table
        return list.__getitem__(stack, tables[-1] - 1), None

    def generateImpliedEndTags(self, exclude: str | None = None) -> None:
        stack = self.openElements
        while stack[-1].name in _IMPLIED_END and stack[-1].name != exclude:
            stack.pop()

    # -- active formatting elements
    def elementInActiveFormattingElements(self, name: str) -> Any:
        formatting = self.activeFormattingElements
        for index in range(len(formatting) - 1, -1, -1):
            item = formatting[index]
            if item is Marker:
                break
            if item.name == name:
                return item
        return False

    def reconstructActiveFormattingElements(self) -> None:
        formatting = self.activeFormattingElements
        if not formatting or formatting[-1] is Marker or formatting[-1] in self.openElements:
            return
        if self.reopened >= REOPEN_LIMIT:
            self.capped("reopen_at")
            return
        first = len(formatting) - 1
        while first > 0 and formatting[first - 1] is not Marker and formatting[first - 1] not in self.openElements:
            first -= 1
        self.reopened += len(formatting) - first
        for index in range(first, len(formatting)):
            entry = formatting[index]
            token = {
                "type": "StartTag",
                "name": entry.name,
                "namespace": entry.namespace,
                "data": dict(entry.attributes),
            }
            formatting[index] = self.insertElement(token)

    def getDocument(self) -> Element:
        document: Element = self.document
        document.finish()
        return document


class _OffsetStream(HTMLUnicodeInputStream):
    """html5lib's input stream, which also knows its offset in the text it reads."""

    def reset(self) -> None:
        super().reset()
        self.consumed = 0  # characters of the chunks before this one
        self.loaded = 0  # characters this chunk had when read (an unget may prepend one)

    def readChunk(self, chunkSize: int | None = None) -> bool:
        self.consumed += self.loaded
        more = bool(super().readChunk(chunkSize))
        self.loaded = self.chunkSize
        return more

    def offset(self) -> int:
        return self.consumed + self.chunkOffset - (self.chunkSize - self.loaded)


class _Tokenizer(HTMLTokenizer):
    """html5lib's tokenizer on an `_OffsetStream`, stopping when the tree builder is out of work.

    A plain tag (`<td>`, `</tr>`: an ASCII name, no attributes) is read with one match
    instead of a state per character, into the token html5lib's states make of it; most tags
    of a table are plain (a tenth of the time of a page of dense table markup).
    """

    def __init__(self, html: str, parser: _Parser):
        super().__init__(html, parser=parser)
        self.stream = _OffsetStream(html)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        tree: _TreeBuilder = self.parser.tree
        stack = tree.openElements
        for token in super().__iter__():
            if stack.work > WORK_LIMIT:
                tree.capped("stopped_at")
                return
            yield token

    def dataState(self) -> bool:
        stream = self.stream
        tag = _PLAIN_TAG.match(stream.chunk, stream.chunkOffset)  # (a tag cut by the chunk's end does not match)
        if tag is None:
            return bool(super().dataState())
        stream.chunkOffset = tag.end()
        if tag[1]:
            token = {"type": _END_TAG, "name": tag[2].lower(), "data": [], "selfClosing": False}
        else:
            token = {"type": _START_TAG, "name": tag[2].lower(), "data": {}, "selfClosing": False}
            token["selfClosingAcknowledged"] = False
        # The current token, as html5lib's states leave it: raw text (<textarea>, <script> …)
        # ends at the end tag that matches it.
        self.currentToken = token
        self.tokenQueue.append(token)
        return True


class _Parser(HTMLParser):
    def __init__(self, max_depth: int):
        super().__init__(tree=_TreeBuilder)
        self.tree.max_depth = max_depth

    def _parse(
        self, stream: str, innerHTML: bool = False, container: str = "div", scripting: bool = False, **kwargs: Any
    ) -> None:
        self.innerHTMLMode, self.container, self.scripting = False, container, scripting
        self.tokenizer = _Tokenizer(stream, self)
        self.tree.stream = self.tokenizer.stream
        self.reset()
        self.mainLoop()

    def parseError(self, errorcode: str = "XXX-undefined-error", datavars: Any = None) -> None:
        """Parse errors are not reported: recording them costs time and memory."""

    def resetInsertionMode(self) -> None:
        stack = self.tree.openElements
        if not isinstance(stack, _IndexedStack) or not stack.current().modes:
            super().resetInsertionMode()
            return
        self.phase = self.phases[_MODES[list.__getitem__(stack, stack.modes[-1]).name]]


def parse_html(html: str, *, max_depth: int) -> tuple[Element, Caps]:
    """The document tree a browser builds from `html`, and where the bounds changed it."""
    parser = _Parser(max_depth)
    document: Element = parser.parse(html)
    return document, parser.tree.caps
