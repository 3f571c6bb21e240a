"""What a process remembers between requests follows a write made through another node (issue 18 item 6): every such
memory is in the shared cache or the database, or keyed by the page-cache epoch, which lives in the shared cache.
The processes themselves are drilled by tests/test_two_nodes.py; here one process plays both nodes: a write through
"node A" reaches "node B" only through the database and the shared cache (no signal of B's own runs)."""

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.core.cache import cache as default_cache
from wagtail.models import Locale, Page

from core.page_cache import invalidate
from core.translation import default_locale_id, language_of
from search.elastic import client
from tests.factories.home import ensure_site


def test_the_language_of_a_locale_follows_a_change_made_by_another_node(db):
    ensure_site()
    english, _created = Locale.objects.get_or_create(language_code="en")
    page = Page(locale_id=english.pk)
    assert language_of(page) == "en"
    vietnamese = default_locale_id()
    # Node A swaps the two codes (an administrator's mistake put right); this process sees no Locale signal.
    Locale.objects.filter(pk=vietnamese).update(language_code="tmp")
    Locale.objects.filter(pk=english.pk).update(language_code="vi")
    Locale.objects.filter(pk=vietnamese).update(language_code="en")
    invalidate()  # what node A's write does to the shared cache: a new page-cache generation
    assert language_of(page) == "vi"
    assert default_locale_id() == english.pk


def test_login_and_form_counters_are_kept_where_every_node_counts():
    # django-axes counts failed logins in the database; django-ratelimit counts form posts in the shared cache.
    assert isinstance(AxesProxyHandler.get_implementation(force=True), AxesDatabaseHandler)
    assert getattr(settings, "RATELIMIT_USE_CACHE", "default") == "default"
    # The "search engine down" memory is in the same shared cache (search/elastic/client.py).
    assert client.cache is default_cache
