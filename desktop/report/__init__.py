"""The business case: a PDF report that management reads in five minutes.

- ``request``: what a report covers (``ReportRequest``, ``quarter_period``, ``range_period``).
- ``report_data``: every figure, nothing drawn (``compute_report``).
- ``builder``: the charts, drawn once each, and the PDF (``build_report``, ``render_report``).
- ``command``: ``commonground report``.

Nothing is imported here, so the command line can list its commands without
loading reportlab and matplotlib.
"""
