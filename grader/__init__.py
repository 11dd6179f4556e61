"""The sandboxed grader: a plain Python package that imports nothing from Django.

Public API (see content/README.md for the exercise format)::

    exercise = grader.load_exercise(path)            # an exercise folder
    slugs = grader.discover_exercises(content_dir)    # {slug: folder}
    result = grader.grade(exercise, code, visible_only=False, seed=None)  # a grader.Result
    # seed: draws the hidden cases (store it with the submission); None: the SEED draw
    grader_pool.start()  # optional (from grader import pool as grader_pool), once per
                         # grading process: grade() then uses warm sandboxes (grader.pool)

``grader.SandboxUnavailable`` is raised when no sandbox can be made on this machine (an
infrastructure fault callers should retry); a learner's mistakes never raise, they are
reported in the result. Authors write ``cases.py`` against :mod:`grader.cases`. The
exercise rules, the pass rule and the result type live in :mod:`grader.schema`.
"""

from importlib import import_module
from typing import TYPE_CHECKING

from grader.errors import ExerciseError, GraderError, SandboxUnavailable
from grader.schema import Result, TestResult, error_result, pass_mark_met

if TYPE_CHECKING:  # for readers and type checkers; at run time they load on first use
    from grader.exercise import Exercise, discover_exercises, load_exercise
    from grader.grading import grade

__all__ = [
    "Exercise",
    "ExerciseError",
    "GraderError",
    "Result",
    "SandboxUnavailable",
    "TestResult",
    "discover_exercises",
    "error_result",
    "grade",
    "load_exercise",
    "pass_mark_met",
]

# Every web process imports this package (settings pass through grader.config) but never
# grades. Importing the exercise and grading modules here would load NumPy too: measured
# with ``python -X importtime`` after Django's own imports, ``import grader`` takes about
# 4 ms this way and about 150 ms with plain imports. So those names load on first use.
_LAZY = {
    "Exercise": "grader.exercise",
    "discover_exercises": "grader.exercise",
    "load_exercise": "grader.exercise",
    "grade": "grader.grading",
}


def __getattr__(name):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'grader' has no attribute {name!r}")
    return getattr(import_module(module), name)
