"""Hostile result frames: numbers that cannot be stored, and values that are slow to read.

The frame is written by learner code, so each attack here forges part of it from inside
the sandbox (through the runner's ``_send`` or the codec it uses). Each must give a
failing grade whose result is strict JSON, and quickly: the trusted side's time (the
grade minus the sandboxed run) is what a hostile frame could otherwise make unbounded.
"""

import json

import pytest

from tests.grader.test_hostile import BYPASS, attack

M61 = 2**61 - 1  # CPython hashes an int to itself modulo this prime


def strict(result):
    """The result as a database would store it: standard JSON, no NaN or Infinity."""
    return json.loads(json.dumps(result, allow_nan=False))


def trusted_seconds(result):
    """Seconds the trusted side spent on the frame (each of these took 30 s or more per
    test before the codec's bounds, and the bound here leaves room for a busy machine)."""
    return result["timings"]["total_seconds"] - result["timings"]["run_seconds"]


def with_frame_numbers(replacements: dict, entry="total", answer="-1"):
    """Code whose runner writes its frame with these raw JSON numbers spliced in.

    ``replacements`` maps a field of every result item to the literal text written for it.
    """
    splices = "".join(
        f'    text = text.replace(\'"{field}":"SPLICE"\', \'"{field}":{literal}\')\n'
        for field, literal in replacements.items()
    )
    fields = ", ".join(repr(field) for field in replacements)
    return BYPASS + (
        "json = imp('json')\n"
        "runner = sys.modules['__main__']\n"
        "def _send(fd, frame):\n"
        "    for item in frame.get('results', []):\n"
        f"        for field in ({fields},):\n"
        "            item[field] = 'SPLICE'\n"
        "    text = json.dumps(frame, separators=(',', ':'))\n"
        f"{splices}"
        "    os.write(fd, (text + '\\n').encode())\n"
        "runner._send = _send\n"
        f"def {entry}(*args):\n    return {answer}\n"
    )


def infinite_seconds(entry="total", answer="-1"):
    """A per-test ``seconds`` of 1e999, which ``json.loads`` reads as infinity."""
    return with_frame_numbers({"seconds": "1e999"}, entry, answer)


def returning_forged(structure, entry="total", **expressions):
    """Code whose every returned value is sent as this encoded structure instead.

    ``structure`` is plain data; each string in it named like a keyword of
    ``expressions`` is replaced by that Python expression, evaluated in the sandbox.
    """
    structure = repr(structure)
    for name, expression in expressions.items():
        structure = structure.replace(repr(name), expression)
    return BYPASS + (
        f"forged = {structure}\n"  # built once, sent for every test
        "frame = sys._getframe()\n"
        "while frame is not None and 'codec' not in frame.f_locals:\n"
        "    frame = frame.f_back\n"
        "frame.f_locals['codec'].encode = lambda value: forged\n"
        f"def {entry}(*args):\n    return -1\n"
    )


# --- numbers that cannot be stored ------------------------------------------------------


def test_a_test_duration_of_1e999_is_refused_and_the_result_is_strict_json():
    result = attack(infinite_seconds())
    strict(result)
    assert result["status"] == "error"
    assert "results channel" in result["error"]


def test_a_duration_of_1e999_on_right_answers_does_not_pass_either():
    result = attack(infinite_seconds(answer="sum(args[0])"))
    strict(result)
    assert result["score"] == 0


@pytest.mark.parametrize("literal", ["-1", "1e300", "true", "99999999999999999999"])
def test_durations_out_of_range_are_dropped(literal):
    result = attack(with_frame_numbers({"seconds": literal}))
    strict(result)
    assert result["status"] == "failed"
    assert [t["seconds"] for t in result["tests"]] == [None, None, None]
    assert result["timings"]["tests_seconds"] == 0


def test_a_line_number_out_of_range_is_not_shown():
    code = BYPASS + (
        "json = imp('json')\n"
        "runner = sys.modules['__main__']\n"
        "def _send(fd, frame):\n"
        "    frame = {'protocol': 1, 'fatal': {'kind': 'syntax', 'message': 'x', 'line': 'L'}}\n"
        "    text = json.dumps(frame).replace('\"L\"', '1' + '0' * 40)\n"
        "    os.write(fd, (text + '\\n').encode())\n"
        "runner._send = _send\n"
        "def total(xs):\n    return -1\n"
    )
    result = attack(code)
    strict(result)
    assert result["error_line"] is None
    assert "on line" not in result["error"]


