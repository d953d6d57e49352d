"""Main text and individual reader comments from an HTML page.

The main text comes from trafilatura (``include_comments=False``). Reader comments are found
directly in the lxml tree, because trafilatura returns them as a single blob and misses many:

1. *Candidates* are elements whose class/id names them as a single comment (``li.comment``,
   ``article#div-comment-12``, ``div.kommentar-item``, schema.org ``Comment`` ...). Names of
   comment *parts* (author, meta, date, reply link, form ...) and of comment *lists*
   (``commentlist``, ``comments-area`` ...) are not candidates.
2. Candidates are arranged by nesting. A candidate inside another candidate is a *reply* when
   both look alike (same tag and a shared comment class, or the same id pattern) or a replies
   list (``ul.children``) lies between them; otherwise it is a wrapper or body of the same
   comment and is merged into it. A candidate holding the comment form, several alike candidates
   of another kind, or one candidate plus much text of its own is a list/section, not a comment.
   Candidates named only by weak words (review, reply ...) must repeat on the page.
3. Each remaining comment unit is cleaned: nested replies, author/meta/reply/like parts,
   forms, scripts and media are dropped; author and time are read from the removed parts.
   Units that are only a link (a "latest comments" widget) are dropped.
4. The main text is trafilatura's; a first "comment" found at the start of it is the opening
   post of a forum thread and is dropped, and runs of main-text lines that are comment text
   (comments trafilatura let through) are removed from the main text.

Nothing in the page is ever executed: the tree is only read, and ``<script>`` content is
dropped from comment text.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

MAX_COMMENT_CHARS = 20_000
_MAX_AUTHOR_CHARS = 100

# --- class/id vocabulary --------------------------------------------------------------------

# A class token or id naming something about comments (several languages).
_COMMENTISH = re.compile(
    r"comment(?!ary)|kommentar|commentaire|leserbrief|leserpost|reaction|reaktion|discussion|disqus"
    r"|(?<![a-z])review|(?<![a-z])rev(?![a-z])|forum-fil|bb_message|reply|replies|antwort",
    re.IGNORECASE,
)
# Tokens that name a comment list/container rather than one comment.
_CONTAINER = re.compile(
    r"comments(?![a-z])|commentlist|comment[-_]?list|[-_]list(?![a-z])|list[-_]|kommentare|commentaires"
    r"|area|holder|section|(?<![a-z])children|replies|thread|widget|tabs?(?![a-z])"
    r"|container[-_]?outer|count|number|anzahl|total|summary|stats|items|entries|posts|messages|boxes",
    re.IGNORECASE,
)
# Tokens that name a part of a comment (author, meta data, actions) or unrelated widgets.
_PART = re.compile(
    r"author|autor|avatar|user|name|(?<![a-z])fn(?![a-z])|meta|date|datum|time|zeit|posted"
    r"|reply[-_]?(?:link|button|to|title)|respond|form|textarea|input|submit|button|btn|action"
    r"|vote|like|rating|share|report|melden|flag|edit|permalink|link|icon|header|footer|title|menu"
    r"|heading|nav|pagination|paging|pager|rss|feed|policy|rules|closed|notice|note|login|logout"
    r"|subscribe|abo|sort|order|filter|toggle|more|load|show|hide|open|close|trigger|cta|teaser|intro"
    r"|awaiting|moderation|badge|score|counter|bubble|speech|loading|spinner|empty|no[-_]?comment",
    re.IGNORECASE,
)
# Ids of single comments: comment-123, li-comment-123, div-comment-123, c123456, comment_123 ...
_ITEM_ID = re.compile(
    r"^(?:[a-z]+[-_])*(?:comment|kommentar|reply|post|message|msg|c)[-_]?\d+(?:[-_]\d+)*$", re.IGNORECASE
)
# WordPress-style taxonomy classes (``tag-review``, ``category-comments``) say nothing about markup.
_TAXONOMY = re.compile(
    r"^(?:tag|category|cat|post|type|format|status|topic|section|rubrik|ressort)[-_]", re.I
)
# Strong words name reader comments on their own; weak ones (review, reply, discussion ...) only
# count when the element kind repeats on the page.
_STRONG = re.compile(r"comment|kommentar|leserbrief|leserpost", re.IGNORECASE)
# The area holding the comment form ("Leave a reply").
_FORM_AREA = re.compile(r"(?:comment[-_]?)?respond|(?:comment|reply|kommentar)[-_]?form(?:[-_]wrap(?:per)?)?")
_SCHEMA_COMMENT = re.compile(r"schema\.org/(?:Comment|UserComments|Answer|Review)$", re.IGNORECASE)

# Parts removed from a comment's text (author, meta, actions); author/time are read from them.
_STRIP_PART = re.compile(
    r"author|autor|avatar|(?<![a-z])user(?:name)?(?![a-z])|(?<![a-z])fn(?![a-z])|vcard|meta|date|datum"
    r"|(?<![a-z])time|posted|byline|reply|antwort|respond|action|vote|like|rating|share|report|melden"
    r"|flag|edit|permalink|header|footer|avatar|badge|awaiting|moderation|tools|links|(?<![a-z])nav",
    re.IGNORECASE,
)
_NEVER_TEXT_TAGS = (
    "script", "style", "noscript", "template", "form", "textarea", "input", "select", "option", "button",
    "iframe", "object", "embed", "svg", "canvas", "img", "picture", "video", "audio", "source", "head",
    "label", "math", "nav",
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    (
        "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "h1", "h2", "h3", "h4",
        "h5", "h6", "tr", "table", "section", "article", "header", "footer", "aside", "figure", "figcaption",
        "hr", "address",
    )
)  # fmt: skip

# Whole lines that are buttons or labels, not comment text (compared lower-cased, punctuation-stripped).
_BUTTON_LINES = frozenset(
    (
        "reply", "antworten", "antwort", "répondre", "repondre", "rispondi", "responder", "odpowiedz",
        "beantworten", "replies", "like", "likes", "unlike", "liken", "gefällt mir", "j'aime", "jaime",
        "report", "melden", "signaler", "zitieren", "quote", "citer", "teilen", "share", "partager", "edit",
        "bearbeiten", "modifier", "permalink", "link", "delete", "löschen", "supprimer", "delete comment",
        "kommentar löschen", "log in to reply", "zum antworten anmelden", "connectez-vous pour répondre",
        "einloggen um zu antworten", "reply to this comment", "auf diesen kommentar antworten",
        "répondre à ce commentaire", "load more", "mehr laden", "says", "sagt", "dit", "schrieb", "wrote",
        "a écrit", "loading", "lädt", "chargement", "gefällt 1 person", "like liked by 1 person", "↓", "↑",
        "▲", "▼", "·", "netiquette",
    )
)  # fmt: skip
# Counted labels such as "3 Likes", "7 Comments", "Kommentare (12)", "Antworten 2".
_COUNT_LABEL = re.compile(
    r"\(?\d*\)?\s*(?:likes?|comments?|kommentare?|commentaires?|replies|antworten|réponses?|reactions?"
    r"|reaktionen|votes?|stimmen)?\s*\(?\d*\)?",
    re.IGNORECASE,
)
_WS = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_SAYS_SUFFIX = re.compile(
    r"\s*(?:says|sagt|schreibt|schrieb|wrote|dit|a écrit|meint)\s*:?\s*$", re.IGNORECASE
)
_BY_PREFIX = re.compile(
    r"^(?:comment(?:ed)? by|posted by|written by|kommentar von|geschrieben von|von|by|commentaire de|par)\s+",
    re.IGNORECASE,
)
_NAME_END = re.compile(r"\s+[—–|@•·]\s+|\s+-\s+(?=\d)")
_DATE_LIKE = re.compile(r"\d{1,4}[./-]\s?\d{1,2}|\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- public data classes ----------------------------------------------------------------------


@dataclass
class HtmlComment:
    """One reader comment: its own text plus author, time and the index of its parent comment."""

    text: str
    author: str | None = None
    time: str | None = None
    parent: int | None = None


@dataclass
class HtmlExtraction:
    """Result of :func:`extract_html`."""

    title: str | None
    date: str | None
    url: str | None
    main_text: str
    comments: list[HtmlComment] = field(default_factory=list)


# --- parsing ----------------------------------------------------------------------------------


def parse_html(html: str | bytes) -> lxml.html.HtmlElement | None:
    """Parse ``html`` into an lxml tree without executing or fetching anything; ``None`` if empty.

    An XML declaration (which lxml refuses in ``str`` input) is tolerated by parsing UTF-8 bytes.
    """
    data = html.encode("utf-8", errors="replace") if isinstance(html, str) else html
    if not data or not data.strip():
        return None
    parser = lxml.html.HTMLParser(
        encoding="utf-8" if isinstance(html, str) else None,
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        recover=True,
        huge_tree=False,
    )
    try:
        tree = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError, TypeError):
        return None
    return tree if tree is not None and len(tree) else None


# --- element naming helpers -------------------------------------------------------------------


def _tokens(element: etree._Element) -> list[str]:
    """Class tokens of ``element``."""
    return (element.get("class") or "").split()


def _is_element(node: object) -> bool:
    return isinstance(node, etree._Element) and isinstance(node.tag, str)


def _token_is_item(token: str) -> bool:
    """Whether a class token names one comment (not a list of them, not a part of one)."""
    if _TAXONOMY.match(token):
        return False
    return bool(_COMMENTISH.search(token)) and not _CONTAINER.search(token) and not _PART.search(token)


def _id_is_item(element_id: str) -> bool:
    """Whether an id names one comment (``comment-12``, ``li-comment-12``, ``c12345678``)."""
    if not element_id or _PART.search(element_id) or _CONTAINER.search(element_id):
        return False
    if _ITEM_ID.match(element_id):
        return bool(re.search(r"comment|kommentar|reply|message|msg|^c\d{10,}$", element_id, re.IGNORECASE))
    return False


def _is_candidate(element: etree._Element) -> bool:
    """Whether ``element`` looks like a single reader comment by its markup."""
    if element.tag in _NEVER_TEXT_TAGS or element.tag in ("html", "body", "a", "span", "time", "cite"):
        return False
    if _SCHEMA_COMMENT.search(element.get("itemtype") or ""):
        return True
    if any(_token_is_item(token) for token in _tokens(element)):
        return True
    return _id_is_item(element.get("id") or "")


def _id_pattern(element: etree._Element) -> str:
    """The id with digits blanked, to compare ids of alike elements (``comment-#``)."""
    return re.sub(r"\d+", "#", element.get("id") or "")


def _alike(inner: etree._Element, outer: etree._Element) -> bool:
    """Whether ``inner`` is the same kind of comment element as ``outer`` (i.e. a reply to it)."""
    if inner.tag != outer.tag:
        return False
    shared = {t.lower() for t in _tokens(inner) if _token_is_item(t)} & {
        t.lower() for t in _tokens(outer) if _token_is_item(t)
    }
    if shared:
        return True
    pattern = _id_pattern(inner)
    if pattern and "#" in pattern and pattern == _id_pattern(outer):
        return True
    inner_schema, outer_schema = inner.get("itemtype"), outer.get("itemtype")
    return bool(inner_schema and inner_schema == outer_schema)


def _signature(element: etree._Element) -> tuple[str, str, str]:
    """A comparable description of an element's kind: tag, comment class tokens, id pattern."""
    tokens = " ".join(sorted(t.lower() for t in _tokens(element) if _token_is_item(t)))
    return element.tag, tokens, _id_pattern(element)


# --- finding comment units --------------------------------------------------------------------


@dataclass
class _Node:
    element: etree._Element
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)


