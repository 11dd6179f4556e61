"""Every curriculum exercise is proved under several draws of its hidden cases.

``check_exercises`` for the real curriculum, one test per exercise: for the canonical
draw and four more seeds, the reference solution gets full marks in the real sandbox and
the starter code does not. A draw that is unfair to a right answer (a threshold a
sensible model only just misses) or lenient to a wrong one shows up here, before a
learner's submission meets it.
"""

import pytest

from grader.exercise import discover_exercises
from grader.proving import prove
from tests.courseware.content.curriculum import CONTENT

# The grader tests' defaults and slot uids (GRADER_TEST_UID_BASE), so these many sandboxed
# runs never share slot uids with another checkout's suite on the same machine.
from tests.grader.conftest import _grader_defaults  # noqa: F401

EXERCISES = discover_exercises(CONTENT)
SEEDS = 5


@pytest.mark.parametrize("slug", sorted(EXERCISES))
def test_the_exercise_is_proved_under_several_seeds(slug):
    proof = prove(slug, EXERCISES[slug], seeds=SEEDS)
    assert proof.ok, "\n".join(proof.lines)
    # Under every draw, each wrong solution fails a case that carries a hint for learners.
    assert not proof.unhinted, "\n".join(proof.unhinted)
    assert proof.lines[0].endswith("fixed hidden cases") or f"{SEEDS} seeds" in proof.lines[0]
