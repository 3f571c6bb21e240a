"""Responsive pictures: one declaration per kind of picture on the site, rendered by ``{% picture_of %}``
(``core/templatetags/picture_tags.py``) as a ``<picture>`` with ``srcset``/``sizes`` in modern formats.

A **preset** says, for one place where pictures appear (the home page's hero, a product card, a gallery…), which
crops and widths to make (Wagtail rendition filter specs such as ``fill-480x360|format-webp``), the ``sizes``
attribute that tells the browser how wide the picture is drawn (CSS px, per viewport), and the formats. Every
browser the site supports reads WebP: it is the format of every picture and of the ``<img>`` fallback.

AVIF (a third lighter again) is added for phones on the picture at the top of a page (its "largest contentful
paint", one picture per page), up to 800 px wide. Not more, and not for cards: Willow encodes AVIF with Pillow at
``WAGTAILIMAGES_AVIF_QUALITY`` and its default speed, 0,5–3 s per rendition up to 800 px and 4–7 s at 1200–1600 px
on a busy two-core server, on the first request that needs it (WebP: about 0,1 s). A page's first visit must stay
well within gunicorn's 30-second timeout.

All renditions of a picture are looked up in one call (``Image.get_renditions``): prefetched renditions
(``prefetch_related("<image>__renditions")``) or Wagtail's rendition cache answer without a query, otherwise one
query per picture. Within a process the answer is remembered per page-cache generation (``preset_renditions``): a
picture drawn again costs no lookup until a write starts a new generation.
"""

import logging
import threading
from dataclasses import dataclass
from functools import cache

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from PIL import UnidentifiedImageError
from wagtail.images.models import Filter, SourceImageIOError

from core import page_cache

logger = logging.getLogger(__name__)

try:  # an S3 media store (django-storages, optional: README "Scale"): a bucket that times out or answers 5xx
    from botocore.exceptions import BotoCoreError, ClientError

    STORE_ERRORS = (BotoCoreError, ClientError)
except ImportError:
    STORE_ERRORS = ()

UNREADABLE = (SourceImageIOError, UnidentifiedImageError, OSError, *STORE_ERRORS)
"""What making a rendition raises when the original file is missing or unreadable (FileNotFoundError and every
other one is an OSError; named for the reader) or the media store fails: the picture is left out, never a 500."""

MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
PHONE = "(max-width: 699px)"


@dataclass(frozen=True)
class Variant:
    """One crop of a picture: ``ratio`` (width, height) for ``fill`` crops around the focal point, or None to keep
    the image's own proportions (``width-N``); ``widths`` in px, ascending; ``media`` a CSS media query for art
    direction ("" for the default variant, which comes last); ``formats``, best first (the default variant's last
    format is the ``<img>``)."""

    ratio: tuple[int, int] | None
    widths: tuple[int, ...]
    media: str = ""
    formats: tuple[str, ...] = ("webp",)

    def spec(self, width, fmt):
        """Wagtail filter spec of this variant at ``width`` px in format ``fmt`` (e.g. ``fill-480x360|format-webp``)."""
        if self.ratio is None:
            return f"width-{width}|format-{fmt}"
        return f"fill-{width}x{round(width * self.ratio[1] / self.ratio[0])}|format-{fmt}"


@dataclass(frozen=True)
class Preset:
    """A kind of picture: its variants (most specific first, the default last) and the ``sizes`` attribute."""

    variants: tuple[Variant, ...]
    sizes: str

    def specs(self):
        """Every filter spec of the picture, as (variant, format, width, spec) tuples."""
        return [
            (variant, fmt, width, variant.spec(width, fmt))
            for variant in self.variants
            for fmt in variant.formats
            for width in variant.widths
        ]


def top_picture(ratio, widths, sizes):
    """A page's top picture: AVIF on phones (up to 800 px), WebP at every width."""
    phone = tuple(w for w in widths if w <= 800)
    return Preset((Variant(ratio, phone, PHONE, ("avif",)), Variant(ratio, widths)), sizes)


