"""The report's own flowables: headings that feed the contents and bookmarks, a progress
bar for goals, a chart image, and the invisible page counter behind "page N of M"."""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib.utils import ImageReader
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from desktop.report.figures import ASPECT
from desktop.report.fonts import as_markup
from desktop.report.styles import ACCENT, BAR_EMPTY, GOOD, styles


class Heading(Paragraph):
    """A heading of plain text; ``level`` 0 goes into the contents, every level into the
    PDF's bookmarks."""

    def __init__(self, plain: str, level: int = 0) -> None:
        super().__init__(as_markup(plain), styles()["h1" if level == 0 else "h2"])
        self.plain = plain
        self.level = level


def subheading(plain: str, room: float = 110) -> list[Flowable]:
    """A level-1 heading that starts a new page when fewer than ``room`` points are left,
    so it never stands alone at the foot of a page (a long table after it still splits)."""
    return [CondPageBreak(room), Heading(plain, level=1)]


class ProgressBar(Flowable):
    """How far a goal got: filled to ``share`` (capped at the end), green once met."""

    def __init__(self, share: float, met: bool, width: float = 90, height: float = 7) -> None:
        super().__init__()
        self.share, self.met = max(0.0, share), met
        self.width, self.height = width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(BAR_EMPTY)
        canvas.roundRect(0, 0, self.width, self.height, 2, stroke=0, fill=1)
        filled = self.width * min(1.0, self.share)
        if filled > 0:
            canvas.setFillColor(GOOD if self.met else ACCENT)
            canvas.roundRect(0, 0, max(filled, 2.5), self.height, 2, stroke=0, fill=1)


class Chart(Flowable):
    """A chart in the space kept for it, drawn only once the page count is known.

    The first layout pass only measures (its output is thrown away, because the
    contents and "page N of M" are not known yet): it neither waits for the chart,
    still being drawn in a chart process, nor compresses its pixels.
    """

    def __init__(self, image: Callable[[], bytes], width: float) -> None:
        super().__init__()
        self._image = image
        self.width, self.height = width, width * ASPECT

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        document = getattr(self.canv, "_doctemplate", None)
        counter = getattr(document, "page_count", None)
        if counter is None or counter.pages:
            picture = ImageReader(io.BytesIO(self._image()))
            self.canv.drawImage(picture, 0, 0, self.width, self.height,
                                preserveAspectRatio=True, anchor="c")


class PageCount(Flowable):
    """Zero-sized, at the very end of the story: it learns the last page number, and
    keeps the document building until the footers have used the right one."""

    def __init__(self) -> None:
        super().__init__()
        self.pages = 0  # what the footers print as "of N"
        self._printed = -1
        self._seen = 0

    def isIndexing(self) -> int:  # noqa: N802 - reportlab's name
        return 1

    def isSatisfied(self) -> int:  # noqa: N802
        return int(self._printed == self.pages)

    def beforeBuild(self) -> None:  # noqa: N802
        self._printed = self.pages

    def notify(self, kind: str, stuff: object) -> None:
        """Indexing flowables hear every entry; the page count needs none."""

    def afterBuild(self) -> None:  # noqa: N802
        self.pages = self._seen

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self._seen = self.canv.getPageNumber()