def _candidate_forest(root: etree._Element) -> list[_Node]:
    """All candidates, each linked to its nearest candidate ancestor; returns them in document order."""
    nodes: list[_Node] = []
    by_element: dict[etree._Element, _Node] = {}
    for element in root.iter():
        if not _is_element(element) or not _is_candidate(element):
            continue
        if _inside_excluded(element) or _is_button_line(_short_text(element)):
            continue
        node = _Node(element)
        ancestor = element.getparent()
        while ancestor is not None and ancestor not in by_element:
            ancestor = ancestor.getparent()
        if ancestor is not None:
            node.parent = by_element[ancestor]
            node.parent.children.append(node)
        by_element[element] = node
        nodes.append(node)
    return nodes


def _inside_excluded(element: etree._Element) -> bool:
    """Whether ``element`` sits inside the comment form area, a script or a template."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("textarea", "script", "template"):
            return True
        names = f"{ancestor.get('id') or ''} {ancestor.get('class') or ''}".lower().split()
        if any(_FORM_AREA.fullmatch(name) for name in names):
            return True
    return False


def _is_list_like(node: _Node) -> bool:
    """Whether a candidate is a list of comments (or a comment section) rather than one comment.

    That is the case when it holds a textarea (the comment form) outside its candidate children,
    when its own candidate children are several alike elements of another kind than itself, or when
    it wraps a single other comment element plus a good deal of text of its own (a heading, notes).
    """
    others = [child for child in node.children if not _alike(child.element, node.element)]
    if len(others) < len(node.children):
        return False  # it has replies of its own kind: a comment
    for textarea in node.element.iter("textarea") if node.children else ():
        if not any(_is_ancestor(child.element, textarea) for child in node.children):
            return True
    if len(others) == 1:
        outer, inner = len(_short_text(node.element)), len(_short_text(others[0].element))
        return inner >= 25 and outer - inner > max(60, inner // 2)
    signatures = [_signature(child.element) for child in others]
    return any(signatures.count(signature) >= 2 for signature in set(signatures))


def _is_ancestor(ancestor: etree._Element, element: etree._Element) -> bool:
    return any(parent is ancestor for parent in element.iterancestors())


def _weak_and_single(node: _Node, counts: dict[tuple[str, str, str], int]) -> bool:
    """Whether a candidate is named only by weak words and its kind occurs once on the page."""
    element = node.element
    if _SCHEMA_COMMENT.search(element.get("itemtype") or ""):
        return False
    names = [t for t in _tokens(element) if _token_is_item(t)]
    if _id_is_item(element.get("id") or ""):
        names.append(element.get("id") or "")
    if any(_STRONG.search(name) for name in names):
        return False
    return counts.get(_signature(element), 0) < 2


def _select_units(nodes: list[_Node]) -> list[tuple[etree._Element, etree._Element | None]]:
    """Decide which candidates are comments; return ``(element, parent_comment_element)`` in order.

    A candidate is dropped (merged into its nearest unit ancestor) when it lies inside a unit and
    is not alike that unit; a list-like candidate is dropped in favour of its children, and so is a
    candidate named only by weak words whose kind does not repeat.
    """
    counts: dict[tuple[str, str, str], int] = {}
    for node in nodes:
        signature = _signature(node.element)
        counts[signature] = counts.get(signature, 0) + 1
    unit_of: dict[etree._Element, etree._Element | None] = {}
    units: list[tuple[etree._Element, etree._Element | None]] = []
    for node in nodes:
        enclosing = _nearest_unit(node, unit_of)
        if enclosing is None and (_is_list_like(node) or _weak_and_single(node, counts)):
            unit_of[node.element] = None
        elif enclosing is None:
            units.append((node.element, None))
            unit_of[node.element] = node.element
        elif _alike(node.element, enclosing) or _is_reply_container_between(node.element, enclosing):
            units.append((node.element, enclosing))
            unit_of[node.element] = node.element
        else:
            unit_of[node.element] = enclosing  # wrapper/body part of the enclosing comment
    return units


def _nearest_unit(node: _Node, unit_of: dict[etree._Element, etree._Element | None]) -> etree._Element | None:
    parent = node.parent
    return unit_of.get(parent.element) if parent is not None else None


def _is_reply_container_between(inner: etree._Element, outer: etree._Element) -> bool:
    """Whether a replies list (``ul.children``, ``.replies`` ...) separates ``inner`` from ``outer``."""
    for ancestor in inner.iterancestors():
        if ancestor is outer:
            return False
        ident = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".lower()
        if re.search(r"children|replies|repl(?:y|ies)[-_]?list|antworten|reponses|thread", ident):
            return True
    return False


def _sibling_parent(element: etree._Element, index_of: dict[etree._Element, int]) -> int | None:
    """Parent for a comment in a ``.children`` list placed *after* its parent comment (not inside it)."""
    for ancestor in element.iterancestors():
        if ancestor in index_of:
            return None
        ident = f"{ancestor.get('class') or ''}".lower()
        if re.search(r"(?<![a-z])children(?![a-z])|replies", ident):
            previous = ancestor.getprevious()
            while previous is not None and not _is_element(previous):
                previous = previous.getprevious()
            if previous is not None and previous in index_of:
                return index_of[previous]
            return None
    return None


# --- reading one comment ----------------------------------------------------------------------


def _clean_copy(element: etree._Element, nested: set[etree._Element]) -> etree._Element:
    """A copy of ``element`` without nested comment units and never-text elements."""
    marked = []
    for inner in nested:
        inner.set("data-parley-nested", "1")
        marked.append(inner)
    try:
        clone = copy.deepcopy(element)
    finally:
        for inner in marked:
            del inner.attrib["data-parley-nested"]
    for inner in clone.xpath(".//*[@data-parley-nested]"):
        _drop(inner)
    for inner in list(clone.iter(*_NEVER_TEXT_TAGS)):
        if inner is not clone:
            _drop(inner)
    return clone


def _drop(element: etree._Element) -> None:
    """Remove ``element`` but keep its tail text."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + " " + tail
        else:
            parent.text = (parent.text or "") + " " + tail
    parent.remove(element)


