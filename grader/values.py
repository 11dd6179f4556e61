"""How values are described to people: their type family and a short, readable preview.

The checks use these for "same type" decisions and failure messages, the result for the
expected, received and input previews of visible cases. Every value here is plain data
decoded by :mod:`grader.codec` or built by a trusted ``cases.py``.
"""

from __future__ import annotations

import sys

import numpy as np

PREVIEW_CHARS = 300


def loaded_pandas():
    """pandas if something has imported it, else None.

    No value can be a pandas object unless pandas is loaded, and asking ``sys.modules``
    spares exercises that never use pandas its import.
    """
    return sys.modules.get("pandas")


def family(value) -> str:
    """The type family used for "same type" decisions and for messages."""
    pd = loaded_pandas()
    if value is None:
        return "None"
    if isinstance(value, bool | np.bool_):
        return "bool"
    if isinstance(value, int | np.integer):
        return "int"
    if isinstance(value, float | np.floating):
        return "float"
    if isinstance(value, str):
        return "str"
    if pd is not None:
        if isinstance(value, pd.DataFrame):
            return "DataFrame"
        if isinstance(value, pd.Series):
            return "Series"
        if isinstance(value, pd.Index):
            return "Index"
    if isinstance(value, np.ndarray):
        return "array"
    if isinstance(value, list):
        return "list"
    if isinstance(value, tuple):
        return "tuple"
    if isinstance(value, dict):
        return "dict"
    if isinstance(value, set | frozenset):
        return "set"
    return type(value).__name__


_ARTICLE = {
    "None": "None",
    "bool": "a bool",
    "int": "an int",
    "float": "a float",
    "str": "a str",
    "DataFrame": "a pandas DataFrame",
    "Series": "a pandas Series",
    "Index": "a pandas Index",
    "array": "a NumPy array",
    "list": "a list",
    "tuple": "a tuple",
    "dict": "a dict",
    "set": "a set",
}


def describe_family(value) -> str:
    name = family(value)
    return _ARTICLE.get(name, f"a {name}")


def preview(value, limit: int = PREVIEW_CHARS) -> str:
    """A short, readable rendering of a value for feedback messages."""
    pd = loaded_pandas()
    try:
        if isinstance(value, np.ndarray):
            with np.printoptions(threshold=20, edgeitems=3, precision=6):
                text = f"array({np.array2string(value, separator=', ')}, shape={value.shape})"
        elif pd is not None and isinstance(value, pd.DataFrame | pd.Series):
            with pd.option_context("display.max_rows", 8, "display.max_columns", 8):
                text = f"{type(value).__name__} of shape {value.shape}:\n{value!s}"
        else:
            text = repr(value)
    except Exception:  # a rendering problem must never break grading
        text = f"<{describe_family(value)}>"
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text


def short_preview(value) -> str:
    """repr() without NumPy's ``np.float64(...)`` wrapping."""
    if isinstance(value, np.generic):
        value = value.item()
    return preview(value, 120)
