"""The sandboxed grader: a plain Python package that imports nothing from Django.

Public API (see content/README.md for the exercise format)::

    exercise = grader.load_exercise(path)            # an exercise folder
    slugs = grader.discover_exercises(content_dir)    # {slug: folder}
    result = grader.grade(exercise, code, visible_only=False)   # a grader.Result dict

``grader.SandboxUnavailable`` is raised when no sandbox can be made on this machine (an
infrastructure fault callers should retry); a learner's mistakes never raise, they are
reported in the result. Authors write ``cases.py`` against :mod:`grader.cases`. The
exercise rules, the pass rule and the result type live in :mod:`grader.schema`.

The heavier modules are imported on first use, so ``import grader.cases`` stays cheap.
"""

from importlib import import_module

from grader.errors import ExerciseError, GraderError, SandboxUnavailable
from grader.schema import Result, TestResult, error_result, pass_mark_met

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
