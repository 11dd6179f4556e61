"""courseware views: catalogue, course landing and module pages, knowledge checks and
the exercise page, as a reader and a learner use them: content, enrolment state,
refusals, htmx fragments and exact query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courseware import services
from courseware.models import Course, Draft, QuestionResponse, Submission
from enrollment.services import enrollment_create
from tests.courseware.content.tree import sync
from tests.factories import ADD_SOLUTION, ExerciseFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db

# -- reading pages ------------------------------------------------------------

MODULE_URL = "/courses/alpha/first-steps/"


def add_modules(tree, count: int) -> None:
    for number in range(3, 3 + count):
        tree.module("alpha", f"{number:02d}-extra-{number}")
    sync()


def test_catalogue_lists_programmes_with_level_hours_and_module_count(client, synced):
    html = client.get("/courses/").content.decode()
    assert "Alpha Course" in html and "Beta Course" in html
    assert html.index("Alpha Course") < html.index("Beta Course")
    card = html[html.index("Alpha Course") : html.index("Beta Course")]
    assert "Beginner" in card and "About 10 hours" in card
    assert re.search(r"<dt>Modules</dt><dd>2</dd>", card)
    assert '<meta name="description" content="Certificate programmes' in html


def test_retired_courses_leave_the_catalogue(client, synced):
    Course.objects.filter(slug="beta").update(is_retired=True)
    html = client.get("/courses/").content.decode()
    assert "Beta Course" not in html
    assert client.get("/courses/beta/").status_code == 404


def test_course_page_shows_summary_outcomes_syllabus_careers_and_enrol_now(client, synced):
    response = client.get("/courses/alpha/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Alpha Course · " in html
    assert '<meta name="description" content="A short summary of the course.">' in html
    assert '<meta property="og:title" content="Alpha Course">' in html
    assert "do a useful thing" in html and "Data scientist" in html
    assert html.index("First steps") < html.index("Next steps")
    assert "30 minutes" in html
    assert 'href="/courses/alpha/enrol/"' in html and "Enrol Now" in html
    assert "Enrolment is closed" not in html
    assert "no-store" in response["Cache-Control"]


def test_course_page_shows_closed_notice_without_button(client, synced):
    Course.objects.filter(slug="alpha").update(enrolment_open=False)
    html = client.get("/courses/alpha/").content.decode()
    assert "Enrolment is closed" in html
    assert "Enrol Now" not in html and "/courses/alpha/enrol/" not in html


def test_enrolled_learner_sees_continue(client, synced):
    user = UserFactory()
    enrollment_create(user=user, course=Course.objects.get(slug="alpha"))
    client.force_login(user)
    html = client.get("/courses/alpha/").content.decode()
    assert "Enrol Now" not in html
    assert re.search(r'href="/courses/alpha/first-steps/">Continue</a>', html)


def test_module_page_has_lesson_toc_navigation_and_module_list(client, synced):
    response = client.get("/courses/alpha/next-steps/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Next steps · Alpha Course · " in html
    assert '<meta name="description" content="What the module next-steps is about.">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<h2 id="first-heading">First heading</h2>' in html
    assert 'aria-labelledby="toc-heading"' in html and 'href="#second-heading"' in html
    assert 'rel="prev"' in html and 'href="/courses/alpha/first-steps/"' in html
    assert 'rel="next"' not in html  # last module
    assert 'aria-current="page"' in html and "Module 2 of 2" in html
    assert "Add two numbers" not in html  # its exercise belongs to first-steps


def test_module_page_lists_exercises_under_practise(client, synced):
    html = client.get(MODULE_URL).content.decode()
    practise = html[html.index('id="practise"') :]
    assert "Add two numbers" in practise and "2 points" in practise


def test_module_page_loads_katex_and_htmx_only_when_needed(client, synced, tree):
    html = client.get(MODULE_URL).content.decode()
    assert "vendor/katex/katex.min.js" in html and "vendor/htmx/htmx.min.js" in html
    assert "vendor/katex" not in client.get("/courses/alpha/").content.decode()
    tree.module("alpha", "02-next-steps", body="Plain text, no maths and no quiz.\n")
    sync()
    html = client.get("/courses/alpha/next-steps/").content.decode()
    assert "vendor/katex" not in html and "vendor/htmx" not in html


def test_reading_needs_no_account(client, synced):
    assert client.get(MODULE_URL).status_code == 200
    assert client.get("/courses/alpha/no-such-module/").status_code == 404


def test_sitemap_lists_courses_and_modules(client, synced):
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/courses/alpha/", "/courses/beta/", MODULE_URL, "/courses/beta/basics/"):
        assert f"{path}</loc>" in xml


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_catalogue_query_count_is_constant(client, synced, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get("/courses/")
    add_modules(synced, 6)
    with django_assert_num_queries(1):
        client.get("/courses/")


def test_course_page_query_count_is_constant(client, synced, django_assert_num_queries):
    # The course, then its syllabus with exercise and question counts.
    with django_assert_num_queries(2):
        client.get("/courses/alpha/")
    user = UserFactory()
    enrollment_create(user=user, course=Course.objects.get(slug="alpha"))
    client.force_login(user)
    before = count_queries(client, "/courses/alpha/")
    add_modules(synced, 6)
    assert count_queries(client, "/courses/alpha/") == before
    client.logout()
    with django_assert_num_queries(2):
        client.get("/courses/alpha/")


def test_module_page_query_count_is_constant(client, synced, django_assert_num_queries):
    # The module with its course, sibling modules, questions, exercises.
    with django_assert_num_queries(4):
        client.get(MODULE_URL)
    client.force_login(UserFactory())
    before = count_queries(client, MODULE_URL)
    add_modules(synced, 6)
    assert count_queries(client, MODULE_URL) == before
    # + session, user, the reader's own answers, best scores, enrolment (and no
    # completion look-up for a reader who is not enrolled).
    with django_assert_num_queries(9):
        client.get(MODULE_URL)
    client.logout()
    with django_assert_num_queries(4):
        client.get(MODULE_URL)


# -- knowledge checks ---------------------------------------------------------

CHECK_URL = "/courses/alpha/first-steps/check/q-one/"

MULTIPLE = """\
Intro.

