"""Which account a mention is about, and why, in words a person can check on screen.

Rules, strongest first: the mention's own domain, its author's profile or a link in
it is an account's domain (platforms, news outlets and free-mail domains are
ignored: a post on x.com is not about X); the author's handle, or an ``@handle``
in the text, is the account's or a known contact's; a contact's email address
appears. These are exact. An alias as a whole word is only probable: it goes to
PR's triage, never straight to a rep. A name that merely looks like an account's
is a suggestion, shown in triage and never used alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from db.enums import IdentifierKind
from desktop.listening.identifiers import (
    PLATFORM_DOMAINS,
    normalise_alias,
    normalise_handle,
    registrable_domain,
)

EXACT, PROBABLE, SUGGESTION = "exact", "probable", "suggestion"
STRENGTH: dict[str, float] = {EXACT: 1.0, PROBABLE: 0.6, SUGGESTION: 0.3}
#: Where anyone posts or writes: a link there names no account.
NEWS_DOMAINS = frozenset({
    "reuters.com", "bloomberg.com", "wsj.com", "nytimes.com", "ft.com", "bbc.co.uk",
    "bbc.com", "theguardian.com", "forbes.com", "techcrunch.com", "theverge.com",
    "wired.com", "cnbc.com", "cnn.com", "businessinsider.com", "zdnet.com", "venturebeat.com",
    "medium.com", "substack.com", "wordpress.com", "blogspot.com", "news.ycombinator.com",
    "ycombinator.com", "prnewswire.com", "businesswire.com", "globenewswire.com",
    "github.com", "google.com", "bit.ly", "apple.com", "spotify.com",
})
FREE_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com",
    "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net",
    "web.de", "mail.com", "yandex.ru", "zoho.com",
})
IGNORED_DOMAINS = frozenset(PLATFORM_DOMAINS) | NEWS_DOMAINS | FREE_MAIL_DOMAINS
FUZZY_FROM = 0.86
_URL = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)
_AT = re.compile(r"(?<![\w@])@([A-Za-z0-9_.]{2,60})")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class MentionText:
    """What matching reads of a mention."""

    link: str = ""
    domain: str = ""
    platform: str = ""
    author: str = ""
    author_handle: str = ""
    source: str = ""
    title: str = ""
    excerpt: str = ""
    links: str = ""

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.excerpt}".strip()


@dataclass(frozen=True)
class Match:
    customer_id: int
    account_name: str
    strength: str  # EXACT, PROBABLE or SUGGESTION
    kind: str  # "domain", "handle", "contact", "alias", "name"
    identifier: str  # the identifier that matched, as stored
    explanation: str


@dataclass(frozen=True)
class Outcome:
    """What matching decided: the account when it is sure, else why triage."""

    customer_id: int | None
    strength: str  # of the best match, "" for none
    matches: tuple[Match, ...]
    triage_reason: str = ""

    @property
    def best(self) -> Match | None:
        return next((m for m in self.matches if m.customer_id == self.customer_id), None) \
            if self.customer_id is not None else (self.matches[0] if self.matches else None)

    @property
    def explanation(self) -> str:
        lines = [m.explanation for m in self.matches]
        if self.triage_reason:
            lines.append(self.triage_reason)
        return "\n".join(lines)


def word_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase as whole words, any spacing, any case."""
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


