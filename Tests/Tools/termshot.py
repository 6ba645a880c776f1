#!/usr/bin/env python3
"""termshot: draw terminal output as a terminal would, then read the QR codes in it.

Input is what a terminal receives or shows: raw text with ANSI SGR colour sequences (for
example `keepsafe qr --format ansi`), or a `tmux capture-pane -p -e` capture. The text is
run through a terminal emulator (pyte) and the resulting cell grid is painted to a picture:
each cell's background, then its glyph in its foreground colour. Block elements (half and
full blocks) are painted as exact rectangles, so the picture has none of the gaps a font
may leave. Cells in the default colours take the theme's colours (`--theme dark|light`),
so a QR code that relies on the terminal's own background shows up as it would for a user.

Decoding uses zxing-cpp with inverted decoding switched off: a code drawn light-on-dark
is not found, exactly as many phone scanners would not find it.

Command line (stable; other tests rely on it):

    termshot.py INPUT [--cols N] [--rows N] [--theme dark|light] [--png OUT]

INPUT is a file or `-` for stdin. Prints each decoded text on its own line; exits 1 when
no QR code is found, 2 on bad usage.

As a module:

    import termshot
    texts = termshot.decode_text(ansi_text, theme="light")
    image = termshot.render(ansi_text, cols=80, rows=24, theme="dark")
"""

import argparse
import re
import sys
import unicodedata

import pyte
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

#: Pixel size of one terminal cell: twice as tall as wide, like common terminal fonts,
#: so one half block is a square.
CELL_WIDTH = 8
CELL_HEIGHT = 16
#: Cells of the theme's background painted around the screen.
BORDER_CELLS = 2

_BASE_NAMES = ["black", "red", "green", "brown", "blue", "magenta", "cyan", "white"]

#: Two realistic themes. Neither uses pure black or pure white for its defaults, and the
#: dark theme's "black" is a dark grey, as in many popular palettes.
THEMES = {
    "dark": {
        "foreground": (0xC5, 0xC8, 0xC6),
        "background": (0x1D, 0x1F, 0x21),
        "palette": [
            (0x28, 0x2A, 0x2E), (0xA5, 0x42, 0x42), (0x8C, 0x94, 0x40), (0xDE, 0x93, 0x5F),
            (0x5F, 0x81, 0x9D), (0x85, 0x67, 0x8F), (0x5E, 0x8D, 0x87), (0xC5, 0xC8, 0xC6),
            (0x37, 0x3B, 0x41), (0xCC, 0x66, 0x66), (0xB5, 0xBD, 0x68), (0xF0, 0xC6, 0x74),
            (0x81, 0xA2, 0xBE), (0xB2, 0x94, 0xBB), (0x8A, 0xBE, 0xB7), (0xFF, 0xFF, 0xFF),
        ],
    },
    "light": {
        "foreground": (0x38, 0x3A, 0x42),
        "background": (0xFA, 0xFA, 0xFA),
        "palette": [
            (0x00, 0x00, 0x00), (0xCD, 0x31, 0x31), (0x00, 0xBC, 0x00), (0x94, 0x98, 0x00),
            (0x04, 0x51, 0xA5), (0xBC, 0x05, 0xBC), (0x05, 0x98, 0xBC), (0x55, 0x55, 0x55),
            (0x66, 0x66, 0x66), (0xCD, 0x31, 0x31), (0x14, 0xCE, 0x14), (0xB5, 0xBA, 0x00),
            (0x04, 0x51, 0xA5), (0xBC, 0x05, 0xBC), (0x05, 0x98, 0xBC), (0xFF, 0xFF, 0xFF),
        ],
    },
}

_SGR_OR_CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)")


def _colour(name, theme, default_key):
    """RGB of a pyte colour: 'default', a base or bright name, or 'rrggbb' hex (256/true colour)."""
    spec = THEMES[theme]
    if name == "default":
        return spec[default_key]
    bright = name.startswith("bright")
    base = name[len("bright"):] if bright else name
    if base in _BASE_NAMES:
        return spec["palette"][_BASE_NAMES.index(base) + (8 if bright else 0)]
    if base == "fightmagenta":  # pyte's spelling of bright magenta background (107 - 2)
        return spec["palette"][13]
    if re.fullmatch(r"[0-9a-fA-F]{6}", name):
        return tuple(int(name[i:i + 2], 16) for i in (0, 2, 4))
    return spec[default_key]


