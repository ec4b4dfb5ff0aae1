from datetime import date

from db.enums import CardKind, CommonGroundTag, Stage, Team
from desktop.board import Card
from desktop.card_filter import CardFilter, DueWindow

TODAY = date(2026, 11, 22)  # a Sunday
CARDS = [
    Card(1, 1, "Survey press release", CardKind.PRESS_RELEASE, Stage.REVIEW, Team.PR, 1.0,
         campaign_id=7, owner_id=3, goal_id=9, due_on=date(2026, 11, 20),
         tags=(CommonGroundTag.MESSAGING,), notes="embargo until Tuesday"),
    Card(2, 1, "Blog: findings", CardKind.BLOG_POST, Stage.IDEA, Team.MARKETING, 1.0,
         campaign_id=7, owner_id=4, due_on=date(2026, 11, 22), pilot=True),
    Card(3, 1, "Webinar clip", CardKind.SOCIAL_POST, Stage.PUBLISHED, Team.MARKETING, 2.0,
         due_on=date(2026, 12, 10)),
]


def _ids(flt: CardFilter) -> list[int]:
    return [c.id for c in flt.apply(CARDS, TODAY)]


def test_filters_combine() -> None:
    assert _ids(CardFilter()) == [1, 2, 3]
    assert _ids(CardFilter(campaign_id=7)) == [1, 2]
    assert _ids(CardFilter(campaign_id=7, team=Team.MARKETING)) == [2]
    assert _ids(CardFilter(text="EMBARGO")) == [1]          # notes, any case
    assert _ids(CardFilter(text="blog findings")) == [2]    # every word
    assert _ids(CardFilter(tag=CommonGroundTag.MESSAGING)) == [1]
    assert _ids(CardFilter(pilots_only=True)) == [2]
    assert _ids(CardFilter(without_goal=True)) == [2, 3]
    assert _ids(CardFilter(kind=CardKind.SOCIAL_POST)) == [3]
    assert _ids(CardFilter(owner_id=3)) == [1]


def test_due_windows() -> None:
    assert _ids(CardFilter(due=DueWindow.OVERDUE)) == [1]
    assert _ids(CardFilter(due=DueWindow.THIS_WEEK)) == [2]
    assert _ids(CardFilter(due=DueWindow.NEXT_30_DAYS)) == [2, 3]
    assert _ids(CardFilter(due=DueWindow.NO_DATE)) == []


def test_the_filter_state_is_shown_and_cleared_in_one_step() -> None:
    flt = CardFilter(text="blog", pilots_only=True)
    assert flt.active and flt.active_fields() == ["text", "pilots_only"]
    assert not flt.cleared().active


def test_a_plain_value_as_qt_hands_it_back_means_its_member() -> None:
    """A combo box gives 'any', not ``DueWindow.ANY``: every dated card must still show."""
    assert _ids(CardFilter(due="any", campaign_id=7)) == [1, 2]  # both have due dates
    assert _ids(CardFilter(text="press release", due="any")) == [1]
    assert _ids(CardFilter(team="pr", due="any")) == [1]
    assert _ids(CardFilter(due="overdue")) == [1]
    assert _ids(CardFilter(kind="social_post", tag=None)) == [3]
    assert _ids(CardFilter(tag="messaging")) == [1]
    assert CardFilter(team="pr").team is Team.PR
    assert CardFilter(due="no_date").due is DueWindow.NO_DATE
    assert not CardFilter(due="any").active
