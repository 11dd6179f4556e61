"""Course progress as a pure function of plain data: testable without a database.

A course's percentage counts two kinds of item: each module marked as read, and each
exercise passed (its best score reaches its pass mark, by the grader's one rule).
Knowledge checks are practice: they do not gate completion. The certificate needs every
module read and an exercise score (best scores over all exercise points) at or above
the course's pass mark.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from grader.schema import pass_mark_met


def exercise_passed(*, best_score: int | None, points: int, pass_mark: int) -> bool:
    """An exercise is passed when the best score reaches its pass mark (a percentage)."""
    return pass_mark_met(score=best_score, max_score=points, pass_mark=pass_mark)


@dataclass(frozen=True)
class ExerciseFacts:
    id: int
    points: int
    pass_mark: int  # percent
    best_score: int | None = None

    @property
    def passed(self) -> bool:
        return exercise_passed(
            best_score=self.best_score, points=self.points, pass_mark=self.pass_mark
        )


@dataclass(frozen=True)
class ModuleFacts:
    id: int
    order: int
    read: bool
    exercises: tuple[ExerciseFacts, ...] = ()


@dataclass(frozen=True)
class ModuleProgress:
    id: int
    read: bool
    exercises_passed: int
    exercises_total: int

    @property
    def finished(self) -> bool:
        return self.read and self.exercises_passed == self.exercises_total


@dataclass(frozen=True)
class CourseProgress:
    percent: int
    modules: tuple[ModuleProgress, ...] = field(default_factory=tuple)
    score: int = 0
    max_score: int = 0
    score_percent: int = 0
    all_modules_read: bool = False
    eligible_for_certificate: bool = False
    resume_module_id: int | None = None


def compute_progress(modules: list[ModuleFacts], *, pass_mark: int) -> CourseProgress:
    ordered = sorted(modules, key=lambda m: m.order)
    rows = []
    done = total = score = max_score = 0
    for module in ordered:
        passed = sum(1 for e in module.exercises if e.passed)
        rows.append(
            ModuleProgress(
                id=module.id,
                read=module.read,
                exercises_passed=passed,
                exercises_total=len(module.exercises),
            )
        )
        done += int(module.read) + passed
        total += 1 + len(module.exercises)
        score += sum(e.best_score or 0 for e in module.exercises)
        max_score += sum(e.points for e in module.exercises)

    score_percent = (100 * score // max_score) if max_score else 100
    all_read = bool(rows) and all(r.read for r in rows)
    resume = next((r.id for r in rows if not r.finished), rows[0].id if rows else None)
    return CourseProgress(
        percent=(100 * done // total) if total else 0,
        modules=tuple(rows),
        score=score,
        max_score=max_score,
        score_percent=score_percent,
        all_modules_read=all_read,
        eligible_for_certificate=all_read and score_percent >= pass_mark,
        resume_module_id=resume,
    )
