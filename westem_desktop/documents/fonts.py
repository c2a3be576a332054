"""The embedded TrueType font: DejaVu Sans (shipped in resources/fonts with its licence).

reportlab's built-in Helvetica cannot show names such as "Łucja", "Şebnem" or "Nguyễn"; DejaVu Sans
covers Latin, Greek and Vietnamese, and is embedded (subset) in every PDF.
"""

from __future__ import annotations

import functools

from westem_desktop import paths

REGULAR, BOLD, ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"


@functools.cache
def register_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = paths.resources_dir() / "fonts"
    for name in (REGULAR, BOLD, ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    # Canvases, paragraph styles, table cells (an empty cell too sets its font) and chart labels
    # start in this font, so no PDF refers to an unembedded Helvetica. reportlab reads its default
    # font name at import time, hence the class defaults set here.
    from reportlab import rl_config
    from reportlab.graphics import shapes
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus.tables import CellStyle

    rl_config.canvas_basefontname = REGULAR
    ParagraphStyle.defaults["fontName"] = REGULAR
    CellStyle.fontname = REGULAR
    shapes.STATE_DEFAULTS["fontName"] = REGULAR
