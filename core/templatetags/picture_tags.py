"""``{% picture_of %}``: every picture of the public site, responsive (``srcset``/``sizes``, AVIF/WebP), through the
presets of ``core/pictures.py``.

    {% load picture_tags %}
    {% picture_of page.hero_image "hero" priority=True %}             the page's largest picture, at the top
    {% picture_of product.hero_image "card" eager=forloop.first %}    a card, eager when visible at once
    {% picture_of item.image "gallery" alt=item.caption %}           lazy (the default)

``{% rendition_url_of page.hero_image "fill-1200x630" %}``: the address of one rendition (``og:image``).

Options: ``alt`` (default "": decorative, the card's title says what it is), ``priority``, ``eager``, ``sizes``
(overrides the preset's when a layout draws the picture at another width), ``class``. Renders nothing when the
image is empty or its file cannot be read (``core.pictures.renditions_or_none``: the picture is left out, a warning
logged), so templates need no ``{% if %}`` around it.
"""

from django import template

from core.pictures import render_picture, rendition_url, request_generation

register = template.Library()


@register.simple_tag(takes_context=True)
def picture_of(context, image, preset, alt="", priority=False, eager=False, sizes=None, **attrs):
    """The ``<picture>`` of ``image`` (a Wagtail image, or None) as ``preset`` (a key of ``core.pictures.PRESETS``).
    Unknown keyword arguments other than ``class`` are a template error."""
    css_class = attrs.pop("class", "")
    if attrs:
        raise template.TemplateSyntaxError(f"picture_of: unknown option(s) {', '.join(sorted(attrs))}")
    if not image:
        return ""
    return render_picture(
        image,
        preset,
        alt=alt,
        priority=bool(priority),
        eager=bool(eager),
        sizes=sizes,
        css_class=css_class,
        generation=request_generation(context.get("request")),
    )


@register.simple_tag(takes_context=True)
def rendition_url_of(context, image, spec):
    """The address of ``image``'s rendition ``spec`` (a Wagtail filter spec), "" without an image or when its file
    cannot be read: the ``og:image`` of a page (``core.pictures.rendition_url``), written only when not empty
    (``{% rendition_url_of page.hero_image "fill-1200x630" as og_url %}{% if og_url %}…``)."""
    if not image:
        return ""
    return rendition_url(image, spec, request_generation(context.get("request"))) or ""
