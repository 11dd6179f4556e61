"""Feedback that teaches: progressive hints, the next step after a pass, and when the
reference solution may be shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse

from ..models import (
    Exercise,
    HintReveal,
    Module,
    Submission,
)

# A module reference, not names: enrollment's selectors read best scores from ours, so
# each module must be importable while the other is still loading.
from .submissions import submission_best_score


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
    return exercise.is_passed_with(submission_best_score(user=user, exercise=exercise))


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
    best_score = submission_best_score(user=user, exercise=exercise)
    next_step = None
    if exercise.is_passed_with(submission.score):
        next_step = exercise_next_step(exercise=exercise)
    return AttemptFollowUp(
        best=best_score, passed=exercise.is_passed_with(best_score), next_step=next_step
    )
