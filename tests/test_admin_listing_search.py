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
from programmes.training.models import Collaborator
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
from tests.factories.training import CollaboratorFactory
from tests.folding_cases import CASE_IDS, CASES, PHRASES, nfd, other

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("core", "home", "news", "registry", "search", "demo", "programmes")
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
    Collaborator: lambda phrase: CollaboratorFactory(full_name=phrase),
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


# -- Wagtail's own listings (users, groups, workflows, tasks, redirects, sites) ------------------------------------
def _wagtail_listing_urls():
    """``{url: model}`` of every admin listing outside the project's viewsets that offers a search over a model that
    is not indexed: found by walking the admin's URL patterns, so a listing Wagtail adds is covered too."""
    from django.urls import URLPattern, URLResolver, get_resolver
    from wagtail.admin.views.generic.base import BaseListingView

    found = {}

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
                continue
            view_class = getattr(pattern.callback, "view_class", None)
            if not (isinstance(pattern, URLPattern) and view_class and issubclass(view_class, BaseListingView)):
                continue
            if pattern.pattern.converters or not prefix.startswith("admin/"):
                continue
            view = view_class(**pattern.callback.view_initkwargs)
            model = getattr(view, "model", None)
            if model is None or model.__module__.startswith(PROJECT_APPS) or not view.is_searchable:
                continue
            if class_is_indexed(model) and view.search_backend_name:
                continue
            found["/" + prefix + str(pattern.pattern)] = model

    reverse("wagtailadmin_home")
    walk(get_resolver().url_patterns, "")
    return found


def _search_pick(phrase):
    """A promoted search (Settings → Search promotions lists only queries that have one)."""
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    query = Query.get(phrase)
    SearchPromotion.objects.create(query=query, external_link_url="https://example.org/", external_link_text="Ví dụ")
    return query


def _wagtail_makers():
    from django.contrib.auth.models import Group
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.search_promotions.models import Query
    from wagtail.models import GroupApprovalTask, Task, Workflow

    return {
        Group: lambda phrase: Group.objects.create(name=phrase),
        Workflow: lambda phrase: Workflow.objects.create(name=phrase),
        Task: lambda phrase: GroupApprovalTask.objects.create(name=phrase),
        Redirect: lambda phrase: Redirect.objects.create(old_path=f"/{_slug('r')}", redirect_link=f"/{phrase}"),
        Query: _search_pick,
        get_user_model(): MAKERS[get_user_model()],
        AccessAttempt: MAKERS[AccessAttempt],
    }


def test_wagtails_own_listings_are_walked():
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow

    models = set(_wagtail_listing_urls().values())
    assert {Group, Workflow} <= models
    assert not [model for model in models if model not in _wagtail_makers()], "add a maker to _wagtail_makers"


@pytest.mark.parametrize(("query", "group"), CASES, ids=CASE_IDS)
def test_wagtails_own_listing_searches_fold(staff_client, query, group):
    """Settings → Users, Groups, Workflows, Tasks, Redirects: "giam khao", "duyet tin" and "nguyen" find their
    Vietnamese names (the tester found these still compared with ``icontains``)."""
    makers = _wagtail_makers()
    failures = []
    for url, model in _wagtail_listing_urls().items():
        made = {g: makers[model](phrase).pk for g, phrase in PHRASES.items()}
        response = staff_client.get(url, {"q": query})
        assert response.status_code == 200, url
        found = {obj.pk for obj in response.context["object_list"]}
        if made[group] not in found or made[other(group)] in found:
            failures.append((url, sorted(found)))
        model.objects.filter(pk__in=made.values()).delete()
    assert not failures
