"""Reads for courseware: catalogue, course, module and exercise pages, submissions.

Every page does a fixed number of queries whatever the number of modules, exercises or
attempts: lists are fetched once and related objects are attached in Python, never
looked up per row. A learner only ever sees their own submissions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.urls import reverse

# A module reference, not names: enrollment's selectors read best scores from ours, so
# each module must be importable while the other is still loading.
from enrollment import selectors as enrollment_selectors

from .content.markdown import QUIZ_MARKER_RE
from .models import (
    Course,
    Draft,
    Exercise,
    HintReveal,
    Module,
    Question,
    QuestionResponse,
    Submission,
)

_LIVE_MODULES = Q(modules__is_retired=False)
SESSION_ANSWERS = "courseware_answers"


def course_list_for_catalogue():
    return (
        Course.objects.live()
        .annotate(module_count=Count("modules", filter=_LIVE_MODULES))
        .only("slug", "title", "subtitle", "summary", "level", "estimated_hours", "order")
        .order_by("order", "title")
    )


def course_get_live(*, course_slug: str) -> Course | None:
    return Course.objects.live().defer("source_path", "created_at").filter(slug=course_slug).first()


def course_syllabus(*, course: Course) -> list[Module]:
    modules = list(
        course.modules.live()
        .annotate(
            exercise_count=Count("exercises", filter=Q(exercises__is_retired=False), distinct=True),
            question_count=Count("questions", filter=Q(questions__is_retired=False), distinct=True),
        )
        .only("slug", "order", "title", "summary", "estimated_minutes", "course_id")
        .order_by("order")
    )
    for module in modules:
        module.course = course  # so get_absolute_url needs no query per row
    return modules


def module_get_live(*, course_slug: str, module_slug: str) -> Module | None:
    return (
        Module.objects.live()
        .select_related("course")
        .defer("source_path", "course__body_html", "course__source_path")
        .filter(course__slug=course_slug, slug=module_slug)
        .first()
    )


def module_siblings(*, module: Module) -> list[Module]:
    siblings = list(
        Module.objects.live()
        .filter(course_id=module.course_id)
        .only("slug", "order", "title", "estimated_minutes", "course_id")
        .order_by("order")
    )
    for sibling in siblings:
        sibling.course = module.course
    return siblings


def module_exercises(*, module: Module) -> list[Exercise]:
    """The module's live exercises in order, with ``course`` and ``module`` attached."""
    exercises = module_exercises_unattached(module=module)
    for exercise in exercises:
        exercise.course = module.course
        exercise.module = module
    return exercises


def module_exercises_unattached(*, module: Module) -> list[Exercise]:
    """The same rows with nothing attached, small enough to keep in a cached fragment."""
    return list(
        Exercise.objects.filter(module=module, is_retired=False)
        .only("slug", "title", "summary", "points", "pass_mark", "order", "course_id", "module_id")
        .order_by("order", "slug")
    )


@dataclass
class AnswerState:
    selected: list[str]
    is_correct: bool


@dataclass
class BodyPart:
    html: str = ""
    question: Question | None = None


def answer_state(question: Question, selected: list[str]) -> AnswerState:
    return AnswerState(
        selected=list(selected), is_correct=sorted(selected) == sorted(question.correct)
    )


def module_questions(*, module: Module) -> list[Question]:
    """The module's live questions in order, as every reader first sees them."""
    questions = list(module.questions.filter(is_retired=False).order_by("order"))
    for question in questions:
        question.module = module
    return questions


def module_answers(*, module: Module, user, session) -> dict[int, Question]:
    """The module's questions this reader has answered, by id, each with ``.answer`` (an
    AnswerState): from stored responses when signed in (one query), from the session
    otherwise (one query when it holds answers, none when it does not)."""
    if user.is_authenticated:
        responses = QuestionResponse.objects.filter(
            user=user, question__module=module, question__is_retired=False
        ).select_related("question")
        pairs = [(response.question, response.selected) for response in responses]
    elif session is not None and SESSION_ANSWERS in session:
        stored = session.get(SESSION_ANSWERS, {})
        ids = [int(key) for key in stored if key.isdigit()]
        questions = Question.objects.filter(module=module, is_retired=False, id__in=ids)
        pairs = [(question, stored[str(question.id)]) for question in questions]
    else:
        return {}
    answered = {}
    for question, selected in pairs:
        if selected:
            question.module = module
            question.answer = answer_state(question, selected)
            answered[question.id] = question
    return answered


