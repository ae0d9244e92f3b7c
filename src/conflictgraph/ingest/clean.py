"""Boilerplate removal for scraped plain text: keep the article's prose, drop page furniture.

Scraped pages keep section labels ("News / Politics"), share buttons, photo credits and footers.
These rules look at the *shape* of a line (length, punctuation, separators), not at any one
outlet's wording, so they carry over to text from other sites.
"""

from __future__ import annotations

import re

__all__ = ["clean_text", "split_title"]

_TERMINAL = tuple(".!?\"”’'):;…")
_URLISH = re.compile(
    r"^\s*(?:https?://|www\.)\S+\s*$|^\s*[\w.-]+\.(?:com|org|net|co\.uk|ir|ru|tv)\S*\s*$", re.I
)
_BREADCRUMB = re.compile(r"\S\s+[/|›»>•·]\s+\S")
# (?<!\s) anchors the leading \s* at the start of a run of spaces, so that a long run of spaces
# is scanned once, not once per space (which is quadratic on a 2 MB line).
_CREDIT = re.compile(
    r"(?<!\s)\s*\((?:(?:file\s+)?photos?|images?|pictures?|photograph|credit|source)(?:\s*:|\s+by)\s*[^)]{1,60}\)"
    r"|(?<!\s)\s*\((?:L-R|R-L|from left|left to right|from right|C|L|R)\)",
    re.I,
)
_FURNITURE = re.compile(
    r"^(?:share(?: this(?: article| story)?)?|follow us|related(?: articles| stories)?|read more|"
    r"advertisement|subscribe|sign up|comments?|print|email|tags?:.*|more on this story|"
    r"copyright.*|©.*|all rights reserved.*|cookies?.*)$",
    re.I,
)


def _words(line: str) -> int:
    return len(line.split())


def _is_url(line: str) -> bool:
    """A line that is only a web address (length-capped: the pattern backtracks on long lines)."""
    return len(line) <= 500 and _URLISH.match(line) is not None


def _is_prose(line: str) -> bool:
    """A line that reads like a sentence: several words and sentence-final punctuation."""
    s = line.strip()
    return _words(s) >= 6 and s.endswith(_TERMINAL) and not s.endswith(":")


def _is_furniture(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if _is_url(s) or _FURNITURE.match(s) or (_words(s) <= 8 and _BREADCRUMB.search(s)):
        return True
    # Short lines without sentence punctuation: labels, captions, button text.
    return not _is_prose(s) and _words(s) < 20 and not s.endswith(":")


def split_title(text: str) -> tuple[str | None, str]:
    """Take a headline off the top of the text: the first line that is not page furniture.

    Only a line shaped like a headline (under 25 words, no sentence-final full stop) counts;
    otherwise the text has no title line and is returned unchanged.
    """
    lines = text.splitlines()
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if _is_url(s) or _FURNITURE.match(s) or (_words(s) <= 4 and _BREADCRUMB.search(s)):
            continue
        if _words(s) < 25 and not s.endswith((".", "!")) and _words(s) >= 3:
            return s, "\n".join(lines[i + 1 :])
        return None, text
    return None, text


def clean_text(text: str, *, title: str | None = None) -> str:
    """Return the article body: paragraphs of prose, with credits and page furniture dropped.

    A line ending in ':' that introduces only furniture (a list of links) goes too, as does the
    headline when it repeats ``title``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = [_CREDIT.sub("", ln).strip() for ln in text.split("\n")]
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln) for ln in lines]
    norm_title = _norm(title) if title else None
    keep: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            continue
        if norm_title and _norm(line) == norm_title:
            continue
        if _is_furniture(line):
            continue
        if line.endswith(":") and all(_is_furniture(x) or not x for x in lines[i + 1 :]):
            continue
        keep.append(line)
    # A caption often sits between headline and lead; it is a furniture-shaped line dropped above.
    return "\n\n".join(keep)


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()
