"""Ids from the request are parsed strictly: ASCII digits only, at most 18 of them (a
PostgreSQL bigint holds every such number). "²" and "٣" pass ``str.isdigit()``, and
``int()`` takes the second (and full-width digits, and "1_000", and " 7 "); neither may
reach the database or crash a page."""

import pytest

from config.ids import parse_id
from courseware.models import HintReveal
from tests.factories import SubmissionFactory, TeachingExerciseFactory, UserFactory

STRANGE = ["²", "٣", "１", "1_0", " 7", "7\n", "-1", "+1", "0x1", "", "1" * 19, "9" * 40]


@pytest.mark.parametrize("value", STRANGE)
def test_anything_but_plain_ascii_digits_is_no_id(value):
    assert parse_id(value) is None


@pytest.mark.parametrize(("value", "number"), [("0", 0), ("7", 7), ("9" * 18, 10**18 - 1)])
def test_plain_ascii_digits_are_an_id(value, number):
    assert parse_id(value) == number


def test_only_strings_are_parsed():
    assert parse_id(None) is None
    assert parse_id(7) is None


@pytest.fixture
def teaching(db):
    from enrollment.models import Enrollment

    learner, exercise = UserFactory(), TeachingExerciseFactory()
    Enrollment.objects.create(user=learner, course=exercise.course)
    return learner, exercise


@pytest.mark.django_db
@pytest.mark.parametrize("value", STRANGE)
def test_the_exercise_page_ignores_a_strange_submission_id(client, teaching, value):
    learner, exercise = teaching
    SubmissionFactory(user=learner, exercise=exercise)
    client.force_login(learner)
    response = client.get(exercise.get_absolute_url(), {"submission": value})
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_exercise_page_still_opens_the_submission_asked_for(client, teaching):
    learner, exercise = teaching
    submission = SubmissionFactory(user=learner, exercise=exercise)
    client.force_login(learner)
    response = client.get(exercise.get_absolute_url(), {"submission": str(submission.pk)})
    assert response.status_code == 200
    assert response.context["submission"].pk == submission.pk


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "٠", "０", "9" * 40])
def test_a_strange_hint_index_reveals_nothing(client, teaching, value):
    learner, exercise = teaching
    client.force_login(learner)
    response = client.post(f"{exercise.get_absolute_url()}hints/", {"index": value}, follow=True)
    assert response.status_code == 200
    assert "That hint does not exist" in response.content.decode()
    assert not HintReveal.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["1" * 19, "9" * 40])
def test_an_id_too_long_for_the_database_in_a_path_is_a_404(client, teaching, value):
    learner, exercise = teaching
    client.force_login(learner)
    status = f"{exercise.get_absolute_url()}submissions/{value}/"
    assert client.get(status, headers={"hx-request": "true"}).status_code == 404
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    assert client.get(f"/blog/preview/{value}/").status_code == 404


@pytest.mark.django_db
def test_strange_keys_in_a_visitors_answers_are_ignored(client, settings):
    """A visitor's knowledge-check answers live in their session, keyed by question id."""
    from courseware.selectors import SESSION_ANSWERS, module_answers
    from tests.factories import ModuleFactory

    module = ModuleFactory()

    class Visitor:
        is_authenticated = False

    session = {SESSION_ANSWERS: {"²": ["a"], "٣": ["a"], "9" * 40: ["a"]}}
    assert module_answers(module=module, user=Visitor(), session=session) == {}


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "9" * 40])
def test_a_strange_page_number_on_the_blog_is_a_404(client, value):
    # Django's paginator parses ?page= itself, and refuses what it cannot read.
    assert client.get("/blog/", {"page": value}).status_code == 404
