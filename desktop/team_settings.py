"""Settings that belong to the whole team and so live in the file: its name, its time zone,
the currency its costs are in."""

from __future__ import annotations

from sqlalchemy import select

from db import models as m
from db.unit_of_work import UnitOfWork
from desktop.errors import ValidationError

TEAM_NAME_KEY = "team_name"
TIMEZONE_KEY = "timezone"
CURRENCY_KEY = "currency"
DEFAULT_TIMEZONE = "UTC"


def get_setting(uow: UnitOfWork, key: str, default: str = "") -> str:
    with uow.read() as session:
        value = session.scalar(select(m.TeamSetting.value).where(m.TeamSetting.key == key))
        return default if value is None else value


def set_setting(uow: UnitOfWork, key: str, value: str) -> None:
    with uow.write() as session:
        row = session.scalar(select(m.TeamSetting).where(m.TeamSetting.key == key))
        if row is None:
            session.add(m.TeamSetting(key=key, value=value))
        else:
            row.value = value


def team_name(uow: UnitOfWork) -> str:
    return get_setting(uow, TEAM_NAME_KEY, "Our team")


def team_timezone(uow: UnitOfWork) -> str:
    return get_setting(uow, TIMEZONE_KEY, DEFAULT_TIMEZONE)


def set_team_timezone(uow: UnitOfWork, name: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"'{name}' is not a time zone; use a name like Europe/Berlin.",
                              field="timezone") from None
    set_setting(uow, TIMEZONE_KEY, name)


def team_currency(uow: UnitOfWork) -> str:
    """The currency of the team's costs ("EUR", "$"), or "" while nobody has said."""
    return get_setting(uow, CURRENCY_KEY, "")


def set_team_currency(uow: UnitOfWork, currency: str) -> None:
    """A currency code or sign as the team writes it: "EUR", "USD", "£", "kr"."""
    currency = currency.strip()
    if len(currency) > 5 or any(ch.isdigit() for ch in currency):
        raise ValidationError(f"'{currency}' is not a currency; use a code like EUR or a sign "
                              "like £.", field="currency")
    set_setting(uow, CURRENCY_KEY, currency.upper() if currency.isascii() else currency)
