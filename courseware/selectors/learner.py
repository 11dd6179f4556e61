"""A learner's own state on the module and exercise pages: best scores, enrolment,
completion, drafts and the code the editor opens with."""

from __future__ import annotations

from dataclasses import dataclass, field

# A module reference, not names: enrollment's selectors read best scores from ours, so
# each module must be importable while the other is still loading.
from enrollment import selectors as enrollment_selectors

from ..models import (
    Draft,
    Exercise,
    Module,
    Submission,
)
from ..ticks import LABELS, Ticks
from .feedback import HintsState, NextStep, exercise_hints, exercise_next_step
from .submissions import (
    submission_best_score,
    submission_best_scores,
    submission_get_own,
    submission_history,
    submission_latest,
)


@dataclass
class ExerciseRow:
    """An exercise as a learner sees it listed: their best score and whether it passes."""

    exercise: Exercise
    best: int | None = None

    @property
    def passed(self) -> bool:
        return self.exercise.is_passed_with(self.best)

    @property
    def state(self) -> str:
        """``passed``, ``attempted`` or ``not_started``, as the progress ticks say it."""
        if self.passed:
            return "passed"
        return "attempted" if self.best is not None else "not_started"

    @property
    def state_label(self) -> str:
        return LABELS["exercise"][self.state]


@dataclass
class ModulePage:
    """The learner's own state on a module page (empty for visitors).

    For an enrolled learner also their course progress: the ticks for the module list
    and the lesson header (``ticks``), this module's state, how many of its exercises
    are still to pass, and where to go once it is done (``next_module``)."""

    exercises: list[ExerciseRow] = field(default_factory=list)
    enrolled: bool = False
    completed: bool = False  # marked as complete (read)
    state: str = "not_started"
    exercises_to_pass: int = 0
    ticks: Ticks | None = None
    next_module: Module | None = None
    course_completed: bool = False  # the course is complete (its certificate claimable)


def learner_ticks(standing) -> Ticks:
    """An enrolled learner's ticks from their ``enrollment.selectors.LearnerCourse``."""
    progress = standing.progress
    return Ticks(
        modules={m.id: str(m.state) for m in progress.modules},
        exercises={eid: str(state) for eid, state in progress.exercise_states.items()},
        percent=progress.percent,
    )


def module_page_for_learner(*, module: Module, user, exercises: list[Exercise]) -> ModulePage:
    """The module's exercises (``reading.module_exercises``) with the learner's best
    scores, their enrolment and, when enrolled, their progress in the course.

    No query for a visitor; for a signed-in learner who is not enrolled, two (enrolment,
    best scores; one when the module has no exercises); for an enrolled one, five (the
    enrolment and ``enrollment.selectors.learner_course``'s four), however many modules
    and exercises the course has."""
    page = ModulePage(exercises=[ExerciseRow(exercise=e) for e in exercises])
    if not user.is_authenticated:
        return page
    standing = enrollment_selectors.learner_course(user=user, course=module.course)
    if standing is None:
        best = submission_best_scores(user_ids=[user.pk], exercise_ids=[e.id for e in exercises])
        for row in page.exercises:
            row.best = best.get((user.pk, row.exercise.id))
        return page
    for row in page.exercises:
        row.best = standing.best_scores.get(row.exercise.id)
    mine = standing.progress.module(module.id)
    page.enrolled = True
    page.ticks = learner_ticks(standing)
    page.course_completed = standing.enrollment.completed_at is not None
    if mine is not None:
        page.completed = mine.read
        page.state = str(mine.state)
        page.exercises_to_pass = mine.exercises_total - mine.exercises_passed
    # Once this one is done: the next module or, after the last, the first one left.
    page.next_module = standing.module_after(module.id)
    if page.next_module is None:
        left = standing.progress.resume_module_id
        page.next_module = standing.modules.get(left) if left != module.id else None
    return page


def draft_get(*, user, exercise: Exercise) -> Draft | None:
    """The learner's saved draft for the exercise, if they have one."""
    if not user.is_authenticated:
        return None
    return Draft.objects.filter(user=user, exercise=exercise).first()


@dataclass(frozen=True)
class EditorCode:
    """The code the editor opens with, and where it came from: ``draft``,
    ``submission``, ``starter``, or ``reset`` (the starter, because the learner asked
    for it). The page tells the browser, which may have kept a copy of its own: it puts
    that copy in the editor by itself only over ``starter``, and otherwise offers it."""

    code: str
    source: str


def exercise_editor_code(
    *,
    exercise: Exercise,
    draft: Draft | None,
    shown: Submission | None,
    latest_at=None,
    reset: bool = False,
) -> EditorCode:
    """Which code the exercise page puts in the editor, first match wins:

    1. the starter code when the learner asked for it (``reset``: "Reset to starter
       code" without JavaScript; a GET never discards the draft);
    2. the draft, when it was saved after the learner's latest submission or run
       (``latest_at``): what they were typing last, so a reload or another device
       never loses it;
    3. the code of the submission shown (the latest, or the attempt they asked for);
    4. the starter code.
    """
    if reset:
        return EditorCode(exercise.starter_code, "reset")
    if draft is not None and (latest_at is None or draft.updated_at > latest_at):
        return EditorCode(draft.code, "draft")
    if shown is not None:
        return EditorCode(shown.code, "submission")
    return EditorCode(exercise.starter_code, "starter")


@dataclass
class ExercisePage:
    """Everything the exercise page shows about the learner's own work."""

    enrolled: bool = False
    submission: Submission | None = None
    history: list[Submission] = field(default_factory=list)
    best: int | None = None
    passed: bool = False
    hints: HintsState | None = None
    next_step: NextStep | None = None  # once the learner has passed
    draft: Draft | None = None
    editor: EditorCode | None = None


def exercise_page_for_learner(
    *, exercise: Exercise, user, submission_id: int | None = None, latest: bool = True
) -> ExercisePage:
    """The learner's enrolment, the submission to show (the one asked for, else the
    latest unless ``latest`` is False, which is how "reset to starter code" asks for a
    clean editor), recent attempts, best score over all of them, the hints they have
    revealed, where to go next once they have passed, their draft and the code the
    editor opens with (``exercise_editor_code``)."""
    page = ExercisePage(hints=exercise_hints(exercise=exercise, user=user))
    if not user.is_authenticated:
        page.editor = exercise_editor_code(exercise=exercise, draft=None, shown=None)
        return page
    page.enrolled = enrollment_selectors.enrollment_is_active(user=user, course=exercise.course)
    page.history = submission_history(user=user, exercise=exercise)
    page.best = submission_best_score(user=user, exercise=exercise)
    page.passed = exercise.is_passed_with(page.best)
    if page.passed:
        page.next_step = exercise_next_step(exercise=exercise)
    page.draft = draft_get(user=user, exercise=exercise)
    latest_at = None
    if submission_id is not None:
        page.submission = submission_get_own(
            user=user, exercise=exercise, submission_id=submission_id
        )
        if page.draft is not None:
            # Only to compare with the draft: an earlier attempt's code must not replace
            # work typed after the latest one.
            newest = submission_latest(user=user, exercise=exercise)
            latest_at = newest.queued_at if newest else None
    elif latest:
        page.submission = submission_latest(user=user, exercise=exercise)
        latest_at = page.submission.queued_at if page.submission else None
    page.editor = exercise_editor_code(
        exercise=exercise,
        draft=page.draft,
        shown=page.submission,
        latest_at=latest_at,
        reset=submission_id is None and not latest,
    )
    return page
