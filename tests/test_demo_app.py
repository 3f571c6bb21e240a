"""The demo app: all demo content lives in ``demo/``, nothing else imports it, demo accounts follow the Vietnamese
name order and belong to the groups of ``core.roles``."""

import ast
from pathlib import Path

import pytest
from django.core.management import get_commands

from core.roles import EDITORS, JURORS, MODERATORS
from demo.context import SeedContext
from demo.site import seed_accounts

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "demo", "tests", "node_modules", "media", "staticfiles", ".git"}


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_nothing_outside_demo_and_tests_imports_demo():
    offenders = []
    for path in ROOT.rglob("*.py"):
        if path.relative_to(ROOT).parts[0] in SKIP:
            continue
        offenders += [
            f"{path.relative_to(ROOT)}: {name}"
            for name in imported_modules(path)
            if name == "demo" or name.startswith("demo.")
        ]
    assert offenders == []


def test_no_demo_module_is_left_inside_the_apps():
    leftovers = []
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] in SKIP or "migrations" in parts:
            continue
        if any("demo" in part for part in parts):
            leftovers.append("/".join(parts))
    assert leftovers == []


def test_seed_demo_is_the_demo_apps_command():
    assert get_commands()["seed_demo"] == "demo"
    assert get_commands()["setup_site"] == "home"


@pytest.mark.django_db
def test_demo_accounts_use_vietnamese_name_order_and_role_groups(home_page):
    ctx = SeedContext(write=lambda *_: None)
    seed_accounts(ctx)
    mai = ctx.users["giamkhao3"]
    assert (mai.last_name, mai.first_name) == ("Đinh Thị", "Mai")
    assert (ctx.users["giamkhao1"].last_name, ctx.users["giamkhao1"].first_name) == ("Rơ Châm", "H'Nhí")
    assert list(ctx.users["bientap"].groups.values_list("name", flat=True)) == [EDITORS.name]
    assert list(ctx.users["duyet"].groups.values_list("name", flat=True)) == [MODERATORS.name]
    assert list(mai.groups.values_list("name", flat=True)) == [JURORS.name]


def test_seed_demo_refuses_production_settings(settings):
    from django.core.management import CommandError, call_command

    settings.IS_PRODUCTION = True
    with pytest.raises(CommandError, match="refuses to run with production settings"):
        call_command("seed_demo")


@pytest.mark.django_db
def test_seed_demo_confirmed_in_production_creates_no_known_password(settings):
    import io

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    settings.IS_PRODUCTION = True
    call_command("seed_demo", "--i-know-this-is-production", stdout=io.StringIO())
    users = get_user_model().objects.filter(username__in=["admin", "bientap", "giamkhao1"])
    assert users.count() == 3
    assert not any(user.has_usable_password() for user in users)
