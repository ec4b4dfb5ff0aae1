"""The areas of the sidebar, in order. Pages are built on first view, so start-up
loads only what the first page shows."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class PageSpec:
    name: str
    title: str
    module: str
    class_name: str

    def load(self) -> type:
        return getattr(importlib.import_module(self.module), self.class_name)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("goals", QT_TRANSLATE_NOOP("pages", "Goals"), "ui.goals.goals_page", "GoalsPage"),
    PageSpec("board", QT_TRANSLATE_NOOP("pages", "Board"), "ui.board.board_page", "BoardPage"),
    PageSpec("meetings", QT_TRANSLATE_NOOP("pages", "Meetings"), "ui.meetings.meetings_page", "MeetingsPage"),
    PageSpec("events", QT_TRANSLATE_NOOP("pages", "Team events"), "ui.events.events_page", "EventsPage"),
    PageSpec("stories", QT_TRANSLATE_NOOP("pages", "Customer stories"), "ui.stories.stories_page",
             "StoriesPage"),
    PageSpec("analytics", QT_TRANSLATE_NOOP("pages", "Analytics"), "ui.results.analytics_page",
             "AnalyticsPage"),
    PageSpec("reports", QT_TRANSLATE_NOOP("pages", "Reports"), "ui.reports.reports_page", "ReportsPage"),
    PageSpec("listening", QT_TRANSLATE_NOOP("pages", "Signals"), "ui.listening.signals_page",
             "SignalsPage"),
    PageSpec("media", QT_TRANSLATE_NOOP("pages", "Media relations"), "ui.media.media_page",
             "MediaPage"),
)