def _size_of(text):
    """Columns and rows that hold `text` without wrapping: the widest line and the line count."""
    lines = _SGR_OR_CONTROL.sub("", text).replace("\r", "").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    width = 0
    for line in lines:
        width = max(width, sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line))
    return max(width, 1), max(len(lines), 1)


def screen_of(text, cols=None, rows=None):
    """Runs `text` through a pyte terminal of cols x rows (default: just large enough)."""
    auto_cols, auto_rows = _size_of(text)
    screen = pyte.Screen(cols or auto_cols, rows or auto_rows)
    stream = pyte.Stream(screen)
    # A capture or a program's output uses bare newlines; a terminal's tty adds the return.
    stream.feed(text.replace("\r\n", "\n").replace("\n", "\r\n").rstrip("\r\n"))
    return screen


#: Block elements as rectangles in cell fractions (left, top, right, bottom) painted in the foreground.
_BLOCKS = {
    "\u2580": (0, 0, 1, 0.5),    # upper half
    "\u2584": (0, 0.5, 1, 1),    # lower half
    "\u2588": (0, 0, 1, 1),      # full
    "\u258c": (0, 0, 0.5, 1),    # left half
    "\u2590": (0.5, 0, 1, 1),    # right half
}


def render(text, cols=None, rows=None, theme="dark"):
    """Paints terminal output `text` as a PIL RGB image the way a terminal in `theme` draws it."""
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}: use dark or light")
    screen = screen_of(text, cols, rows)
    border = BORDER_CELLS
    image = Image.new(
        "RGB",
        ((screen.columns + 2 * border) * CELL_WIDTH, (screen.lines + 2 * border) * CELL_HEIGHT),
        THEMES[theme]["background"],
    )
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default()
    for y in range(screen.lines):
        line = screen.buffer[y]
        for x in range(screen.columns):
            char = line[x]
            fg = _colour(char.fg, theme, "foreground")
            bg = _colour(char.bg, theme, "background")
            if char.reverse:
                fg, bg = bg, fg
            left = (x + border) * CELL_WIDTH
            top = (y + border) * CELL_HEIGHT
            draw.rectangle([left, top, left + CELL_WIDTH - 1, top + CELL_HEIGHT - 1], fill=bg)
            glyph = char.data
            if glyph in _BLOCKS:
                l, t, r, b = _BLOCKS[glyph]
                draw.rectangle(
                    [left + round(l * CELL_WIDTH), top + round(t * CELL_HEIGHT),
                     left + round(r * CELL_WIDTH) - 1, top + round(b * CELL_HEIGHT) - 1],
                    fill=fg,
                )
            elif glyph.strip():
                draw.text((left, top + 2), glyph, fill=fg, font=font)
    return image


def decode_image(image):
    """Texts of the QR codes zxing-cpp finds in `image`, dark-on-light only (no inversion)."""
    results = zxingcpp.read_barcodes(
        image,
        formats=zxingcpp.BarcodeFormat.QRCode,
        try_invert=False,
        is_pure=False,
    )
    return [result.text for result in results if result.valid]


def decode_text(text, cols=None, rows=None, theme="dark"):
    """Renders terminal output `text` in `theme` and returns the QR code texts found in it."""
    return decode_image(render(text, cols, rows, theme))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Render terminal output to a picture and decode its QR codes.")
    parser.add_argument("input", help="a file of terminal output (ANSI SGR or tmux capture-pane -p -e), or -")
    parser.add_argument("--cols", type=int, help="terminal width (default: the widest line)")
    parser.add_argument("--rows", type=int, help="terminal height (default: the number of lines)")
    parser.add_argument("--theme", choices=sorted(THEMES), default="dark", help="default colours (default: dark)")
    parser.add_argument("--png", metavar="OUT", help="also save the picture to OUT")
    args = parser.parse_args(argv)
    if args.input == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(args.input, "rb") as handle:
            data = handle.read()
    text = data.decode("utf-8", errors="replace")
    image = render(text, args.cols, args.rows, args.theme)
    if args.png:
        image.save(args.png)
    found = decode_image(image)
    for item in found:
        print(item)
    return 0 if found else 1


if __name__ == "__main__":
    sys.exit(main())
