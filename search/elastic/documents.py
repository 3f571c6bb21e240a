"""The base of every Elasticsearch document (elasticsearch.dsl); the apps define theirs (products, producers,
artisans and villages in registry/catalogue/product_search/documents.py, news in news/search.py) and register
them as searchable types (search/searchable.py).

Every index shares the ``vi_folding`` analyzer: apostrophes made spaces (``vi_apostrophes``), standard tokenizer,
lowercase, then asciifolding keeping the original token, so "tho cam", "Thổ cẩm" and "THỔ CẨM" all match, and "dong"
matches "Đồng" (Lucene folds đ → d). A Jrai or Bahnar name ("Ksor H'Bia", "H’Lin") is indexed as the words the query
side makes of it (search/text.py ``query_tokens``: "h" + "bia"): the standard tokenizer alone kept "h'bia" as one
term, which no query token started.
Documents are read and written through an alias (``<prefix>-products`` …); ``search_index --rebuild`` builds a new
timestamped index and swaps the alias (see indexing.py).
"""

from django.apps import apps
from django.utils import translation
from django.utils.html import strip_tags
from elasticsearch.dsl import (
    Completion,
    ComposableIndexTemplate,
    Document,
    Index,
    Keyword,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from core.translation import default_language, source_pages

from .client import index_prefix

# Every apostrophe a name may be typed or pasted with (ASCII, right and left single quotes, modifier letter, prime,
# grave and acute accents): a word separator, as ``query_tokens`` treats any punctuation.
APOSTROPHES = ("'", "\u2019", "\u2018", "\u02bc", "\u2032", "`", "\u00b4")
APOSTROPHE_MAPPINGS = [f"{mark} => \\u0020" for mark in APOSTROPHES]
vi_apostrophes = char_filter("vi_apostrophes", type="mapping", mappings=APOSTROPHE_MAPPINGS)
vi_ascii_folding = token_filter("vi_ascii_folding", type="asciifolding", preserve_original=True)
vi_folding = analyzer(
    "vi_folding", char_filter=[vi_apostrophes], tokenizer="standard", filter=["lowercase", vi_ascii_folding]
)

ANALYSIS_SETTINGS = {
    "analysis": {
        "char_filter": {"vi_apostrophes": {"type": "mapping", "mappings": APOSTROPHE_MAPPINGS}},
        "filter": {"vi_ascii_folding": {"type": "asciifolding", "preserve_original": True}},
        "analyzer": {
            "vi_folding": {
                "type": "custom",
                "char_filter": ["vi_apostrophes"],
                "tokenizer": "standard",
                "filter": ["lowercase", "vi_ascii_folding"],
            }
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
    # The snippet of an item whose summary the database backend does not search (a section's ``intro``, a
    # producer's description): shown on its hit, never matched, so the engine finds what the database finds.
    note = Text(index=False)
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
        """Every object to index, in primary-key order (default: the live, public Vietnamese source pages of
        ``model_label``, as the database backend searches them: an English translation is never a document of its
        own; its source's hit is shown in the visitor's language)."""
        return source_pages(apps.get_model(cls.model_label).objects.live().public()).order_by("pk")

    @classmethod
    def from_object(cls, obj):
        """The document of ``obj`` (default: a page's title, summary, URL and kind, its title as suggestion, and as
        ``body`` the text of its other search fields, as the database backend searches them)."""
        return cls(
            meta={"id": obj.pk},
            title=obj.title,
            summary=summary_of(obj),
            body=searchable_text(obj),
            url=url_of(obj),
            kind=cls.kind_code,
            suggest={"input": [obj.title]},
        )


SUMMARY_FIELDS = ("summary", "intro", "search_description")


def summary_of(page):
    """The first non-empty of the page's ``summary``, ``intro`` and ``search_description``."""
    return summary_source(page)[1]


def summary_source(page):
    """``(field name, text)`` of :func:`summary_of` (``("", "")`` when all are empty)."""
    for attr in SUMMARY_FIELDS:
        value = getattr(page, attr, "")
        if isinstance(value, str) and value:
            return attr, value
    return "", ""


def searched_fields(obj):
    """The names of ``obj``'s declared ``index.SearchField`` s: what the database backend matches it by."""
    from wagtail.search import index

    return {field.field_name for field in getattr(obj, "search_fields", ()) if isinstance(field, index.SearchField)}


def url_of(obj):
    """The public URL of a page or a record in the default language (Vietnamese: whatever language the editor who
    published it uses; the site search gives it in the visitor's language); "" for a page outside any site."""
    try:
        with translation.override(default_language()):
            return obj.get_url() if hasattr(obj, "get_url") else obj.get_absolute_url()
    except Exception:  # noqa: BLE001 - a page outside any site has no URL; it is still searchable
        return ""


def searchable_text(page, limit=20_000):
    """The text of ``page``'s own ``search_fields`` (not the title; a record's too), as Wagtail's backends index it:
    stream and rich text fields by their searchable content, HTML without tags, at most ``limit`` characters.

    ``SearchField.get_value`` already gives a stream or rich text field's searchable content (a list of strings):
    calling the field's ``get_searchable_content`` on that again crashed every page with a non-empty body
    ("'str' object has no attribute 'block'"), so the rebuild never finished."""
    from wagtail.search import index

    parts = []
    for field in getattr(page, "search_fields", ()):
        if not isinstance(field, index.SearchField) or field.field_name == "title":
            continue
        value = field.get_value(page)
        if value is None:
            continue
        if isinstance(value, list | tuple):
            value = " ".join(str(item) for item in value)
        parts.append(strip_tags(str(value)))
    return " ".join(" ".join(parts).split())[:limit]


class PageDocument(SiteDocument):
    """Every other live public page the database backend searches (standard pages, bulletins, competition
    announcements, section pages …): the page types without a document of their own. ``page_type`` (the model's
    ``app_label.modelname``) gives the hit its type's name, as the database backend shows it."""

    alias_suffix = "pages"
    model_label = "wagtailcore.page"
    kind_code = "page"
    page_type = Keyword()

    class Index:
        name = "khuyencong-pages"
        settings = {**INDEX_SETTINGS, **ANALYSIS_SETTINGS}

    @classmethod
    def own_document_types(cls):
        """The content types of the page types that have a document of their own (not indexed here)."""
        from django.contrib.contenttypes.models import ContentType

        from .. import searchable

        models = [kind.model for kind in searchable.indexed_types() if kind.is_page and kind.label != cls.model_label]
        return list(ContentType.objects.get_for_models(*models).values())

    @classmethod
    def source_queryset(cls):
        from wagtail.models import Page

        pages = source_pages(Page.objects.live().public()).filter(depth__gt=2)
        return pages.exclude(content_type__in=cls.own_document_types()).specific().order_by("pk")

    @classmethod
    def from_object(cls, page):
        page = getattr(page, "specific", page)
        field, text = summary_source(page)
        searched = field in searched_fields(page)
        return cls(
            meta={"id": page.pk},
            title=page.title,
            summary=text if searched else "",
            note="" if searched else text,
            body=searchable_text(page),
            url=url_of(page),
            kind=cls.kind_code,
            page_type=page._meta.label_lower,
            suggest={"input": [page.title]},
        )


def template_name():
    return f"{index_prefix()}-template"


def index_template():
    """The composable index template applied to every ``<prefix>-*`` index: the Vietnamese folding analyzer."""
    pattern = Index(f"{index_prefix()}-*")
    pattern.settings(**INDEX_SETTINGS)
    pattern.analyzer(vi_folding)
    return ComposableIndexTemplate(template_name(), f"{index_prefix()}-*", index=pattern, priority=100)
