"""Patterns led by a look-ahead for the characters their matches can start with.

Python's `re` searches a text by trying the whole pattern at each position, unless the
pattern opens with a literal or a character class, which it scans for in C. A pattern
that opens with a look-behind (`(?<![\\d.第每])`), an optional word (`(?:到|至)?`) or a
choice of sub-patterns gets no such shortcut, and each position costs a walk into every
branch: over the seed plans' paragraphs such a search took 4–6× as long as the same
pattern led by `(?=[…])`, where each position fails at one class test.

A pattern that opens with a literal or a choice of literals (`列|排|排名`) needs no lead: `re`
scans for those in C already, and a look-ahead in front would only slow it down.

The class must hold every character a match can start with, or matches are lost:
tests/test_lookahead.py derives that set from each led pattern and checks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

LOOKAHEAD_OPENING = "(?=["  # how a led pattern starts (the tests find them by it)


def led_by(first_chars: str, pattern: str) -> str:
    """`pattern` behind a look-ahead for `first_chars`, the body of a character class
    (`\\d一二每当`) holding every character a match of `pattern` can start with."""
    return f"{LOOKAHEAD_OPENING}{first_chars}]){pattern}"


def initials(words: Iterable[str]) -> str:
    """The class body of the characters `words` start with (`("牵头", "配合")` → `牵配`),
    for a pattern whose matches open with one of them."""
    return "".join(re.escape(char) for char in sorted({word[0] for word in words}))
