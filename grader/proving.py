"""``check_exercises``: prove each exercise's solution gets full marks and its starter not."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from grader.errors import ExerciseError
from grader.exercise import discover_exercises, load_exercise
from grader.grading import grade


@dataclass
class Proof:
    slug: str
    ok: bool
    lines: list[str]
    seconds: float


def prove(slug: str, folder: Path) -> Proof:
    """Grade the solution and the starter of one exercise through the real sandbox."""
    started = time.perf_counter()
    problems: list[str] = []
    try:
        exercise = load_exercise(folder)
    except ExerciseError as exc:
        return Proof(slug, False, [f"cannot load: {exc}"], time.perf_counter() - started)
    solution = grade(exercise, exercise.solution)
    if solution["status"] != "passed" or solution["score"] != solution["max_score"]:
        problems.append(
            f"solution.py scored {solution['score']}/{solution['max_score']} "
            f"({solution['status']}); it must get full marks"
        )
        if solution["error"]:
            problems.append(f"  error: {solution['error']}")
        problems += [f"  {t['name']}: {t['message']}" for t in solution["tests"] if not t["passed"]]
    starter = grade(exercise, exercise.starter)
    if starter["score"] >= starter["max_score"]:
        problems.append("starter.py gets full marks; it must not solve the exercise")
    if not exercise.visible_cases:
        problems.append("no case is visible=True, so learners get no worked example")
    summary = (
        f"solution {solution['score']}/{solution['max_score']}, "
        f"starter {starter['score']}/{starter['max_score']} ({starter['status']})"
    )
    return Proof(slug, not problems, [summary, *problems], time.perf_counter() - started)


def prove_all(content_dir, slugs=None):
    """Yield a Proof per exercise (all, or the given slugs); unknown slugs fail."""
    found = discover_exercises(content_dir)
    wanted = list(slugs) if slugs else sorted(found)
    for slug in wanted:
        if slug not in found:
            yield Proof(slug, False, [f"no exercise folder named {slug!r}"], 0.0)
            continue
        yield prove(slug, found[slug])
