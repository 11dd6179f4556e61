"""How values are named and previewed in what learners read."""

import numpy as np
import pandas as pd

from grader.values import PREVIEW_CHARS, describe_family, family, preview, short_preview


def test_numpy_and_python_values_share_a_family():
    assert family(np.int64(3)) == family(3) == "int"
    assert family(np.float32(0.5)) == family(0.5) == "float"
    assert family(np.bool_(True)) == family(True) == "bool"
    assert family(pd.Series([1])) == "Series" and family(np.zeros(2)) == "array"


def test_families_are_described_with_their_article():
    assert describe_family(np.zeros(2)) == "a NumPy array"
    assert describe_family(pd.DataFrame()) == "a pandas DataFrame"
    assert describe_family(None) == "None" and describe_family(1) == "an int"
    assert describe_family(range(3)) == "a range"


def test_previews_are_short_and_never_fail():
    assert len(preview(list(range(10_000)))) == PREVIEW_CHARS
    assert preview(list(range(10_000))).endswith("...")
    assert short_preview(np.float64(0.5)) == "0.5"

    class Unprintable:
        def __repr__(self):
            raise RuntimeError("no")

    assert preview(Unprintable()) == "<a Unprintable>"
