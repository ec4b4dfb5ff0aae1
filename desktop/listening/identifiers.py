"""How a mention names an account, normalised so that one value means one account.

A domain is kept as its registrable domain (``shop.acme.co.uk`` and
``https://www.acme.co.uk/x`` are ``acme.co.uk``); a handle in lower case without
its ``@`` or profile link, on its platform (``twitter`` is ``x``); an alias as
words in lower case; a contact by their email address in lower case.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from db.enums import IdentifierKind
from desktop.errors import ValidationError

#: Second-level suffixes under which names are registered (``acme.co.uk``): the common
#: ones of the public suffix list, enough for the domains a team keeps for its accounts.
MULTI_LABEL_SUFFIXES = frozenset({
    "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk", "com.au", "net.au",
    "org.au", "edu.au", "gov.au", "co.nz", "org.nz", "co.jp", "ne.jp", "or.jp", "co.kr",
    "com.br", "com.mx", "com.ar", "com.cn", "com.hk", "com.sg", "com.tr", "co.in", "co.za",
    "com.pl", "co.il", "com.es", "gv.at", "co.at", "or.at",
})
#: Platforms by the domains their posts and profiles live on.
PLATFORM_DOMAINS: dict[str, str] = {
    "x.com": "x", "twitter.com": "x", "t.co": "x", "linkedin.com": "linkedin",
    "lnkd.in": "linkedin", "facebook.com": "facebook", "fb.com": "facebook",
    "instagram.com": "instagram", "youtube.com": "youtube", "youtu.be": "youtube",
    "tiktok.com": "tiktok", "reddit.com": "reddit", "threads.net": "threads",
    "bsky.app": "bluesky", "mastodon.social": "mastodon",
}
PLATFORM_NAMES: dict[str, str] = {
    "twitter": "x", "x": "x", "x (twitter)": "x", "linkedin": "linkedin",
    "facebook": "facebook", "instagram": "instagram", "youtube": "youtube",
    "tiktok": "tiktok", "reddit": "reddit", "threads": "threads", "bluesky": "bluesky",
    "mastodon": "mastodon",
}
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")
_HANDLE = re.compile(r"^[\w.\-]{1,100}$")
_EMAIL = re.compile(r"^[^@\s]+@([^@\s]+\.[^@\s]+)$")


def host_of(text: str) -> str:
    """The host a link or a bare domain names, lower case, without ``www.`` or a port."""
    text = text.strip().lower()
    if not text:
        return ""
    if "@" in text and not _SCHEME.match(text):
        text = text.rsplit("@", 1)[1]
    parts = urlsplit(text if _SCHEME.match(text) else "//" + text)
    host = (parts.hostname or "").rstrip(".")
    return host.removeprefix("www.")


def registrable_domain(text: str) -> str:
    """``https://shop.acme.co.uk/x`` -> ``acme.co.uk``; "" for what is not a domain."""
    host = host_of(text)
    if not _HOST.match(host) or host.replace(".", "").isdigit():
        return ""
    labels = host.split(".")
    keep = 3 if ".".join(labels[-2:]) in MULTI_LABEL_SUFFIXES else 2
    return ".".join(labels[-keep:])


def platform_name(text: str) -> str:
    """A platform as the tools write it (``Twitter``, ``X``, ``twitter.com``) -> ``x``."""
    key = " ".join(text.strip().lower().split())
    if key in PLATFORM_NAMES:
        return PLATFORM_NAMES[key]
    return PLATFORM_DOMAINS.get(registrable_domain(key) or key, key)


def normalise_handle(text: str) -> str:
    """``@Acme_HQ``, ``https://x.com/Acme_HQ`` -> ``acme_hq``."""
    text = text.strip()
    if "/" in text:
        path = urlsplit(text if _SCHEME.match(text) else "//" + text).path
        segments = [s for s in path.split("/") if s and s.lower() not in ("in", "company", "@")]
        text = segments[0] if segments else ""
    return text.lstrip("@").strip().lower()


def normalise_alias(text: str) -> str:
    return " ".join(text.casefold().split())


def normalise(kind: IdentifierKind, value: str, platform: str = "") -> tuple[str, str]:
    """``(platform, value)`` as stored; ``ValidationError`` for what cannot identify anyone."""
    kind = IdentifierKind(kind)
    if kind == IdentifierKind.DOMAIN:
        domain = registrable_domain(value)
        if not domain:
            raise ValidationError(f"'{value.strip()}' is not a web domain; write it like "
                                  "acme.com.", field="value")
        return "", domain
    if kind == IdentifierKind.HANDLE:
        name = platform_name(platform) if platform.strip() else ""
        if not name and "/" in value:
            name = platform_name(host_of(value))
        handle = normalise_handle(value)
        if not name:
            raise ValidationError("Say which platform the handle is on (X, LinkedIn ...).",
                                  field="platform")
        if not handle or not _HANDLE.match(handle):
            raise ValidationError(f"'{value.strip()}' is not a handle; write it like @acme.",
                                  field="value")
        return name, handle
    if kind == IdentifierKind.CONTACT:
        email = value.strip().lower()
        if not _EMAIL.match(email):
            raise ValidationError(f"'{value.strip()}' is not an email address.", field="value")
        return "", email
    alias = normalise_alias(value)
    if len(alias) < 2:
        raise ValidationError("An alias needs at least two letters.", field="value")
    return "", alias
