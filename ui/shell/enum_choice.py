"""Enum members in combo boxes: Qt hands a ``StrEnum`` member back as its plain string.

PySide stores a ``str`` subclass as a QString, so ``box.currentData()`` of an entry
added with ``Team.PR`` is ``'pr'``: equal to the member, but not the member, and an
``is`` comparison with it fails. Every box of enum members is read through ``chosen``.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QComboBox


def chosen[E: Enum](box: QComboBox, kind: type[E]) -> E | None:
    """The member of ``kind`` the box's current entry holds; None for an entry without one."""
    value = box.currentData()
    return None if value is None else kind(value)