class AccountIndex:
    """The team's identifiers, read once per import, looked up per mention."""

    def __init__(self, names: dict[int, str],
                 identifiers: Iterable[tuple[int, IdentifierKind, str, str, int | None]],
                 contacts: dict[int, str] | None = None) -> None:
        self.names = names
        self.contacts = contacts or {}
        self.domains: dict[str, int] = {}
        self.handles: dict[tuple[str, str], tuple[int, int | None]] = {}
        self.emails: dict[str, int] = {}
        self.aliases: list[tuple[re.Pattern[str], str, int]] = []
        for customer_id, kind, platform, value, contact_id in identifiers:
            kind = IdentifierKind(kind)
            if kind == IdentifierKind.DOMAIN:
                self.domains[value] = customer_id
            elif kind == IdentifierKind.HANDLE:
                self.handles[(platform, value)] = (customer_id, contact_id)
            elif kind == IdentifierKind.CONTACT:
                self.emails[value] = customer_id
            else:
                self.aliases.append((word_pattern(value), value, customer_id))
        self._fuzzy = [(normalise_alias(name), cid) for cid, name in names.items()]

    @classmethod
    def load(cls, session: Session) -> AccountIndex:
        names = dict(session.execute(select(m.Customer.id, m.Customer.name)).all())
        ident = m.AccountIdentifier
        rows = session.execute(select(ident.customer_id, ident.kind, ident.platform, ident.value,
                                      ident.contact_id)).all()
        contacts = dict(session.execute(select(m.AccountContact.id, m.AccountContact.name)).all())
        return cls(names, [tuple(r) for r in rows], contacts)

    # --- the rules ----------------------------------------------------------------------
    def _domain_matches(self, mention: MentionText) -> list[Match]:
        found: list[Match] = []
        places = [("the mention's own site", mention.domain or mention.link)]
        places += [("a link in it", link) for link in _links(mention)]
        seen: set[str] = set()
        for where, text in places:
            domain = registrable_domain(text)
            if not domain or domain in IGNORED_DOMAINS or domain in seen:
                continue
            seen.add(domain)
            if domain in self.domains:
                cid = self.domains[domain]
                shown = text if text.startswith("http") else domain
                found.append(Match(cid, self.names[cid], EXACT, "domain", domain,
                                   f"Domain: {where} ({shown}) is on {domain}, the domain of "
                                   f"{self.names[cid]}."))
        return found

    def _handle_matches(self, mention: MentionText) -> list[Match]:
        found: list[Match] = []
        platform = mention.platform
        candidates = []
        if mention.author_handle:
            candidates.append(("the author", normalise_handle(mention.author_handle)))
        candidates += [("named in the text", h.lower()) for h in _AT.findall(mention.text)]
        for where, handle in candidates:
            hit = self.handles.get((platform, handle))
            if hit is None:
                continue
            cid, contact_id = hit
            whose = (f"{self.contacts.get(contact_id, 'a contact')}, a contact at "
                     f"{self.names[cid]}") if contact_id else self.names[cid]
            found.append(Match(cid, self.names[cid], EXACT, "handle", f"{platform}:{handle}",
                               f"Handle: @{handle} on {platform}, {where}, is {whose}."))
        for email in {e.lower() for e in _EMAIL.findall(mention.text)}:
            if email in self.emails:
                cid = self.emails[email]
                found.append(Match(cid, self.names[cid], EXACT, "contact", email,
                                   f"Contact: {email} is a contact at {self.names[cid]}."))
        return found

    def _alias_matches(self, mention: MentionText) -> list[Match]:
        text = mention.text
        return [Match(cid, self.names[cid], PROBABLE, "alias", alias,
                      f"Alias: the text says '{alias}', which {self.names[cid]} goes by "
                      "(probable: PR confirms it).")
                for pattern, alias, cid in self.aliases if pattern.search(text)]

    def _fuzzy_matches(self, mention: MentionText) -> list[Match]:
        found = []
        for label in {mention.author, mention.source}:
            key = normalise_alias(label)
            if len(key) < 3:
                continue
            for name, cid in self._fuzzy:
                alike = SequenceMatcher(None, key, name)
                if alike.real_quick_ratio() < FUZZY_FROM or alike.quick_ratio() < FUZZY_FROM:
                    continue  # the cheap upper bounds: most names are nothing alike
                ratio = alike.ratio()
                if ratio >= FUZZY_FROM:
                    found.append(Match(cid, self.names[cid], SUGGESTION, "name", label,
                                       f"Suggestion: '{label}' looks like {self.names[cid]} "
                                       f"({ratio:.0%} alike); not used without a person."))
        return found

    def match(self, mention: MentionText) -> Outcome:
        """The account, or triage: probable matches, two accounts, or none at all."""
        exact = _unique(self._domain_matches(mention) + self._handle_matches(mention))
        accounts = sorted({x.customer_id for x in exact})
        if len(accounts) == 1:
            return Outcome(accounts[0], EXACT, tuple(exact))
        if len(accounts) > 1:
            names = " and ".join(self.names[c] for c in accounts)
            return Outcome(None, EXACT, tuple(exact),
                           f"Triage: the mention matches {names}; PR chooses the account.")
        probable = _unique(self._alias_matches(mention))
        suggestions = _unique(self._fuzzy_matches(mention))
        if probable:
            return Outcome(None, PROBABLE, tuple(probable + suggestions),
                           "Triage: an alias is only probable; PR confirms the account.")
        if suggestions:
            return Outcome(None, SUGGESTION, tuple(suggestions),
                           "Triage: no identifier matched, only a name that looks alike.")
        return Outcome(None, "", (), "Triage: no account's identifier is in the mention.")


def _links(mention: MentionText) -> list[str]:
    links = [link for link in re.split(r"[\s,;|]+", mention.links) if link]
    links += _URL.findall(mention.text)
    if mention.author_handle.startswith("http"):
        links.append(mention.author_handle)
    return links


def _unique(matches: Sequence[Match]) -> list[Match]:
    seen: set[tuple[int, str, str]] = set()
    result = []
    for match in matches:
        key = (match.customer_id, match.kind, match.identifier)
        if key not in seen:
            seen.add(key)
            result.append(match)
    return result


def mention_text(row: m.Mention) -> MentionText:
    return MentionText(row.link, row.domain, row.platform, row.author, row.author_handle,
                       row.source, row.title, row.excerpt, row.links)

