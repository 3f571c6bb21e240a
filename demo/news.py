"""Demo step for news, under setup_site's /tin-tuc/ and /ban-tin/ pages: articles across categories with pictures,
three monthly bulletins with PDFs, a call for entries of an open competition, and the default arrangement of the
home page sections. Idempotent; ``--scale`` multiplies the articles. (Categories and programme contents are shipped
by the migration news 0002.)"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from core.text import slugify
from home.models import HomePage
from news.models import (
    AnnouncementPage,
    BulletinIndexPage,
    BulletinPage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsRelatedArtisan,
    NewsRelatedProduct,
    NewsRelatedVillage,
    ProgrammeContent,
)
from news.models.taxonomy import DEFAULT_CATEGORIES, PROGRAMME_CONTENTS
from registry.catalogue.models import ArtisanPage, CraftVillagePage, ProductPage
from registry.competitions.models import Competition

from .news_data import ARTICLES, BULLETINS
from .pdf import bulletin_pdf

AUTHORS = ["Nguyễn Thị Hoa", "Trần Văn Minh", "Ksor H'Phương", "Lê Quang Vinh"]


def _slug(text):
    return slugify(text, max_length=80)


def _publish(page, when=None):
    revision = page.save_revision()
    revision.publish()
    if when is not None:
        type(page).objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)


def ensure_taxonomy():
    """Re-create the categories and programme contents the migration news 0002 ships, if a flush removed them."""
    for slug, name, rank in DEFAULT_CATEGORIES:
        NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name, "rank": rank})
    for code, name, rank in PROGRAMME_CONTENTS:
        ProgrammeContent.objects.get_or_create(code=code, defaults={"name": name, "rank": rank})


def _related(model, count):
    return list(model.objects.live().order_by("pk")[:count])


def _body(ctx, title, palette, paragraphs, number):
    body = [("paragraph", f"<p>{paragraphs[0]}</p>")]
    if number % 3 == 0:
        quote = "Khuyến công là cầu nối để sản phẩm của bà con đi xa hơn."
        body.append(("quote", {"text": quote, "attribution": "Giám đốc Trung tâm Khuyến công"}))
    if number % 4 == 1:
        picture = ctx.image(title + " – ảnh 2", palette, (1200, 800))
        body.append(("image", {"image": picture, "alt_text": title, "decorative": False}))
    body.append(("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs[1:])))
    if number % 5 == 2:
        gallery = [ctx.image(f"{title} – bộ ảnh {i}", palette, (900, 675)) for i in range(1, 4)]
        images = [{"image": image, "alt_text": image.title, "decorative": False} for image in gallery]
        body.append(("gallery", {"title": "Một số hình ảnh", "images": images}))
    if number % 7 == 4:
        table = {
            "data": [
                ["Nội dung", "Số đề án", "Kinh phí (triệu đồng)"],
                ["Máy móc thiết bị", "12", "4.850"],
                ["Đào tạo nghề", "6", "1.200"],
                ["Xúc tiến thương mại", "6", "3.100"],
            ],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Kinh phí khuyến công theo nội dung",
        }
        body.append(("table", table))
    return body


def seed_articles(ctx, news_index):
    categories = {c.slug: c for c in NewsCategory.objects.all()}
    contents = {c.code: c for c in ProgrammeContent.objects.all()}
    products = _related(ProductPage, 6)
    villages = _related(CraftVillagePage, 4)
    artisans = _related(ArtisanPage, 4)
    existing = set(NewsPage.objects.child_of(news_index).values_list("slug", flat=True))
    today = timezone.localdate()
    total = len(ARTICLES) * ctx.scale
    created = 0
    for number in range(total):
        title, category, codes, palette, summary, paragraphs = ARTICLES[number % len(ARTICLES)]
        round_ = number // len(ARTICLES)
        slug = _slug(title)
        if round_:
            title = f"{title} (kỳ {round_ + 1})"
            slug = f"{slug[:70].strip('-')}-ky-{round_ + 1}"
        if slug in existing:
            continue
        date = today - datetime.timedelta(days=4 + number * 9 // max(1, ctx.scale))
        base_title = ARTICLES[number % len(ARTICLES)][0]
        article = NewsPage(
            title=title,
            slug=slug,
            date=date,
            authors=AUTHORS[number % len(AUTHORS)],
            category=categories.get(category),
            featured_image=ctx.image(base_title, palette, (1200, 800)),
            featured_image_caption="Ảnh: Trung tâm Khuyến công Gia Lai.",
            summary=summary,
            body=_body(ctx, base_title, palette, paragraphs, number),
        )
        article.programme_contents = [contents[code] for code in codes if code in contents]
        if products and number % 3 == 0:
            article.related_product_links = [
                NewsRelatedProduct(product=products[(number + i) % len(products)]) for i in range(min(2, len(products)))
            ]
        if villages and category == "lang-nghe":
            article.related_village_links = [NewsRelatedVillage(village=villages[number % len(villages)])]
        if artisans and category in ("lang-nghe", "dao-tao"):
            article.related_artisan_links = [NewsRelatedArtisan(artisan=artisans[number % len(artisans)])]
        news_index.add_child(instance=article)
        when = timezone.make_aware(datetime.datetime.combine(date, datetime.time(8, 30)))
        _publish(article, when)
        existing.add(slug)
        created += 1
        if created % 20 == 0:
            ctx.progress("articles", created, total)
    ctx.write(f"  news articles: {NewsPage.objects.count()} ({created} new)")


def seed_bulletins(ctx, bulletins):
    document_model = get_document_model()
    today = timezone.localdate().replace(day=1)
    for back, (number, _title, _month, palette) in zip((2, 1, 0), BULLETINS, strict=True):
        month = (today - datetime.timedelta(days=28 * back)).replace(day=1)
        title = f"Bản tin Khuyến công Gia Lai – tháng {month.month}/{month.year}"
        slug = f"ban-tin-{month.year}-{month.month:02d}"
        if BulletinPage.objects.filter(slug=slug).exists():
            continue
        articles = list(NewsPage.objects.live().order_by("-date")[number * 4 : number * 4 + 5])
        toc = [(a.title, 2 + 2 * i) for i, a in enumerate(articles)] or [("Tin hoạt động khuyến công", 2)]
        document = document_model.objects.filter(title=title).first()
        if document is None:
            document = document_model(title=title)
            document.file.save(slug + ".pdf", ContentFile(bulletin_pdf(title, toc)), save=False)
            document._set_document_file_metadata()  # size and hash, as the admin upload form does
            document.save()
        issue = BulletinPage(
            title=title,
            slug=slug,
            issue_number=month.month,
            issue_date=month,
            cover=ctx.image(f"Bìa bản tin {month.month}/{month.year}", palette, (600, 800)),
            document=document,
            summary="Tin hoạt động khuyến công, sản phẩm tiêu biểu và làng nghề trong tháng.",
            contents=[("entry", {"title": name, "page_number": page}) for name, page in toc],
        )
        bulletins.add_child(instance=issue)
        _publish(issue)
    ctx.write(f"  bulletins: {BulletinPage.objects.count()}")


def seed_announcement(ctx, news_index):
    competition = Competition.objects.open_for_entries().order_by("entries_open_until").first()
    if competition is None:
        ctx.write("  call for entries: skipped (no competition open for entries)")
        return None
    announcement = AnnouncementPage.objects.filter(competition=competition).first()
    if announcement is None:
        deadline = competition.entries_open_until.strftime("%d/%m/%Y") if competition.entries_open_until else ""
        announcement = AnnouncementPage(
            title=f"Thông báo nhận hồ sơ: {competition.name}",
            slug=_slug("thong-bao " + competition.slug),
            competition=competition,
            featured_image=ctx.image("Thông báo bình chọn sản phẩm", "metal", (1200, 800)),
            summary=(
                "Các cơ sở công nghiệp nông thôn trên địa bàn tỉnh đăng ký sản phẩm tham gia bình chọn; "
                f"hạn nộp hồ sơ {deadline}."
            ),
            body=(
                "<p>Hồ sơ gồm: phiếu đăng ký, bản thuyết minh sản phẩm, hình ảnh và mẫu sản phẩm.</p>"
                "<p>Nộp tại Trung tâm Khuyến công Gia Lai hoặc qua đường bưu điện.</p>"
            ),
        )
        news_index.add_child(instance=announcement)
        _publish(announcement)
    ctx.write(f"  call for entries: {announcement.title}")
    return announcement


def arrange_home(ctx, home):
    if home.sections:
        ctx.write("  home page sections: kept (already arranged)")
        return
    picks = list(NewsPage.objects.live().order_by("-date")[:3])
    sections = []
    if picks:
        items = [{"page": page, "title": "", "text": "", "image": None} for page in picks]
        sections.append(("highlights", {"heading": "Tin nổi bật", "items": items}))
    sections += [
        ("key_figures", {"heading": "Khuyến công Gia Lai qua các con số"}),
        ("featured_products", {"heading": "Sản phẩm CNNT tiêu biểu", "count": 8, "products": []}),
        ("open_competitions", {"heading": "Bình chọn đang nhận hồ sơ", "text": ""}),
        ("latest_news", {"heading": "Tin mới", "count": 4, "category": None}),
        (
            "villages_map",
            {
                "heading": "Làng nghề Gia Lai",
                "text": "Làng nghề dệt thổ cẩm, rượu cần, đan lát, gốm và rèn của đồng bào Jrai, Bahnar và người Kinh.",
                "count": 5,
            },
        ),
    ]
    home.sections = sections
    _publish(home)
    ctx.write(f"  home page sections: {len(sections)}")


def seed(ctx):
    """Demo step: articles, bulletins, a call for entries, the home page sections."""
    ensure_taxonomy()
    news_index, bulletins = ctx.index(NewsIndexPage), ctx.index(BulletinIndexPage)
    seed_articles(ctx, news_index)
    seed_bulletins(ctx, bulletins)
    seed_announcement(ctx, news_index)
    arrange_home(ctx, HomePage.objects.get(pk=news_index.get_parent().pk))
