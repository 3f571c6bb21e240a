"""Make English translations of pages in tests the way the admin does (wagtail-localize's TranslationCreator)."""

from wagtail.models import Locale
from wagtail_localize.operations import TranslationCreator


def translate(page, user=None, **fields):
    """The published English translation of ``page`` (a Vietnamese page), with ``fields`` (title, intro, …) set
    to their English text. The parent pages it needs in the English tree are created as aliases by
    wagtail-localize."""
    english, _created = Locale.objects.get_or_create(language_code="en")
    page = page.specific
    TranslationCreator(user, [english]).create_translations(page, include_related_objects=False)
    translation = page.get_translation(english).specific  # fetched after the copy: nothing stale is saved
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision(user=user).publish(user=user)
    translation.refresh_from_db()
    return translation
