"""The business case: a PDF report that management reads in five minutes.

``compute_report`` gathers every figure (nothing drawn), ``build_report`` draws
the charts once each and writes the PDF; ``ReportRequest`` says what to cover.
"""

from desktop.report.builder import BuiltReport, build_report, render_report
from desktop.report.report_data import ReportCancelled, ReportData, compute_report
from desktop.report.request import (
    ALL_SECTIONS,
    SECTIONS,
    Period,
    ReportRequest,
    campaign_ids_named,
    quarter_period,
    range_period,
)

__all__ = [
    "ALL_SECTIONS",
    "SECTIONS",
    "BuiltReport",
    "Period",
    "ReportCancelled",
    "ReportData",
    "ReportRequest",
    "build_report",
    "campaign_ids_named",
    "compute_report",
    "quarter_period",
    "range_period",
    "render_report",
]
