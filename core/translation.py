"""Page content in English: one page tree, Vietnamese, with English translations laid over it.

Editors write every page in Vietnamese (the default locale). An English version of a page is made in the admin
with wagtail-localize ("Translate" in the page's menu; translators can download and upload PO files there): it is
an ``en`` page in Wagtail's ``en`` tree, linked to its source by ``translation_key``. The public site does not route
through that second tree:

- every address ``/en/<path>/`` is the Vietnamese page's path, found in the Vietnamese tree (``route``), so the
  registry's links (certificates, producers, villages, listings, facets, search) stay on one set of pages;
- when the page has an English translation made with wagtail-localize and it is live, its translated text fields
  (title, SEO title, description, intro, body, …) are laid over the Vietnamese page before it renders
  (``apply_translation``); otherwise the page is shown in Vietnamese under the English interface, marked
  ``lang="vi"`` and labelled (``content_language`` and the ``translation_tags`` template tags);
- the addresses of Vietnamese pages in English keep the ``/en/`` prefix (``localized_url_parts``, installed on
  Wagtail's ``Page`` by ``CoreConfig.ready()`` so base ``Page`` objects in menus and breadcrumbs follow it too), and
  an English page's address is its source's address under ``/en/``, whatever slug the translation has.

``TranslatedPageMixin`` goes first in the bases of every public page type. ``hreflang`` alternates, the language
switcher and the sitemap ask ``translation_for`` whether a translation exists (core/sitemaps.py,
core/templatetags/translation_tags.py). Lists (news, cards, home sections, feeds, search hits, related pages) keep
the Vietnamese sources, so that each story is listed once, and ``show_in_language`` lays each one's translation
over it for the visitor's language (one query per list); the cards mark the others ``lang="vi"`` and label them
with ``{% untranslated_label %}``.
"""

from functools import lru_cache

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail_localize.fields import TranslatableField, get_translatable_fields
from wagtail_localize.models import Translation

from .shared_data import shared

# Text fields a translation never lays over its source: the address stays the Vietnamese one.
KEPT_FIELDS = {"slug", "url_path", "draft_title", "latest_revision", "locale", "translation_key"}


def default_language():
    """The language of the source content ("vi")."""
    return settings.LANGUAGE_CODE


def active_language():
    """The language of the request being answered ("vi" or "en"), the default when none is active."""
    return (translation.get_language() or default_language()).split("-")[0]


def _languages_by_locale():
    """{locale id: language code}: read once per process and page-cache generation (core/shared_data.py), so that a
    locale saved or deleted through any process (another web node, a worker) is seen by every one."""
    return shared("languages_by_locale", None, lambda: dict(Locale.objects.values_list("id", "language_code")))


def language_of(page):
    """The language code of ``page``'s locale, without a query once the locales are known (``_languages_by_locale``;
    a locale not known yet is looked up on its own)."""
    languages = _languages_by_locale()
    if page.locale_id in languages:
        return languages[page.locale_id]
    code = Locale.objects.filter(pk=page.locale_id).values_list("language_code", flat=True).first()
    return code or default_language()


def default_locale_id():
    """The id of the default (Vietnamese) locale, from the mapping of ``language_of``."""
    for pk, language in _languages_by_locale().items():
        if language == default_language():
            return pk
    return None


def source_pages(queryset):
    """``queryset`` (pages) without the English translations and their parent copies: the registry's listings,
    counts, search and open data show each page once, by its Vietnamese source (English text is laid over it
    when it is served). Use it on every query of pages that is not limited to a part of the Vietnamese tree."""
    return queryset.filter(locale=default_locale_id())


@lru_cache(maxsize=64)
def overlay_field_names(model):
    """Names of the concrete text and stream fields wagtail-localize translates on ``model`` (page type), minus
    the address fields (``KEPT_FIELDS``)."""
    concrete = {field.name for field in model._meta.concrete_fields}
    return tuple(
        spec.field_name
        for spec in get_translatable_fields(model)
        if isinstance(spec, TranslatableField) and spec.field_name in concrete and spec.field_name not in KEPT_FIELDS
    )


def live_translations(model, language):
    """Live pages of ``model`` in ``language`` that were made with wagtail-localize (a ``Translation`` record
    exists: not the untranslated copies of parent pages it creates to hold them), not aliases (a queryset)."""
    made = Translation.objects.filter(source__object_id=OuterRef("translation_key"), target_locale=OuterRef("locale"))
    return model.objects.filter(locale__language_code=language, live=True, alias_of__isnull=True).filter(Exists(made))


