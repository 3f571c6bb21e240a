"""factory_boy factories, one module per app, all importable from ``tests.factories``."""

from .catalogue import *  # noqa: F403
from .competitions import *  # noqa: F403
from .home import *  # noqa: F403
from .news import *  # noqa: F403
from .producers import *  # noqa: F403
from .programmes import *  # noqa: F403
