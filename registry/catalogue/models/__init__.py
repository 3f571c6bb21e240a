"""The registry of recognized products, producers, artisans, craft villages and certificates."""

from .artisans import ArtisanPage, ArtisanTitle, TitleKind
from .certificates import Certificate, CertificateQuerySet
from .indexes import ArtisanIndexPage, CraftVillageIndexPage, ProductIndexPage
from .places import Commune, Province
from .producers import Producer
from .products import ProductGalleryImage, ProductPage
from .villages import CraftVillagePage, TradeGroupTag, TraditionalTrade, VillageGalleryImage

__all__ = [
    "ArtisanIndexPage",
    "ArtisanPage",
    "ArtisanTitle",
    "Certificate",
    "CertificateQuerySet",
    "Commune",
    "CraftVillageIndexPage",
    "CraftVillagePage",
    "Producer",
    "ProductGalleryImage",
    "ProductIndexPage",
    "ProductPage",
    "Province",
    "TitleKind",
    "TradeGroupTag",
    "TraditionalTrade",
    "VillageGalleryImage",
]
