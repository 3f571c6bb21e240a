"""What every app uses: site settings, the page cache, roles, text utilities and safe spreadsheet cells.

``core`` is the bottom layer: it imports no other app of the project (``registry``, ``news``, ``search``, ``home``
and ``demo`` import it, never the other way round).
"""
