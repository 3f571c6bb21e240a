"""Every admin listing search folds (issue 11): the test walks EVERY registered model and snippet viewset of the
project that has a listing search, makes one record per phrase of the shared case table (``tests/folding_cases.py``),
and searches it as staff with and without marks, NFC and NFD, upper case, đ/Đ. A new viewset with a search fails here
until it folds and has a maker in ``MAKERS``.

Searches restricted with ``fields=[…]`` (an admin viewset's ``search_fields`` over an indexed model, or
``Model.objects.search(q, fields=[…])``) fold too. Run on SQLite (default) and on PostgreSQL (``DATABASE_URL=…``).
"""

import itertools

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.db.models import Value
from django.urls import reverse
from wagtail.admin.viewsets import viewsets as registry
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.search.backends import get_search_backend
from wagtail.search.index import class_is_indexed

from core.folding import Fold
from core.text import fold
from news.models import NewsCategory, ProgrammeContent
from registry.catalogue.models import Certificate, Commune, Producer, ProductPage, Province, TitleKind
from registry.competitions.models import Competition, Conflict, Criterion, Entry, Juror, Rubric
from tests.factories import (
    CertificateFactory,
    CompetitionFactory,
    ConflictFactory,
    EntryFactory,
    JurorFactory,
    ProducerFactory,
    ProductPageFactory,
    ProvinceFactory,
    RubricFactory,
    UserFactory,
)
from tests.folding_cases import CASE_IDS, CASES, PHRASES, nfd, other

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("core", "home", "news", "registry", "search", "demo")
_serial = itertools.count(1)


def _slug(prefix):
    return f"{prefix}-{next(_serial)}"


def _product(phrase):
    return ProductPageFactory(title=phrase, slug=_slug("sp"))


# model → a function making a record whose searched text holds ``phrase``.
MAKERS = {
    Producer: lambda phrase: ProducerFactory(name=phrase, slug=_slug("cs")),
    Certificate: lambda phrase: CertificateFactory(product=_product(phrase)),
    Province: lambda phrase: ProvinceFactory(code=f"9{next(_serial)}", name=phrase),
    Commune: lambda phrase: Commune.objects.create(
        code=f"99{next(_serial):03d}", name=phrase, province=ProvinceFactory()
    ),
    TitleKind: lambda phrase: TitleKind.objects.create(name=phrase),
    NewsCategory: lambda phrase: NewsCategory.objects.create(name=phrase, slug=_slug("cm")),
    ProgrammeContent: lambda phrase: ProgrammeContent.objects.create(name=phrase, code=_slug("nd")),
    Competition: lambda phrase: CompetitionFactory(name=phrase, slug=_slug("bc")),
    Entry: lambda phrase: EntryFactory(product=_product(phrase)),
    Juror: lambda phrase: JurorFactory(title=phrase),
    Rubric: lambda phrase: RubricFactory(name=phrase),
    Criterion: lambda phrase: Criterion.objects.create(
        rubric=RubricFactory(), code="9", name=phrase, max_points=10, position=9
    ),
    Conflict: lambda phrase: ConflictFactory(reason=phrase),
    get_user_model(): lambda phrase: UserFactory(username=_slug("nd"), last_name=phrase, first_name="An"),
    AccessAttempt: lambda phrase: AccessAttempt.objects.create(
        username=phrase, ip_address="10.0.0.1", user_agent="test", get_data="", post_data="", failures_since_start=5
    ),
}


def searchable_viewsets():
    """Every registered model/snippet viewset of the project whose listing offers a search."""
    reverse("wagtailadmin_home")  # loading the admin's URLs populates the viewset registry
    found = []
    for viewset in registry.viewsets:
        if not isinstance(viewset, ModelViewSet) or not type(viewset).__module__.startswith(PROJECT_APPS):
            continue
        view = viewset.index_view.view_class(**viewset.index_view.view_initkwargs)
        if view.is_searchable:
            found.append(viewset)
    return found


def _listing_urls(viewset):
    """The listing of ``viewset`` and its results fragment (what the search box fetches as one types)."""
    view = viewset.index_view.view_initkwargs
    return [reverse(view["index_url_name"]), reverse(view["index_results_url_name"])]


@pytest.fixture
def staff_client(client, home_page):
    client.force_login(UserFactory(username="quantri", superuser=True))
    return client


@pytest.fixture
def records(home_page):
    """``{(viewset, group): pk}`` for every searchable viewset and both phrases."""
    made = {}
    for viewset in searchable_viewsets():
        for group, phrase in PHRASES.items():
            made[(viewset, group)] = MAKERS[viewset.model](phrase).pk
    return made


