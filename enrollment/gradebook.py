"""A course's gradebook: one row per enrolled learner, a column per exercise."""

from __future__ import annotations

import csv
import io

from courseware import selectors as courseware_selectors
from courseware.models import Course, Exercise

from .models import Certificate, Enrollment


def gradebook_rows(*, course: Course, enrollments=None) -> tuple[list[str], list[list]]:
    """Header and rows, in five queries whatever the number of learners or exercises."""
    exercises = list(
        Exercise.objects.live().filter(course=course).order_by("module__order", "order")
    )
    if enrollments is None:
        enrollments = Enrollment.objects.filter(course=course)
    enrollments = list(enrollments.select_related("user").order_by("user__email"))
    user_ids = [e.user_id for e in enrollments]
    best = courseware_selectors.submission_best_scores(
        user_ids=user_ids, exercise_ids=[e.id for e in exercises]
    )
    certified = dict(
        Certificate.objects.filter(course=course, user_id__in=user_ids).values_list(
            "user_id", "revoked_at"
        )
    )
    header = ["email", "name", "enrolment status", "enrolled at", "progress %"]
    header += [f"{e.slug} (/{e.points})" for e in exercises]
    header += ["total", "completed", "certificate"]
    rows = []
    for enrollment in enrollments:
        scores = [best.get((enrollment.user_id, e.id)) for e in exercises]
        if enrollment.user_id in certified:
            certificate = "revoked" if certified[enrollment.user_id] else "issued"
        else:
            certificate = ""
        rows.append(
            [
                enrollment.user.email,
                enrollment.user.display_name,
                enrollment.get_status_display(),
                enrollment.enrolled_at.isoformat(timespec="seconds"),
                enrollment.progress_percent,
                *["" if s is None else s for s in scores],
                sum(s or 0 for s in scores),
                "yes" if enrollment.completed_at else "no",
                certificate,
            ]
        )
    return header, rows


def gradebook_csv(*, course: Course, enrollments=None) -> str:
    header, rows = gradebook_rows(course=course, enrollments=enrollments)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        # Cells that a spreadsheet would run as a formula are prefixed with a quote.
        writer.writerow(
            ["'" + c if isinstance(c, str) and c[:1] in ("=", "+", "-", "@") else c for c in row]
        )
    return buffer.getvalue()
