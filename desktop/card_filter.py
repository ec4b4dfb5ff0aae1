"""Board filters that combine, as a value: the page shows it, tests check it."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from enum import StrEnum

from db.enums import CardKind, CommonGroundTag, Team
from desktop.board import Card


class DueWindow(StrEnum):
    ANY = "any"
    OVERDUE = "overdue"
    THIS_WEEK = "this_week"
    NEXT_30_DAYS = "next_30_days"
    NO_DATE = "no_date"


@dataclass(frozen=True)
class CardFilter:
    """Every field left at its default lets every card through; set fields all must match."""

    text: str = ""
    campaign_id: int | None = None
    team: Team | None = None
    owner_id: int | None = None
    goal_id: int | None = None
    tag: CommonGroundTag | None = None
    kind: CardKind | None = None
    due: DueWindow = DueWindow.ANY
    pilots_only: bool = False
    without_goal: bool = False

    def __post_init__(self) -> None:
        """Take a vocabulary's plain value (as Qt hands it back) for its member."""
        for name, kind in (("team", Team), ("tag", CommonGroundTag), ("kind", CardKind),
                           ("due", DueWindow)):
            value = getattr(self, name)
            if value is not None and not isinstance(value, kind):
                object.__setattr__(self, name, kind(value))

    @property
    def active(self) -> bool:
        return self != CardFilter()

    def cleared(self) -> CardFilter:
        return CardFilter()

    def but(self, **changes: object) -> CardFilter:
        return replace(self, **changes)

    def active_fields(self) -> list[str]:
        default = CardFilter()
        return [f.name for f in fields(self) if getattr(self, f.name) != getattr(default, f.name)]

    def matcher(self, today: date):  # noqa: ANN201 - Callable[[Card], bool]
        """A fast predicate: the checks that are set, nothing else, in one closure."""
        checks = []
        words = self.text.casefold().split()
        if len(words) == 1:
            word = words[0]
            checks.append(lambda c: word in search_text(c))
        elif words:
            checks.append(lambda c: all(w in search_text(c) for w in words))
        for name in ("campaign_id", "team", "owner_id", "goal_id", "kind"):
            wanted = getattr(self, name)
            if wanted is not None:
                checks.append(lambda c, n=name, v=wanted: getattr(c, n) == v)
        if self.tag is not None:
            checks.append(lambda c, t=self.tag: t in c.tags)
        if self.pilots_only:
            checks.append(lambda c: c.pilot)
        if self.without_goal:
            checks.append(lambda c: c.goal_id is None)
        if self.due != DueWindow.ANY:
            checks.append(_due_check(self.due, today))
        if len(checks) == 1:
            return checks[0]
        return lambda card: all(check(card) for check in checks)

    def apply(self, cards: list[Card], today: date | None = None) -> list[Card]:
        if not self.active:
            return list(cards)
        matches = self.matcher(today or date.today())
        return [card for card in cards if matches(card)]


_FOLDED: dict[tuple[int, int, str, str], str] = {}


def search_text(card: Card) -> str:
    """What the text search looks in, folded once per card, not once per keystroke."""
    key = (card.id, card.version, card.title, card.notes)  # str hashes are cached by Python
    text = _FOLDED.get(key)
    if text is None:
        if len(_FOLDED) > 500_000:
            _FOLDED.clear()
        text = _FOLDED[key] = f"{card.title}\n{card.notes}".casefold()
    return text


def _due_check(window: DueWindow, today: date):  # noqa: ANN202
    if window == DueWindow.OVERDUE:
        return lambda c: c.overdue(today)
    if window == DueWindow.THIS_WEEK:
        end = today + timedelta(days=6 - today.weekday())
        return lambda c: c.due_on is not None and today <= c.due_on <= end
    if window == DueWindow.NEXT_30_DAYS:
        end = today + timedelta(days=30)
        return lambda c: c.due_on is not None and today <= c.due_on <= end
    if window == DueWindow.NO_DATE:
        return lambda c: c.due_on is None
    raise ValueError(f"unknown due window {window!r}")
