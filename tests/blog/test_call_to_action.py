"""A post's call to action follows the reader's standing in its course: nobody who
completed the course is asked to enrol in it again."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from blog import selectors
from enrollment.models import Certificate, Enrollment
from tests.factories import CourseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return CourseFactory(title="Certificate in Careful Models")


@pytest.fixture
def post(make_post, course):
    return make_post(related_course=course)


def _cta(client, post) -> str:
    html = client.get(post.get_absolute_url()).content.decode()
    return re.search(r'<section class="cta-band post-cta".*?</section>', html, re.S).group(0)


def _enrol_url(course) -> str:
    return reverse("enrollment:enrol", kwargs={"course_slug": course.slug})


def test_a_visitor_is_invited_to_enrol(client, post, course):
    assert f'href="{_enrol_url(course)}">Enrol Now' in _cta(client, post)


def test_a_learner_who_never_enrolled_is_invited_to_enrol(client, post, course):
    client.force_login(UserFactory())
    assert f'href="{_enrol_url(course)}">Enrol Now' in _cta(client, post)


def test_an_enrolled_learner_is_sent_back_to_the_course(client, post, course):
    learner = UserFactory()
    Enrollment.objects.create(user=learner, course=course)
    client.force_login(learner)
    cta = _cta(client, post)
    assert "Enrol Now" not in cta
    assert f'href="{course.get_absolute_url()}">Continue the course' in cta


def test_a_learner_who_left_is_offered_to_rejoin(client, post, course):
    learner = UserFactory()
    Enrollment.objects.create(user=learner, course=course, status=Enrollment.Status.LEFT)
    client.force_login(learner)
    cta = _cta(client, post)
    assert "Enrol Now" not in cta and f'href="{_enrol_url(course)}">Rejoin the course' in cta


def test_a_learner_who_completed_the_course_sees_their_certificate(client, post, course):
    learner = UserFactory()
    Enrollment.objects.create(user=learner, course=course, completed_at=timezone.now())
    certificate = Certificate.objects.create(
        user=learner, course=course, learner_name="Ada", course_title=course.title, score_percent=90
    )
    client.force_login(learner)
    cta = _cta(client, post)
    assert "Enrol" not in cta and "You have completed this programme" in cta
    assert f'href="{certificate.get_absolute_url()}">View your certificate' in cta


def test_a_finished_learner_whose_certificate_waits_is_sent_to_the_dashboard(client, post, course):
    learner = UserFactory()
    Enrollment.objects.create(user=learner, course=course, completed_at=timezone.now())
    client.force_login(learner)
    cta = _cta(client, post)
    assert "Enrol" not in cta
    assert f'href="{reverse("enrollment:dashboard")}">Go to your dashboard' in cta


def test_a_revoked_certificate_is_not_offered(client, post, course):
    learner = UserFactory()
    Enrollment.objects.create(user=learner, course=course, completed_at=timezone.now())
    Certificate.objects.create(
        user=learner,
        course=course,
        learner_name="Ada",
        course_title=course.title,
        score_percent=90,
        revoked_at=timezone.now(),
    )
    client.force_login(learner)
    cta = _cta(client, post)
    assert "View your certificate" not in cta and "Enrol" not in cta


def test_the_call_to_action_costs_visitors_nothing_and_learners_at_most_two_queries(
    course, django_assert_num_queries
):
    from django.contrib.auth.models import AnonymousUser

    with django_assert_num_queries(0):
        assert selectors.post_call_to_action(user=AnonymousUser(), course=course).state == "enrol"
    learner = UserFactory()
    Enrollment.objects.create(user=learner, course=course, completed_at=timezone.now())
    with django_assert_num_queries(2):
        assert selectors.post_call_to_action(user=learner, course=course).state == "finished"
    assert selectors.post_call_to_action(user=learner, course=None) is None
