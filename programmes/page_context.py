"""What a project page shows around its own fields, read in a fixed number of queries (reads only the project's
relations: no model of this app is imported, so ``models`` can import this module)."""

from core.translation import show_in_language
from core.visibility import public_only


def project_page_context(page):
    """``{"producers", "villages", "photos", "documents", "related_news"}`` of the project ``page``, plus its
    programme content and commune set on it: producers with their commune; villages and news articles only when
    their page is live and public, in the visitor's language where translated; photos with their image;
    documents as ``(title, url, extension)``. Seven queries whatever the numbers of each."""
    relations = type(page).objects.filter(pk=page.pk).select_related("programme_content", "commune").first()
    if relations is not None:
        page.programme_content = relations.programme_content
        page.commune = relations.commune
    documents = [
        (row.title or row.document.title, row.document.url, row.document.file_extension.upper())
        for row in page.documents.select_related("document")
    ]
    return {
        "producers": list(page.producers.filter(live=True).select_related("commune").order_by("sort_key", "name")),
        "villages": show_in_language(public_only(page.villages.live().order_by("title"))),
        "photos": list(page.photos.select_related("image")),
        "documents": documents,
        "related_news": show_in_language(
            public_only(link.article for link in page.related_news.filter(article__live=True).select_related("article"))
        ),
    }
