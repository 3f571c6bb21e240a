"""``{% commune_contacts %}``: the "who to contact in my commune" box placed on the map and contact pages. It is
a form that sends the typed commune to ``/cong-tac-vien/``: no query, so the pages that include it keep their
query counts."""

from django import template

from ..forms import CommuneLookupForm

register = template.Library()


@register.inclusion_tag("training/includes/commune_lookup.html")
def commune_contacts(heading_level=2):
    """The lookup box; ``heading_level`` (2 or 3) fits it into the including page's outline."""
    return {"form": CommuneLookupForm(auto_id="commune-lookup-%s"), "heading_level": heading_level}
