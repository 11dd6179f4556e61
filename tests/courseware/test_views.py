"""courseware views: catalogue, course landing and module pages, knowledge checks and
the exercise page, as a reader and a learner use them: content, enrolment state,
refusals, htmx fragments and exact query counts."""

import re

import pytest

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
    assert "Beginner" in card and "About 1 hour" in card
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


def test_module_page_has_its_maths_as_mathml_and_loads_htmx_only_for_quizzes(client, synced, tree):
    html = client.get(MODULE_URL).content.decode()
    assert "<math>" in html and "vendor/htmx/htmx.min.js" in html
    assert "katex" not in html.lower()  # maths is rendered at sync, not in the browser
    tree.module("alpha", "02-next-steps", body="Plain text, no maths and no quiz.\n")
    sync()
    html = client.get("/courses/alpha/next-steps/").content.decode()
    assert "vendor/htmx" not in html


def test_reading_needs_no_account(client, synced):
    assert client.get(MODULE_URL).status_code == 200
    assert client.get("/courses/alpha/no-such-module/").status_code == 404


def test_sitemap_lists_courses_modules_and_exercises(client, synced):
    xml = client.get("/sitemap.xml").content.decode()
    exercise = "/courses/alpha/exercises/add-numbers/"
    for path in ("/courses/alpha/", "/courses/beta/", MODULE_URL, "/courses/beta/basics/"):
        assert f"{path}</loc>" in xml
    assert client.get(exercise).status_code == 200 and f"{exercise}</loc>" in xml


def test_every_reading_page_names_its_canonical_address(client, synced):
    for path in (
        "/courses/",
        "/courses/alpha/",
        MODULE_URL,
        "/courses/alpha/exercises/add-numbers/",
    ):
        html = client.get(path + "?utm_source=newsletter").content.decode()
        assert f'<link rel="canonical" href="http://testserver{path}">' in html


def test_catalogue_query_count_is_constant(client, synced, django_assert_num_queries):
    # A visitor's first view: the courses with their module counts.
    with django_assert_num_queries(1):
        client.get("/courses/")
    # Every later visitor's comes from the page cache: no query.
    with django_assert_num_queries(0):
        client.get("/courses/")
    add_modules(synced, 6)
    # The sync bumped the content version: rendered again, still one query.
    with django_assert_num_queries(1):
        client.get("/courses/")
    client.force_login(UserFactory())
    # Signed in, never page-cached: session, user, the courses.
    with django_assert_num_queries(3):
        client.get("/courses/")


def test_course_page_query_count_is_constant(client, synced, django_assert_num_queries):
    # A visitor's first view: the course, then its syllabus with exercise and question
    # counts and the exercises themselves (kept as a fragment).
    with django_assert_num_queries(3):
        client.get("/courses/alpha/")
    # Every later visitor's comes from the page cache: no query.
    with django_assert_num_queries(0):
        client.get("/courses/alpha/")
    user = UserFactory()
    enrollment_create(user=user, course=Course.objects.get(slug="alpha"))
    client.force_login(user)
    # Signed in, syllabus fragment warm: session, user, course, enrolment, then the
    # learner's progress for the ticks (modules, exercises, completions, best scores).
    with django_assert_num_queries(8):
        client.get("/courses/alpha/")
    add_modules(synced, 6)
    # After the sync the syllabus fragment is built again: + the syllabus, its exercises.
    with django_assert_num_queries(10):
        client.get("/courses/alpha/")
    with django_assert_num_queries(8):
        client.get("/courses/alpha/")
    client.logout()
    # A visitor after the sync: the page is rendered again from the warm fragment (the
    # course), then cached.
    with django_assert_num_queries(1):
        client.get("/courses/alpha/")
    with django_assert_num_queries(0):
        client.get("/courses/alpha/")


