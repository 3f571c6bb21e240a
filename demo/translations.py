"""Demo step: English versions of a handful of pages and the English texts of the site settings.

The translations are made the way an editor makes them in the admin (wagtail-localize's ``TranslationCreator``:
"Translate" in a page's menu, which also creates the English copies of the parent pages it needs), then given
their English text and published. Every other page stays untranslated and is shown in Vietnamese, marked as such,
under ``/en/`` (core/translation.py). Idempotent: a page already translated is left as it is.
"""

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from core.models import SiteSettings
from home.models import HomePage

ENGLISH_SETTINGS = {
    "site_name_en": "Gia Lai Industrial Promotion Center",
    "short_name_en": "Gia Lai Industrial Promotion",
    "tagline_en": "Typical rural industrial products, craft villages and artisans of Gia Lai",
    "governing_body_en": "Gia Lai Department of Industry and Trade",
    "address_en": "123 Le Duan, Quy Nhon ward, Gia Lai province",
    "opening_hours_en": "Monday – Friday: 7:00 – 11:30, 13:30 – 17:00\nSaturday, Sunday: closed",
}

HOME_HEADINGS = {
    "Tin nổi bật": "Highlights",
    "Khuyến công Gia Lai qua các con số": "Gia Lai industrial promotion in figures",
    "Sản phẩm CNNT tiêu biểu": "Typical rural industrial products",
    "Bình chọn đang nhận hồ sơ": "Competitions open for entries",
    "Tin mới": "Latest news",
    "Làng nghề Gia Lai": "Craft villages of Gia Lai",
}


def _paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


# (url path below the home page, English fields). Section pages first: their titles make the English menu.
PAGES = [
    ("san-pham/", {"title": "Products", "intro": "Typical rural industrial products recognized at every level."}),
    ("lang-nghe/", {"title": "Craft villages", "intro": "Recognized craft villages and traditional craft villages."}),
    ("nghe-nhan/", {"title": "Artisans", "intro": "Artisans, master craftsmen and bringers of crafts."}),
    ("tin-tuc/", {"title": "News", "intro": "Industrial promotion, product competitions, craft villages, policy."}),
    ("binh-chon/", {"title": "Competitions", "intro": "Product competitions: rules, progress and results."}),
    ("ban-tin/", {"title": "Bulletins", "intro": "The center's bulletins, issue by issue."}),
    (
        "gioi-thieu/",
        {
            "title": "About us",
            "intro": "The Gia Lai Industrial Promotion Center supports rural industry, craft villages and artisans.",
            "body": _paragraph(
                "The center runs the province's industrial promotion programme: vocational training, support for "
                "machinery, demonstration models, trade promotion and the competitions of typical products."
            ),
        },
    ),
    (
        "san-pham/ca-phe-rang-xay-ia-grai/",
        {
            "title": "Ia Grai roasted ground coffee",
            "summary": "Hand-picked ripe Robusta, medium roasted without additives: strong and fragrant.",
            "search_description": "Hand-picked ripe Robusta, medium roasted: strong and fragrant.",
            "body": _paragraph("Recognized as a typical rural industrial product of Gia Lai province."),
        },
    ),
    (
        "lang-nghe/lang-det-tho-cam-phung/",
        {
            "title": "Phung brocade weaving village",
            "search_description": "Phung village: the Jrai brocade weaving of Hoi Phu ward.",
            "body": _paragraph("Phung village has kept the craft of brocade weaving alive for generations."),
        },
    ),
    (
        "nghe-nhan/rah-lan-h-lin/",
        {
            "search_description": "The keeper of more than 40 ancient Jrai brocade patterns.",
            "biography": "<p>Rơ Châm H'Lin was born in 1962 and has woven brocade since childhood.</p>",
        },
    ),
    (
        "tin-tuc/khai-mac-hoi-cho-san-pham-cong-nghiep-nong-thon-tieu-bieu-tinh-gia-lai/",
        {
            "title": "Gia Lai's fair of typical rural industrial products opens",
            "summary": "More than 120 stalls of rural industrial establishments, cooperatives and craft villages "
            "show the province's typical products.",
            "body": _paragraph(
                "The organizers set aside an area for the products just recognized at provincial level, each with "
                "a QR code so that buyers can verify its certificate."
            ),
        },
    ),
]


def submit(page, english, user=None):
    """Send ``page`` for translation into English (the admin's "Translate"): its English copy, and the copies of
    the parent pages it needs. False when it had been sent before."""
    page = page.specific
    if Translation.objects.filter(source__object_id=str(page.translation_key), target_locale=english).exists():
        return False
    TranslationCreator(user, [english]).create_translations(page, include_related_objects=False)
    return True


def write(page, english, fields, user=None):
    """Give the English copy of ``page`` its English ``fields`` and publish it (read fresh from the database, after
    every copy has been made, so that no stale copy of a parent is saved)."""
    translation = Page.objects.get(translation_key=page.translation_key, locale=english).specific
    for name, value in fields.items():
        if hasattr(translation, name):
            setattr(translation, name, value)
    translation.save_revision(user=user).publish(user=user)
    return translation


def seed_settings(ctx):
    """The English texts of the center's settings (header, footer, titles on /en/)."""
    settings = SiteSettings.load()
    for name, value in ENGLISH_SETTINGS.items():
        setattr(settings, name, value)
    settings.save()


def seed_home(ctx, english, user):
    """The English fields of the home page: its hero and its section headings."""
    home = HomePage.objects.filter(locale__language_code="vi").first()
    sections = []
    for block in home.sections:
        value = dict(block.value)
        if "heading" in value:
            value["heading"] = HOME_HEADINGS.get(value["heading"], value["heading"])
        if block.block_type == "villages_map" and value.get("text"):
            value["text"] = "Brocade weaving, rice wine, basketry, pottery and forging of the Jrai, Bahnar and Kinh."
        sections.append((block.block_type, value))
    fields = {
        "title": "Home",
        "hero_title": "The finest Vietnamese crafts of Gia Lai",
        "hero_text": "Look up the typical rural industrial products, craft villages, artisans and competition results "
        "of Gia Lai province; verify a certificate by its QR code.",
        "sections": sections,
    }
    return fields


def seed(ctx):
    """Demo step: English site settings, the home page and a handful of pages in English: every page is sent for
    translation first, then each English copy gets its text and is published."""
    english, _created = Locale.objects.get_or_create(language_code="en")
    user = ctx.users.get("admin")
    seed_settings(ctx)
    home = HomePage.objects.filter(locale__language_code="vi").first()
    if home is None:
        return
    wanted = [(home, seed_home(ctx, english, user))]
    for path, fields in PAGES:
        page = Page.objects.filter(url_path=f"{home.url_path}{path}", locale=home.locale).first()
        if page is not None:
            wanted.append((page, fields))
    new = [(page, fields) for page, fields in wanted if submit(page, english, user)]

    def write_all():
        for page, fields in new:
            write(page, english, fields, user)
        if new:
            # Those deferred publications save page objects read before the copies' children were added: their
            # tree counters (numchild) are stale; treebeard recounts them.
            Page.fix_tree(fix_paths=False)

    # wagtail-localize publishes each new copy when the transaction commits (transaction.on_commit): the English
    # texts are written after that, or that first publication would put the Vietnamese text back.
    transaction.on_commit(write_all)
    ctx.write(f"  English translations: {len(new)} new, site settings in English")