def test_every_searchable_listing_is_covered():
    viewsets = searchable_viewsets()
    models = {viewset.model for viewset in viewsets}
    assert {Certificate, Province, Commune, TitleKind, NewsCategory, Competition, Producer, get_user_model()} <= models
    assert not [viewset.name for viewset in viewsets if viewset.model not in MAKERS], "add a maker to MAKERS"


@pytest.mark.parametrize(("query", "group"), CASES, ids=CASE_IDS)
def test_every_admin_listing_search_folds(staff_client, records, query, group):
    failures = []
    for viewset in searchable_viewsets():
        for url in _listing_urls(viewset):
            response = staff_client.get(url, {"q": query})
            assert response.status_code == 200, url
            found = {obj.pk for obj in response.context["object_list"]}
            if records[(viewset, group)] not in found or records[(viewset, other(group))] in found:
                failures.append((url, sorted(found)))
    assert not failures


@pytest.mark.parametrize("query", ['"', "%", "_", "\x00", "'--", "a" * 300, "GL-2024/01", "10.0.0.1"])
def test_every_admin_listing_search_survives_odd_input(staff_client, records, query):
    for viewset in searchable_viewsets():
        url = _listing_urls(viewset)[0]
        assert staff_client.get(url, {"q": query}).status_code == 200, url


def test_a_code_or_address_is_one_term(staff_client, records):
    """Serials, codes and IP addresses are searched whole ("10.0.0.1" is not four numbers anywhere)."""
    certificate = Certificate.objects.filter(pk=records[(_viewset_of(Certificate), "gom")]).get()
    url = _listing_urls(_viewset_of(Certificate))[0]
    found = {obj.pk for obj in staff_client.get(url, {"q": certificate.serial.lower()}).context["object_list"]}
    assert found == {certificate.pk}
    url = _listing_urls(_viewset_of(AccessAttempt))[0]
    assert len(staff_client.get(url, {"q": "10.0.0.1"}).context["object_list"]) == 2
    assert len(staff_client.get(url, {"q": "0.1.10"}).context["object_list"]) == 0


def _viewset_of(model):
    return next(viewset for viewset in searchable_viewsets() if viewset.model is model)


# -- the fold in SQL ----------------------------------------------------------------------------------------------
VIETNAMESE_LETTERS = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"


@pytest.mark.parametrize("text", [VIETNAMESE_LETTERS, VIETNAMESE_LETTERS.upper(), nfd(VIETNAMESE_LETTERS.upper())])
def test_the_sql_fold_is_core_text_fold(text):
    """Every Vietnamese letter, lower and upper case, NFC and NFD: the database folds as ``core.text.fold``."""
    province = ProvinceFactory()
    value = Province.objects.filter(pk=province.pk).annotate(folded=Fold(Value(text))).values_list("folded").get()
    assert value == (fold(text),)


# -- searches restricted to fields --------------------------------------------------------------------------------
@pytest.fixture
def restricted(home_page):
    """Per phrase, a producer named by it (and described by the other phrase) and a product titled by it."""
    made = {}
    for group, phrase in PHRASES.items():
        made[("producer", group)] = ProducerFactory(
            name=phrase, slug=_slug("cs"), description=f"Mô tả: {PHRASES[other(group)]}"
        ).pk
        made[("product", group)] = _product(phrase).pk
    return made


@pytest.mark.parametrize(("query", "group"), CASES, ids=CASE_IDS)
def test_searches_restricted_to_fields_fold(restricted, query, group):
    backend = get_search_backend()
    assert class_is_indexed(Producer) and class_is_indexed(ProductPage)
    for method in (backend.search, backend.autocomplete):
        names = {obj.pk for obj in method(query, Producer.objects.all(), fields=["name"])}
        assert names == {restricted[("producer", group)]}, method
        if method == backend.search:  # description is a SearchField, not an AutocompleteField
            descriptions = {obj.pk for obj in method(query, Producer.objects.all(), fields=["description"])}
            assert descriptions == {restricted[("producer", other(group))]}
    titles = {obj.pk for obj in ProductPage.objects.search(query, fields=["title"])}
    assert titles == {restricted[("product", group)]}
    titles = {obj.pk for obj in ProductPage.objects.autocomplete(query, fields=["title"])}
    assert titles == {restricted[("product", group)]}


def test_a_restricted_search_ranks_the_exact_word_first(home_page):
    exact = ProducerFactory(name="Gốm Ia Pa", slug="gom-ia-pa")
    folded = ProducerFactory(name="Gom Ia Pa", slug="gom-ia-pa-2")
    backend = get_search_backend()
    assert [obj.pk for obj in backend.search("Gốm", Producer.objects.all(), fields=["name"])] == [exact.pk, folded.pk]
    assert [obj.pk for obj in backend.search("Gom", Producer.objects.all(), fields=["name"])] == [folded.pk, exact.pk]
