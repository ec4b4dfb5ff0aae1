"""Results as the Analytics tests put them in the file, and the import dialog as a person
accepts it."""

from __future__ import annotations

from datetime import date, datetime

from db import models as m


def add_records(uow, channel: str, when: datetime, content: str, author: str = "",
                **metrics: float) -> None:
    """One record per metric of one piece of content on a channel, at ``when``."""
    with uow.write() as session:
        for metric, value in metrics.items():
            session.add(m.MetricRecord(occurred_at=when, channel=channel, content=content,
                                       metric=metric, value=value, author=author))


def accept_import_dialog(monkeypatch, **period: date) -> list[dict[str, object]]:
    """Accept the import dialog as it opens (with the ``start`` and ``end`` of a period,
    when given); what it showed is kept (it is gone after)."""
    from person import wait_for_save

    from ui.results.import_dialog import ImportDialog

    shown: list[dict[str, object]] = []

    def exec_(dialog: ImportDialog) -> int:
        shown.append({"profile": dialog.profile_box.currentText(),
                      "asks_period": dialog.period_box.isEnabled(),
                      "start": dialog.period_start.date().toPython()})
        if period:
            dialog.period_start.setDate(period["start"])
            dialog.period_end.setDate(period["end"])
        dialog.accept()
        wait_for_save(dialog)
        return dialog.result()

    monkeypatch.setattr(ImportDialog, "exec", exec_)
    return shown
