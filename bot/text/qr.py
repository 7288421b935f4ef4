"""A personal invite as a printable QR code: segno draws the code, Pillow the name under it."""

from __future__ import annotations

import io

import segno
from PIL import Image, ImageDraw, ImageFont

SCALE = 10  # pixels per module: a phone reads it off paper at arm's length
BORDER = 4  # modules of quiet zone, as the QR standard asks
LABEL_SIZE = 28  # points; the name is for the person handing out the packs


def qr_matrix(link: str) -> list[list[bool]]:
    """Return the dark (True) and light modules of the QR code for ``link``, border excluded."""
    return [[bool(v) for v in row] for row in segno.make_qr(link, error="m").matrix]


def qr_png(link: str, name: str) -> bytes:
    """Return a PNG of the QR code for ``link`` with ``name`` written under it."""
    code = segno.make_qr(link, error="m")
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=SCALE, border=BORDER)
    picture = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    font = ImageFont.load_default(size=LABEL_SIZE)
    box = ImageDraw.Draw(picture).textbbox((0, 0), name, font=font)
    left, top, right, bottom = (round(v) for v in box)
    width = max(picture.width, right - left + 2 * SCALE * BORDER)
    sheet = Image.new("L", (width, picture.height + bottom - top + SCALE * BORDER), 255)
    sheet.paste(picture, ((width - picture.width) // 2, 0))
    draw = ImageDraw.Draw(sheet)
    draw.text(((width - (right - left)) // 2 - left, picture.height - top), name, font=font)
    out = io.BytesIO()
    sheet.save(out, format="PNG")
    return out.getvalue()
