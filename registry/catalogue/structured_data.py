"""schema.org JSON-LD for registry pages: Product (with manufacturer), Organization (producer), Place (village)."""

from .qr import absolute_url


def _image_url(image, spec="fill-1200x900"):
    if not image:
        return None
    return absolute_url(image.get_rendition(spec).url) if image else None


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
            "logo": _image_url(producer.logo, "max-400x400"),
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
            "image": _image_url(product.hero_image),
            "manufacturer": _clean(
                {
                    "@type": "Organization",
                    "name": producer.name,
                    "url": absolute_url(producer.get_absolute_url()),
                    "address": _address(producer.commune, producer.address),
                }
            ),
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
            "image": _image_url(village.hero_image),
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
            "image": _image_url(artisan.portrait),
        }
    )
