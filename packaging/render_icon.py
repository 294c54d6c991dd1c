"""Render the app icon: resources/icons/bra-desktop.svg to .png (Linux, the .desktop file) and .ico (Windows).

    .venv/bin/python packaging/render_icon.py

The SVG is the source; the .png and .ico are committed so a build needs no display or extra
tools, and are regenerated with this script whenever the SVG changes (never edited by hand).
The .ico holds the sizes Windows asks for (16 to 256 px): up to 64 px as 32-bit BMP with alpha,
128 and 256 px as PNG, which Windows has read since Vista. Output is byte-for-byte reproducible.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SOURCE = ICONS / "bra-desktop.svg"
PNG_SIZE = 256
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def encode(image: QImage, image_format: str) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, image_format):
        raise RuntimeError(f"Qt could not write {image_format} (is its image format plugin installed?)")
    buffer.close()
    return bytes(data.data())


def bmp_entry(image: QImage) -> bytes:
    """A 32-bit icon bitmap: BITMAPINFOHEADER (height doubled for the mask), BGRA rows bottom-up,
    then the 1-bit AND mask (set where fully transparent), rows padded to 4 bytes."""
    side = image.width()
    pixels = image.convertToFormat(QImage.Format.Format_ARGB32)  # BGRA in memory on little-endian
    header = struct.pack("<IiiHHIIiiII", 40, side, 2 * side, 1, 32, 0, 0, 0, 0, 0, 0)
    rows, mask = [], []
    mask_stride = ((side + 31) // 32) * 4
    for y in reversed(range(side)):
        rows.append(bytes(pixels.constScanLine(y))[: 4 * side])
        bits = bytearray(mask_stride)
        for x in range(side):
            if pixels.pixelColor(x, y).alpha() == 0:
                bits[x // 8] |= 0x80 >> (x % 8)
        mask.append(bytes(bits))
    return header + b"".join(rows) + b"".join(mask)


def ico_entry(image: QImage) -> bytes:
    """The image data of one icon entry: PNG from 128 px, a bitmap below."""
    return encode(image, "PNG") if image.width() >= 128 else bmp_entry(image)


def write_ico(images: list[QImage], path: Path) -> None:
    """An ICO file: a header, one 16-byte directory entry per image, then the images' data."""
    entries = [ico_entry(image) for image in images]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    directory = b""
    for image, data in zip(images, entries):
        side = image.width() if image.width() < 256 else 0  # 0 means 256
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    path.write_bytes(header + directory + b"".join(entries))


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter needs it)
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"Not a valid SVG: {SOURCE}")
    png = ICONS / "bra-desktop.png"
    if not render(renderer, PNG_SIZE).save(str(png), "PNG"):
        raise SystemExit(f"Could not write {png}")
    write_ico([render(renderer, size) for size in ICO_SIZES], ICONS / "bra-desktop.ico")
    print(f"Wrote {png} and {ICONS / 'bra-desktop.ico'} ({', '.join(map(str, ICO_SIZES))} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
