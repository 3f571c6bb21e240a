"""Elasticsearch documents (elasticsearch.dsl) for products, producers, artisans, craft villages and news.

Every index shares the ``vi_folding`` analyzer: standard tokenizer, lowercase, then asciifolding keeping the
original token, so "tho cam", "Thổ cẩm" and "THỔ CẨM" all match, and "dong" matches "Đồng" (Lucene folds đ → d).
Documents are read and written through an alias (``<prefix>-products`` …); ``search_index --rebuild`` builds a new
timestamped index and swaps the alias (see indexing.py).
"""

from elasticsearch.dsl import (
    Completion,
    Date,
    Document,
    Integer,
    Keyword,
    Text,
    analyzer,
    token_filter,
)

from .client import index_prefix

vi_ascii_folding = token_filter("vi_ascii_folding", type="asciifolding", preserve_original=True)
vi_folding = analyzer("vi_folding", tokenizer="standard", filter=["lowercase", vi_ascii_folding])

ANALYSIS_SETTINGS = {
    "analysis": {
        "filter": {"vi_ascii_folding": {"type": "asciifolding", "preserve_original": True}},
        "analyzer": {
            "vi_folding": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "vi_ascii_folding"]}
        },
    }
}
INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0}


def folded_text(**kwargs):
    return Text(analyzer=vi_folding, **kwargs)


class SiteDocument(Document):
    """Fields every searchable thing has: title, summary, the URL it lives at, its type and a suggester."""

    title = folded_text(fields={"raw": Keyword()})
    summary = folded_text()
    body = folded_text()
    url = Keyword(index=False)
    kind = Keyword()
    suggest = Completion(analyzer=vi_folding)

    # The alias name: rebuilt per call, so that the prefix setting is honoured (tests use their own).
    alias_suffix = ""

    @classmethod
    def alias(cls):
        return f"{index_prefix()}-{cls.alias_suffix}"

    @classmethod
    def _matches(cls, hit):
        return hit["_index"].startswith(cls.alias())


class ProductDocument(SiteDocument):
    """A live product page, with everything the catalogue facets need (levels and years of its certificates
    that are not revoked)."""

    alias_suffix = "products"
    materials = folded_text()
    producer_name = folded_text()
    group = Keyword()
    levels = Keyword(multi=True)
    years = Integer(multi=True)
    commune = Keyword()  # commune code
    producer_kind = Keyword()
    best_level = Integer()
    first_published_at = Date()

    class Index:
        name = "khuyencong-products"  # replaced by the alias at run time (see using_alias)
        settings = {**INDEX_SETTINGS, **ANALYSIS_SETTINGS}


class ProducerDocument(SiteDocument):
    alias_suffix = "producers"
    producer_kind = Keyword()

    class Index:
        name = "khuyencong-producers"
        settings = {**INDEX_SETTINGS, **ANALYSIS_SETTINGS}


class ArtisanDocument(SiteDocument):
    alias_suffix = "artisans"

    class Index:
        name = "khuyencong-artisans"
        settings = {**INDEX_SETTINGS, **ANALYSIS_SETTINGS}


class VillageDocument(SiteDocument):
    alias_suffix = "villages"

    class Index:
        name = "khuyencong-villages"
        settings = {**INDEX_SETTINGS, **ANALYSIS_SETTINGS}


class NewsDocument(SiteDocument):
    alias_suffix = "news"
    published = Date()

    class Index:
        name = "khuyencong-news"
        settings = {**INDEX_SETTINGS, **ANALYSIS_SETTINGS}


DOCUMENTS = [ProductDocument, ProducerDocument, ArtisanDocument, VillageDocument, NewsDocument]


def index_template():
    """The composable index template applied to every ``<prefix>-*`` index: the Vietnamese folding analyzer."""
    from elasticsearch.dsl import ComposableIndexTemplate, Index

    pattern = Index(f"{index_prefix()}-*")
    pattern.settings(**INDEX_SETTINGS)
    pattern.analyzer(vi_folding)
    return ComposableIndexTemplate(f"{index_prefix()}-template", f"{index_prefix()}-*", index=pattern, priority=100)
