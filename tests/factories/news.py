"""Factories of news/: categories, articles, bulletins, calls for entries, and their index pages."""

import datetime

import factory
import wagtail_factories

from news.models import AnnouncementPage, BulletinIndexPage, BulletinPage, NewsCategory, NewsIndexPage, NewsPage

from .home import ImageFactory, ensure_site


def news_index():
    """The live news index at /tin-tuc/ (created under the home page when missing)."""
    existing = NewsIndexPage.objects.first()
    if existing:
        return existing
    page = NewsIndexPage(title="Tin tức", slug="tin-tuc", show_in_menus=True, intro="Tin hoạt động khuyến công.")
    ensure_site().add_child(instance=page)
    return page


def bulletin_index():
    existing = BulletinIndexPage.objects.first()
    if existing:
        return existing
    page = BulletinIndexPage(title="Bản tin", slug="ban-tin", show_in_menus=True)
    ensure_site().add_child(instance=page)
    return page


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")


class NewsPageFactory(wagtail_factories.PageFactory):
    """A live article under the news index (``parent`` defaults to it), with a picture."""

    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Tin khuyến công số {n}")
    slug = factory.Sequence(lambda n: f"tin-{n}")
    date = factory.LazyFunction(datetime.date.today)
    authors = "Nguyễn Thị Hoa"
    summary = "Trung tâm Khuyến công hỗ trợ cơ sở công nghiệp nông thôn."
    featured_image = factory.SubFactory(ImageFactory)
    # The category the migrations seed; made again when a transactional test before this one flushed it.
    category = factory.LazyFunction(
        lambda: NewsCategory.objects.get_or_create(
            slug="hoat-dong-khuyen-cong", defaults={"name": "Hoạt động khuyến công"}
        )[0]
    )

    class Params:
        no_image = factory.Trait(featured_image=None)

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return super()._create(model_class, *args, parent=parent or news_index(), **kwargs)


class BulletinPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BulletinPage

    title = factory.Sequence(lambda n: f"Bản tin số {n}")
    slug = factory.Sequence(lambda n: f"ban-tin-{n}")
    issue_number = factory.Sequence(lambda n: n % 12 + 1)
    issue_date = factory.LazyFunction(lambda: datetime.date.today().replace(day=1))
    cover = factory.SubFactory(ImageFactory)

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return super()._create(model_class, *args, parent=parent or bulletin_index(), **kwargs)


class AnnouncementPageFactory(wagtail_factories.PageFactory):
    """A call for entries; pass ``competition``."""

    class Meta:
        model = AnnouncementPage

    title = factory.Sequence(lambda n: f"Thông báo bình chọn {n}")
    slug = factory.Sequence(lambda n: f"thong-bao-{n}")
    summary = "Nhận hồ sơ đăng ký bình chọn sản phẩm."

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return super()._create(model_class, *args, parent=parent or news_index(), **kwargs)


__all__ = [
    "AnnouncementPageFactory",
    "BulletinPageFactory",
    "NewsCategoryFactory",
    "NewsPageFactory",
    "bulletin_index",
    "news_index",
]
