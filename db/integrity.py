"""Which integrity check a file gets on open: the full one, unless this computer already
ran it on exactly this state of the file.

``PRAGMA quick_check`` does not compare indexes with their tables, so a file whose
index lost a row passes it, opens read-write and is written to. The full
``integrity_check`` finds that, and costs a read of the whole file; so a passed
full check is remembered per file, keyed on the file's size, its modification
time and SQLite's file change counter (which every committed write increments),
and the next open of an unchanged file runs the quick check only. Any write,
from any computer, changes the key and brings the full check back.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

CACHE_NAME = "integrity-checked.json"
KEEP_ENTRIES = 200


def cache_file() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("CommonGround", appauthor=False)) / CACHE_NAME


def file_state(path: Path, header: bytes) -> str:
    """Size, modification time and change counter: what any committed write changes."""
    status = path.stat()
    counter = int.from_bytes(header[24:28], "big") if len(header) >= 28 else -1
    return f"{status.st_size}:{status.st_mtime_ns}:{counter}"


def _load(cache: Path) -> dict[str, str]:
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def checked_before(path: Path, header: bytes, cache: Path | None = None) -> bool:
    """A full check passed on this very state of the file, on this computer."""
    return _load(cache or cache_file()).get(str(path.resolve())) == file_state(path, header)


def remember_passed(path: Path, header: bytes, cache: Path | None = None) -> None:
    """Note that the full check passed; a cache that cannot be written costs a re-check only."""
    cache = cache or cache_file()
    entries = _load(cache)
    entries.pop(str(path.resolve()), None)
    entries[str(path.resolve())] = file_state(path, header)
    entries = dict(list(entries.items())[-KEEP_ENTRIES:])
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_name(f"{cache.name}.{os.getpid()}")
        partial.write_text(json.dumps(entries), encoding="utf-8")
        partial.replace(cache)
    except OSError:
        pass
