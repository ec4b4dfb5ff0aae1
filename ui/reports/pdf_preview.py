"""Pictures of a PDF's first pages for the in-app preview, drawn by pdfium.

Safe off the GUI thread: it makes ``QImage``s (never ``QPixmap``s) and holds no
widget. pdfium is not re-entrant, so one preview is drawn at a time.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtGui import QImage

_lock = threading.Lock()


def page_images(path: Path, pages: int, width: int) -> list[QImage]:
    """The first ``pages`` pages, each ``width`` pixels wide."""
    with _lock:
        document = pdfium.PdfDocument(str(path))
        try:
            images = []
            for number in range(min(pages, len(document))):
                page = document[number]
                scale = width / page.get_width()
                picture = page.render(scale=scale).to_pil().convert("RGB")
                data = picture.tobytes()
                images.append(QImage(data, picture.width, picture.height, 3 * picture.width,
                                     QImage.Format_RGB888).copy())
                page.close()
            return images
        finally:
            document.close()
