"""Reads for enrolment, progress and certificates. Query counts do not grow with the
number of courses, modules, exercises or submissions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

# A module reference, not names: courseware's selectors ask ours whether a learner is
# enrolled (the one sanctioned back-edge), so each module must be importable while the
# other is still loading.
from courseware import selectors as courseware_selectors
from courseware.models import Course, Exercise, Module, Submission, WrittenSubmission

from .models import Certificate, Enrollment, ModuleCompletion
from .progress import (
    CourseProgress,
    ExerciseFacts,
    ModuleFacts,
    WrittenDue,
    compute_progress,
    resume_module_id,
)


def enrollment_get(*, user, course: Course) -> Enrollment | None:
    if not user.is_authenticated:
        return None
    return Enrollment.objects.filter(user=user, course=course).first()


def enrollment_is_active(*, user, course: Course) -> bool:
    """The enrolment rule: only learners actively enrolled may submit code for grading
    or track progress. Everything that needs the rule asks here (one query)."""
    if not user.is_authenticated:
        return False
    return Enrollment.objects.filter(
        user=user, course=course, status=Enrollment.Status.ACTIVE
    ).exists()


def module_completed(*, user, module: Module) -> bool:
    """Has the learner marked this module as complete? (one query)"""
    if not user.is_authenticated:
        return False
    return ModuleCompletion.objects.filter(user=user, module=module).exists()


def course_first_module(*, course: Course) -> Module | None:
    return course.modules.live().order_by("order").first()


def _course_progress(
    *, user, courses: list[Course]
) -> tuple[dict[int, CourseProgress], dict[int, Module], dict[int, int]]:
    """Progress in each course, the live modules by id (with ``course`` attached, so
    their URLs need no query) and the best score of each exercise tried, in four queries
    however large the courses are."""
    course_ids = [c.id for c in courses]
    if not course_ids:
        return {}, {}, {}
    by_id = {c.id: c for c in courses}
    modules = list(
        Module.objects.live()
        .filter(course_id__in=course_ids)
        .only("id", "course_id", "order", "slug", "title")
        .order_by("order")
    )
    for module in modules:
        module.course = by_id[module.course_id]
    exercises_by_module: dict[int, list[dict]] = defaultdict(list)
    for row in (
        Exercise.objects.live()
        .filter(course_id__in=course_ids)
        .order_by("order", "slug")
        .values("id", "module_id", "points", "pass_mark", "slug", "title", "written")
    ):
        exercises_by_module[row["module_id"]].append(row)
    with_written = [e["id"] for rows in exercises_by_module.values() for e in rows if e["written"]]
    standing = written_standing(user=user, exercise_ids=with_written) if with_written else {}
    completed = set(
        ModuleCompletion.objects.filter(user=user, module__course_id__in=course_ids).values_list(
            "module_id", flat=True
        )
    )
    best = courseware_selectors.submission_best_scores(
        user_ids=[user.pk],
        exercise_ids=[e["id"] for rows in exercises_by_module.values() for e in rows],
    )

    facts: dict[int, list[ModuleFacts]] = defaultdict(list)
    for module in modules:
        facts[module.course_id].append(
            ModuleFacts(
                id=module.id,
                order=module.order,
                read=module.id in completed,
                exercises=tuple(
                    ExerciseFacts(
                        id=e["id"],
                        points=e["points"],
                        pass_mark=e["pass_mark"],
                        best_score=best.get((user.pk, e["id"])),
                        written_due=_written_due(e, standing),
                        has_written=bool(e["written"]),
                        title=e["title"],
                    )
                    for e in exercises_by_module.get(module.id, [])
                ),
            )
        )
    progress = {
        course.id: compute_progress(facts.get(course.id, []), pass_mark=course.pass_mark)
        for course in courses
    }
    scores = {exercise_id: score for (_, exercise_id), score in best.items()}
    return progress, {m.id: m for m in modules}, scores


def written_standing(*, user, exercise_ids: list[int]) -> dict[tuple[int, str], tuple[str, str]]:
    """(exercise id, part key): the status and staff comment of the learner's newest
    version of each written part they saved, in one query."""
    newest: dict[tuple[int, str], tuple[str, str]] = {}
    rows = (
        WrittenSubmission.objects.filter(user=user, exercise_id__in=exercise_ids)
        .order_by("-submitted_at", "-id")
        .values_list("exercise_id", "key", "status", "staff_comment")
    )
    for exercise_id, key, status, comment in rows:
        newest.setdefault((exercise_id, key), (status, comment))
    return newest


def _written_due(exercise: dict, standing: dict) -> tuple[WrittenDue, ...]:
    due = []
    for part in exercise["written"]:
        status, comment = standing.get((exercise["id"], part["key"]), (None, ""))
        if status == WrittenSubmission.Status.SUBMITTED:
            continue
        due.append(
            WrittenDue(
                exercise_id=exercise["id"],
                exercise_slug=exercise["slug"],
                exercise_title=exercise["title"],
                key=part["key"],
                title=part["title"],
                returned=status == WrittenSubmission.Status.RETURNED,
                comment=comment if status == WrittenSubmission.Status.RETURNED else "",
            )
        )
    return tuple(due)


def progress_for_courses(*, user, courses: list[Course]) -> dict[int, CourseProgress]:
    """Progress in each course, in four queries however large the courses are."""
    return _course_progress(user=user, courses=courses)[0]


@dataclass(frozen=True)
class LearnerCourse:
    """An active learner's standing in one course, for the ticks on the course and module
    pages: their enrolment, their progress and the course's live modules by id."""

    enrollment: Enrollment
    progress: CourseProgress
    modules: dict[int, Module]
    best_scores: dict[int, int]  # exercise id: best score, for the exercises tried

    def module_after(self, module_id: int) -> Module | None:
        next_id = self.progress.next_module_id(module_id)
        return self.modules.get(next_id) if next_id is not None else None

    @property
    def resume_module(self) -> Module | None:
        return _resume_module(self.enrollment, self.progress, self.modules)

    @property
    def resume_url(self) -> str | None:
        return _resume_url(self.enrollment, self.resume_module)