PRESETS = {
    # The home page's hero, drawn behind its title: 4:3 on phones (the box is about 390 × 300), 16:7 wider.
    "hero": Preset(
        (
            Variant((4, 3), (480, 800), PHONE, ("avif", "webp")),
            Variant((16, 7), (800, 1200, 1600)),
        ),
        "100vw",
    ),
    # The main picture of a product or craft village page (full width on phones, 720 px beside the facts).
    "lead": top_picture((4, 3), (480, 800, 1200), "(min-width: 1024px) 720px, 100vw"),
    # The main picture of a news article, in its own proportions.
    "article": top_picture(None, (480, 800, 1200), "(min-width: 900px) 800px, 100vw"),
    # An artisan's portrait on their page.
    "portrait": top_picture((3, 4), (360, 720, 1080), "(min-width: 1024px) 320px, 100vw"),
    # A bulletin's cover on its page, in its own proportions (220 px wide on phones, 320 px wider).
    "bulletin_cover": top_picture(None, (240, 480, 720), "(min-width: 700px) 320px, 220px"),
    # The first "Nổi bật" story of the home page, and the others (thumbnails on phones).
    "highlight_lead": Preset(
        (Variant((16, 10), (480, 800, 1200)),), "(min-width: 1000px) 574px, (min-width: 700px) 50vw, 100vw"
    ),
    "highlight": Preset((Variant((16, 10), (320, 640)),), "(min-width: 1000px) 287px, (min-width: 700px) 50vw, 154px"),
    # Cards of the listings (products, villages: 4:3; news: 3:2; artisans, bulletins: 3:4): one column on phones,
    # two to four wider; the home page passes its own sizes (a row of cards at 46 % of a phone's width).
    "card": Preset((Variant((4, 3), (360, 720)),), "(min-width: 1024px) 280px, (min-width: 540px) 45vw, 92vw"),
    "news_card": Preset((Variant((3, 2), (360, 720)),), "(min-width: 1024px) 370px, (min-width: 540px) 45vw, 92vw"),
    "portrait_card": Preset((Variant((3, 4), (360, 720)),), "(min-width: 1024px) 240px, (min-width: 600px) 45vw, 92vw"),
    "cover": Preset((Variant((3, 4), (240, 480)),), "(min-width: 700px) 240px, 60vw"),
    # Galleries (products, villages, news) and pictures inside an article or a content page.
    "gallery": Preset((Variant((4, 3), (320, 640)),), "(min-width: 700px) 220px, 45vw"),
    "content": Preset((Variant(None, (480, 800, 1440)),), "(min-width: 800px) 720px, 100vw"),
    # Logos: the site's (48 px in the header) and a producer's (80 px on its page).
    "logo": Preset((Variant((1, 1), (48, 96, 144)),), "48px"),
    "producer_logo": Preset((Variant((1, 1), (80, 160, 240)),), "80px"),
}


@dataclass(frozen=True)
class Drawn:
    """What a picture's HTML needs of one rendition: its ``url`` and size in px."""

    url: str
    width: int
    height: int


MEMO_LIMIT = 4000
_memo = {}


def _memo_key(image, name, generation):
    """The memo key of ``image`` drawn as ``name`` (a preset or a filter spec) in page-cache ``generation``: the
    image's file and focal point are part of it (a rendition depends on nothing else), so a reused primary key
    never matches."""
    focal = (image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height)
    return (generation, image.pk, image.file.name, image.width, image.height, focal, name)


def preset_renditions(image, preset_name, generation=None):
    """{filter spec: :class:`Drawn`} of every rendition of ``image`` the preset ``preset_name`` draws.

    Looked up in one call of Wagtail's ``Image.get_renditions`` (prefetched renditions, the rendition cache, else
    the database, making missing ones). With ``generation`` (``request_generation``: the page-cache generation,
    read once per request) the answer is remembered by the process for that generation: renditions are the same
    for every visitor, and every write that changes an image (its file, its focal point) starts a new generation.
    At most ``MEMO_LIMIT`` entries (all forgotten at once beyond). None when the original file cannot be read
    (``renditions_or_none``; never remembered)."""
    return _drawn(image, preset_name, [spec for *_, spec in PRESETS[preset_name].specs()], generation)


def rendition_url(image, spec, generation=None):
    """The address of ``image``'s rendition ``spec`` (a Wagtail filter spec, e.g. ``fill-1200x630``), remembered
    like ``preset_renditions``: the social-network preview (``og:image``) and the JSON-LD image. None when the
    original file cannot be read (``renditions_or_none``)."""
    drawn = _drawn(image, spec, [spec], generation)
    return drawn[spec].url if drawn is not None else None


_gaps = threading.local()
WARNED_LIMIT = 1000
_warned = set()


def renditions_or_none(image, filters):
    """``image.get_renditions(*filters)`` ({filter spec: rendition}), or None when a rendition cannot be made because
    the original file is missing or unreadable (lost by the media store, a restore without media, a storage outage:
    ``UNREADABLE``). Then the picture is left out of the page (``note_gap``), a warning is logged once per image
    file and process, and nothing that keeps the gap is stored. Other errors (a bad filter spec) are raised."""
    try:
        renditions = image.get_renditions(*filters)
    except UNREADABLE as error:
        note_gap(image, error)
        return None
    if _warned:
        _warned.discard((image.pk, image.file.name))  # readable again: warn again if it is lost again
    return renditions


def note_gap(image, error):
    """Record that ``image`` could not be drawn in this thread's request: the page is not stored by the page cache
    (``core.page_cache.do_not_store``), nor is shared data computed meanwhile (``gap_count``), so the picture shows
    again as soon as its file is back; warn once per image file and process (``error``: what reading it raised)."""
    _gaps.count = gap_count() + 1
    page_cache.do_not_store()
    key = (image.pk, image.file.name)
    if key in _warned:
        return
    if len(_warned) >= WARNED_LIMIT:
        _warned.clear()
    _warned.add(key)
    logger.warning("picture left out: the file %r of image %s cannot be read (%s)", image.file.name, image.pk, error)


