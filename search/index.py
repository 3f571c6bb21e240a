"""A search field that indexes an ASCII-folded copy of other fields, for models without a ``search_folded`` column
(news pages): ``FoldedSearchField("title", "summary", "body")`` in ``search_fields`` makes "dong" find "Đồng" on
SQLite too, with no migration."""

from wagtail.search import index

from core.text import fold


def _flatten(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _flatten(item)]
    return [str(value)]


class FoldedSearchField(index.SearchField):
    """Indexed under the first source's name; its value is the folded text of every source."""

    def __init__(self, *sources, **kwargs):
        super().__init__(sources[0], **kwargs)
        self.sources = sources

    def get_value(self, obj):
        texts = []
        for source in self.sources:
            texts.extend(_flatten(index.SearchField(source).get_value(obj)))
        return fold(" ".join(texts))
