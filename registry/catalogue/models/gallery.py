"""A registry page's pictures (its main picture and its gallery) read together: two plain queries instead of a lazy
lookup of the main picture plus a gallery query joining the images."""

from dataclasses import dataclass

from wagtail.images import get_image_model


@dataclass(frozen=True)
class GalleryItem:
    """One picture of a page's gallery as its template draws it: the Wagtail ``image`` and its ``caption``."""

    image: object
    caption: str


def load_pictures(page, gallery, field="hero_image"):
    """The gallery of ``page`` (``gallery``: its related manager of ``Orderable`` rows with ``image`` and
    ``caption``) as a list of :class:`GalleryItem` in the editors' order, and ``page``'s main picture (the foreign
    key ``field``) set on it from the same query of images: two queries (one when the page has no picture at all),
    whatever the number of pictures."""
    rows = list(gallery.values_list("image_id", "caption"))
    main_id = getattr(page, f"{field}_id")
    wanted = {image_id for image_id, _caption in rows} | ({main_id} if main_id else set())
    images = get_image_model().objects.in_bulk(wanted) if wanted else {}
    setattr(page, field, images.get(main_id) if main_id else None)
    return [GalleryItem(images[image_id], caption) for image_id, caption in rows if image_id in images]
