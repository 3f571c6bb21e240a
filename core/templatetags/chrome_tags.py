"""``{% load chrome_tags %}``: parts of the site chrome (header, menu, footer) rendered once per process, page-cache
generation, language and site, then reused by every request.

``{% shared_fragment "name" vary1 vary2 … %}…{% endshared_fragment %}`` renders its content the first time and then
returns the same HTML for the same name, language, site and values of ``vary…`` until the next public write
(``core.shared_data.shared``: the key is the page-cache generation, so an editor publishing a page, saving the
site settings or changing the menu starts afresh). Only for markup every visitor of that language and site sees
alike: never the page's own content, a form with a CSRF token, a user's name, a search query or this address in
another language (those stay outside, rendered per request).
"""

from django import template
from wagtail.models import Site

from core.shared_data import shared
from core.translation import active_language

register = template.Library()


class SharedFragmentNode(template.Node):
    """The node of ``{% shared_fragment %}`` (see the module docstring)."""

    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context):
        """The fragment's HTML for this language, site and ``vary`` values: kept, or rendered now and kept."""
        request = context.get("request")
        site = Site.find_for_request(request) if request is not None else None
        vary = tuple(str(value.resolve(context)) for value in self.vary)
        key = (self.name, active_language(), getattr(site, "pk", None), vary)
        return shared("chrome_fragments", key, lambda: self.nodelist.render(context))


@register.tag("shared_fragment")
def shared_fragment(parser, token):
    """``{% shared_fragment "name" vary… %}…{% endshared_fragment %}``: see the module docstring."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('shared_fragment needs a name: {% shared_fragment "header" %}')
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return SharedFragmentNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
