"""``check_exercises``: prove each exercise under several seeds.

For every seed, the reference solution must get full marks, and the starter code and
every wrong solution in ``wrong/`` (at least three, each a plausible mistake) must not:
hidden cases are drawn afresh for each submission (:mod:`grader.draws`), so an
exercise is only sound if every draw is fair to a right answer and still catches a wrong
one. The first seed is the canonical draw (``SEED``); the others are fixed numbers, so a
failure can be reproduced with ``grade(..., seed=N)``. A fixed exercise has one draw.

A wrong solution that runs and fails only cases without a ``hint=`` is listed in
``Proof.unhinted``: the learner who makes that mistake is told which cases failed but
not what to look at. It does not fail the proof (a new exercise can be proved before its
hints are written), but the curriculum's own test requires the list to be empty.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from grader.errors import ExerciseError
from grader.exercise import discover_exercises, load_exercise, wrong_solutions
from grader.grading import grade
from grader.schema import WRONG_DIR, WRONG_MIN

DEFAULT_SEEDS = 5


@dataclass
class Proof:
    slug: str
    ok: bool
    lines: list[str]
    seconds: float
    unhinted: list[str] = field(default_factory=list)


def seeds_for(exercise, count: int) -> list[int | None]:
    """The canonical draw, then seeds 1, 2, ... (one draw only for a fixed exercise)."""
    return [None] if exercise.fixed else [None, *range(1, max(1, count))]


def _label(seed) -> str:
    return "SEED" if seed is None else f"seed {seed}"


def prove(slug: str, folder: Path, seeds: int = DEFAULT_SEEDS) -> Proof:
    """Grade the solution and the starter of one exercise through the real sandbox."""
    started = time.perf_counter()
    problems: list[str] = []
    try:
        exercise = load_exercise(folder)
    except ExerciseError as exc:
        return Proof(slug, False, [f"cannot load: {exc}"], time.perf_counter() - started)
    drawn = seeds_for(exercise, seeds)
    worst_solution, worst_starter, starter_status = exercise.points, 0, "failed"
    wrong = _wrong_read(folder, problems)
    wrong_scores: dict[str, list[int]] = {name: [] for name in wrong}
    unhinted: list[str] = []
    for seed in drawn:
        try:
            solution = grade(exercise, exercise.solution, seed=seed)
        except ExerciseError as exc:  # cases.py itself failed for this seed
            problems.append(f"cannot draw the cases with {_label(seed)}: {exc}")
            continue
        worst_solution = min(worst_solution, solution["score"])
        if solution["status"] != "passed" or solution["score"] != solution["max_score"]:
            problems.append(
                f"solution.py scored {solution['score']}/{solution['max_score']} "
                f"({solution['status']}) with {_label(seed)}; it must get full marks"
            )
            if solution["error"]:
                problems.append(f"  error: {solution['error']}")
            problems += [
                f"  {t['name']}: {t['message']}" for t in solution["tests"] if not t["passed"]
            ]
        starter = grade(exercise, exercise.starter, seed=seed)
        if starter["score"] >= worst_starter:
            worst_starter, starter_status = starter["score"], starter["status"]
        if starter["score"] >= starter["max_score"]:
            problems.append(
                f"starter.py gets full marks with {_label(seed)}; it must not solve the exercise"
            )
        for name, code in wrong.items():
            result = grade(exercise, code, seed=seed)
            wrong_scores[name].append(result["score"])
            if result["score"] >= result["max_score"]:
                problems.append(
                    f"{name} gets full marks with {_label(seed)}; add or sharpen a case that "
                    "catches its mistake"
                )
            failed = [t for t in result["tests"] if not t["passed"]]
            if result["status"] == "failed" and failed and not any(t.get("hint") for t in failed):
                unhinted.append(
                    f"{name} with {_label(seed)} fails only cases without a hint: "
                    + ", ".join(t["name"] for t in failed)
                )
    if not exercise.visible_cases:
        problems.append("no case is visible=True, so learners get no worked example")
    draws = "fixed hidden cases" if exercise.fixed else f"{len(drawn)} seeds"
    summary = (
        f"solution {worst_solution}/{exercise.points}, starter {worst_starter}/"
        f"{exercise.points} ({starter_status}), {draws}"
    )
    points = exercise.points
    wrong_lines = [
        f"{name}: {min(scores)}/{points} .. {max(scores)}/{points} (worst {max(scores)}/{points})"
        for name, scores in wrong_scores.items()
        if scores
    ]
    notes = [f"no hint for its mistake: {line}" for line in unhinted]
    return Proof(
        slug,
        not problems,
        [summary, *wrong_lines, *problems, *notes],
        time.perf_counter() - started,
        unhinted,
    )


def _wrong_read(folder: Path, problems: list[str]) -> dict[str, str]:
    """The wrong solutions' code by display name (``wrong/ddof-one.py``), after checking
    there are enough of them and that each opens with a comment naming its mistake."""
    found = wrong_solutions(folder)
    if len(found) < WRONG_MIN:
        problems.append(
            f"{WRONG_DIR}/ holds {len(found)} wrong solution(s); write at least {WRONG_MIN}, "
            "each a plausible mistake whose file opens with a comment saying what is wrong "
            "and which case catches it"
        )
    wrong = {}
    for path in found:
        name = f"{WRONG_DIR}/{path.name}"
        try:
            code = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{name} cannot be read: {exc}")
            continue
        first = next((line.strip() for line in code.splitlines() if line.strip()), "")
        if not first.startswith("#"):
            problems.append(f"{name} must open with a comment saying what is wrong with it")
        wrong[name] = code
    return wrong


def prove_all(content_dir, slugs=None, seeds: int = DEFAULT_SEEDS):
    """Yield a Proof per exercise (all, or the given slugs); unknown slugs fail."""
    found = discover_exercises(content_dir)
    wanted = list(slugs) if slugs else sorted(found)
    for slug in wanted:
        if slug not in found:
            yield Proof(slug, False, [f"no exercise folder named {slug!r}"], 0.0)
            continue
        yield prove(slug, found[slug], seeds)
