"""What every demo-data step receives: the scale, a progress printer and shared helpers."""

import random
from dataclasses import dataclass, field

from .images import demo_image


@dataclass
class SeedContext:
    scale: int = 1
    write: callable = print
    rng: random.Random = field(default_factory=lambda: random.Random(2026))
    users: dict = field(default_factory=dict)

    def image(self, title, palette="brocade", size=(1200, 900)):
        return demo_image(title, palette, size)

    def progress(self, label, done, total):
        self.write(f"  {label}: {done}/{total}")
