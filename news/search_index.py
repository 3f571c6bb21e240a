"""The Elasticsearch document of news pages (imported only when Elasticsearch is used; registered as a searchable
type in ``NewsConfig.ready()``)."""

from elasticsearch.dsl import Date

from search.elastic.documents import ANALYSIS_SETTINGS, INDEX_SETTINGS, SiteDocument


class NewsDocument(SiteDocument):
    """A live news page: title, summary, URL (the base class fills them) and publication date."""

    alias_suffix = "news"
    model_label = "news.newspage"
    kind_code = "news"
    published = Date()

    class Index:
        name = "khuyencong-news"
        settings = {**INDEX_SETTINGS, **ANALYSIS_SETTINGS}
