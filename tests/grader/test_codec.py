"""The value encoding both sides of the sandbox speak: exact round trips, strict decoding."""

import json
import math

import numpy as np
import pandas as pd
import pytest

from grader import codec
from grader.checks import Exact

ROUND_TRIP = [
    None,
    True,
    -(2**70),
    2.5,
    math.inf,
    -math.inf,
    "naïve \x00 text",
    [1, [2, [3]]],
    (1, "a", None),
    {"a": 1, 2: [3], (1, "x"): None},
    {1.5, "b"},
    np.arange(12, dtype=np.int32).reshape(3, 4),
    np.array([1.5, np.nan, -np.inf], dtype=np.float32),
    np.array([True, False]),
    np.array(["a", "bcd"]),
    np.array([1, "x", None], dtype=object),
    np.array(["2024-01-01", "NaT"], dtype="datetime64[ns]"),
    np.empty((0, 3)),
    pd.Series([1.0, np.nan], index=["a", "b"], name="s"),
    pd.Series([1, None], dtype="Int64"),
    pd.Series(["low", "high", "low"], dtype=pd.CategoricalDtype(["low", "high"], ordered=True)),
    pd.DataFrame({"a": [1, 2], "b": ["x", "y"], "c": pd.to_datetime(["2020-01-01", "2021-06-30"])}),
    pd.DataFrame({"x": [1.0, 2.0]}, index=pd.MultiIndex.from_tuples([(1, "a"), (2, "b")])),
    pd.DataFrame([[1, 2]], columns=["dup", "dup"]),
    pd.DataFrame(index=pd.RangeIndex(3)),
    pd.Index([3, 1, 2], name="n"),
    pd.Timestamp("2024-02-29 12:00"),
]


def send(value) -> str:
    """A value as it crosses the boundary: encoded, then written as strict JSON (runner.py)."""
    return json.dumps(codec.encode(value), allow_nan=False, separators=(",", ":"))


def receive(text):
    """The trusted side's reading of it (result.parse_frame, then each value decoded)."""
    return codec.decode(codec.parse_json(text))


@pytest.mark.parametrize("value", ROUND_TRIP, ids=lambda v: type(v).__name__)
def test_values_survive_a_round_trip_exactly(value):
    text = send(value)
    json.loads(text)  # plain JSON: no NaN or Infinity literals
    assert "NaN" not in text and "Infinity" not in text
    back = receive(text)
    assert Exact()(back, value).passed, (value, back)


def test_nan_round_trips_as_nan():
    assert math.isnan(receive(send(math.nan)))


def test_numpy_scalars_become_python_scalars():
    assert receive(send([np.int64(3), np.float32(0.5), np.bool_(True)])) == [
        3,
        0.5,
        True,
    ]


def test_big_endian_arrays_are_sent_little_endian():
    value = np.arange(4, dtype=">f8")
    back = receive(send(value))
    assert back.dtype == np.dtype("<f8") and back.tolist() == [0.0, 1.0, 2.0, 3.0]


@pytest.mark.parametrize(
    "value, words",
    [
        (object(), "cannot be returned"),
        (lambda: 1, "cannot be returned"),
        (np.array([1 + 2j]), "dtype complex128"),
        ({object(): 1}, "dict keys"),
        (pd.Timestamp("2024-01-01", tz="UTC"), "time zone"),
    ],
)
def test_values_that_are_not_plain_data_are_refused_with_a_reason(value, words):
    with pytest.raises(codec.EncodeError, match=words):
        codec.encode(value)


def test_too_deep_nesting_is_refused_both_ways():
    nested = []
    for _ in range(codec.MAX_DEPTH + 5):
        nested = [nested]
    with pytest.raises(codec.EncodeError, match="nested"):
        codec.encode(nested)
    with pytest.raises(codec.DecodeError):
        receive("[" * 100_000 + "]" * 100_000)


@pytest.mark.parametrize(
    "text",
    [
        "NaN",
        "[Infinity]",
        '{"$unknown": 1}',
        '{"$tuple": [1], "extra": 2}',
        '{"a": 1}',
        '{"$float": "zero"}',
        '{"$ndarray": {"dtype": "<c16", "shape": [1], "b64": "AAAAAAAAAAAAAAAAAAAAAA=="}}',
        '{"$ndarray": {"dtype": "<f8", "shape": [2], "b64": "AAAAAAAAAAA="}}',
        '{"$ndarray": {"dtype": "<f8", "shape": [-1], "b64": ""}}',
        '{"$ndarray": {"dtype": "<f8", "shape": [1], "b64": "not base64!"}}',
        '{"$ndarray": {"dtype": "|O", "shape": [2], "items": [1]}}',
        '{"$series": {"index": {"range": [0, 2, 1], "name": null}, "name": null,'
        ' "column": {"dtype": "<f8", "values": {"$ndarray": {"dtype": "<i8", "shape": [2],'
        ' "b64": "AQAAAAAAAAACAAAAAAAAAA=="}}}}}',
        '{"$set": [[1]]}',
        "not json",
        '"unterminated',
    ],
)
def test_malformed_or_forged_input_never_decodes(text):
    with pytest.raises(codec.DecodeError):
        receive(text)


def test_decoding_refuses_more_items_than_the_budget(monkeypatch):
    monkeypatch.setattr(codec, "MAX_NODES", 100)
    assert codec.decode([0] * 99) == [0] * 99  # 100 nodes, the list included
    with pytest.raises(codec.DecodeError, match="too many items"):
        codec.decode([0] * 100)
