"""The codec's bounds: no non-finite numbers in the channel, sets and dicts of a bounded
size whose members cannot share a hash, and honest values still crossing exactly."""

import json

import numpy as np
import pandas as pd
import pytest

from grader import codec
from grader.checks import Exact

M61 = 2**61 - 1


def receive(text):
    return codec.decode(codec.parse_json(text))


def round_trip(value):
    return receive(json.dumps(codec.encode(value), allow_nan=False))


@pytest.mark.parametrize("text", ["1e999", "[-1e999]", '{"seconds": 1E400}', "[0, 2e308]"])
def test_numbers_too_large_for_a_float_are_refused(text):
    with pytest.raises(codec.DecodeError):
        codec.parse_json(text)


def test_the_largest_finite_float_still_reads():
    assert codec.parse_json("[1.7976931348623157e308, -5e-324]") == [
        1.7976931348623157e308,
        -5e-324,
    ]


@pytest.mark.parametrize(
    "body",
    [
        {"$set": [k * M61 for k in range(1, codec.MAX_SAME_HASH + 2)]},
        {"$dict": [[k * M61, k] for k in range(1, codec.MAX_SAME_HASH + 2)]},
        # tuples hash their items' hashes, so colliding ints make colliding tuples
        {"$set": [{"$tuple": [k * M61, "x"]} for k in range(1, 40)]},
    ],
    ids=["set", "dict", "tuples"],
)
def test_members_that_share_a_hash_are_refused(body):
    with pytest.raises(codec.DecodeError, match="share one hash"):
        codec.decode(body)


def test_a_few_members_that_share_a_hash_are_fine():
    members = [k * M61 for k in range(1, codec.MAX_SAME_HASH + 1)]
    assert codec.decode({"$set": members}) == set(members)
    assert round_trip({-1, -2, 0}) == {-1, -2, 0}  # hash(-1) == hash(-2)


def test_sets_and_dicts_larger_than_the_bound_are_refused_both_ways(monkeypatch):
    monkeypatch.setattr(codec, "MAX_MEMBERS", 10)
    assert round_trip(set(range(10))) == set(range(10))
    with pytest.raises(codec.EncodeError, match="at most 10 items"):
        codec.encode(set(range(11)))
    with pytest.raises(codec.EncodeError, match="at most 10 items"):
        codec.encode(dict.fromkeys(range(11)))
    with pytest.raises(codec.DecodeError):
        codec.decode({"$set": list(range(11))})
    with pytest.raises(codec.DecodeError):
        codec.decode({"$dict": [[k, 0] for k in range(11)]})


def test_set_members_must_be_scalars_or_tuples_of_scalars():
    assert round_trip({(1, "a"), None, 2.5}) == {(1, "a"), None, 2.5}
    with pytest.raises(codec.EncodeError, match="set members must be"):
        codec.encode({frozenset({1})})
    with pytest.raises(codec.EncodeError, match="set members must be"):
        codec.encode({((1, 2), 3)})
    with pytest.raises(codec.DecodeError):
        codec.decode({"$set": [{"$tuple": [{"$tuple": [1]}]}]})


def test_numpy_scalars_in_tuple_keys_become_python_scalars():
    assert round_trip({(np.int64(1), np.str_("a")): 2}) == {(1, "a"): 2}


def test_index_labels_that_share_a_hash_are_refused_but_repeated_labels_are_not():
    repeated = pd.Series(range(3000), index=["north", "south", "east"] * 1000)
    assert Exact()(round_trip(repeated), repeated).passed
    colliding = pd.Index([k * M61 for k in range(1, 40)], dtype=object)
    with pytest.raises(codec.DecodeError, match="share one hash"):
        round_trip(colliding)
    levels = pd.MultiIndex.from_tuples([(k * M61, 0) for k in range(1, 40)])
    with pytest.raises(codec.DecodeError, match="share one hash"):
        round_trip(pd.Series(0, index=levels))


def test_a_string_array_that_would_pad_to_gigabytes_is_refused():
    honest = np.array(["a" * 100] * 1000)
    assert (round_trip(honest) == honest).all()
    body = {"dtype": "<U", "shape": [4001], "items": [""] * 4000 + ["x" * 16000]}
    with pytest.raises(codec.DecodeError, match="too large"):
        codec.decode({"$ndarray": body})
