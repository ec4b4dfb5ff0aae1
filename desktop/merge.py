"""Building the values to save after a conflict, field by field.

A ``ConflictError`` carries the stored values in plain form (enum values, ISO
dates); ``take_theirs`` puts the chosen ones back into a service's input
dataclass with the right types, so a page can save the person's choice.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import date, datetime
from typing import Any


def _typed(kind: Any, value: Any) -> Any:
    """Convert a plain value back to ``kind`` (a field's type hint)."""
    if value is None:
        return None
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        kind = options[0] if len(options) == 1 else Any
    if isinstance(kind, type):
        if issubclass(kind, enum.Enum):
            return kind(value)
        if kind is datetime and isinstance(value, str):
            return datetime.fromisoformat(value)
        if kind is date and isinstance(value, str):
            return date.fromisoformat(value)
        if kind is float and isinstance(value, int):
            return float(value)
        if kind is tuple and isinstance(value, list):
            return tuple(value)
    return value


def take_theirs[Input](data: Input, stored: dict[str, Any], fields: typing.Iterable[str]) -> Input:
    """``data`` with ``fields`` replaced by the stored (the other person's) values."""
    hints = typing.get_type_hints(type(data))
    names = {f.name for f in dataclasses.fields(data)}  # type: ignore[arg-type]
    changes = {name: _typed(hints.get(name, Any), stored[name])
               for name in fields if name in names and name in stored}
    return dataclasses.replace(data, **changes)  # type: ignore[type-var]
