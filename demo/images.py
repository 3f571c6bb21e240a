"""Demo pictures drawn with Pillow: brocade-like patterns in the site's palette, one per title, stable
from run to run, so ``seed_demo`` needs no files and no network."""

import hashlib
import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model

PALETTES = {
    "brocade": ["#1f2a44", "#a4262c", "#e9b949", "#f4efe6", "#101622"],
    "coffee": ["#3b2416", "#7a3b22", "#b36b12", "#e9cfa4", "#1d1b19"],
    "forest": ["#1d3b2a", "#2f6b45", "#9bbf6a", "#e9dfb8", "#7a3b22"],
    "clay": ["#7a3b22", "#b55a2d", "#e3a76f", "#f6e7d2", "#2d1a12"],
    "river": ["#123a52", "#2f7ea3", "#9fd0e0", "#f2efe6", "#a4262c"],
    "metal": ["#2b2f36", "#6b7280", "#c9a227", "#e5e7eb", "#7f1b20"],
}


def _rng_for(title):
    return random.Random(int(hashlib.sha256(title.encode("utf-8")).hexdigest()[:12], 16))


def draw_picture(title, palette="brocade", size=(1200, 900)):
    """Return JPEG bytes of a patterned picture derived from ``title``."""
    rng = _rng_for(title)
    colours = PALETTES.get(palette, PALETTES["brocade"])
    width, height = size
    img = PILImage.new("RGB", size, colours[0])
    draw = ImageDraw.Draw(img)
    # Soft vertical gradient.
    top, bottom = PILImage.new("RGB", (1, 1), colours[0]), PILImage.new("RGB", (1, 1), colours[4])
    for y in range(height):
        t = y / height
        c0, c1 = top.getpixel((0, 0)), bottom.getpixel((0, 0))
        draw.line([(0, y), (width, y)], fill=tuple(int(c0[i] * (1 - t) + c1[i] * t) for i in range(3)))
    # Woven bands of diamonds, like a brocade strip.
    band_count = rng.randint(3, 5)
    for b in range(band_count):
        y0 = int((b + 0.5) * height / band_count) + rng.randint(-30, 30)
        band_h = rng.randint(50, 110)
        draw.rectangle([0, y0 - band_h // 2, width, y0 + band_h // 2], fill=colours[1])
        step = rng.choice([60, 80, 100])
        for x in range(-step, width + step, step):
            half = band_h // 2 - 8
            draw.polygon(
                [(x, y0), (x + step // 2, y0 - half), (x + step, y0), (x + step // 2, y0 + half)], fill=colours[2]
            )
            q = max(half // 2, 6)
            draw.polygon(
                [(x + step // 2 - q, y0), (x + step // 2, y0 - q), (x + step // 2 + q, y0), (x + step // 2, y0 + q)],
                fill=colours[3],
            )
        draw.line([(0, y0 - band_h // 2 - 6), (width, y0 - band_h // 2 - 6)], fill=colours[2], width=3)
        draw.line([(0, y0 + band_h // 2 + 6), (width, y0 + band_h // 2 + 6)], fill=colours[2], width=3)
    # A large soft round shape: a pot, a bean, a basket seen from above.
    cx, cy, r = (
        rng.randint(width // 4, 3 * width // 4),
        rng.randint(height // 4, 3 * height // 4),
        rng.randint(120, 260),
    )
    blob = PILImage.new("L", size, 0)
    ImageDraw.Draw(blob).ellipse([cx - r, cy - int(r * 0.8), cx + r, cy + int(r * 0.8)], fill=170)
    img.paste(PILImage.new("RGB", size, colours[3]), mask=blob.filter(ImageFilter.GaussianBlur(30)))
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def demo_image(title, palette="brocade", size=(1200, 900)):
    """Get or create a Wagtail image titled ``title`` (idempotent)."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    filename = "demo-" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:12] + ".jpg"
    data = draw_picture(title, palette, size)
    return image_model.objects.create(title=title, file=ImageFile(io.BytesIO(data), name=filename))
