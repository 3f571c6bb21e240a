"""Data every visitor shares, read from the database once per process and page-cache generation instead of once per
request: which ``Site`` answers a host, which pages an address goes through (core/routing.py), the locales, the view
restrictions (core/visibility.py), the site settings and the menu (core/context_processors.py).

The key is ``core.page_cache.epoch()``: every write that can change a public page starts a new generation (the rules
of core/page_cache_rules.py, the same that keep the anonymous page cache right), and with it every value here is
read again, in every process (the generation lives in the shared cache). What is kept is plain data (field values,
dicts, tuples); callers build fresh model instances from it for each request, so nothing one request changes on an
object is seen by the next. The main content of a page is never kept here: the page being served is always read from
the database.
"""

from .page_cache import epoch

LIMIT = 2000
"""Most entries kept per name and generation (the routes of unknown addresses must not grow without bound)."""

_values = {}


def shared(name, key, build):
    """The value of ``build()`` for (``name``, ``key``) in the current generation: built once per process and
    generation, then returned as is (so it must be plain, immutable data or never changed by callers)."""
    token = epoch()
    entry = _values.get(name)
    if entry is None or entry[0] != token:
        entry = _values[name] = (token, {})
    values = entry[1]
    try:
        return values[key]
    except KeyError:
        pass
    if len(values) >= LIMIT:
        values.clear()
    value = values[key] = build()
    return value


def row_of(instance):
    """The concrete field values of a model ``instance`` (a tuple in field order), what ``instance_of`` rebuilds
    it from."""
    return tuple(getattr(instance, field.attname) for field in instance._meta.concrete_fields)


def instance_of(model, row):
    """A new instance of ``model`` built from ``row`` (``row_of``) as if it had just been read from the database
    (``Model.from_db``): no query, and nothing shared with the instances other requests get."""
    return model.from_db("default", [field.attname for field in model._meta.concrete_fields], row)
