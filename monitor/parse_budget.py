"""A budget for parsing pages: a hostile or broken page is a source fault, never minutes of CPU.

BeautifulSoup over lxml builds any tree it is given, and CSS selectors (soupsieve, pure Python)
walk it: 200,000 nested ``div`` elements took minutes, and a 181 KB page nested a few thousand
levels deep made the Seller Forums ``:has()`` selector and the per-item field selectors cost
O(items × subtree). So a page must stay inside three limits, checked where they are cheap:

* ``max_elements`` start tags, counted on the raw bytes before anything is parsed;
* ``max_depth`` levels of nesting, measured once on the built tree (an iterative walk);
* ``seconds`` of wall time for parse and selection, checked between items.

lxml's ``huge_tree`` stays off (BeautifulSoup never turns it on), so libxml2 keeps its own limits
on text node size. Over budget, :class:`PageTooComplex` (a :class:`ParseError`, state
``failing``) names the limit; the cycle records it for that source and the others continue.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from monitor.sources.base import ParseError

MAX_ELEMENTS = 50_000
MAX_DEPTH = 256
SECONDS = 10.0

_START_TAG = re.compile(rb"<[A-Za-z]")


class PageTooComplex(ParseError):
    """The page is over the parse budget (elements, nesting depth or time)."""


@dataclass
class Budget:
    max_elements: int = MAX_ELEMENTS
    max_depth: int = MAX_DEPTH
    seconds: float = SECONDS
    started: float = field(default_factory=time.monotonic)

    def check_bytes(self, body: bytes) -> None:
        """Before parsing: at most ``max_elements`` start tags."""
        count = 0
        for count, _ in enumerate(_START_TAG.finditer(body), start=1):
            if count > self.max_elements:
                raise PageTooComplex(
                    f"page too complex: more than {self.max_elements:,} elements")

    def check_tree(self, soup) -> None:
        """After parsing: nesting at most ``max_depth`` deep, and time left."""
        stack = [(soup, 0)]
        while stack:
            node, depth = stack.pop()
            if depth > self.max_depth:
                raise PageTooComplex(
                    f"page too complex: elements nested more than {self.max_depth} deep")
            for child in getattr(node, "contents", ()):
                if getattr(child, "contents", None) is not None:
                    stack.append((child, depth + 1))
        self.tick()

    def tick(self) -> None:
        """Between steps: raise once the time budget is spent."""
        if time.monotonic() - self.started > self.seconds:
            raise PageTooComplex(
                f"page too complex: parsing took more than {self.seconds:g} s")


def budget() -> Budget:
    """A fresh budget with the module's limits (read at call time, so they can be tuned)."""
    return Budget(MAX_ELEMENTS, MAX_DEPTH, SECONDS)
