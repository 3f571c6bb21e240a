"""The base of every Elasticsearch document (elasticsearch.dsl); the apps define theirs (products, producers,
artisans and villages in registry/catalogue/product_search/documents.py, news in news/search.py) and register
them as searchable types (search/searchable.py).

Every index shares the ``vi_folding`` analyzer: standard tokenizer, lowercase, then asciifolding keeping the
original token, so "tho cam", "Thổ cẩm" and "THỔ CẨM" all match, and "dong" matches "Đồng" (Lucene folds đ → d).
Documents are read and written through an alias (``<prefix>-products`` …); ``search_index --rebuild`` builds a new
timestamped index and swaps the alias (see indexing.py).
"""

from django.apps import apps
from elasticsearch.dsl import (
    Completion,
    ComposableIndexTemplate,
    Document,
    Index,
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
    # The searchable type (``app_label.modelname``) of the objects of this document and their ``kind`` value.
    model_label = ""
    kind_code = ""

    @classmethod
    def alias(cls):
        return f"{index_prefix()}-{cls.alias_suffix}"

    @classmethod
    def _matches(cls, hit):
        return hit["_index"].startswith(cls.alias())

    @classmethod
    def source_queryset(cls):
        """Every object to index, in primary-key order (default: the live, public pages of ``model_label``)."""
        return apps.get_model(cls.model_label).objects.live().public().order_by("pk")

    @classmethod
    def from_object(cls, obj):
        """The document of ``obj`` (default: a page's title, summary, URL and kind, its title as suggestion)."""
        return cls(
            meta={"id": obj.pk},
            title=obj.title,
            summary=summary_of(obj),
            url=url_of(obj),
            kind=cls.kind_code,
            suggest={"input": [obj.title]},
        )


def summary_of(page):
    """The first non-empty of the page's ``summary``, ``intro`` and ``search_description``."""
    for attr in ("summary", "intro", "search_description"):
        value = getattr(page, attr, "")
        if isinstance(value, str) and value:
            return value
    return ""


def url_of(obj):
    """The public URL of a page or a record; "" for a page outside any site (still searchable)."""
    try:
        return obj.get_url() if hasattr(obj, "get_url") else obj.get_absolute_url()
    except Exception:  # noqa: BLE001 - a page outside any site has no URL; it is still searchable
        return ""


def template_name():
    return f"{index_prefix()}-template"


def index_template():
    """The composable index template applied to every ``<prefix>-*`` index: the Vietnamese folding analyzer."""
    pattern = Index(f"{index_prefix()}-*")
    pattern.settings(**INDEX_SETTINGS)
    pattern.analyzer(vi_folding)
    return ComposableIndexTemplate(template_name(), f"{index_prefix()}-*", index=pattern, priority=100)