def _short_text(element: etree._Element) -> str:
    return _WS.sub(" ", " ".join(element.itertext())).strip()


def _find_author(clone: etree._Element) -> tuple[str | None, etree._Element | None]:
    """The author name (and the element holding it) from common markup inside a comment copy."""
    queries = (
        ".//*[@itemprop='author']//*[@itemprop='name']",
        ".//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]",
        ".//*[@itemprop='author']",
        ".//cite//a[not(starts-with(@href, '#'))]",
        ".//cite",
        ".//*[contains(translate(@class, 'AUTHORSNME', 'authorsnme'), 'author')"
        " and not(contains(translate(@class, 'AUTHORSNME', 'authorsnme'), 'comment-author-'))]",
        ".//*[contains(translate(@class, 'AUTHORSNME', 'authorsnme'), 'autor')]",
        ".//*[contains(@class, 'benutzer') or contains(@class, 'verfasser') or contains(@class, 'auteur')"
        " or contains(@class, 'pseudo') or contains(@class, 'nickname')]",
        ".//*[contains(translate(@class, 'USERNAME', 'username'), 'username')"
        " or contains(translate(@class, 'USERNAME', 'username'), 'user-name')]",
        ".//*[contains(translate(@class, 'USERNAME', 'username'), 'user')"
        " or contains(translate(@class, 'USERNAME', 'username'), 'name')]",
        ".//a[contains(@href, '/user/') or contains(@href, '/users/') or contains(@href, '/profil')"
        " or contains(@href, '/member') or contains(@href, '/benutzer/') or contains(@href, '/author/')]",
    )
    for query in queries:
        for found in clone.xpath(query):
            lines = [line.strip() for line in _short_text(found).split("\n") if line.strip()]
            first = _NAME_END.split(lines[0])[0] if lines else ""
            name = _BY_PREFIX.sub("", _SAYS_SUFFIX.sub("", first)).strip(" :,-–—")
            if name and len(name) <= _MAX_AUTHOR_CHARS:
                return name, found
    return None, None


