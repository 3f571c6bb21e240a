"""Demo step for the site itself: accounts in the staff groups, the center's settings (Gia Lai), the home page's
hero and an about page."""

from decimal import Decimal

from django.contrib.auth import get_user_model

from core.models import SiteSettings
from core.roles import COMPETITION_MANAGERS, EDITORS, JURORS, MODERATORS, ensure_roles, role_group
from core.text import split_person_name
from home.models import HomePage, StandardPage
from home.setup import ensure_home

DEMO_PASSWORD = "khuyencong2026"

# (username, full name, role shown in the README, groups, is_superuser)
DEMO_ACCOUNTS = [
    ("admin", "Quản trị hệ thống", "superuser", [], True),
    ("bientap", "Nguyễn Thị Hoa", "editor", [EDITORS], False),
    ("duyet", "Trần Văn Minh", "approver (moderator)", [MODERATORS], False),
    ("quanly", "Lê Thị Thu", "competition manager", [COMPETITION_MANAGERS], False),
    ("giamkhao1", "Rơ Châm H'Nhí", "juror (chair)", [JURORS], False),
    ("giamkhao2", "Phạm Quốc Bảo", "juror", [JURORS], False),
    ("giamkhao3", "Đinh Thị Mai", "juror", [JURORS], False),
]
# Accounts of a role, not of a person: the whole name is the given name (``first_name``), so the admin's account menu
# and the e-mails' greeting ("Chào Quản trị hệ thống,") name the role whole, not its last word ("Chào thống,").
ROLE_ACCOUNTS = {"admin"}


def account_names(username, full_name):
    """``(last_name, first_name)`` of a demo account: a person's name split in Vietnamese order ("Nguyễn Thị Hoa" →
    ("Nguyễn Thị", "Hoa"), greeted "Chào Hoa,"), a role account's name whole in ``first_name``."""
    if username in ROLE_ACCOUNTS:
        return "", full_name
    return split_person_name(full_name)


def seed_accounts(ctx):
    """Create the demo accounts (Vietnamese name order: ``last_name`` family and middle names, ``first_name`` the
    given name; see ``account_names``) in the groups of ``core.roles``; fill ``ctx.users``. A role account seeded
    before with its name split ("Quản trị hệ" + "thống") gets its whole name back."""
    ensure_roles()
    user_model = get_user_model()
    for username, full_name, _role, roles, is_superuser in DEMO_ACCOUNTS:
        last_name, first_name = account_names(username, full_name)
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": username + "@khuyencong.gialai.example",
                "is_staff": is_superuser or username in ("bientap", "duyet", "quanly"),
                "is_superuser": is_superuser,
            },
        )
        if created:
            if ctx.known_passwords:
                user.set_password(DEMO_PASSWORD)
            else:
                user.set_unusable_password()  # production: an administrator sets real passwords
            user.save()
        elif (user.last_name, user.first_name) == split_person_name(full_name) != (last_name, first_name):
            user.last_name, user.first_name = last_name, first_name
            user.save(update_fields=["last_name", "first_name"])
        user.groups.add(*(role_group(role) for role in roles))
        ctx.users[username] = user
    ctx.write(f"  accounts: {len(DEMO_ACCOUNTS)}")


def seed_site(ctx):
    """The center's settings for Gia Lai (overwriting setup_site's defaults), the home page's hero, an about page."""
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

    home = HomePage.objects.get(pk=ensure_home(write=lambda *_: None).pk)
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
    """Demo step: accounts, then the site."""
    seed_accounts(ctx)
    seed_site(ctx)
