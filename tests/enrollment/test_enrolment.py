"""Enrol Now: redirect-back flow, confirmation, idempotence, closed courses, leaving."""

import threading

import pytest
from django.core import mail
from django.db import connection

from enrollment import services
from enrollment.models import Enrollment
from tests.factories import PASSWORD, CourseFactory, ModuleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = CourseFactory()
    ModuleFactory(course=course, slug="first-steps", order=1, title="First steps")
    ModuleFactory(course=course, slug="second-steps", order=2)
    return course


def test_anonymous_visitor_is_sent_to_sign_up_and_straight_back(client, course):
    response = client.get("/courses/test-course/enrol/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enrol in Test Course" in html
    assert "/accounts/signup/?next=%2Fcourses%2Ftest-course%2Fenrol%2F" in html

    # The sign-up page names the course and carries the way back.
    signup = client.get("/accounts/signup/?next=/courses/test-course/enrol/")
    assert "You are enrolling in <strong>Test Course</strong>" in signup.content.decode()
    response = client.post(
        "/accounts/signup/?next=/courses/test-course/enrol/",
        {
            "email": "new@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": "/courses/test-course/enrol/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/courses/test-course/enrol/"
    # Signed in now: the confirmation step, then the first module with a welcome.
    confirm = client.get("/courses/test-course/enrol/")
    assert "Confirm enrolment" in confirm.content.decode()
    response = client.post("/courses/test-course/enrol/", follow=False)
    assert response["Location"] == "/courses/test-course/first-steps/"
    assert Enrollment.objects.filter(user__email="new@example.com", course=course).count() == 1


def test_sign_in_page_also_names_the_course(client, course):
    response = client.get("/accounts/login/?next=/courses/test-course/enrol/")
    assert "You are enrolling in <strong>Test Course</strong>" in response.content.decode()


def test_enrolling_twice_is_harmless_and_sends_one_email(
    client, course, django_capture_on_commit_callbacks
):
    user = UserFactory()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/courses/test-course/enrol/")
        client.post("/courses/test-course/enrol/")
    assert Enrollment.objects.filter(user=user).count() == 1
    confirmations = [m for m in mail.outbox if "enrolled" in m.subject]
    assert len(confirmations) == 1
    assert "Test Course" in confirmations[0].subject
    assert "/courses/test-course/first-steps/" in confirmations[0].body


def test_enrolment_needs_a_post(client, course):
    client.force_login(UserFactory())
    client.get("/courses/test-course/enrol/")
    assert not Enrollment.objects.exists()


def test_closed_course_refuses_new_learners_and_hides_the_button(client, course):
    course.enrolment_open = False
    course.save()
    client.force_login(UserFactory())
    page = client.get("/courses/test-course/enrol/").content.decode()
    assert "not taking new enrolments" in page and "Confirm enrolment" not in page
    response = client.post("/courses/test-course/enrol/")
    assert response.status_code == 302
    assert not Enrollment.objects.exists()


def test_leaving_and_coming_back_keeps_progress(client, course):
    from enrollment.models import ModuleCompletion

    user = UserFactory()
    services.enrollment_create(user=user, course=course)
    module = course.modules.get(slug="first-steps")
    services.module_complete(user=user, module=module)
    client.force_login(user)
    client.post("/courses/test-course/leave/")
    assert Enrollment.objects.get(user=user).status == "left"
    client.post("/courses/test-course/enrol/")
    enrollment = Enrollment.objects.get(user=user)
    assert enrollment.status == "active" and enrollment.progress_percent == 50
    assert ModuleCompletion.objects.filter(user=user, module=module).exists()


def test_returning_learner_may_rejoin_a_closed_course(course):
    user = UserFactory()
    services.enrollment_create(user=user, course=course)
    services.enrollment_leave(user=user, course=course)
    course.enrolment_open = False
    course.save()
    enrollment, created = services.enrollment_create(user=user, course=course)
    assert not created and enrollment.status == "active"


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_enrolments_create_exactly_one(course):
    if connection.vendor == "sqlite":
        pytest.skip("concurrency is tested against PostgreSQL (DATABASE_URL), as in CI")
    user = UserFactory()
    barrier = threading.Barrier(20)
    errors = []

    def enrol():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            services.enrollment_create(user=user, course=course)
        except Exception as exc:  # the test reports any failure below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=enrol) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Enrollment.objects.filter(user=user, course=course).count() == 1
