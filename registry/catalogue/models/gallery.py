"""A registry page's pictures (its main picture and its gallery) read together: the gallery's rows in one plain
query, the images themselves from the data every visitor shares (``core.shared_data``: read once per process and
page-cache generation, then built without a query)."""

from dataclasses import dataclass

from wagtail.images import get_image_model

from core.shared_data import instance_of, row_of, shared


@dataclass(frozen=True)
class GalleryItem:
    """One picture of a page's gallery as its template draws it: the Wagtail ``image`` and its ``caption``."""

    image: object
    caption: str


def images_by_id(ids):
    """{primary key: Wagtail image} of the images ``ids`` (an iterable; unknown ones are left out), new instances
    for the caller. One query for a set of ids not yet read in this page-cache generation (every write to an image
    that a public page may show starts a new one: core/page_cache_rules.py), none afterwards."""
    wanted = tuple(sorted(set(ids)))
    if not wanted:
        return {}
    model = get_image_model()
    rows = shared("images", wanted, lambda: tuple(row_of(image) for image in model.objects.filter(pk__in=wanted)))
    images = (instance_of(model, row) for row in rows)
    return {image.pk: image for image in images}


def load_pictures(page, gallery, field="hero_image"):
    """The gallery of ``page`` (``gallery``: its related manager of ``Orderable`` rows with ``image`` and
    ``caption``) as a list of :class:`GalleryItem` in the editors' order, and ``page``'s main picture (the foreign
    key ``field``) set on it from the same lookup of images (``images_by_id``): one query for the gallery's rows,
    whatever the number of pictures, and one for the images the first time they are drawn in a generation."""
    rows = list(gallery.values_list("image_id", "caption"))
    main_id = getattr(page, f"{field}_id")
    images = images_by_id([image_id for image_id, _caption in rows] + ([main_id] if main_id else []))
    setattr(page, field, images.get(main_id) if main_id else None)
    return [GalleryItem(images[image_id], caption) for image_id, caption in rows if image_id in images]
