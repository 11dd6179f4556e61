"""Reads for enrolment."""

from __future__ import annotations

from courseware.models import Course, Module

from .models import Enrollment


def enrollment_get(*, user, course: Course) -> Enrollment | None:
    if not user.is_authenticated:
        return None
    return Enrollment.objects.filter(user=user, course=course).first()


def course_first_module(*, course: Course) -> Module | None:
    return course.modules.live().order_by("order").first()