def _find_time(clone: etree._Element) -> tuple[str | None, etree._Element | None]:
    """The comment time (and its element): a ``datetime``/``content``/``title`` attribute, else text."""
    for found in clone.xpath(
        ".//time[@datetime] | .//*[@itemprop='dateCreated' or @itemprop='datePublished']"
    ):
        value = (found.get("datetime") or found.get("content") or "").strip() or _short_text(found)
        if value:
            return value, found
    for found in clone.xpath(".//abbr[@title] | .//*[@data-timestamp or @data-time or @data-date]"):
        value = (
            found.get("title")
            or found.get("data-timestamp")
            or found.get("data-time")
            or found.get("data-date")
        )
        if value and (_ISO_DATE.search(value) or value.isdigit()):
            return value.strip(), found
    for found in clone.xpath(".//time"):
        text = _short_text(found)
        if text:
            return text, found
    for found in clone.iter():
        if not _is_element(found) or found is clone:
            continue
        ident = f"{found.get('class') or ''}".lower()
        if re.search(r"date|datum|time|zeit|posted|published|meta", ident) and not re.search(
            r"update", ident
        ):
            text = _short_text(found)
            if text and len(text) <= 80 and _DATE_LIKE.search(text):
                return text, found
    return None, None


def _strip_parts(clone: etree._Element) -> None:
    """Remove author, meta, reply and similar parts; long parts only lose their name/link children."""
    for element in list(clone.iter()):
        if element is clone or not _is_element(element) or element.getparent() is None:
            continue
        ident = f"{element.get('class') or ''} {element.get('id') or ''} {element.get('itemprop') or ''}"
        if element.tag == "cite" or (ident.strip() and _STRIP_PART.search(ident)):
            if _is_content_like(element):
                continue
            if element.tag == "cite" or not element.xpath(".//p | .//blockquote"):
                _drop(element)
            else:  # broken markup: the body text sits inside an author/meta block
                for inner in element.xpath(
                    ".//cite | .//*[contains(@class, 'fn')] | .//*[contains(@class, 'says')]"
                ):
                    _drop(inner)


