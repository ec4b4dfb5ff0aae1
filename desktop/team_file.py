"""Where team files live and how the app opens them."""

from __future__ import annotations

from pathlib import Path

from db.backup import copy_database
from db.database import Database, create_database, open_database
from db.unit_of_work import UnitOfWork

__all__ = ["Database", "UnitOfWork", "copy_database", "create_database", "demo_path",
           "open_database", "open_or_create_demo"]

APP_NAME = "CommonGround"
DEMO_FILE_NAME = "demo-team.cgdb"
FILE_SUFFIX = ".cgdb"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def demo_path() -> Path:
    return data_dir() / DEMO_FILE_NAME


def open_or_create_demo() -> Database:
    """The demo team, written on first use so the first start shows a living board."""
    path = demo_path()
    if not path.exists():
        from desktop.demo import write_demo

        path.parent.mkdir(parents=True, exist_ok=True)
        write_demo(path).dispose()
    return open_database(path)
