"""The registry of recognized products, producers, artisans, craft villages and certificates."""

from .artisans import ArtisanIndexPage, ArtisanPage, ArtisanTitle, TitleKind
from .certificates import Certificate, CertificateQuerySet
from .places import Commune, Province
from .producers import Producer
from .products import ProductGalleryImage, ProductIndexPage, ProductPage
from .villages import CraftVillageIndexPage, CraftVillagePage, TradeGroupTag, TraditionalTrade, VillageGalleryImage

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