def _is_content_like(element: etree._Element) -> bool:
    """Whether a part is the comment body itself (``comment-content``, ``comment-text`` ...)."""
    ident = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return bool(re.search(r"content|text|body|message|copy|entry|inhalt|texte", ident)) and not re.search(
        r"author|meta|reply|date|avatar|header|footer", ident
    )


def _lines(element: etree._Element) -> list[str]:
    """Text of ``element`` as lines, breaking at block elements."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        block = node.tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            if _is_element(child):
                walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(element)
    lines = (_WS.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _is_button_line(line: str) -> bool:
    """Whether a line is a button or label (Reply, Antworten, 3 Likes, a lone dash ...)."""
    if len(line) <= 3 and not any(char.isalnum() for char in line):
        return True
    lowered = _WS.sub(" ", line.lower()).strip(" :!.()[]|·•…-–")
    return lowered in _BUTTON_LINES or bool(_COUNT_LABEL.fullmatch(lowered))


def _comment_text(clone: etree._Element) -> str:
    """The comment's own text, button lines removed, capped at :data:`MAX_COMMENT_CHARS`."""
    lines = [line for line in _lines(clone) if not _is_button_line(line)]
    text = "\n".join(lines)
    return text[:MAX_COMMENT_CHARS].strip()


def _definition_term(element: etree._Element) -> etree._Element | None:
    """For a ``<dd>`` comment, the preceding ``<dt>`` (which holds author and time in such lists)."""
    if element.tag != "dd":
        return None
    previous = element.getprevious()
    while previous is not None and not _is_element(previous):
        previous = previous.getprevious()
    return previous if previous is not None and previous.tag == "dt" else None