def _translations(model, keys, language):
    """``live_translations`` of ``model`` in ``language`` with one of ``keys``. One query."""
    return live_translations(model, language).filter(translation_key__in=keys)


def translated_keys(keys, language):
    """{translation_key: live translated page (base ``Page``)} for the given keys in ``language``: only pages made
    with wagtail-localize (a ``Translation`` record exists), not the untranslated copies of parent pages it
    creates to hold them, and not aliases. One query."""
    keys = list(keys)
    if not keys:
        return {}
    return {page.translation_key: page for page in _translations(Page, keys, language)}


def _common_model(pages):
    """The most specific page class every one of ``pages`` is an instance of (``Page`` for a mixed list)."""
    classes = {type(page) for page in pages}
    if len(classes) == 1:
        return classes.pop()
    for model in type(pages[0]).__mro__:
        if isinstance(model, type) and issubclass(model, Page) and all(isinstance(page, model) for page in pages):
            return model if not model._meta.abstract else Page
    return Page


def show_in_language(pages, language=None, *, by_type=False):
    """Lay over each of ``pages`` (Vietnamese source pages of a listing, feed or search: cards show each story once,
    by its source) its live translation in ``language`` (default: the active one), in memory only, like
    ``apply_translation`` does for the page being served; every page gets ``content_language`` (the language its
    text is now in: the card's ``{% content_lang %}`` and ``{% untranslated_label %}`` read it). The pages keep
    their ids, addresses and relations. Returns ``pages`` (a list).

    One query for a list of one page type; a mixed list (site search) is overlaid with the fields of ``Page``
    (title, SEO title, description) in one query, or with every translated field of each type in one query per
    type present when ``by_type`` is true. No query on the Vietnamese site."""
    pages = [page for page in pages if page is not None]
    language = language or active_language()
    for page in pages:
        page.content_language = language_of(page)
    todo = [page for page in pages if page.content_language != language]
    if not todo:
        return pages
    groups = {}
    if by_type:
        for page in todo:
            groups.setdefault(type(page), []).append(page)
    else:
        groups[_common_model(todo)] = todo
    for model, group in groups.items():
        found = {
            page.translation_key: page
            for page in _translations(model, {page.translation_key for page in group}, language)
        }
        names = overlay_field_names(model)
        for page in group:
            english = found.get(page.translation_key)
            if english is None:
                continue
            page.source_texts = set()  # what stays Vietnamese on the card reads as such ({% value_lang %})
            for name in names:
                _collect_texts(getattr(page, name, None), page.source_texts, {})
                setattr(page, name, getattr(english, name))
            page.content_language = language
    return pages


def has_translation(key, language):
    """Whether the page of translation key ``key`` has a live translation in ``language`` made with wagtail-localize
    (``translated_keys``): one query per process and page-cache generation (core/shared_data.py), then none."""
    return shared("has_translation", (key, language), lambda: bool(translated_keys([key], language)))


def translation_for(page, language=None):
    """The live English (``language``) translation of a Vietnamese ``page`` made with wagtail-localize, as its
    specific page, or None. A page that is itself in ``language`` is its own translation. One query for a specific
    ``page`` (two for a base ``Page``), none when ``has_translation`` knows there is none."""
    language = language or active_language()
    if language_of(page) == language:
        return page
    if not has_translation(page.translation_key, language):
        return None
    found = _translations(type(page), [page.translation_key], language).first()
    return found.specific if found else None


def apply_translation(page, language=None):
    """Lay the live translation of ``page`` in ``language`` (default: the active one) over it, in memory only, and
    record which language its content is in as ``page.content_language``. Returns the translation or None.
    The Vietnamese page keeps its id, path and relations (certificates, producer, gallery), so everything the
    registry shows about it stays the same in both languages."""
    language = language or active_language()
    page.content_language = language_of(page)
    if language == page.content_language:
        return None
    found = translation_for(page, language)
    if found is None or found.pk == page.pk:
        return None
    names = [name for name in overlay_field_names(type(page)) if hasattr(found, name)]
    page.source_texts = set()
    source_blocks = {}
    for name in names:
        _collect_texts(getattr(page, name), page.source_texts, source_blocks)
    for name in names:
        setattr(page, name, getattr(found, name))
    translated_blocks = {}
    for name in names:
        _collect_texts(getattr(page, name), set(), translated_blocks)
    page.untranslated_block_ids = {
        block_id for block_id, value in translated_blocks.items() if source_blocks.get(block_id) == value
    }
    page.content_language = language
    page.english_translation = found
    return found


