"""Factories of the site itself: users, images, standard pages, and the site tree."""

import importlib

import factory
import wagtail_factories
from django.apps import apps
from django.contrib.auth import get_user_model
from wagtail.models import Collection, Locale, Page, Site

from home.models import HomePage, StandardPage


def ensure_reference_data():
    """Recreate the reference rows the catalogue's data migration ships (trade groups, artisan titles), for tests
    that run after a transactional test flushed them."""
    migration = importlib.import_module("registry.catalogue.migrations.0002_reference_data")
    migration.forward(apps, None)


def ensure_site():
    """Return the HomePage, creating the root, locale, home page and default site if they are missing (and the
    shipped reference rows)."""
    Locale.objects.get_or_create(language_code="vi")
    ensure_reference_data()
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Trang chủ", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = "Lan"
    last_name = "Nguyễn"
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    class Params:
        staff = factory.Trait(is_staff=True)
        superuser = factory.Trait(is_staff=True, is_superuser=True)


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Ảnh {n}")


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Trang {n}")
    intro = "Giới thiệu ngắn."


__all__ = ["ImageFactory", "StandardPageFactory", "UserFactory", "ensure_site"]