# --- values that are slow to read -------------------------------------------------------


COLLIDING = f"[k * {M61} for k in range(64000)]"


def test_a_set_of_64000_ints_with_one_hash_fails_quickly():
    # Decoding this took about 30 s per test before sets were bounded.
    result = attack(returning_forged({"$set": "ITEMS"}, ITEMS=COLLIDING))
    strict(result)
    assert result["status"] == "failed"
    assert all("could not be read" in t["message"] for t in result["tests"])
    assert trusted_seconds(result) < 10


def test_a_dict_whose_keys_share_one_hash_fails_quickly():
    pairs = f"[[k * {M61}, 0] for k in range(64000)]"
    result = attack(returning_forged({"$dict": "PAIRS"}, PAIRS=pairs))
    assert all("could not be read" in t["message"] for t in result["tests"])
    assert trusted_seconds(result) < 10


def test_a_set_larger_than_the_bound_is_refused():
    result = attack(returning_forged({"$set": "ITEMS"}, ITEMS="list(range(200_000))"))
    assert all("could not be read" in t["message"] for t in result["tests"])


def test_set_members_that_are_not_scalars_are_refused():
    # A tuple of tuples hashes (and decoded as a member before), but is not a scalar.
    result = attack(returning_forged({"$set": [{"$tuple": [{"$tuple": [1, 2]}, 3]}]}))
    assert all("could not be read" in t["message"] for t in result["tests"])


def test_a_multiindex_whose_labels_share_one_hash_fails_quickly():
    tuples = f"[{{'$tuple': [k * {M61}, 0]}} for k in range(64000)]"
    structure = {"$index": {"names": ["a", "b"], "tuples": "TUPLES"}}
    result = attack(returning_forged(structure, TUPLES=tuples))
    assert all("could not be read" in t["message"] for t in result["tests"])
    assert trusted_seconds(result) < 10


def test_categories_that_share_one_hash_fail_quickly():
    categories = {
        "name": None,
        "column": {"dtype": "|O", "values": {"dtype": "|O", "shape": [64000], "items": "ITEMS"}},
    }
    column = {
        "dtype": "category",
        "ordered": False,
        "codes": {"dtype": "|i1", "shape": [1], "b64": "AA=="},
        "categories": categories,
    }
    structure = {
        "$series": {"index": {"range": [0, 1, 1], "name": None}, "name": None, "column": column}
    }
    result = attack(returning_forged(structure, ITEMS=COLLIDING))
    assert all("could not be read" in t["message"] for t in result["tests"])
    assert trusted_seconds(result) < 10


def test_labels_that_collide_in_pandas_own_string_hash_stop_at_the_judging_limit(monkeypatch):
    # pandas hashes strings with a fixed function of its own, where "Aa" and "BB" collide,
    # so 2**16 strings made of them share a hash. The codec cannot see that; the judging
    # process's CPU limit stops it (about 17 s per test without it).
    monkeypatch.setenv("GRADER_JUDGE_SECONDS", "1")
    tuples = (
        "[{'$tuple': [''.join(p), 0]} for p in imp('itertools').product(['Aa', 'BB'], repeat=16)]"
    )
    structure = {"$index": {"names": ["a", "b"], "tuples": "TUPLES"}}
    result = attack(returning_forged(structure, TUPLES=tuples))
    strict(result)
    assert result["status"] == "error"
    assert "took the grader more than 1 seconds" in result["error"]
    assert trusted_seconds(result) < 2 * 1 + 5


def test_a_string_array_padded_to_gigabytes_is_refused():
    # NumPy pads each item to the longest: 4,000 empty strings and one of 16,000
    # characters would be a 256 MB array built from a 30 KB frame.
    structure = {"$ndarray": {"dtype": "<U", "shape": [4001], "items": "ITEMS"}}
    result = attack(returning_forged(structure, ITEMS="[''] * 4000 + ['x' * 16000]"))
    assert all("could not be read" in t["message"] for t in result["tests"])