def gap_count():
    """How many pictures this thread could not draw so far (``note_gap``): compare it before and after building
    something to know whether that leaves a picture out."""
    return getattr(_gaps, "count", 0)


def _drawn(image, name, specs, generation):
    key = _memo_key(image, name, generation) if generation is not None else None
    found = _memo.get(key) if key is not None else None
    if found is not None:
        return found
    renditions = renditions_or_none(image, [rendition_filter(spec) for spec in specs])
    if renditions is None:
        return None  # never remembered: drawn again once the file is back
    found = {spec: Drawn(renditions[spec].url, renditions[spec].width, renditions[spec].height) for spec in specs}
    if key is not None:
        if len(_memo) >= MEMO_LIMIT:
            _memo.clear()
        _memo[key] = found
    return found


def request_generation(request):
    """The page-cache generation (``core.page_cache.generation``) read once per ``request`` (kept on it), or None
    without a request: the key under which pictures are remembered between requests."""
    if request is None:
        return None
    if not hasattr(request, "_picture_generation"):
        request._picture_generation = page_cache.generation()
    return request._picture_generation


def _srcset(drawn):
    """``url Nw`` pairs, one per distinct width (small originals are not upscaled, so widths can repeat)."""
    seen, parts = set(), []
    for item in drawn:
        if item.width not in seen:
            seen.add(item.width)
            parts.append(f"{item.url} {item.width}w")
    return ", ".join(parts)


@cache
def rendition_filter(spec):
    """Wagtail's ``Filter`` of ``spec``, made once per process: a filter parses its operations (with
    ``inspect``) the first time they are used, which otherwise happened for every spec of every picture drawn."""
    return Filter(spec=spec)


@cache
def _layout(preset_name):
    """The preset's ``<source>`` elements as (type, media, specs) and the specs of its ``<img>``, in order."""
    preset = PRESETS[preset_name]
    entries = preset.specs()
    sources, fallback = [], None
    for variant in preset.variants:
        for fmt in variant.formats:
            specs = tuple(spec for v, f, _w, spec in entries if v is variant and f == fmt)
            if variant is preset.variants[-1] and fmt == variant.formats[-1]:
                fallback = specs
            else:
                sources.append((MIME_TYPES.get(fmt), variant.media, specs))
    return tuple(sources), fallback


def _attrs(pairs):
    """`` name="value"`` for each pair whose value is not None or "" (escaped), sorted by name: what Django's
    ``flatatt`` writes, without its per-call overhead."""
    return "".join(
        f' {name}="{conditional_escape(value)}"' for name, value in sorted(pairs) if value is not None and value != ""
    )


def render_picture(
    image, preset_name, *, alt="", priority=False, eager=False, sizes=None, css_class="", generation=None
):
    """HTML of ``image`` (a Wagtail image) as the picture ``preset_name`` of ``PRESETS``.

    ``priority``: the page's largest picture at the top (``loading="eager"``, ``fetchpriority="high"``);
    ``eager``: visible without scrolling (``loading="eager"``); otherwise ``loading="lazy"``. ``sizes`` overrides
    the preset's. ``generation``: see ``preset_renditions``. "" when the original file cannot be read (the page's
    no-picture state: ``renditions_or_none``). Raises KeyError for an unknown preset (a template error, caught by
    the tests)."""
    preset = PRESETS[preset_name]
    drawn = preset_renditions(image, preset_name, generation)
    if drawn is None:
        return ""
    sizes = sizes or preset.sizes
    sources, fallback = _layout(preset_name)
    parts = ["<picture>"]
    for mime, media, specs in sources:
        group = [drawn[spec] for spec in specs]
        attrs = (
            ("type", mime),
            ("media", media),
            ("srcset", _srcset(group)),
            ("sizes", sizes),
            ("width", group[0].width),
            ("height", group[0].height),
        )
        parts.append(f"<source{_attrs(attrs)}>")
    group = [drawn[spec] for spec in fallback]
    base = group[0]
    img = (
        ("src", base.url),
        ("srcset", _srcset(group)),
        ("sizes", sizes),
        ("width", base.width),
        ("height", base.height),
        ("class", css_class or None),
        ("loading", "eager" if (priority or eager) else "lazy"),
        ("fetchpriority", "high" if priority else None),
        ("decoding", "async" if not priority else None),
    )
    # alt comes first in name order, and is written even empty (a decorative picture)
    parts.append(f'<img alt="{conditional_escape(alt or "")}"{_attrs(img)}></picture>')
    return mark_safe("".join(parts))  # noqa: S308  (every value escaped by _attrs)
