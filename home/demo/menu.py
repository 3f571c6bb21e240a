"""Last demo step: order the main navigation as visitors expect it (products first, then villages, artisans,
news, competitions, bulletins, about)."""

from home.models import HomePage

MENU_ORDER = ["san-pham", "lang-nghe", "nghe-nhan", "tin-tuc", "binh-chon", "ban-tin", "gioi-thieu"]


def seed(ctx):
    home = HomePage.objects.first()
    if home is None:
        return
    current = [p.slug for p in home.get_children()]
    wanted = [slug for slug in MENU_ORDER if slug in current] + [s for s in current if s not in MENU_ORDER]
    if current == wanted:
        return
    for slug in wanted:
        page = home.get_children().get(slug=slug)
        page.move(home, pos="last-child")
        home.refresh_from_db()
    ctx.write("  menu order: " + ", ".join(wanted))
