"""schema.org JSON-LD for registry pages: Product (with manufacturer), Organization (producer), Place (village).

Each builder takes the ``request`` being answered (optional): the rendition of the picture is then looked up once
per page-cache generation (``core.pictures.rendition_url``)."""

from core.pictures import rendition_url, request_generation

from .qr import absolute_url


def _image_url(image, spec="fill-1200x900", request=None):
    if not image:
        return None
    url = rendition_url(image, spec, request_generation(request))  # None when the file cannot be read
    return absolute_url(url) if url else None


def _address(commune, street=""):
    if commune is None and not street:
        return None
    address = {"@type": "PostalAddress", "addressCountry": "VN"}
    if street:
        address["streetAddress"] = street
    if commune is not None:
        address["addressLocality"] = str(commune)
        address["addressRegion"] = commune.province.name if commune.province_id else "Gia Lai"
    return address


def _clean(data):
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def organization_jsonld(producer, request=None):
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": producer.name,
            "url": absolute_url(producer.get_absolute_url()),
            "telephone": producer.phone,
            "email": producer.email,
            "sameAs": [producer.website] if producer.website else None,
            "taxID": producer.tax_code,
            "description": producer.description,
            "address": _address(producer.commune, producer.address),
            "logo": _image_url(producer.logo, "max-400x400", request),
        }
    )


def _manufacturer(producer):
    """A product's ``manufacturer``: its producer's name, and its profile address and postal address only while the
    profile is published (``Producer.public_url``): an unpublished producer is named, never linked."""
    public_url = producer.public_url
    return _clean(
        {
            "@type": "Organization",
            "name": producer.name,
            "url": absolute_url(public_url) if public_url else None,
            "address": _address(producer.commune, producer.address) if public_url else None,
        }
    )


def product_jsonld(product, producer, certificates, request=None):
    awards = [f"{c.get_level_display()} {c.year} – {c.serial}" for c in certificates if c.status == "valid"]
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "Product",
            "name": product.title,
            "url": absolute_url(product.url or ""),
            "description": product.summary,
            "category": product.get_product_group_display(),
            "image": _image_url(product.hero_image, request=request),
            "manufacturer": _manufacturer(producer),
            "award": awards,
        }
    )


def place_jsonld(village, request=None):
    geo = None
    if village.latitude is not None and village.longitude is not None:
        geo = {"@type": "GeoCoordinates", "latitude": float(village.latitude), "longitude": float(village.longitude)}
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "Place",
            "name": village.title,
            "url": absolute_url(village.url or ""),
            "description": village.summary,
            "geo": geo,
            "address": _address(village.commune),
            "image": _image_url(village.hero_image, request=request),
        }
    )


def person_jsonld(artisan, request=None):
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": artisan.title,
            "url": absolute_url(artisan.url or ""),
            "jobTitle": artisan.trade,
            "description": artisan.summary,
            "image": _image_url(artisan.portrait, request=request),
        }
    )
