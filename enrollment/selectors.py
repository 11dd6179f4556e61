"""Reads for enrolment, progress and certificates. Query counts do not grow with the
number of courses, modules, exercises or submissions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.urls import reverse

# A module reference, not names: courseware's selectors ask ours whether a learner is
# enrolled (the one sanctioned back-edge), so each module must be importable while the
# other is still loading.
from courseware import selectors as courseware_selectors
from courseware.models import Course, Exercise, Module, Submission

from .models import Certificate, Enrollment, ModuleCompletion
from .progress import CourseProgress, ExerciseFacts, ModuleFacts, compute_progress


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


def progress_for_courses(*, user, courses: list[Course]) -> dict[int, CourseProgress]:
    """Progress in each course, in four queries however large the courses are."""
    course_ids = [c.id for c in courses]
    if not course_ids:
        return {}
    modules = list(
        Module.objects.live().filter(course_id__in=course_ids).values("id", "course_id", "order")
    )
    exercises_by_module: dict[int, list[dict]] = defaultdict(list)
    for row in (
        Exercise.objects.live()
        .filter(course_id__in=course_ids)
        .values("id", "module_id", "points", "pass_mark")
    ):
        exercises_by_module[row["module_id"]].append(row)
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
        facts[module["course_id"]].append(
            ModuleFacts(
                id=module["id"],
                order=module["order"],
                read=module["id"] in completed,
                exercises=tuple(
                    ExerciseFacts(
                        id=e["id"],
                        points=e["points"],
                        pass_mark=e["pass_mark"],
                        best_score=best.get((user.pk, e["id"])),
                    )
                    for e in exercises_by_module.get(module["id"], [])
                ),
            )
        )
    return {
        course.id: compute_progress(facts.get(course.id, []), pass_mark=course.pass_mark)
        for course in courses
    }


def dashboard_data(*, user) -> dict:
    """Everything the dashboard shows, in a bounded number of queries."""
    enrollments = list(
        Enrollment.objects.filter(user=user, status=Enrollment.Status.ACTIVE)
        .select_related("course")
        .filter(course__is_retired=False)
        .order_by("-enrolled_at")
    )
    courses = [e.course for e in enrollments]
    progress = progress_for_courses(user=user, courses=courses)
    resume_ids = [p.resume_module_id for p in progress.values() if p.resume_module_id]
    resume_modules = {
        m.id: m for m in Module.objects.filter(id__in=resume_ids).select_related("course")
    }
    rows = []
    for enrollment in enrollments:
        p = progress[enrollment.course_id]
        rows.append(
            {
                "enrollment": enrollment,
                "course": enrollment.course,
                "progress": p,
                "resume_module": resume_modules.get(p.resume_module_id),
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
