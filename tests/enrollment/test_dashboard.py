"""The dashboard: a learner's own courses, submissions and certificates, in bounded queries."""

import pytest

from enrollment import services
from enrollment.models import Enrollment
from tests.factories import (
    CourseFactory,
    ExerciseFactory,
    ModuleFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _course_with_work(user, slug, modules=2, exercises_per_module=2):
    course = CourseFactory(slug=slug, title=f"Course {slug}")
    for _ in range(modules):
        module = ModuleFactory(course=course)
        for _ in range(exercises_per_module):
            SubmissionFactory(user=user, exercise=ExerciseFactory(module=module), passed=True)
    Enrollment.objects.create(user=user, course=course)
    return course


# session, user, enrolments with courses, then progress (modules, which give the resume
# links too, exercises, completions, best scores), certificates, recent submissions and
# the other programmes.
DASHBOARD_QUERIES = 10


@pytest.mark.parametrize(("courses", "modules", "exercises"), [(1, 1, 1), (5, 3, 3)])
def test_dashboard_makes_the_same_exact_queries_for_one_course_or_five(
    client, django_assert_num_queries, courses, modules, exercises
):
    learner = UserFactory()
    for i in range(courses):
        _course_with_work(learner, f"course-{i}", modules=modules, exercises_per_module=exercises)
    client.force_login(learner)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get("/dashboard/")
    assert response.status_code == 200
    assert response.content.decode().count('<progress class="progress"') == courses


def test_dashboard_shows_progress_resume_and_certificates(client):
    learner = UserFactory()
    exercise = ExerciseFactory()
    services.enrollment_create(user=learner, course=exercise.course)
    SubmissionFactory(user=learner, exercise=exercise, passed=True)
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
    SubmissionFactory(user=owner, exercise=exercise, passed=True)
    client.force_login(other)
    html = client.get("/dashboard/").content.decode()
    assert "Add two numbers" not in html
    assert "You are not enrolled" in html
