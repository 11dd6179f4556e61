"""The dashboard: a learner's own courses, submissions and certificates, in bounded queries."""

import pytest

from courseware.models import Submission
from enrollment import services
from enrollment.models import Enrollment
from tests.courseware_fixtures import CourseFactory, ExerciseFactory, ModuleFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _course_with_work(user, slug, modules=2, exercises_per_module=2):
    course = CourseFactory(slug=slug, title=f"Course {slug}")
    for _ in range(modules):
        module = ModuleFactory(course=course)
        for _ in range(exercises_per_module):
            exercise = ExerciseFactory(module=module)
            Submission.objects.create(
                user=user,
                exercise=exercise,
                code="x",
                status="passed",
                score=2,
                max_score=2,
                attempt=1,
            )
    Enrollment.objects.create(user=user, course=course)
    return course


def _dashboard_queries(client, django_assert_max_num_queries, user, limit):
    client.force_login(user)
    with django_assert_max_num_queries(limit) as captured:
        response = client.get("/dashboard/")
    assert response.status_code == 200
    return len(captured.captured_queries), response


def test_dashboard_queries_do_not_grow_with_courses_or_submissions(
    client, django_assert_max_num_queries
):
    small = UserFactory()
    _course_with_work(small, "small-1", modules=1, exercises_per_module=1)
    few, _ = _dashboard_queries(client, django_assert_max_num_queries, small, 20)

    big = UserFactory()
    for i in range(5):
        _course_with_work(big, f"big-{i}", modules=3, exercises_per_module=3)
    many, response = _dashboard_queries(client, django_assert_max_num_queries, big, 20)
    assert many == few
    assert response.content.decode().count('role="progressbar"') == 5


def test_dashboard_shows_progress_resume_and_certificates(client):
    learner = UserFactory()
    exercise = ExerciseFactory()
    services.enrollment_create(user=learner, course=exercise.course)
    Submission.objects.create(
        user=learner, exercise=exercise, code="x", status="passed", score=2, max_score=2, attempt=1
    )
    services.progress_recompute(user_id=learner.pk, course_id=exercise.course_id)
    client.force_login(learner)
    html = client.get("/dashboard/").content.decode()
    assert "50% complete" in html
    assert f"Resume: {exercise.module.title}" in html
    assert "Add two numbers" in html  # recent submissions


def test_a_learner_never_sees_another_learners_work(client):
    owner, other = UserFactory(), UserFactory()
    exercise = ExerciseFactory()
    services.enrollment_create(user=owner, course=exercise.course)
    Submission.objects.create(
        user=owner,
        exercise=exercise,
        code="SECRET_CODE_42",
        status="passed",
        score=2,
        max_score=2,
        attempt=1,
    )
    client.force_login(other)
    html = client.get("/dashboard/").content.decode()
    assert "SECRET_CODE_42" not in html and "Add two numbers" not in html
    assert "You are not enrolled" in html
