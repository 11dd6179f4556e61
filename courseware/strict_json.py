"""The JSON encoder for stored grading results: standard JSON only.

Python's ``json`` writes NaN and infinities as ``NaN``/``Infinity`` by default, which is
not JSON: PostgreSQL refuses it (``jsonb``) and so does SQLite's ``JSON_VALID`` check, so
such a row can never be saved. With ``allow_nan=False`` the value is refused in Python
instead, as a ``ValueError`` the grading service turns into a stored ``error``.
"""

import json


class StrictJSONEncoder(json.JSONEncoder):
    def __init__(self, *args, **kwargs):
        kwargs["allow_nan"] = False
        super().__init__(*args, **kwargs)
