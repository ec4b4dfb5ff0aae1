"""Finding the board card an imported row is about, by its title or its link."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from sqlalchemy import select

from db import models as m


def title_key(text: str) -> str:
    return " ".join(text.casefold().split())


def link_keys(text: str) -> tuple[str, ...]:
    """``host/path`` and ``/path`` of a URL, or ``/path`` of a bare page path."""
    text = text.strip()
    if not text:
        return ()
    if text.startswith("/"):
        path = urlsplit(text).path.rstrip("/").lower()
        return (path,) if path else ()
    parts = urlsplit(text if "://" in text else "https://" + text)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/").lower()
    return (f"{host}{path}", path) if path else (host,)


class CardMatcher:
    """Live cards by title and by published link; remembers what matched nothing."""

    def __init__(self, session) -> None:  # noqa: ANN001 - a TeamSession
        self._titles: dict[str, int] = {}
        self._links: dict[str, int] = {}
        query = (select(m.Card.id, m.Card.title, m.Card.published_url)
                 .where(m.Card.deleted_at.is_(None)).order_by(m.Card.id))
        for card_id, title, url in session.execute(query):
            self._titles.setdefault(title_key(title), card_id)
            for key in link_keys(url or ""):
                self._links.setdefault(key, card_id)
        self._cache: dict[tuple[str, str], int | None] = {}
        self.unmatched: Counter[str] = Counter()

    def match(self, content: str, link: str) -> int | None:
        key = (content, link)
        if key in self._cache:
            card_id = self._cache[key]
        else:
            card_id = self._find(content, link)
            self._cache[key] = card_id
        if card_id is None and (content or link):
            self.unmatched[content or link] += 1
        return card_id

    def _find(self, content: str, link: str) -> int | None:
        for candidate in (link, content):
            for key in link_keys(candidate) if candidate and ("/" in candidate) else ():
                if key in self._links:
                    return self._links[key]
        return self._titles.get(title_key(content)) if content else None
