"""The foundation: settings modules, languages, error pages, robots.txt, demo data."""

import importlib
import io
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.test import override_settings

from home.models import HomePage, StandardPage


@pytest.mark.parametrize("module", ["config.settings.base", "config.settings.dev", "config.settings.test"])
def test_settings_modules_import(module):
    assert importlib.import_module(module).INSTALLED_APPS


PRODUCTION_MAIL_AND_ADDRESS = {
    "SITE_URL": "https://khuyencong.example.org",
    "EMAIL_URL": "smtp+tls://khuyencong:secret@mail.example.org:587",
    "DEFAULT_FROM_EMAIL": "Trung tâm Khuyến công <khuyencong@example.org>",
}
PRODUCTION_BASICS = {
    "SECRET_KEY": "p" * 64 + "-production-test-key-with-enough-entropy-1234567890",
    "ALLOWED_HOSTS": "khuyencong.example.org",
    "DATABASE_URL": "sqlite:////tmp/khuyencong-deploy-check.db",
}


def _run_production(extra_env, *args):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "SITE_URL", "EMAIL_URL")
    }
    env.update(PRODUCTION_MAIL_AND_ADDRESS)
    env.update(extra_env, DJANGO_SETTINGS_MODULE="config.settings.production")
    return subprocess.run([sys.executable, "manage.py", *args], env=env, capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_secret_key():
    result = _run_production({"ALLOWED_HOSTS": "example.org", "DATABASE_URL": "sqlite:////tmp/x.db"}, "check")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "Production settings need these environment variables" in result.stderr


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"SITE_URL": ""}, "SITE_URL"),
        ({"EMAIL_URL": ""}, "EMAIL_URL"),
        ({"DEFAULT_FROM_EMAIL": ""}, "DEFAULT_FROM_EMAIL"),
        ({"SITE_URL": "http://khuyencong.example.org"}, "SITE_URL must be the site's https:// address"),
        ({"EMAIL_URL": "consolemail://"}, "EMAIL_URL must point at a real mail server"),
    ],
)
def test_production_refuses_unsafe_addresses_and_mail(override, message):
    result = _run_production({**PRODUCTION_BASICS, **override}, "check")
    assert result.returncode != 0
    assert message in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_deploy_check_warns_when_site_url_host_is_not_allowed():
    result = _run_production({**PRODUCTION_BASICS, "SITE_URL": "https://khuyencong.other.example"}, "check", "--deploy")
    assert "khuyencong.W001" in result.stderr + result.stdout


def test_production_check_deploy_is_clean():
    result = _run_production(
        {
            "SECRET_KEY": "x" * 64 + "-production-test-key-with-enough-entropy-1234567890",
            "ALLOWED_HOSTS": "khuyencong.example.org",
            "DATABASE_URL": "sqlite:////tmp/khuyencong-deploy-check.db",
            "SITE_URL": "https://khuyencong.example.org",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_home_page_in_vietnamese_at_root(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Bỏ qua, đến nội dung chính" in html
    assert (
        '<link rel="alternate" hreflang="en"' not in html
    )  # no English version of the home page yet (tests/test_english_site.py)


def test_home_page_in_english_under_en(client, home_page):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html


@override_settings(DEBUG=False)
def test_unknown_url_gives_custom_404(client, home_page):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert "site-header" in html  # the site's own layout, not Django's plain page


@override_settings(DEBUG=False)
def test_unknown_url_in_english_gives_english_404(client, home_page):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_500_template_is_self_contained():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Hệ thống đang gặp sự cố" in html


def test_robots_txt_points_to_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: " in body and body.rstrip().endswith("/sitemap.xml")


def test_admin_runs_in_vietnamese(client, demo_accounts):
    client.force_login(demo_accounts["bientap"])
    response = client.get("/admin/")
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()


def test_site_settings_appear_in_footer(client, home_page):
    from core.models import SiteSettings

    settings = SiteSettings.load()
    settings.address = "45 Trần Hưng Đạo, phường Pleiku"
    settings.phone = "0269 3824 567"
    settings.save()
    html = client.get("/").content.decode()
    assert "45 Trần Hưng Đạo, phường Pleiku" in html
    assert "0269 3824 567" in html


def test_nav_lists_menu_pages(client, home_page):
    about = StandardPage(title="Giới thiệu", slug="gioi-thieu", show_in_menus=True)
    home_page.add_child(instance=about)
    html = client.get("/").content.decode()
    assert 'href="/gioi-thieu/"' in html
    assert 'href="/en/gioi-thieu/"' in client.get("/en/").content.decode()


def test_seed_demo_is_idempotent(home_page):
    call_command("seed_demo", stdout=io.StringIO())
    counts = (HomePage.objects.count(), StandardPage.objects.count())
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert (HomePage.objects.count(), StandardPage.objects.count()) == counts
    assert get_user_model().objects.count() == users == 9  # 7 staff accounts + 2 producer accounts (demo.producers)


def test_production_collectstatic_builds_the_manifest(tmp_path):
    """whitenoise's compressed manifest storage must be able to post-process every asset (source maps included)."""
    result = _run_production(
        {
            "SECRET_KEY": "collectstatic-test-" + "k" * 50,
            "ALLOWED_HOSTS": "khuyencong.example.org",
            "DATABASE_URL": "sqlite:////tmp/khuyencong-collectstatic.db",
            "SITE_URL": "https://khuyencong.example.org",
            "STATIC_ROOT": str(tmp_path / "static"),
        },
        "collectstatic",
        "--noinput",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "css/site.css" in manifest and "vendor/leaflet/leaflet.js" in manifest
