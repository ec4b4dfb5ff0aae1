"""UI state kept in QSettings: recent files, window layout, who you are per file.

Team data never lives here; only what belongs to this person on this machine.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

MAX_RECENT = 8


def _settings() -> QSettings:
    return QSettings()


def recent_files() -> list[str]:
    value = _settings().value("recent_files", [])
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value or []]


def remember_recent(target: str) -> list[str]:
    files = [target] + [f for f in recent_files() if f != target]
    files = files[:MAX_RECENT]
    _settings().setValue("recent_files", files)
    return files


def _identity_key(target: str) -> str:
    return "identity/" + target.replace("/", "|").replace("\\", "|")


def remembered_person(target: str) -> int | None:
    value = _settings().value(_identity_key(target))
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def remember_person(target: str, person_id: int) -> None:
    _settings().setValue(_identity_key(target), person_id)


def last_folder() -> str:
    return str(_settings().value("last_folder", ""))


def remember_folder(folder: str) -> None:
    _settings().setValue("last_folder", folder)


def restore_bytes(key: str) -> bytes | None:
    value = _settings().value(key)
    return bytes(value) if value else None


def save_value(key: str, value: object) -> None:
    _settings().setValue(key, value)


def load_value(key: str, default: object = None) -> object:
    return _settings().value(key, default)


def keep_in(folder: str) -> None:
    """This process's settings live in ``folder`` from now on (self-test, screenshots):
    the person's own recent files, window layout and identities stay as they were."""
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, folder)
