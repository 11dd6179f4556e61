"""One strict parser for ids that arrive in a request (query strings, form fields, URL
paths, session keys written from them).

``str.isdigit()`` is true for "²" (which ``int()`` then refuses: a 500) and for "٣"
(which ``int()`` turns into 3), and ``int()`` also takes full-width digits, "1_000",
surrounding spaces and signs. An id here is 1 to 18 ASCII digits and nothing else:
every such number fits a PostgreSQL bigint and SQLite's integer, so a lookup can only
find a row or find nothing. Callers treat ``None`` as "no id": ignore it or 404.

Ids in URL paths need no help: ``<int:...>`` matches ASCII digits only, and Django turns
a lookup on a number too large for the column into an empty result (a 404).
"""

from __future__ import annotations

import re

_ID = re.compile(r"[0-9]{1,18}")


def parse_id(value: object) -> int | None:
    """``value`` as a non-negative int if it is 1 to 18 ASCII digits, else None."""
    if isinstance(value, str) and _ID.fullmatch(value):
        return int(value)
    return None