def _resume_module(enrollment: Enrollment, progress: CourseProgress, modules) -> Module | None:
    target = resume_module_id(progress, last_module_id=enrollment.last_module_id)
    return modules.get(target) if target is not None else None


def _resume_url(enrollment: Enrollment, module: Module | None) -> str | None:
    """The module's address, at the section last read when it is the module last read."""
    if module is None:
        return None
    url = module.get_absolute_url()
    if module.id == enrollment.last_module_id and enrollment.last_section:
        url += f"#{enrollment.last_section}"
    return url


def learner_course(*, user, course: Course) -> LearnerCourse | None:
    """The learner's standing in ``course`` when they are actively enrolled, else None.

    One query for a visitor's or an unenrolled learner's page (the enrolment, none for a
    visitor), five for an enrolled learner (the enrolment and ``_course_progress``),
    however many modules and exercises the course has."""
    if not user.is_authenticated:
        return None
    enrollment = Enrollment.objects.filter(
        user=user, course=course, status=Enrollment.Status.ACTIVE
    ).first()
    if enrollment is None:
        return None
    enrollment.course = course
    progress, modules, best = _course_progress(user=user, courses=[course])
    return LearnerCourse(
        enrollment=enrollment, progress=progress[course.id], modules=modules, best_scores=best
    )


