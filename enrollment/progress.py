"""Course progress as a pure function of plain data: testable without a database.

A course's percentage counts two kinds of item: each module marked as read, and each
exercise passed (its best score reaches its pass mark, by the grader's one rule).
Knowledge checks are practice: they do not gate completion. The certificate needs every
module read and an exercise score (best scores over all exercise points) at or above
the course's pass mark, and every written part (a capstone's model card, say) submitted
and not returned by staff.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from grader.schema import pass_mark_met


def exercise_passed(*, best_score: int | None, points: int, pass_mark: int) -> bool:
    """An exercise is passed when the best score reaches its pass mark (a percentage)."""
    return pass_mark_met(score=best_score, max_score=points, pass_mark=pass_mark)


class ExerciseState(StrEnum):
    """What a learner sees beside an exercise: passed, tried without passing, or untried."""

    PASSED = "passed"
    ATTEMPTED = "attempted"
    NOT_STARTED = "not_started"


class ModuleState(StrEnum):
    """A module is complete when it is marked as read and every exercise in it passes;
    in progress once the learner has marked it read or tried one of its exercises."""

    COMPLETE = "complete"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"


@dataclass(frozen=True)
class WrittenDue:
    """A written part the certificate still waits for: never submitted, or returned."""

    exercise_id: int
    exercise_slug: str
    exercise_title: str
    key: str
    title: str
    returned: bool = False
    comment: str = ""  # staff's reason, when returned

    @property
    def sentence(self) -> str:
        verb = "Revise and resubmit" if self.returned else "Submit"
        return f"{verb} your {self.title[:1].lower()}{self.title[1:]} for {self.exercise_title}"


@dataclass(frozen=True)
class ExerciseFacts:
    id: int
    points: int
    pass_mark: int  # percent
    best_score: int | None = None
    # The exercise's written parts not yet submitted, or returned by staff.
    written_due: tuple[WrittenDue, ...] = ()
    # An exercise with written parts must itself be passed for the certificate.
    has_written: bool = False
    title: str = ""

    @property
    def passed(self) -> bool:
        return exercise_passed(
            best_score=self.best_score, points=self.points, pass_mark=self.pass_mark
        )

    @property
    def state(self) -> ExerciseState:
        if self.passed:
            return ExerciseState.PASSED
        if self.best_score is not None:
            return ExerciseState.ATTEMPTED
        return ExerciseState.NOT_STARTED


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
    exercises_attempted: int = 0  # tried without passing yet
    # (exercise id, state) in the module's order, for the ticks beside each exercise.
    exercise_states: tuple[tuple[int, ExerciseState], ...] = ()

    @property
    def finished(self) -> bool:
        return self.read and self.exercises_passed == self.exercises_total

    @property
    def state(self) -> ModuleState:
        if self.finished:
            return ModuleState.COMPLETE
        if self.read or self.exercises_passed or self.exercises_attempted:
            return ModuleState.IN_PROGRESS
        return ModuleState.NOT_STARTED


@dataclass(frozen=True)
class CourseProgress:
    percent: int
    modules: tuple[ModuleProgress, ...] = field(default_factory=tuple)
    score: int = 0
    max_score: int = 0
    score_percent: int = 0
    all_modules_read: bool = False
    eligible_for_certificate: bool = False
    # The first module not yet complete; None once every module is.
    resume_module_id: int | None = None
    # Written parts the certificate still needs, in the course's order.
    written_due: tuple[WrittenDue, ...] = ()
    # Titles of exercises with written parts that are not passed yet.
    written_exercises_unpassed: tuple[str, ...] = ()

    @property
    def still_missing(self) -> tuple[str, ...]:
        """What the certificate waits for beyond reading and the score, as sentences."""
        unpassed = tuple(f"Pass {title}" for title in self.written_exercises_unpassed)
        return unpassed + tuple(w.sentence for w in self.written_due)

    @property
    def written_returned(self) -> tuple[WrittenDue, ...]:
        return tuple(w for w in self.written_due if w.returned)

    def module(self, module_id: int) -> ModuleProgress | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def position(self, module_id: int) -> int | None:
        """The module's place in the course, counting from 1."""
        return next((i for i, m in enumerate(self.modules, 1) if m.id == module_id), None)

    @property
    def exercise_states(self) -> dict[int, ExerciseState]:
        return {eid: state for m in self.modules for eid, state in m.exercise_states}

    def next_module_id(self, after_module_id: int) -> int | None:
        """The module that follows ``after_module_id`` in the course, if any."""
        ids = [m.id for m in self.modules]
        if after_module_id not in ids:
            return None
        index = ids.index(after_module_id)
        return ids[index + 1] if index + 1 < len(ids) else None


def resume_module_id(progress: CourseProgress, *, last_module_id: int | None) -> int | None:
    """Where "Resume" takes a learner: back to the module they last read in, while it
    is unfinished (that is where they left off); else the first module not yet
    complete; None once every module is complete."""
    last = progress.module(last_module_id) if last_module_id is not None else None
    if last is not None and not last.finished:
        return last.id
    return progress.resume_module_id


def compute_progress(modules: list[ModuleFacts], *, pass_mark: int) -> CourseProgress:
    ordered = sorted(modules, key=lambda m: m.order)
    rows = []
    done = total = score = max_score = 0
    for module in ordered:
        states = tuple((e.id, e.state) for e in module.exercises)
        passed = sum(1 for _, state in states if state == ExerciseState.PASSED)
        rows.append(
            ModuleProgress(
                id=module.id,
                read=module.read,
                exercises_passed=passed,
                exercises_total=len(module.exercises),
                exercises_attempted=sum(1 for _, st in states if st == ExerciseState.ATTEMPTED),
                exercise_states=states,
            )
        )
        done += int(module.read) + passed
        total += 1 + len(module.exercises)
        score += sum(e.best_score or 0 for e in module.exercises)
        max_score += sum(e.points for e in module.exercises)

    score_percent = (100 * score // max_score) if max_score else 100
    all_read = bool(rows) and all(r.read for r in rows)
    resume = next((r.id for r in rows if not r.finished), None)
    due = tuple(w for module in ordered for e in module.exercises for w in e.written_due)
    unpassed = tuple(
        e.title for m in ordered for e in m.exercises if e.has_written and not e.passed
    )
    return CourseProgress(
        percent=(100 * done // total) if total else 0,
        modules=tuple(rows),
        score=score,
        max_score=max_score,
        score_percent=score_percent,
        all_modules_read=all_read,
        eligible_for_certificate=(
            all_read and score_percent >= pass_mark and not due and not unpassed
        ),
        resume_module_id=resume,
        written_due=due,
        written_exercises_unpassed=unpassed,
    )
