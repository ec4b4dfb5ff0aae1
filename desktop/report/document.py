"""The page furniture: a cover without header, body pages with a running header and
"page N of M", the contents, the PDF's bookmarks and its title and author."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.tableofcontents import TableOfContents

from desktop.report.flowables import Heading, PageCount
from desktop.report.fonts import BOLD, REGULAR, as_markup, draw, text_width
from desktop.report.styles import ACCENT, MARGIN, MUTED, PAGE, RULE, styles

HEADER_GAP = 10 * mm
# Binary streams: a third smaller than ASCII85, and without the pure-Python encoder that
# otherwise takes most of the time of laying out a report with charts.
rl_config.useA85 = 0


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` points."""
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class ReportDocument(BaseDocTemplate):
    """Lay out with ``multiBuild`` so the contents and the page count settle."""

    def __init__(self, target: Path | Any, *, title: str, author: str, subject: str,
                 header_right: str, footer_left: str) -> None:
        super().__init__(target, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN + HEADER_GAP, bottomMargin=MARGIN + 6 * mm,
                         title=title, author=author, subject=subject,
                         creator="Common Ground", producer="Common Ground (reportlab)")
        self.header_left, self.header_right, self.footer_left = title, header_right, footer_left
        self.page_count = PageCount()
        self.contents = TableOfContents(levelStyles=[styles()["toc1"]], dotsMinLevel=0)
        self._headings = 0
        cover_frame = Frame(MARGIN, MARGIN, PAGE[0] - 2 * MARGIN, PAGE[1] - 2 * MARGIN - 30 * mm,
                            id="cover")
        body_frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate("cover", [cover_frame], onPage=self._cover_page),
                               PageTemplate("body", [body_frame], onPage=self._body_page)])

    # --- page furniture ---------------------------------------------------------
    def _cover_page(self, canvas: Any, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(0, PAGE[1] - 22 * mm, PAGE[0], 22 * mm, stroke=0, fill=1)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.setFont(BOLD, 11)
        canvas.drawString(MARGIN, PAGE[1] - 13 * mm, "Common Ground · business case")
        canvas.restoreState()

    def _body_page(self, canvas: Any, _doc: Any) -> None:
        canvas.saveState()
        top = PAGE[1] - MARGIN
        width = PAGE[0] - 2 * MARGIN
        canvas.setFillColor(MUTED)
        # The period and scope on the right are short and never cut; the title takes
        # what is left.
        right = _fit(self.header_right, REGULAR, 8.5, width * 0.6)
        room = width - text_width(right, REGULAR, 8.5) - 6 * mm
        draw(canvas, MARGIN, top, _fit(self.header_left, BOLD, 8.5, room), BOLD, 8.5)
        draw(canvas, PAGE[0] - MARGIN, top, right, REGULAR, 8.5, right=True)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, top - 2.5 * mm, PAGE[0] - MARGIN, top - 2.5 * mm)
        bottom = MARGIN
        draw(canvas, MARGIN, bottom, _fit(self.footer_left, REGULAR, 8.5, width * 0.7), REGULAR,
             8.5)
        total = self.page_count.pages
        number = f"Page {canvas.getPageNumber()}" + (f" of {total}" if total else "")
        canvas.setFont(REGULAR, 8.5)
        canvas.drawRightString(PAGE[0] - MARGIN, bottom, number)
        canvas.restoreState()

    # --- contents and bookmarks ------------------------------------------------------
    def beforeDocument(self) -> None:  # noqa: N802 - reportlab's hook
        self._headings = 0
        self.canv.showOutline()

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - reportlab's hook
        if not isinstance(flowable, Heading):
            return
        self._headings += 1
        key = f"heading-{self._headings}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.plain, key, level=flowable.level, closed=False)
        if flowable.level == 0:
            self.notify("TOCEntry", (0, as_markup(flowable.plain), self.page, key))

    def set_progress(self, report: Callable[[str, int], None]) -> None:
        """``report(kind, value)`` while laying out; it may raise to stop the build."""
        self.setProgressCallBack(report)
