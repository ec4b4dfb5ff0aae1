"""What Help > About says: this app's version and licence, and the libraries it stands on.

Versions come from the installed packages' metadata (``build.spec`` copies
it into the installed app for exactly these distributions), so the dialog
always names what is really running.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

APP_DISTRIBUTION = "commonground"
APP_LICENCE = "MIT"


@dataclass(frozen=True)
class Library:
    name: str
    distribution: str  # as pip knows it, for its version
    licence: str
    does: str

    @property
    def version(self) -> str:
        return installed_version(self.distribution)


LIBRARIES: tuple[Library, ...] = (
    Library("Qt for Python (PySide6)", "PySide6-Essentials", "LGPL-3.0", "the windows"),
    Library("SQLAlchemy", "SQLAlchemy", "MIT", "the team file"),
    Library("Alembic", "alembic", "MIT", "schema upgrades"),
    Library("matplotlib", "matplotlib", "Matplotlib licence (PSF-based)", "the charts"),
    Library("ReportLab", "reportlab", "BSD", "the PDF report"),
    Library("python-bidi", "python-bidi", "LGPL-3.0", "right-to-left names in the report"),
    Library("arabic-reshaper", "arabic-reshaper", "MIT", "Arabic names in the report"),
    Library("icalendar", "icalendar", "BSD-2-Clause", "calendar files"),
    Library("recurring-ical-events", "recurring-ical-events", "LGPL-3.0", "repeating events"),
    Library("openpyxl", "openpyxl", "MIT", "Excel imports"),
    Library("psycopg", "psycopg", "LGPL-3.0", "PostgreSQL"),
    Library("platformdirs", "platformdirs", "MIT", "where files are kept"),
)
#: Shipped with the app rather than installed: named for their licences.
BUNDLED = (("DejaVu Sans fonts", "Bitstream Vera licence (free to embed)", "the PDF's typeface"),
           ("Droid Sans Fallback font", "Apache-2.0", "Chinese, Japanese and Korean in the PDF"))


def installed_version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "unknown"


def app_version() -> str:
    return installed_version(APP_DISTRIBUTION)


def metadata_distributions() -> tuple[str, ...]:
    """Every distribution whose metadata the installed app needs (see ``build.spec``)."""
    return (APP_DISTRIBUTION, *(library.distribution for library in LIBRARIES))
