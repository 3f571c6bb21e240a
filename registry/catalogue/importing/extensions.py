"""Other kinds of record in the registry's import: an app above the catalogue (e.g. ``programmes``, support
projects) declares its kind here from its ``AppConfig.ready()``, and gets the same command (``import_registry
--kind <kind>``), admin screen (Nhập dữ liệu: upload, dry-run preview with row errors, confirm), templates
(``/du-lieu-mo/mau/<kind>.csv|xlsx``), audit log and permission rule as the registry's own kinds. The catalogue
never imports that app: the app hands over its fields, saver and index page."""

from ..public_fields import FIELDS, import_fields
from .access import _INDEXES, KIND_LABELS
from .savers import SAVERS
from .schemas import EXAMPLES, KEYS, SCHEMAS, Column, Schema


def register_kind(kind, *, label, fields, key, example, saver, index_page):
    """Add ``kind`` to the import. ``label``: its name in the admin menu (lazy translation); ``fields``: its
    ``PublicField`` declarations (those with ``parse`` are the columns); ``key``: the natural key column (a page
    slug); ``example``: the template's example row ({column: text}); ``saver(values, missing, ctx)`` →
    ``savers.Outcome`` (pages: ``savers._save_page``); ``index_page``: the page model new records go under (who
    may add and publish there may import). Idempotent."""
    FIELDS[kind] = fields
    KEYS[kind] = key
    EXAMPLES[kind] = example
    SCHEMAS[kind] = Schema(
        kind, [Column(f.name, f.parse, f.required, f.label) for f in import_fields(fields)], key, example
    )
    SAVERS[kind] = saver
    KIND_LABELS[kind] = label
    _INDEXES[kind] = index_page