def _is_link_teaser(clone: etree._Element, text: str) -> bool:
    """Whether a cleaned unit is only a link (an entry of a "latest comments" widget pointing elsewhere)."""
    links = (" ".join(link.itertext()) for link in clone.iter("a"))
    link_text = _normalise(" ".join(link for link in links if not _is_button_line(link)))
    share = 0.75 if len(text) < 100 else 0.9
    return len(text) < 300 and len(link_text) >= share * len(_normalise(text))


def _read_comment(element: etree._Element, nested: set[etree._Element]) -> HtmlComment | None:
    """Text, author and time of one comment unit (nested replies excluded); ``None`` if it has no text.

    A unit whose text is nothing but a link is a teaser in a "latest comments" widget, not a comment.
    """
    clone = _clean_copy(element, nested)
    author, author_element = _find_author(clone)
    when, time_element = _find_time(clone)
    header = _definition_term(element)
    if header is not None:  # <dt> author/time, <dd> text
        author = author or _find_author(header)[0]
        when = when or _find_time(header)[0]
    for found in (author_element, time_element):
        if (
            found is not None
            and found.getparent() is not None
            and len(_short_text(found)) <= _MAX_AUTHOR_CHARS
        ):
            _drop(found)
    _strip_parts(clone)
    text = _comment_text(clone)
    if len(text) < 2 or _is_link_teaser(clone, text):
        return None
    return HtmlComment(text=text, author=author, time=when)


# --- public functions -------------------------------------------------------------------------