def test_module_page_query_count_is_constant(client, synced, django_assert_num_queries):
    # A visitor's first view: the module with its course, then the fragment: sibling
    # modules, questions, exercises.
    with django_assert_num_queries(4):
        client.get(MODULE_URL)
    # Every later visitor's comes from the page cache: no query.
    with django_assert_num_queries(0):
        client.get(MODULE_URL)
    client.force_login(UserFactory())
    # Signed in, fragment warm: session, user, module, the reader's own answers, best
    # scores, enrolment (and no completion look-up for a reader who is not enrolled).
    with django_assert_num_queries(6):
        client.get(MODULE_URL)
    add_modules(synced, 6)
    # After the sync the fragment is built again: + siblings, questions, exercises.
    with django_assert_num_queries(9):
        client.get(MODULE_URL)
    # The learner's own page is cached now (they have their CSRF cookie): session, user.
    with django_assert_num_queries(2):
        client.get(MODULE_URL)
    client.logout()
    # A visitor after the sync: the module, with the fragment warm; then the page cache.
    with django_assert_num_queries(1):
        client.get(MODULE_URL)
    with django_assert_num_queries(0):
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
    # First view, fragment cold: session, user, module, then the fragment (siblings,
    # questions, exercises), then the learner's answers, enrolment, and their progress
    # in the course for the ticks (modules, exercises, completions, best scores, which
    # also give this module's exercise scores).
    with django_assert_num_queries(12):
        html = client.get(exercise.module.get_absolute_url()).content.decode()
    assert "Your best: 0 / 2" in html and "Mark as complete" in html
    # Fragment warm: the same page without the three fragment queries.
    with django_assert_num_queries(9):
        again = client.get(exercise.module.get_absolute_url()).content.decode()
    assert "Your best: 0 / 2" in again and "Mark as complete" in again


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
    # (No hint query, as this exercise has no hints, and no next step, as it is not
    # passed: test_exercise_page_with_hints_and_a_pass_has_exact_queries counts both.)
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


def test_an_exercise_that_cannot_be_graded_does_not_blame_the_learners_code(client, enrolled):
    from courseware.grader_adapter import EXERCISE_BROKEN
    from grader.schema import error_result

    learner, exercise = enrolled
    result = error_result(EXERCISE_BROKEN)
    submission = SubmissionFactory(
        user=learner,
        exercise=exercise,
        status="error",
        score=0,
        max_score=0,
        error=result["error"],
        feedback=result["tests"],
    )
    client.force_login(learner)
    html = client.get(f"{exercise.get_absolute_url()}?submission={submission.pk}").content.decode()
    assert "Grading could not run." in html and "not in your code" in html
    assert "Your code could not run to the end." not in html


# -- feedback that teaches: case hints, progressive hints, the solution, next step --


def hints_url(exercise) -> str:
    return f"{exercise.get_absolute_url()}hints/"


def solution_url(exercise) -> str:
    return f"{exercise.get_absolute_url()}solution/"


def status_url(exercise, submission) -> str:
    return f"{exercise.get_absolute_url()}submissions/{submission.pk}/"


@pytest.fixture
def teaching(learner):
    """An enrolled learner and an exercise with hints, a solution and an explanation."""
    from enrollment.models import Enrollment
    from tests.factories import TeachingExerciseFactory

    exercise = TeachingExerciseFactory()
    Enrollment.objects.create(user=learner, course=exercise.course)
    return learner, exercise


FEEDBACK = [
    {
        "name": "small numbers",
        "passed": False,
        "points": 0,
        "max_points": 1,
        "visible": True,
        "description": "",
        "message": "Expected 5, got -1.",
        "expected": "5",
        "received": "-1",
        "input": "(2, 3)",
        "hint": "Adding is not subtracting: check the operator.",
    },
    {
        "name": "negatives",
        "passed": False,
        "points": 0,
        "max_points": 1,
        "visible": False,
        "description": "",
        "message": "Hidden test failed: wrong answer.",
        "hint": "Try a negative first argument yourself.",
    },
]


def test_a_failing_case_shows_its_hint_and_a_hidden_one_no_answer(client, enrolled):
    learner, exercise = enrolled
    passing = {**FEEDBACK[0], "name": "zeros", "passed": True, "hint": "NOT-SHOWN-ON-A-PASS"}
    submission = SubmissionFactory(
        user=learner, exercise=exercise, failed=True, feedback=[*FEEDBACK, passing]
    )
    client.force_login(learner)
    html = client.get(f"{exercise.get_absolute_url()}?submission={submission.pk}").content.decode()
    tests = html[html.index('class="test-results"') : html.index("</ol>")]
    visible, hidden, passed = tests.split('<li class="test ')[1:]
    assert "Hint:</span> Adding is not subtracting: check the operator." in visible
    assert "Hint:</span> Try a negative first argument yourself." in hidden
    assert "Expected 5" not in hidden and "(2, 3)" not in hidden
    assert "NOT-SHOWN-ON-A-PASS" not in passed


