"""``manage.py setup_site``: the production first run after ``migrate`` (page tree, site, groups, moderation
workflow, site settings defaults); idempotent. The steps live in ``home.setup``."""

import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from home.setup import SiteDefaults, setup_site


def _numbers(text, count, option):
    """Parse ``count`` numbers separated by spaces or semicolons; a decimal comma is accepted ("13,9 108,5")."""
    parts = text.replace(";", " ").split()
    try:
        values = [float(part.replace(",", ".")) for part in parts]
    except ValueError:
        values = []
    if len(values) != count:
        raise CommandError(f"{option}: expected {count} numbers separated by spaces, got {text!r}")
    return values


class Command(BaseCommand):
    help = (
        "Create what a new site needs after migrate: the section pages and menu, the default Site (SITE_URL), the "
        "staff groups and permissions, the news moderation workflow, site settings defaults. Safe to run again."
    )

    def add_arguments(self, parser):
        env = os.environ.get
        parser.add_argument("--site-name", default=env("SITE_NAME"), help="Center's name (env SITE_NAME).")
        parser.add_argument("--short-name", default=env("SITE_SHORT_NAME"), help="Short name (env SITE_SHORT_NAME).")
        parser.add_argument("--province", default=env("SITE_PROVINCE"), help="Province served (env SITE_PROVINCE).")
        parser.add_argument(
            "--map-center", default=env("SITE_MAP_CENTER"), help='"LAT LNG" of the map centre (env SITE_MAP_CENTER).'
        )
        parser.add_argument("--map-zoom", type=int, default=env("SITE_MAP_ZOOM"), help="1–18 (env SITE_MAP_ZOOM).")
        parser.add_argument(
            "--bounds",
            default=env("SITE_MAP_BOUNDS"),
            help='Province bounding box "SOUTH WEST NORTH EAST" in degrees (env SITE_MAP_BOUNDS).',
        )

    def handle(self, *args, **options):
        center, bounds = options["map_center"], options["bounds"]
        defaults = SiteDefaults(
            site_name=options["site_name"],
            short_name=options["short_name"],
            province_name=options["province"],
            map_center=_numbers(center, 2, "--map-center") if center else None,
            map_zoom=int(options["map_zoom"]) if options["map_zoom"] else None,
            bounds=_numbers(bounds, 4, "--bounds") if bounds else None,
        )
        self.stdout.write("Setting up the site:")
        try:
            setup_site(defaults, write=self.stdout.write)
        except (ValidationError, LookupError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Site ready."))
