"""Listening: response-time deadlines in business days of the team's time zone, across a
weekend and a time-zone edge, and the breaches they make."""

from __future__ import annotations

from datetime import datetime

import pytest

from db.enums import Urgency
from desktop.errors import ValidationError
from desktop.listening.response_times import add_business_days, breaches, deadlines, parse_tiers


def test_a_friday_afternoon_signal_is_due_on_monday() -> None:
    assert add_business_days(datetime(2026, 12, 4, 16), 1) == datetime(2026, 12, 7, 16)
    assert add_business_days(datetime(2026, 12, 4, 16), 2) == datetime(2026, 12, 8, 16)


def test_a_weekend_signal_counts_from_mondays_start() -> None:
    assert add_business_days(datetime(2026, 12, 5, 11), 1) == datetime(2026, 12, 8, 0)


def test_hot_is_one_day_to_acknowledge_and_two_to_contact_in_the_teams_zone() -> None:
    # Friday 2026-12-04 23:30 UTC is Saturday 00:30 in Berlin: it counts from Monday.
    due = deadlines(datetime(2026, 12, 4, 23, 30), Urgency.HOT, "Europe/Berlin")
    assert due.acknowledge_by == datetime(2026, 12, 7, 23)  # Tuesday 00:00 Berlin
    assert due.contact_by == datetime(2026, 12, 8, 23)
    # The same moment in New York is Friday 18:30: due Monday 18:30 there.
    due = deadlines(datetime(2026, 12, 4, 23, 30), Urgency.HOT, "America/New_York")
    assert due.acknowledge_by == datetime(2026, 12, 7, 23, 30)


def test_warm_is_three_and_five_days_and_cool_has_no_deadline() -> None:
    due = deadlines(datetime(2026, 12, 1, 9), Urgency.WARM, "UTC")
    assert (due.acknowledge_by, due.contact_by) == (datetime(2026, 12, 4, 9),
                                                    datetime(2026, 12, 8, 9))
    assert deadlines(datetime(2026, 12, 1, 9), Urgency.COOL, "UTC").acknowledge_by is None


def test_breaches_count_late_steps_and_overdue_ones() -> None:
    routed = datetime(2026, 12, 4, 16)  # Friday
    assert breaches(routed, None, None, Urgency.HOT, "UTC", datetime(2026, 12, 7, 15)) == ()
    assert breaches(routed, None, None, Urgency.HOT, "UTC", datetime(2026, 12, 7, 17)) == (
        "acknowledge",)
    assert breaches(routed, datetime(2026, 12, 7, 10), datetime(2026, 12, 9, 9), Urgency.HOT,
                    "UTC", datetime(2026, 12, 10)) == ("contact",)


def test_the_team_setting_overrides_the_defaults_and_bad_text_is_explained() -> None:
    assert parse_tiers("hot=2/3")[Urgency.HOT] == (2, 3)
    assert parse_tiers("")[Urgency.WARM] == (3, 5)
    with pytest.raises(ValidationError, match="hot=1/2"):
        parse_tiers("hot=fast")