def _collect_texts(value, texts, blocks):
    """Add to ``texts`` every non-empty text (stripped) in ``value`` (a text field's value, a rich text, a stream's
    raw data, recursively) and to ``blocks`` {block id: raw value} of every stream block that has an id."""
    if value is None:
        return
    raw = getattr(value, "raw_data", None)
    if raw is not None:
        value = list(raw)
    if isinstance(value, dict):
        if "id" in value and "value" in value:
            blocks[value["id"]] = value["value"]
        for item in value.values():
            _collect_texts(item, texts, blocks)
    elif isinstance(value, list | tuple):
        for item in value:
            _collect_texts(item, texts, blocks)
    elif isinstance(value, str):
        if value.strip():
            texts.add(value.strip())
    elif hasattr(value, "source"):  # RichText
        _collect_texts(value.source, texts, blocks)


def shown_untranslated(page, value):
    """Whether ``value`` (a text, a rich text or a stream block: ``StreamChild``/``BoundBlock`` with an ``id``) shown
    on ``page`` is in Vietnamese on the English site. The rule: on a page without a live translation every value
    is; on a translated page a text identical to a text of the Vietnamese source page (wagtail-localize keeps the
    source text in segments nobody translated) is, and a stream block is when its value equals the source block of
    the same id. False on the Vietnamese site. No query."""
    language = active_language()
    if page is None or language == default_language() or not hasattr(page, "locale_id"):
        return False
    if (getattr(page, "content_language", None) or language_of(page)) != language:
        return True
    block_id = getattr(value, "id", None)
    if block_id is not None and not isinstance(value, str):
        return block_id in getattr(page, "untranslated_block_ids", ())
    source = getattr(value, "source", value)
    if not isinstance(source, str) or not source.strip():
        return False
    return source.strip() in getattr(page, "source_texts", ())


class TranslatedPageMixin:
    """First base of every public page type: routes through the Vietnamese tree, shows the English translation
    where one exists, and keeps English visitors under ``/en/`` (see the module docstring)."""

    def route(self, request, path_components):
        """An ``en`` copy of the root page (made when a page below it was translated) routes through its
        Vietnamese source: ``/en/<path>/`` always finds the Vietnamese page of ``<path>``."""
        if language_of(self) != default_language():
            source = self.get_translation_or_none(Locale.get_default())
            if source is not None:
                return source.specific.route(request, path_components)
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        """Lay the English translation over the page when the request is in English, then serve it as usual."""
        apply_translation(self)
        return super().serve(request, *args, **kwargs)


@lru_cache(maxsize=2048)
def translated_url(path, language, code):
    """``translate_url(path, code)`` as seen from ``language`` (the active one): the same address (a path with its
    query string) in language ``code``. It depends on the URL patterns only, so the last 2048 answers are kept in
    the process."""
    with translation.override(language):
        return translate_url(path, code)


def localized_url_parts(original):
    """Wrap Wagtail's ``Page.get_url_parts`` (installed on ``Page`` itself by ``CoreConfig.ready()``, so that base
    ``Page`` objects — menus, breadcrumbs, search results — behave like the specific ones): a Vietnamese page's
    address in the active language (``/en/san-pham/x/`` on the English site, as before translations were
    enabled); an English page's address is its Vietnamese source's under ``/en/``, whatever its own slug."""

    def get_url_parts(self, request=None):
        own = language_of(self)
        if own != default_language():
            source = self.get_translation_or_none(Locale.get_default())
            if source is not None:
                with translation.override(own):
                    return get_url_parts(source, request)
        parts = original(self, request)
        language = active_language()
        if parts is None or parts[2] is None or language == own or language not in dict(settings.LANGUAGES):
            return parts
        site_id, root_url, page_path = parts
        try:
            with translation.override(default_language()):
                prefix = reverse("wagtail_serve", args=("",))
            with translation.override(language):
                page_path = reverse("wagtail_serve", args=(page_path[len(prefix) :],))
        except NoReverseMatch:
            return parts
        return site_id, root_url, page_path

    get_url_parts.localized = True
    return get_url_parts


def install_localized_urls():
    """Called once from ``CoreConfig.ready()``: ``Page.get_url_parts`` becomes ``localized_url_parts`` of itself.
    Page types that override ``get_url_parts`` call ``super()`` and so keep the behaviour."""
    if not getattr(Page.get_url_parts, "localized", False):
        Page.get_url_parts = localized_url_parts(Page.get_url_parts)