def find_comments(
    tree: etree._Element, max_comments: int = 5000
) -> tuple[list[HtmlComment], list[etree._Element]]:
    """Find reader comments in a parsed page; return them and their elements (in document order)."""
    units = _select_units(_candidate_forest(tree))
    unit_elements = {element for element, _ in units}
    nested_of: dict[etree._Element, set[etree._Element]] = {element: set() for element, _ in units}
    for element, _ in units:
        for ancestor in element.iterancestors():
            if ancestor in unit_elements:
                nested_of[ancestor].add(element)
                break
    comments: list[HtmlComment] = []
    elements: list[etree._Element] = []
    index_of: dict[etree._Element, int] = {}
    for element, parent_element in units:
        if len(comments) >= max_comments:
            break
        comment = _read_comment(element, nested_of[element])
        if comment is None or _looks_like_form(element):
            continue
        if parent_element is not None:
            comment.parent = index_of.get(parent_element)
        else:
            comment.parent = _sibling_parent(element, index_of)
        index_of[element] = len(comments)
        comments.append(comment)
        elements.append(element)
    return comments, elements


def _looks_like_form(element: etree._Element) -> bool:
    """Whether a unit is really the comment form or a 'no comments' notice."""
    ident = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return bool(re.search(r"respond|comment-?form|no-?comments|closed", ident))


def _drop_opening_post(comments: list[HtmlComment], main_text: str) -> list[HtmlComment]:
    """Drop the first "comment" when it is the main text itself (the opening post of a forum thread).

    That is the case when its text appears in the first third of the main text.
    """
    if not comments or comments[0].parent is not None or not main_text:
        return comments
    first, main = _normalise(comments[0].text), _normalise(main_text)
    position = main.find(first)
    if len(first) < 20 or position < 0 or position > len(main) // 3:
        return comments  # not there, or at the end: a comment the main-text extractor let through
    kept = comments[1:]
    for comment in kept:
        comment.parent = None if comment.parent in (None, 0) else comment.parent - 1
    return kept


def _without_comment_lines(main_text: str, comments: list[HtmlComment]) -> str:
    """Remove main-text lines that are comment text (comments the main-text extractor let through).

    A line *matches* when it equals a line of a comment, or when it is 40+ characters long and
    occurs inside a comment (case- and whitespace-insensitive). A matching line is removed when it is
    long (80+ characters) or a neighbouring line matches too, so that a single sentence quoted
    from the article by a commenter does not cost the article that sentence.
    """
    if not comments:
        return main_text
    comment_lines = {_normalise(line) for comment in comments for line in comment.text.split("\n")}
    blob = "\n".join(_normalise(comment.text) for comment in comments)
    lines = main_text.split("\n")
    normals = [_normalise(line) for line in lines]
    matches = [n in comment_lines or (len(n) >= 40 and n in blob) for n in normals]
    kept = []
    for index, line in enumerate(lines):
        neighbours = matches[max(0, index - 1) : index] + matches[index + 1 : index + 2]
        if matches[index] and (len(normals[index]) >= 80 or any(neighbours)):
            continue
        kept.append(line)
    return "\n".join(kept)


def _normalise(text: str) -> str:
    return " ".join(text.split()).lower()


def _main_text(tree: etree._Element, url: str | None) -> tuple[str, str | None, str | None, str | None]:
    """Main text, title, date and URL via trafilatura (comments excluded)."""
    import trafilatura

    document = trafilatura.bare_extraction(
        copy.deepcopy(tree), url=url, include_comments=False, with_metadata=True, include_tables=True
    )
    if document is None:
        return "", None, None, url
    text = document.text or ""
    return text, document.title or None, document.date or None, document.url or url


def extract_html(html: str, url: str | None = None, *, max_comments: int = 5000) -> HtmlExtraction:
    """Extract title, date, main text and individual reader comments from an HTML page.

    Raises ``ValueError`` if the page has no extractable text at all (neither main text nor comments).
    """
    tree = parse_html(html)
    if tree is None:
        raise ValueError("HTML page is empty or could not be parsed")
    comments, _elements = find_comments(tree, max_comments=max_comments)
    main_text, title, date, found_url = _main_text(tree, url)
    main_text = "\n".join(line.strip() for line in main_text.splitlines() if line.strip())
    comments = _drop_opening_post(comments, main_text)
    main_text = _without_comment_lines(main_text, comments)
    if not main_text and not comments:
        raise ValueError("HTML page has no extractable main text or comments")
    return HtmlExtraction(title=title, date=date, url=found_url, main_text=main_text, comments=comments)