def test_visitors_are_asked_to_sign_in_for_hints_and_see_none(client, teaching):
    _, exercise = teaching
    html = client.get(exercise.get_absolute_url()).content.decode()
    hints = html[html.index('id="hints"') : html.index("</section>", html.index('id="hints"'))]
    assert "This exercise has 3 hints." in hints and "Sign in" in hints
    assert "next=/courses/test-course/exercises/" in hints and "%23hints" in hints
    assert "HINT-" not in html
    response = client.post(hints_url(exercise), {"index": "0"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    htmx = client.post(hints_url(exercise), {"index": "0"}, headers={"HX-Request": "true"})
    assert "Sign in" in htmx.content.decode() and "HINT-" not in htmx.content.decode()


def test_an_exercise_without_hints_has_no_hints_block(client, enrolled):
    learner, exercise = enrolled
    client.force_login(learner)
    assert 'id="hints"' not in client.get(exercise.get_absolute_url()).content.decode()


def test_hints_are_revealed_in_order_without_javascript_and_shown_on_return(client, teaching):
    from courseware.models import HintReveal

    learner, exercise = teaching
    client.force_login(learner)
    html = client.get(exercise.get_absolute_url()).content.decode()
    assert "Show hint 1 of 3" in html and "HINT-" not in html
    assert "never costs points" in html
    response = client.post(hints_url(exercise), {"index": "0"})
    assert response.status_code == 302
    assert response["Location"] == f"{exercise.get_absolute_url()}#hints"
    html = client.get(exercise.get_absolute_url()).content.decode()
    assert "HINT-ONE" in html and "HINT-TWO" not in html and "Show hint 2 of 3" in html
    assert list(HintReveal.objects.values_list("user_id", "index")) == [(learner.pk, 0)]
    # Skipping ahead is refused with a message, and reveals nothing.
    response = client.post(hints_url(exercise), {"index": "2"}, follow=True)
    assert "Reveal hint 2 first" in response.content.decode()
    assert "HINT-THREE" not in response.content.decode()
    assert HintReveal.objects.count() == 1


def test_htmx_gets_the_hints_block_with_focus_on_the_new_hint(client, teaching):
    learner, exercise = teaching
    client.force_login(learner)
    for index in (0, 1):
        response = client.post(
            hints_url(exercise), {"index": str(index)}, headers={"HX-Request": "true"}
        )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="hints"') and "<html" not in html
    assert "HINT-ONE" in html and "HINT-TWO" in html and "Show hint 3 of 3" in html
    assert re.search(r'<li class="hint" id="hint-2" tabindex="-1" autofocus>', html)
    assert 'id="hint-1" tabindex' not in html
    final = client.post(hints_url(exercise), {"index": "2"}, headers={"HX-Request": "true"})
    assert "HINT-THREE" in final.content.decode() and "That is every hint" in final.content.decode()
    bad = client.post(hints_url(exercise), {"index": "x"}, headers={"HX-Request": "true"})
    assert 'role="alert"' in bad.content.decode() and "does not exist" in bad.content.decode()


def test_the_solution_is_not_in_the_page_and_refused_before_passing(client, teaching):
    learner, exercise = teaching
    SubmissionFactory(user=learner, exercise=exercise, failed=True)
    for who in (None, learner):
        if who:
            client.force_login(who)
        html = client.get(exercise.get_absolute_url()).content.decode()
        assert "SOLUTION-MARKER" not in html and "EXPLANATION-MARKER" not in html
        assert "return a + b" not in html.split('<textarea id="code"')[0]
        assert "Pass this exercise to see our reference solution" in html
        assert solution_url(exercise) not in html
    assert client.get(solution_url(exercise)).status_code == 404
    htmx = client.get(solution_url(exercise), headers={"HX-Request": "true"})
    assert htmx.status_code == 404 and "SOLUTION-MARKER" not in htmx.content.decode()
    client.logout()
    response = client.get(solution_url(exercise))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_score_that_rounds_to_the_pass_mark_does_not_unlock_the_solution(client, teaching):
    learner, exercise = teaching
    type(exercise).objects.filter(pk=exercise.pk).update(points=3, pass_mark=67)
    SubmissionFactory(user=learner, exercise=exercise, status="failed", score=2, max_score=3)
    client.force_login(learner)
    assert client.get(solution_url(exercise)).status_code == 404


def test_after_passing_the_solution_and_explanation_are_shown(client, teaching):
    learner, exercise = teaching
    SubmissionFactory(user=learner, exercise=exercise, passed=True, attempt=1)
    SubmissionFactory(user=learner, exercise=exercise, failed=True, attempt=2)  # later, worse
    client.force_login(learner)
    html = client.get(exercise.get_absolute_url()).content.decode()
    assert "See how we solved it" in html and f'href="{solution_url(exercise)}"' in html
    assert "SOLUTION-MARKER" not in html  # loaded on request, not with every page
    response = client.get(solution_url(exercise))
    page = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "SOLUTION-MARKER" in page and "EXPLANATION-MARKER" in page
    assert '<span class="k">def</span>' in page and 'role="region"' in page
    assert '<meta name="robots" content="noindex">' in page
    assert f'href="{exercise.get_absolute_url()}"' in page  # back to the exercise
    htmx = client.get(solution_url(exercise), headers={"HX-Request": "true"}).content.decode()
    assert htmx.lstrip().startswith('<section id="solution"') and "<html" not in htmx
    assert "SOLUTION-MARKER" in htmx and "autofocus" in htmx


def test_a_passed_page_offers_the_next_exercise_in_module_order(client, teaching):
    learner, exercise = teaching
    later = ExerciseFactory(module=exercise.module, order=exercise.order + 1, title="Later one")
    ExerciseFactory(module=exercise.module, order=exercise.order, slug="zz-same-order", title="Tie")
    ExerciseFactory(module=exercise.module, order=exercise.order, slug="aa-before", title="Before")
    ExerciseFactory(
        module=exercise.module, order=exercise.order, slug="zy-retired", is_retired=True
    )
    client.force_login(learner)
    assert "Next exercise" not in client.get(exercise.get_absolute_url()).content.decode()
    SubmissionFactory(user=learner, exercise=exercise, passed=True)
    html = client.get(exercise.get_absolute_url()).content.decode()
    # Same order, then by slug: "zz-same-order" comes after this exercise's slug.
    assert 'href="/courses/test-course/exercises/zz-same-order/">Next exercise: Tie' in html
    assert "You have passed this exercise." in html
    assert later.get_absolute_url() not in html


def test_the_last_exercise_of_a_module_offers_the_next_module_and_the_way_back(client, teaching):
    from tests.factories import ModuleFactory

    learner, exercise = teaching
    ModuleFactory(course=exercise.course, order=exercise.module.order + 5, title="Far module")
    following = ModuleFactory(
        course=exercise.course, order=exercise.module.order + 1, title="Following module"
    )
    ModuleFactory(
        course=exercise.course, order=exercise.module.order + 2, is_retired=True, title="Gone"
    )
    SubmissionFactory(user=learner, exercise=exercise, passed=True)
    client.force_login(learner)
    html = client.get(exercise.get_absolute_url()).content.decode()
    assert "That was the last exercise of this module." in html
    assert f'href="{following.get_absolute_url()}">Next module: Following module' in html
    assert f'href="{exercise.module.get_absolute_url()}">Back to the module' in html
    type(following).objects.filter(course=exercise.course).exclude(pk=exercise.module.pk).update(
        is_retired=True
    )
    html = client.get(exercise.get_absolute_url()).content.decode()
    assert "That was the last exercise of the course." in html and "Next module" not in html
    assert 'href="/dashboard/">See your progress' in html


def finish(submission, *, score, feedback=()):
    Submission.objects.filter(pk=submission.pk).update(
        status="passed" if score == 2 else "failed",
        score=score,
        max_score=2,
        feedback=list(feedback),
    )


def test_a_passing_attempt_shows_the_next_step_and_updates_the_badge_in_place(
    client, teaching, no_broker
):
    learner, exercise = teaching
    nxt = ExerciseFactory(module=exercise.module, order=exercise.order + 1, title="Next one")
    client.force_login(learner)
    page = client.get(exercise.get_absolute_url()).content.decode()
    assert '<p id="best-score" class="best-score"></p>' in page  # the badge's place, empty
    assert 'id="solution-locked"' in page
    response = client.post(
        exercise.get_absolute_url(),
        {"action": "submit", "code": ADD_SOLUTION},
        headers={"HX-Request": "true"},
    )
    assert "Next exercise" not in response.content.decode()  # still queued
    finish(Submission.objects.get(), score=2)
    html = client.get(
        status_url(exercise, Submission.objects.get()), headers={"HX-Request": "true"}
    ).content.decode()
    assert "You passed this exercise." in html
    assert f'href="{nxt.get_absolute_url()}">Next exercise: Next one' in html
    assert re.search(
        r'<p id="best-score" class="best-score" hx-swap-oob="true"><span class="badge '
        r'badge-success">Best score: 2 / 2 · passed</span></p>',
        html,
    )
    assert 'hx-swap-oob="outerHTML:#solution-locked"' in html
    assert f'hx-get="{solution_url(exercise)}"' in html
    assert "SOLUTION-MARKER" not in html


def test_a_failed_attempt_updates_the_badge_but_offers_no_next_step(client, teaching, no_broker):
    learner, exercise = teaching
    client.force_login(learner)
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    finish(submission, score=1, feedback=FEEDBACK)
    html = client.get(status_url(exercise, submission), headers={"HX-Request": "true"})
    html = html.content.decode()
    assert "Best score: 1 / 2</span>" in html and 'hx-swap-oob="true"><span' in html
    assert "badge-warning" in html
    assert "Next exercise" not in html and "next-step" not in html
    assert "solution-locked" not in html and "Hint:</span> Adding is not" in html


def test_a_visible_run_neither_moves_the_badge_nor_offers_a_next_step(client, teaching, no_broker):
    learner, exercise = teaching
    client.force_login(learner)
    run = services.submission_create(
        user=learner, exercise=exercise, code=ADD_SOLUTION, kind=Submission.Kind.RUN
    )
    finish(run, score=2)
    html = client.get(status_url(exercise, run), headers={"HX-Request": "true"}).content.decode()
    assert "best-score" not in html and "next-step" not in html and "solution" not in html


def test_exercise_page_with_hints_and_a_pass_has_exact_queries(
    client, teaching, django_assert_num_queries
):
    from tests.factories import HintRevealFactory

    learner, exercise = teaching
    for _ in range(5):
        SubmissionFactory(user=learner, exercise=exercise, failed=True)
    SubmissionFactory(user=learner, exercise=exercise, passed=True)
    for index in (0, 1):
        HintRevealFactory(user=learner, exercise=exercise, index=index)
    ExerciseFactory(module=exercise.module, order=exercise.order + 1)
    client.force_login(learner)
    # exercise, session, user, hint reveals, enrolment, history, best score, the next step
    # (this module and the next, in one query), draft, latest submission, and, as it is
    # passed, whether that finished the course.
    with django_assert_num_queries(11):
        html = client.get(exercise.get_absolute_url()).content.decode()
    assert "HINT-TWO" in html and "Next exercise" in html
    client.logout()
    with django_assert_num_queries(1):  # a visitor: the exercise only (hints need no query)
        client.get(exercise.get_absolute_url())


def test_a_finished_attempts_fragment_has_exact_queries(
    client, teaching, no_broker, django_assert_num_queries
):
    learner, exercise = teaching
    client.force_login(learner)
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    finish(submission, score=2)
    # session, user, exercise, submission, history, best score, next step, and whether
    # the pass finished the course.
    with django_assert_num_queries(8):
        client.get(status_url(exercise, submission), headers={"HX-Request": "true"})


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
    # A visitor's knowledge-check answer needs no token (it writes only their session),
    # so this posts a form that does: Enrol Now.
    response = client.post(
        "/courses/alpha/enrol/",
        {},
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