def module_body_parts(*, module: Module, questions: list[Question]) -> list[BodyPart]:
    """Split the pre-rendered body at its ``<!--quiz:key-->`` markers."""
    by_key = {q.key: q for q in questions}
    pieces = QUIZ_MARKER_RE.split(module.body_html)
    parts: list[BodyPart] = []
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            if piece.strip():
                parts.append(BodyPart(html=piece))
        elif piece in by_key:
            parts.append(BodyPart(question=by_key[piece]))
    return parts


def question_get_live(*, course_slug: str, module_slug: str, key: str) -> Question | None:
    return (
        Question.objects.filter(
            is_retired=False,
            key=key,
            module__slug=module_slug,
            module__is_retired=False,
            module__course__slug=course_slug,
            module__course__is_retired=False,
        )
        .select_related("module__course")
        .defer("module__body_html", "module__toc_html", "module__course__body_html")
        .first()
    )


# -- exercises and submissions ----------------------------------------------------


def exercise_get_live(*, course_slug: str, exercise_slug: str) -> Exercise | None:
    exercise = (
        Exercise.objects.live()
        .select_related("course", "module")
        .filter(course__slug=course_slug, slug=exercise_slug)
        .first()
    )
    if exercise is not None:
        exercise.module.course = exercise.course  # so module links need no query
    return exercise


def submission_history(*, user, exercise: Exercise, limit: int = 20) -> list[Submission]:
    """The learner's latest graded attempts (not visible-test runs), newest first."""
    return list(
        Submission.objects.filter(user=user, exercise=exercise, kind=Submission.Kind.SUBMIT)
        .only("id", "attempt", "status", "score", "max_score", "queued_at", "finished_at")
        .order_by("-attempt")[:limit]
    )


def submission_latest(*, user, exercise: Exercise) -> Submission | None:
    return Submission.objects.filter(user=user, exercise=exercise).order_by("-queued_at").first()


def submission_get_own(*, user, exercise: Exercise, submission_id: int) -> Submission | None:
    if not user.is_authenticated:
        return None
    return Submission.objects.filter(pk=submission_id, user=user, exercise=exercise).first()


def submission_best_scores(
    *, user_ids: Iterable[int], exercise_ids: Iterable[int]
) -> dict[tuple[int, int], int]:
    """``{(user_id, exercise_id): best score}`` over every graded attempt, in one query.

    The one definition of "best score": the exercise page, module page, progress, the
    dashboard and the gradebook all read it from here.
    """
    user_ids, exercise_ids = list(user_ids), list(exercise_ids)
    if not user_ids or not exercise_ids:
        return {}
    rows = (
        Submission.objects.graded_attempts()
        .filter(user_id__in=user_ids, exercise_id__in=exercise_ids)
        .values("user_id", "exercise_id")
        .annotate(best=Max("score"))
    )
    return {(row["user_id"], row["exercise_id"]): row["best"] or 0 for row in rows}


@dataclass
class ExerciseRow:
    """An exercise as a learner sees it listed: their best score and whether it passes."""

    exercise: Exercise
    best: int | None = None

    @property
    def passed(self) -> bool:
        return self.exercise.is_passed_with(self.best)


@dataclass
class ModulePage:
    """The learner's own state on a module page (empty for visitors)."""

    exercises: list[ExerciseRow] = field(default_factory=list)
    enrolled: bool = False
    completed: bool = False


def module_page_for_learner(*, module: Module, user, exercises: list[Exercise]) -> ModulePage:
    """The module's exercises (``module_exercises``) with the learner's best scores, and
    their enrolment and completion: three queries for a signed-in learner (two when the
    module has no exercises), none for a visitor."""
    page = ModulePage(exercises=[ExerciseRow(exercise=e) for e in exercises])
    if not user.is_authenticated:
        return page
    best = submission_best_scores(user_ids=[user.pk], exercise_ids=[e.id for e in exercises])
    for row in page.exercises:
        row.best = best.get((user.pk, row.exercise.id))
    page.enrolled = enrollment_selectors.enrollment_is_active(user=user, course=module.course)
    page.completed = page.enrolled and enrollment_selectors.module_completed(
        user=user, module=module
    )
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
    best = submission_best_scores(user_ids=[user.pk], exercise_ids=[exercise.id])
    page.best = best.get((user.pk, exercise.id))
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