def dashboard_data(*, user) -> dict:
    """Everything the dashboard shows, in a bounded number of queries."""
    enrollments = list(
        Enrollment.objects.filter(user=user, status=Enrollment.Status.ACTIVE)
        .select_related("course")
        .filter(course__is_retired=False)
        .order_by("-enrolled_at")
    )
    courses = [e.course for e in enrollments]
    progress, modules, _ = _course_progress(user=user, courses=courses)
    rows = []
    for enrollment in enrollments:
        p = progress[enrollment.course_id]
        resume = _resume_module(enrollment, p, modules)
        rows.append(
            {
                "enrollment": enrollment,
                "course": enrollment.course,
                "progress": p,
                "resume_module": resume,
                "resume_url": _resume_url(enrollment, resume),
            }
        )
    certificates = list(
        Certificate.objects.filter(user=user).select_related("course").order_by("-issued_at")
    )
    # A finished course offers its certificate, or the name confirmation that issues it,
    # in place of Resume (no query: the certificates are already here).
    certificate_by_course = {c.course_id: c for c in certificates}
    for row in rows:
        row["certificate"] = certificate_by_course.get(row["course"].id)
        row["finished"] = row["certificate"] is not None or (
            row["enrollment"].completed_at is not None
        )
    recent_submissions = list(
        Submission.objects.filter(user=user, kind=Submission.Kind.SUBMIT)
        .select_related("exercise", "exercise__course")
        .only(
            "id",
            "status",
            "score",
            "max_score",
            "attempt",
            "queued_at",
            "exercise__title",
            "exercise__slug",
            "exercise__course__slug",
            "exercise__course__title",
        )
        .order_by("-queued_at")[:8]
    )
    enrolled_ids = [c.id for c in courses]
    other_courses = list(Course.objects.live().exclude(id__in=enrolled_ids).order_by("order"))
    return {
        "rows": rows,
        "certificates": certificates,
        "recent_submissions": recent_submissions,
        "other_courses": other_courses,
    }


# A sign-in this long after the account was made is a return visit, not sign-up's own;
# an account this old is a returning learner's even if their session never ended.
_SIGN_IN_AGAIN_AFTER = timedelta(hours=1)
_FIRST_VISIT_LASTS = timedelta(days=1)


def learner_is_returning(*, user, now=None) -> bool:
    """Does the dashboard greet this learner with "Welcome back"? Only when they have
    been here before: they signed in again after creating their account, or created it
    more than a day ago. A learner fresh from sign-up is welcomed, not welcomed back."""
    now = now or timezone.now()
    if user.last_login and user.last_login - user.date_joined > _SIGN_IN_AGAIN_AFTER:
        return True
    return now - user.date_joined > _FIRST_VISIT_LASTS


@dataclass(frozen=True)
class CourseFinish:
    """A completed course as its learner sees it: the certificate, once issued, else the
    step that issues it (confirming the name, ``services.certificate_claim``)."""

    course_slug: str
    certificate_id: str | None  # None: complete, the certificate awaits the learner's name

    @property
    def url(self) -> str:
        """The certificate itself, or the page that asks for the name on it."""
        if self.certificate_id:
            return reverse(
                "enrollment:certificate_detail", kwargs={"certificate_id": self.certificate_id}
            )
        return reverse("enrollment:course_certificate", kwargs={"course_slug": self.course_slug})


def course_finish_get(*, user, course: Course) -> CourseFinish | None:
    """None unless the learner has completed ``course`` (one query; none for a visitor).

    The module and exercise pages ask this to say "you have finished" at the moment the
    last requirement is met, and on every later visit until the certificate is issued.
    """
    if not user.is_authenticated:
        return None
    certificate = Certificate.objects.filter(user=OuterRef("user"), course=OuterRef("course"))
    row = (
        Enrollment.objects.filter(user=user, course=course, completed_at__isnull=False)
        .annotate(certificate_id=Subquery(certificate.values("pk")[:1]))
        .values("certificate_id")
        .first()
    )
    if row is None:
        return None
    certificate_id = row["certificate_id"]
    return CourseFinish(
        course_slug=course.slug, certificate_id=str(certificate_id) if certificate_id else None
    )
