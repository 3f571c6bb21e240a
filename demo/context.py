"""What every demo step receives: the scale, a progress printer and shared helpers."""

import random
from dataclasses import dataclass, field

from home.setup import ensure_page_tree

from .images import demo_image


@dataclass
class SeedContext:
    """State shared by the demo steps: ``scale`` multiplies generated records, ``write`` prints a progress line,
    ``rng`` is seeded so runs are reproducible, ``users`` maps demo usernames to users (filled by ``demo.site``),
    ``known_passwords`` says whether demo accounts get the published demo password."""

    scale: int = 1
    write: callable = print
    rng: random.Random = field(default_factory=lambda: random.Random(2026))
    users: dict = field(default_factory=dict)
    known_passwords: bool = True  # False under production settings: demo accounts get no usable password

    def image(self, title, palette="brocade", size=(1200, 900)):
        """A Wagtail image drawn for ``title`` (created once, found again on later runs)."""
        return demo_image(title, palette, size)

    def progress(self, label, done, total):
        """Print ``label: done/total``."""
        self.write(f"  {label}: {done}/{total}")

    def index(self, model):
        """The section page of type ``model`` that ``setup_site`` creates; the tree is created first if a step runs
        alone (as in tests)."""
        page = model.objects.first()
        if page is None:
            page = ensure_page_tree(write=lambda *_: None)[model]
        return page