# -- hints, the next step and the reference solution ------------------------------


@dataclass
class HintsState:
    """An exercise's progressive hints as one reader sees them."""

    total: int = 0
    shown: list[str] = field(default_factory=list)  # pre-rendered HTML, in order

    @property
    def next_number(self) -> int | None:
        """The 1-based number of the hint a "Show hint" button reveals, if any is left."""
        return len(self.shown) + 1 if len(self.shown) < self.total else None


def hints_revealed_count(*, user, exercise: Exercise) -> int:
    """How many hints, from the first on, the learner has revealed (one query).

    Counted in order, and never more than the exercise now has (an author may remove one).
    """
    if not exercise.hints_html or not user.is_authenticated:
        return 0
    indices = set(
        HintReveal.objects.filter(user=user, exercise=exercise)
        .order_by()
        .values_list("index", flat=True)
    )
    count = 0
    while count in indices:
        count += 1
    return min(count, len(exercise.hints_html))


def exercise_hints(*, exercise: Exercise, user) -> HintsState:
    """The hints this reader has revealed; no query when the exercise has none."""
    seen = hints_revealed_count(user=user, exercise=exercise)
    return HintsState(total=len(exercise.hints_html), shown=list(exercise.hints_html[:seen]))


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class NextStep:
    """Where a learner goes after passing: the module's next exercise or, after its last
    one, the course's next module (None after the last module) and back to the module."""

    module: Link
    next_exercise: Link | None = None
    next_module: Link | None = None


def exercise_next_step(*, exercise: Exercise) -> NextStep:
    """The next live exercise of the module, in page order, else the next live module.

    One query: this module and the one after it, the first annotated with the exercise
    that follows ``exercise`` (the same ``order, slug`` order as the module page).
    """
    module, course = exercise.module, exercise.course
    following = (
        Exercise.objects.filter(module=OuterRef("pk"), is_retired=False)
        .filter(Q(order__gt=exercise.order) | Q(order=exercise.order, slug__gt=exercise.slug))
        .order_by("order", "slug")
    )
    rows = list(
        Module.objects.live()
        .filter(course_id=course.pk, order__gte=module.order)
        .annotate(
            next_slug=Subquery(following.values("slug")[:1]),
            next_title=Subquery(following.values("title")[:1]),
        )
        .only("slug", "order", "title", "course_id")
        .order_by("order")[:2]
    )
    for row in rows:
        row.course = course
    here = next((row for row in rows if row.pk == module.pk), None)
    back = Link(title=module.title, url=module.get_absolute_url())
    if here is not None and here.next_slug:
        url = reverse(
            "courseware:exercise_detail",
            kwargs={"course_slug": course.slug, "exercise_slug": here.next_slug},
        )
        return NextStep(module=back, next_exercise=Link(title=here.next_title, url=url))
    later = next((row for row in rows if row.order > module.order), None)
    if later is None:
        return NextStep(module=back)
    return NextStep(module=back, next_module=Link(title=later.title, url=later.get_absolute_url()))


def exercise_solution_unlocked(*, exercise: Exercise, user) -> bool:
    """May this reader see the reference solution? Only once their best score passes."""
    if not user.is_authenticated:
        return False
    best = submission_best_scores(user_ids=[user.pk], exercise_ids=[exercise.id])
    return exercise.is_passed_with(best.get((user.pk, exercise.id)))


@dataclass(frozen=True)
class AttemptFollowUp:
    """What a finished graded attempt changes beside its own result: the learner's best
    score (the page's badge), and where to go next when the attempt passed."""

    best: int | None
    passed: bool  # the best score passes (this attempt or an earlier one)
    next_step: NextStep | None = None


def attempt_follow_up(
    *, user, exercise: Exercise, submission: Submission
) -> AttemptFollowUp | None:
    """None for visible-test runs and unfinished attempts; else one query for the best
    score and, when this attempt passed, one for the next step."""
    if submission.kind != Submission.Kind.SUBMIT or not submission.is_finished:
        return None
    best = submission_best_scores(user_ids=[user.pk], exercise_ids=[exercise.id])
    best_score = best.get((user.pk, exercise.id))
    next_step = None
    if exercise.is_passed_with(submission.score):
        next_step = exercise_next_step(exercise=exercise)
    return AttemptFollowUp(
        best=best_score, passed=exercise.is_passed_with(best_score), next_step=next_step
    )
