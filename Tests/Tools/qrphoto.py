#!/usr/bin/env python3
"""qrphoto: photograph a terminal screen's QR code as a phone camera would, many times,
and report how often it decodes.

The capture (`tmux capture-pane -p -e`) is drawn like termshot.py draws it, except that
each text row is followed by a gap of `--gap` pixels, as terminals with extra line
spacing draw it: `--gap-colour cell` paints the gap below the glyph in the cell's
background (most terminals), `top` above the glyph in the cell's background (a font
whose block glyphs sit low), `default` in the terminal's default background (the
harshest case). Block
glyphs keep their font size (a cell is CELL_HEIGHT tall, the gap comes on top). Each
photo then gets a random perspective, rotation, scale, blur, exposure, noise and JPEG
compression, and zxing-cpp decodes it strictly (no inverted codes).

usage: qrphoto.py CAPTURE [--cols 80] [--rows 24] [--theme dark|light] [--gap PX]
                  [--gap-colour cell|default] [--photos N] [--seed S] [--save DIR]
Prints one line: decoded/photos and the rate; exit 0.
"""
import argparse
import io
import os
import random
import sys

from PIL import Image, ImageDraw, ImageFilter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import termshot  # noqa: E402
import zxingcpp  # noqa: E402

CELL_WIDTH = 8
CELL_HEIGHT = 16


def render(text, cols, rows, theme, gap, gap_colour):
    screen = termshot.screen_of(text, cols, rows)
    border = termshot.BORDER_CELLS
    pitch = CELL_HEIGHT + gap
    default_bg = termshot.THEMES[theme]["background"]
    image = Image.new(
        "RGB", ((cols + 2 * border) * CELL_WIDTH, (rows + 2 * border) * pitch), default_bg)
    draw = ImageDraw.Draw(image)
    for y in range(screen.lines):
        line = screen.buffer[y]
        for x in range(screen.columns):
            char = line[x]
            fg = termshot._colour(char.fg, theme, "foreground")
            bg = termshot._colour(char.bg, theme, "background")
            if char.reverse:
                fg, bg = bg, fg
            left = (x + border) * CELL_WIDTH
            top = (y + border) * pitch
            # The gap: below the glyph box in the cell's background (`cell`) or the
            # terminal's (`default`), or above it in the cell's background (`top`).
            draw.rectangle([left, top, left + CELL_WIDTH - 1, top + pitch - 1],
                           fill=default_bg if gap_colour == "default" else bg)
            if gap_colour == "top":
                top += gap
            draw.rectangle([left, top, left + CELL_WIDTH - 1, top + CELL_HEIGHT - 1], fill=bg)
            glyph = char.data
            if glyph in termshot._BLOCKS:
                l, t, r, b = termshot._BLOCKS[glyph]
                draw.rectangle(
                    [left + round(l * CELL_WIDTH), top + round(t * CELL_HEIGHT),
                     left + round(r * CELL_WIDTH) - 1, top + round(b * CELL_HEIGHT) - 1], fill=fg)
    return image


def perspective_coefficients(source, target):
    """The 8 coefficients PIL's PERSPECTIVE transform wants to map target → source."""
    import numpy
    matrix = []
    for (x, y), (u, v) in zip(target, source):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = numpy.array(matrix, dtype=float)
    b = numpy.array([c for point in source for c in point], dtype=float)
    return numpy.linalg.solve(a, b).tolist()


def photograph(image, rng):
    w, h = image.size
    # Perspective: each corner moves by up to 7% of the size; a little rotation.
    def jitter(x, y):
        return (x + rng.uniform(-0.07, 0.07) * w, y + rng.uniform(-0.07, 0.07) * h)
    target = [(0, 0), (w, 0), (w, h), (0, h)]
    source = [jitter(*p) for p in target]
    warped = image.transform(
        (w, h), Image.PERSPECTIVE, perspective_coefficients(source, target), Image.BICUBIC,
        fillcolor=(128, 128, 128))
    warped = warped.rotate(rng.uniform(-6, 6), resample=Image.BICUBIC, fillcolor=(128, 128, 128))
    # The camera's resolution: the screen fills 60% to 130% of its pixels.
    scale = rng.uniform(0.6, 1.3)
    warped = warped.resize((max(1, int(w * scale)), max(1, int(h * scale))), Image.BILINEAR)
    warped = warped.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.6)))
    # Exposure and sensor noise.
    gain, offset = rng.uniform(0.75, 1.15), rng.uniform(-25, 25)
    noise = rng.uniform(2, 10)
    import numpy
    array = numpy.asarray(warped, dtype=float)
    noisy = numpy.random.default_rng(rng.randrange(1 << 30)).normal(0, noise, array.shape[:2])[..., None]
    array = numpy.clip(array * gain + offset + noisy, 0, 255).astype(numpy.uint8)
    warped = Image.fromarray(array)
    buffer = io.BytesIO()
    warped.save(buffer, "JPEG", quality=rng.randint(55, 90))
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def decode(image):
    results = zxingcpp.read_barcodes(
        image, formats=zxingcpp.BarcodeFormat.QRCode, try_invert=False, is_pure=False)
    return [r.text for r in results if r.valid]


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("capture")
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument("--theme", default="dark", choices=sorted(termshot.THEMES))
    parser.add_argument("--gap", type=int, default=0)
    parser.add_argument("--gap-colour", default="cell", choices=["cell", "top", "default"])
    parser.add_argument("--photos", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--save", help="save the failing photos to this folder")
    args = parser.parse_args(argv)
    with open(args.capture, "rb") as handle:
        text = handle.read().decode("utf-8", errors="replace")
    image = render(text, args.cols, args.rows, args.theme, args.gap, args.gap_colour)
    expected = decode(image)
    rng = random.Random(args.seed)
    ok = 0
    for index in range(args.photos):
        photo = photograph(image, rng)
        found = decode(photo)
        if found and (not expected or found[0] == expected[0]):
            ok += 1
        elif args.save:
            os.makedirs(args.save, exist_ok=True)
            photo.save(os.path.join(args.save, f"fail-{index}.png"))
    print(f"{ok}/{args.photos} {100.0 * ok / args.photos:.1f}% theme={args.theme} gap={args.gap}"
          f" gap-colour={args.gap_colour} unshaken={'yes' if expected else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
