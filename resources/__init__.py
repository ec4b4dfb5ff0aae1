"""Icons, style sheets, fonts and demo data, found wherever the app is installed."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    return files(__name__).joinpath(*parts)