## Heading

```quiz
id: pick-evens
type: multiple
question: Which numbers are even?
choices:
  - text: "2"
    correct: true
  - text: "3"
  - text: "4"
    correct: true
explanation: Even numbers divide by two. HIDDEN-WHY
```
"""


def test_page_holds_no_answer_before_the_learner_answers(client, synced):
    html = client.get(MODULE_URL).content.decode()
    quiz = html[html.index('id="q-q-one"') : html.index("</section>", html.index('id="q-q-one"'))]
    assert 'name="choice" value="a"' in quiz and 'name="choice" value="b"' in quiz
    assert 'action="/courses/alpha/first-steps/check/q-one/"' in quiz
    assert 'hx-post="/courses/alpha/first-steps/check/q-one/"' in quiz
    assert "csrfmiddlewaretoken" in quiz
    assert "SECRET-EXPLANATION" not in html
    assert "correct" not in quiz.lower()
    assert "Correct answer" not in html and "is-correct" not in html


def test_anonymous_answer_redirects_to_the_question_and_shows_the_verdict(client, synced):
    response = client.post(CHECK_URL, {"choice": ["b"]})
    assert response.status_code == 302
    assert response["Location"] == f"{MODULE_URL}#q-q-one"
    assert not QuestionResponse.objects.exists()
    html = client.get(MODULE_URL).content.decode()
    assert "Not quite." in html
    assert "SECRET-EXPLANATION-first-steps" in html
    assert "Correct answer" in html and "Your answer" in html


def test_signed_in_answer_is_stored_and_shown_on_return(client, synced):
    user = UserFactory()
    client.force_login(user)
    client.post(CHECK_URL, {"choice": "a"})
    response = QuestionResponse.objects.get(user=user)
    assert response.selected == ["a"] and response.is_correct
    client.logout()
    assert "SECRET-EXPLANATION" not in client.get(MODULE_URL).content.decode()
    client.force_login(user)
    html = client.get(MODULE_URL).content.decode()
    assert "Correct." in html and "SECRET-EXPLANATION-first-steps" in html


def test_answering_again_replaces_the_stored_answer(client, synced):
    user = UserFactory()
    client.force_login(user)
    client.post(CHECK_URL, {"choice": "b"})
    client.post(CHECK_URL, {"choice": "a"})
    (response,) = QuestionResponse.objects.filter(user=user)
    assert response.selected == ["a"] and response.is_correct


def test_htmx_gets_the_answered_block_to_swap_in(client, synced):
    response = client.post(CHECK_URL, {"choice": "a"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="quiz quiz-answered" id="q-q-one"')
    assert "Correct." in html and "SECRET-EXPLANATION-first-steps" in html
    assert "<html" not in html


@pytest.mark.parametrize("choices", [[], ["z"], ["a", "b"]])
def test_invalid_answers_are_refused_and_not_stored(client, synced, choices):
    client.force_login(UserFactory())
    response = client.post(CHECK_URL, {"choice": choices}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'role="alert"' in html and "SECRET-EXPLANATION" not in html
    assert not QuestionResponse.objects.exists()


def test_get_is_not_allowed_and_unknown_question_is_404(client, synced):
    assert client.get(CHECK_URL).status_code == 405
    assert client.post("/courses/alpha/first-steps/check/nope/", {"choice": "a"}).status_code == 404


def test_multiple_choice_renders_checkboxes(client, tree):
    tree.module("alpha", "02-next-steps", body=MULTIPLE)
    sync()
    html = client.get("/courses/alpha/next-steps/").content.decode()
    assert html.count('type="checkbox" name="choice"') == 3
    assert "HIDDEN-WHY" not in html


# -- the exercise page --------------------------------------------------------


@pytest.fixture
def no_broker(monkeypatch):
    """Keep submissions queued: these tests are about the page, not grading."""
    monkeypatch.setattr(services, "submission_enqueue", lambda *, submission_id: True)


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
    status_url = f"{exercise.get_absolute_url()}submissions/{submission.pk}/"
    assert f'data-poll-url="{status_url}"' in html and "<html" not in html
    assert "Queued…" in html

    Submission.objects.filter(pk=submission.pk).update(
        status="passed",
        score=2,
        max_score=2,
        feedback=[
            {"name": "small numbers", "passed": True, "points": 1, "message": "expected 5, got 5"}
        ],
    )
    html = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert "data-poll-url" not in html.split('id="attempt-history"')[0]  # polling stops
    assert "small numbers" in html and "2 / 2 points" in html


def test_a_learner_cannot_see_another_learners_submission(client, enrolled, no_broker):
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
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
        s = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
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
        services, "submission_enqueue", lambda *, submission_id: sent.append(submission_id)
    )
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
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


def test_signed_in_module_page_shows_learner_state_in_exact_queries(
    client, enrolled, django_assert_num_queries
):
    learner, exercise = enrolled
    SubmissionFactory(user=learner, exercise=exercise, failed=True)
    for _ in range(3):  # more exercises must not mean more queries
        ExerciseFactory(module=exercise.module)
    client.force_login(learner)
    # session, user, module, siblings, questions, answers, exercises, best scores,
    # enrolment, completion.
    with django_assert_num_queries(10):
        html = client.get(exercise.module.get_absolute_url()).content.decode()
    assert "Your best: 0 / 2" in html and "Mark as complete" in html


def test_exercise_page_queries_are_exact_however_many_attempts(
    client, enrolled, django_assert_num_queries
):
    learner, exercise = enrolled
    with django_assert_num_queries(1):  # a visitor: the exercise only
        client.get(exercise.get_absolute_url())
    for _ in range(25):
        SubmissionFactory(user=learner, exercise=exercise, failed=True)
    client.force_login(learner)
    # session, user, exercise, enrolment, history, best score, draft, latest submission.
    with django_assert_num_queries(8):
        client.get(exercise.get_absolute_url())


def test_exercise_page_and_module_page_agree_on_a_pass_below_a_rounded_percent(client, enrolled):
    """2 of 3 points rounds to 67% but does not reach a 67% pass mark: not passed."""
    learner, exercise = enrolled
    type(exercise).objects.filter(pk=exercise.pk).update(points=3, pass_mark=67)
    SubmissionFactory(
        user=learner, exercise=exercise, status="failed", score=2, max_score=3, attempt=1
    )
    client.force_login(learner)
    page = client.get(exercise.get_absolute_url()).content.decode()
    assert "Best score: 2 / 3" in page and "badge-warning" in page
    assert "passed</span>" not in page.split("Best score")[1].split("</p>")[0]
    module = client.get(exercise.module.get_absolute_url()).content.decode()
    assert "Your best: 2 / 3" in module and "· passed" not in module


def test_best_score_counts_every_attempt_not_only_the_latest_twenty(client, enrolled):
    learner, exercise = enrolled
    SubmissionFactory(user=learner, exercise=exercise, passed=True, attempt=1)
    for attempt in range(2, 23):
        SubmissionFactory(user=learner, exercise=exercise, failed=True, attempt=attempt)
    client.force_login(learner)
    html = client.get(exercise.get_absolute_url()).content.decode()
    assert "Best score: 2 / 2 · passed" in html
    assert html.count('href="?submission=') == 20  # the history still shows the latest 20


# -- drafts -------------------------------------------------------------------


def draft_url(exercise) -> str:
    return f"{exercise.get_absolute_url()}draft/"


def editor_code(html: str) -> str:
    return html.split('<textarea id="code"')[1].split(">", 1)[1].split("</textarea>")[0]


def test_draft_route_keeps_its_contract(enrolled):
    from django.urls import reverse

    _, exercise = enrolled
    url = reverse(
        "courseware:draft_save",
        kwargs={"course_slug": exercise.course.slug, "exercise_slug": exercise.slug},
    )
    assert url == f"/courses/{exercise.course.slug}/exercises/{exercise.slug}/draft/"


def test_a_saved_draft_answers_204_and_is_stored(client, enrolled):
    learner, exercise = enrolled
    client.force_login(learner)
    response = client.post(draft_url(exercise), {"code": "def add(a, b):\n    return 1\n"})
    assert response.status_code == 204 and response.content == b""
    assert Draft.objects.get(user=learner, exercise=exercise).code.endswith("return 1\n")


def test_any_signed_in_learner_can_save_a_draft_enrolled_or_not(client):
    exercise = ExerciseFactory()
    learner = UserFactory()
    client.force_login(learner)
    assert client.post(draft_url(exercise), {"code": "x = 1\n"}).status_code == 204
    assert Draft.objects.filter(user=learner).exists()


def test_an_oversized_draft_is_400_with_a_plain_message_and_nothing_stored(
    client, enrolled, settings
):
    learner, exercise = enrolled
    client.force_login(learner)
    response = client.post(
        draft_url(exercise), {"code": "#" * (settings.SUBMISSION_MAX_CODE_BYTES + 1)}
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "the limit is 65,536" in response.content.decode()
    assert not Draft.objects.exists()


def test_a_draft_post_without_code_is_400(client, enrolled):
    learner, exercise = enrolled
    client.force_login(learner)
    response = client.post(draft_url(exercise), {})
    assert response.status_code == 400 and "No code was sent" in response.content.decode()
    assert client.get(draft_url(exercise)).status_code == 405


def test_throttled_draft_saves_are_429_with_retry_after(client, enrolled, settings):
    settings.DRAFT_SAVE_RATE_LIMIT = 1
    learner, exercise = enrolled
    client.force_login(learner)
    assert client.post(draft_url(exercise), {"code": "1\n"}).status_code == 204
    response = client.post(draft_url(exercise), {"code": "2\n"})
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1
    assert Draft.objects.get().code == "1\n"


def test_a_visitor_gets_401_or_for_htmx_the_sign_in_message(client):
    exercise = ExerciseFactory()
    response = client.post(draft_url(exercise), {"code": "x = 1\n"})
    assert response.status_code == 401 and "Sign in" in response.content.decode()
    htmx = client.post(draft_url(exercise), {"code": "x = 1\n"}, headers={"HX-Request": "true"})
    assert htmx.status_code == 401 and htmx["X-Session-Ended"] == "signed-out"
    assert f'href="/accounts/login/?next={exercise.get_absolute_url()}"' in htmx.content.decode()
    assert not Draft.objects.exists()


def test_draft_saves_are_csrf_protected(enrolled):
    from django.test import Client

    learner, exercise = enrolled
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = client.post(draft_url(exercise), {"code": "x = 1\n"})
    assert response.status_code == 403
    assert not Draft.objects.exists()
    page = client.get(exercise.get_absolute_url())
    token = page.cookies["csrftoken"].value
    saved = client.post(draft_url(exercise), {"code": "x = 1\n", "csrfmiddlewaretoken": token})
    assert saved.status_code == 204


def test_discarding_the_draft(client, enrolled):
    learner, exercise = enrolled
    services.draft_save(user=learner, exercise=exercise, code="mine\n")
    assert client.post(f"{draft_url(exercise)}discard/").status_code == 401
    client.force_login(learner)
    assert client.post(f"{draft_url(exercise)}discard/").status_code == 204
    assert not Draft.objects.exists()


def test_the_page_opens_the_draft_when_it_is_newer_than_the_latest_submission(
    client, enrolled, no_broker
):
    learner, exercise = enrolled
    client.force_login(learner)
    assert "return 0" in editor_code(client.get(exercise.get_absolute_url()).content.decode())

    services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    services.draft_save(user=learner, exercise=exercise, code="# typed after submitting\n")
    html = client.get(exercise.get_absolute_url()).content.decode()
    assert editor_code(html) == "# typed after submitting\n"
    assert 'data-code-source="draft"' in html

    services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION, kind="run")
    html = client.get(exercise.get_absolute_url()).content.decode()
    assert "return a + b" in editor_code(html) and 'data-code-source="submission"' in html


def test_an_earlier_attempt_never_replaces_a_newer_draft_in_the_editor(client, enrolled, no_broker):
    learner, exercise = enrolled
    first = services.submission_create(user=learner, exercise=exercise, code="# attempt 1\n")
    client.force_login(learner)
    html = client.get(f"{exercise.get_absolute_url()}?submission={first.pk}").content.decode()
    assert editor_code(html) == "# attempt 1\n"  # no draft: the attempt's own code
    services.draft_save(user=learner, exercise=exercise, code="# newer work\n")
    html = client.get(f"{exercise.get_absolute_url()}?submission={first.pk}").content.decode()
    assert editor_code(html) == "# newer work\n" and "Attempt 1" in html


def test_reset_without_javascript_shows_the_starter_and_keeps_the_draft(client, enrolled):
    learner, exercise = enrolled
    services.draft_save(user=learner, exercise=exercise, code="# my draft\n")
    client.force_login(learner)
    html = client.get(f"{exercise.get_absolute_url()}?reset=1").content.decode()
    assert "return 0" in editor_code(html) and 'data-code-source="reset"' in html
    assert Draft.objects.filter(user=learner).exists()  # a GET never discards


def test_the_page_states_both_limits(client, settings):
    settings.SUBMISSION_RUN_RATE_LIMIT = 25
    settings.SUBMISSION_RATE_LIMIT = 8
    html = client.get(ExerciseFactory().get_absolute_url()).content.decode()
    assert "Limits: 25 test runs and 8 submissions a minute." in html


# -- an ended session and CSRF failures ----------------------------------------


def test_htmx_post_after_the_session_ended_gets_the_sign_in_message_not_the_login_page(client):
    exercise = ExerciseFactory()
    response = client.post(
        exercise.get_absolute_url(),
        {"action": "run", "code": ADD_SOLUTION},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 401 and response["X-Session-Ended"] == "signed-out"
    assert "You have been signed out." in html and "your code is kept here" in html
    assert f'href="/accounts/login/?next={exercise.get_absolute_url()}"' in html
    assert "<html" not in html and "Why an account?" not in html
    assert not Submission.objects.exists()


def test_polling_after_the_session_ended_gets_the_sign_in_message(client, enrolled, no_broker):
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    status_url = f"{exercise.get_absolute_url()}submissions/{submission.pk}/"
    htmx = client.get(status_url, headers={"HX-Request": "true"})
    assert htmx.status_code == 401 and "You have been signed out." in htmx.content.decode()
    plain = client.get(status_url)
    assert plain.status_code == 302 and plain["Location"].startswith("/accounts/login/?next=")


def test_a_csrf_failure_from_htmx_gets_the_message_for_the_panel(enrolled):
    from django.test import Client

    learner, exercise = enrolled
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        exercise.get_absolute_url(), {"code": ADD_SOLUTION}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 403 and response["X-Session-Ended"] == "csrf"
    assert "You have been signed out." in html
    assert f'href="/accounts/login/?next={exercise.get_absolute_url()}"' in html
    assert "<html" not in html

    client.force_login(learner)  # signed in, but the token is missing: reload, not sign in
    response = client.post(
        f"{exercise.get_absolute_url()}draft/", {"code": "x"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 403 and "Reload the page" in html
    assert f'href="{exercise.get_absolute_url()}"' in html
    assert not Submission.objects.exists() and not Draft.objects.exists()


def test_a_csrf_failure_on_a_plain_form_gets_a_branded_page(synced):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/courses/alpha/first-steps/check/scaler-fit/",
        {"choice": "a"},
        headers={"Referer": "http://testserver/courses/alpha/first-steps/"},
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "<title>This form has expired · " in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert 'href="/courses/alpha/first-steps/">Back to the page</a>' in html
    assert 'href="/accounts/login/?next=/courses/alpha/first-steps/"' in html
    assert "CSRF" not in html  # Django's reason is for the log, not the visitor


def test_a_csrf_failure_never_links_to_another_site(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {}, headers={"Referer": "https://evil.example/x"})
    assert response.status_code == 403
    assert "evil.example" not in response.content.decode()
