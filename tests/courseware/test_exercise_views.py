"""The exercise page as a learner uses it: with and without htmx, and its refusals."""

import pytest

from courseware import grading
from courseware.models import Submission
from tests.courseware_fixtures import ADD_SOLUTION, ExerciseFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_broker(monkeypatch):
    """Keep submissions queued: these tests are about the page, not grading."""
    monkeypatch.setattr(grading, "submission_enqueue", lambda *, submission_id: True)


def test_anyone_can_read_the_exercise_but_must_enrol_to_submit(client):
    exercise = ExerciseFactory()
    html = client.get(exercise.get_absolute_url()).content.decode()
    assert "Write <code>add(a, b)</code>" in html
    assert '<textarea id="code" name="code"' in html
    assert "to have your code graded" in html
    response = client.post(exercise.get_absolute_url(), {"code": ADD_SOLUTION})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_signed_in_learner_who_is_not_enrolled_keeps_their_code(client):
    exercise = ExerciseFactory()
    client.force_login(UserFactory())
    response = client.post(exercise.get_absolute_url(), {"code": "def add(a, b):\n    pass\n"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Enrol in this course" in html
    assert "def add(a, b):\n    pass" in html
    assert not Submission.objects.exists()


def test_submit_without_javascript_redirects_to_the_result(client, enrolled, no_broker):
    learner, exercise = enrolled
    client.force_login(learner)
    response = client.post(exercise.get_absolute_url(), {"action": "submit", "code": ADD_SOLUTION})
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"?submission={submission.pk}#result")
    html = client.get(response["Location"]).content.decode()
    assert "Attempt 1" in html and "Waiting for a grader" in html
    assert "return a + b" in html  # the editor shows the submitted code


def test_htmx_submit_returns_a_polling_fragment_until_graded(client, enrolled, no_broker):
    learner, exercise = enrolled
    client.force_login(learner)
    response = client.post(
        exercise.get_absolute_url(),
        {"action": "run", "code": ADD_SOLUTION},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    submission = Submission.objects.get()
    assert submission.kind == "run" and submission.attempt is None
    assert 'hx-trigger="load delay:500ms"' in html and "<html" not in html

    Submission.objects.filter(pk=submission.pk).update(
        status="passed",
        score=2,
        max_score=2,
        feedback=[
            {"name": "small numbers", "passed": True, "points": 1, "message": "expected 5, got 5"}
        ],
    )
    status_url = f"{exercise.get_absolute_url()}submissions/{submission.pk}/"
    html = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in html.split('id="attempt-history"')[0]  # polling stops
    assert "small numbers" in html and "2 / 2 points" in html


def test_a_learner_cannot_see_another_learners_submission(client, enrolled, no_broker):
    learner, exercise = enrolled
    submission = grading.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    client.force_login(UserFactory())
    status_url = f"{exercise.get_absolute_url()}submissions/{submission.pk}/"
    assert client.get(status_url, headers={"HX-Request": "true"}).status_code == 404
    page = client.get(f"{exercise.get_absolute_url()}?submission={submission.pk}").content.decode()
    assert "Attempt 1" not in page and "return a + b" not in page


def test_oversized_code_is_refused_and_kept(client, enrolled, no_broker):
    learner, exercise = enrolled
    client.force_login(learner)
    code = "# padding\n" * 10_000
    response = client.post(exercise.get_absolute_url(), {"action": "submit", "code": code})
    assert response.status_code == 400
    html = response.content.decode()
    assert "the limit is" in html and "# padding" in html
    assert not Submission.objects.exists()


def test_rate_limited_learner_is_told_when_to_retry(client, enrolled, no_broker, settings):
    settings.SUBMISSION_RATE_LIMIT = 1
    learner, exercise = enrolled
    client.force_login(learner)
    client.post(exercise.get_absolute_url(), {"action": "submit", "code": ADD_SOLUTION})
    response = client.post(exercise.get_absolute_url(), {"action": "submit", "code": ADD_SOLUTION})
    assert response.status_code == 429
    assert "You can try again in" in response.content.decode()
    htmx = client.post(
        exercise.get_absolute_url(),
        {"action": "submit", "code": ADD_SOLUTION},
        headers={"HX-Request": "true"},
    )
    assert htmx.status_code == 200 and "You can try again in" in htmx.content.decode()


def test_reset_shows_the_starter_code(client, enrolled, no_broker):
    learner, exercise = enrolled
    client.force_login(learner)
    client.post(exercise.get_absolute_url(), {"action": "submit", "code": ADD_SOLUTION})
    html = client.get(f"{exercise.get_absolute_url()}?reset=1").content.decode()
    textarea = html.split('<textarea id="code"')[1].split("</textarea>")[0]
    assert "return 0" in textarea and "return a + b" not in textarea


def test_history_lists_attempts_with_the_best_score(client, enrolled, no_broker):
    learner, exercise = enrolled
    for score in (0, 2, 1):
        s = grading.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
        Submission.objects.filter(pk=s.pk).update(
            status="failed" if score < 2 else "passed", score=score, max_score=2
        )
    client.force_login(learner)
    html = client.get(exercise.get_absolute_url()).content.decode()
    assert "Best score: 2 / 2" in html
    assert html.count('href="?submission=') == 3


def test_staff_regrade_action_queues_the_submission_again(
    client, enrolled, monkeypatch, django_capture_on_commit_callbacks
):
    from tests.factories import StaffFactory

    sent = []
    monkeypatch.setattr(
        grading, "submission_enqueue", lambda *, submission_id: sent.append(submission_id)
    )
    learner, exercise = enrolled
    submission = grading.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    Submission.objects.filter(pk=submission.pk).update(status="failed", score=0, max_score=2)
    sent.clear()
    client.force_login(StaffFactory(is_superuser=True))
    changelist = client.get("/admin/courseware/submission/?status__exact=failed")
    assert changelist.status_code == 200 and exercise.slug in changelist.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/courseware/submission/",
            {"action": "regrade", "_selected_action": [str(submission.pk)]},
        )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "queued" and submission.score is None
    assert sent == [submission.pk]
