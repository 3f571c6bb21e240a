"""Demo data for the site itself: the center's settings, the home page, an about page, groups and accounts."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import Page, Site

from core.models import SiteSettings
from home.models import HomePage, StandardPage

DEMO_PASSWORD = "khuyencong2026"

# (username, full name, role shown in the README, groups, is_superuser)
DEMO_ACCOUNTS = [
    ("admin", "Quản trị hệ thống", "superuser", [], True),
    ("bientap", "Nguyễn Thị Hoa", "communications editor", ["Editors"], False),
    ("duyet", "Trần Văn Minh", "approver (moderator)", ["Moderators"], False),
    ("quanly", "Lê Thị Thu", "competition manager", ["Quản lý bình chọn"], False),
    ("giamkhao1", "Rơ Châm H'Nhí", "juror (chair)", ["Giám khảo"], False),
    ("giamkhao2", "Phạm Quốc Bảo", "juror", ["Giám khảo"], False),
    ("giamkhao3", "Đinh Thị Mai", "juror", ["Giám khảo"], False),
]


# Staff groups that must reach the Wagtail admin (Wagtail's initial data grants it; re-granted in case it was lost).
ADMIN_GROUPS = ("Editors", "Moderators", "Quản lý bình chọn")


def ensure_admin_access():
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for name in ADMIN_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)


def seed_accounts(ctx):
    ensure_admin_access()
    user_model = get_user_model()
    for username, full_name, _role, groups, is_superuser in DEMO_ACCOUNTS:
        first, _, last = full_name.rpartition(" ")
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "first_name": last,
                "last_name": first,
                "email": username + "@khuyencong.gialai.example",
                "is_staff": is_superuser or username in ("bientap", "duyet", "quanly"),
                "is_superuser": is_superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        for name in groups:
            group, _ = Group.objects.get_or_create(name=name)
            user.groups.add(group)
        ctx.users[username] = user
    ctx.write(f"  accounts: {len(DEMO_ACCOUNTS)}")


def seed_site(ctx):
    settings = SiteSettings.load()
    settings.site_name = "Trung tâm Khuyến công Gia Lai"
    settings.short_name = "Khuyến công Gia Lai"
    settings.tagline = "Sản phẩm công nghiệp nông thôn tiêu biểu, làng nghề và nghệ nhân Gia Lai"
    settings.governing_body = "Sở Công Thương tỉnh Gia Lai"
    settings.province_name = "Gia Lai"
    settings.map_center_lat, settings.map_center_lng, settings.map_zoom = Decimal("13.90"), Decimal("108.50"), 8
    settings.bounds_south, settings.bounds_west = Decimal("12.90"), Decimal("107.30")
    settings.bounds_north, settings.bounds_east = Decimal("14.70"), Decimal("109.45")
    settings.address = "123 Lê Duẩn, phường Quy Nhơn, tỉnh Gia Lai"
    settings.phone = "0256 3822 000"
    settings.email = "khuyencong@gialai.gov.vn"
    settings.opening_hours = "Thứ Hai – Thứ Sáu: 7:00 – 11:30, 13:30 – 17:00\nThứ Bảy, Chủ nhật: nghỉ"
    settings.save()

    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Trang chủ", slug="home"))
        Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    home.title = "Trang chủ"
    home.hero_title = "Tinh hoa nghề Việt trên đất Gia Lai"
    home.hero_text = (
        "Tra cứu sản phẩm công nghiệp nông thôn tiêu biểu, làng nghề, nghệ nhân và kết quả bình chọn "
        "của tỉnh Gia Lai; xác minh giấy chứng nhận bằng mã QR."
    )
    home.hero_image = ctx.image("Thổ cẩm Jrai – ảnh nền trang chủ", "brocade", (1600, 700))
    home.save_revision().publish()

    if not StandardPage.objects.filter(slug="gioi-thieu").exists():
        about = StandardPage(
            title="Giới thiệu",
            slug="gioi-thieu",
            intro="Trung tâm Khuyến công Gia Lai hỗ trợ cơ sở công nghiệp nông thôn, làng nghề và nghệ nhân.",
            body=[
                (
                    "paragraph",
                    "<p>Trung tâm thực hiện chương trình khuyến công của tỉnh: đào tạo nghề, "
                    "hỗ trợ máy móc thiết bị, xây dựng mô hình trình diễn, xúc tiến thương mại và tổ chức "
                    "bình chọn sản phẩm công nghiệp nông thôn tiêu biểu.</p>",
                ),
            ],
        )
        home.add_child(instance=about)
        about.save_revision().publish()
    ctx.write("  site settings, home page, about page")


def seed(ctx):
    seed_accounts(ctx)
    seed_site(ctx)
