"""The Qt binding the app runs on can take a long working session.

PySide6 6.12.0 lost a reference to ``None`` on each call of a method that returns
nothing (``processEvents``, ``QTimer.start`` ...). On Python 3.11 ``None`` is an
ordinary object, so after enough keystrokes and timers the interpreter stops with
"deallocating None". pyproject.toml excludes that release; this test fails on
any release with the same fault.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

pytestmark = pytest.mark.gui

CALLS = 200


@pytest.mark.parametrize("call", ["processEvents", "event loop", "timer start"])
def test_calls_that_return_nothing_keep_none_alive(qapp, call: str) -> None:  # noqa: ANN001
    loop, timer = QEventLoop(), QTimer()
    action = {"processEvents": lambda: QCoreApplication.processEvents(),
              "event loop": lambda: loop.processEvents(),
              "timer start": lambda: timer.start(1000)}[call]
    action()  # anything made once, on first use, is made now
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        action()
    lost = before - sys.getrefcount(None)
    timer.stop()
    assert lost < CALLS // 2, f"{call} lost {lost} references to None in {CALLS} calls"
