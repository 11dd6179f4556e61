"""Courseware services: knowledge-check answers; submissions stored before queued,
numbered, refused clearly, graded once, classified when grading fails, swept; enrolment
opened and closed."""

from datetime import timedelta

import pytest
from django.utils import timezone

import grader
from courseware import services
from courseware.models import Draft, Question, Submission
from grader.schema import error_result
from tests.courseware.content.tree import sync
from tests.factories import ADD_SOLUTION, ADD_WRONG, CourseFactory, ExerciseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_grade(monkeypatch):
    calls = []

    def grade(exercise, code, *, visible_only=False, seed=None):
        calls.append({"code": code, "visible_only": visible_only, "seed": seed})
        passed = "a + b" in code
        result = error_result("")
        result.update(
            status="passed" if passed else "failed",
            score=2 if passed else 0,
            max_score=2,
            error=None,
            tests=[
                {
                    "name": "small numbers",
                    "passed": passed,
                    "points": 2 if passed else 0,
                    "max_points": 2,
                    "visible": True,
                    "description": "",
                    "message": "Passed." if passed else "Wrong answer.",
                }
            ],
            output="hello\n",
        )
        return result

    monkeypatch.setattr(grader, "grade", grade)
    monkeypatch.setattr(grader, "load_exercise", lambda path: object())
    return calls


def test_a_submission_is_stored_then_queued_after_commit(
    enrolled, queued, django_capture_on_commit_callbacks
):
    learner, exercise = enrolled
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
        assert Submission.objects.filter(pk=submission.pk, status="queued").exists()
        assert queued == []  # nothing is sent before the row is committed
    for callback in callbacks:
        callback()
    assert queued == [submission.pk]


def test_attempts_are_numbered_and_visible_runs_are_not_attempts(enrolled, queued):
    learner, exercise = enrolled
    first = services.submission_create(user=learner, exercise=exercise, code=ADD_WRONG)
    run = services.submission_create(
        user=learner, exercise=exercise, code=ADD_WRONG, kind=Submission.Kind.RUN
    )
    second = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    assert (first.attempt, run.attempt, second.attempt) == (1, None, 2)


@pytest.mark.parametrize(
    ("code", "message"),
    [("   \n", "empty"), ("x = 1\n" * 20_000, "the limit is")],
)
def test_empty_and_oversized_code_are_refused_with_a_reason(enrolled, queued, code, message):
    learner, exercise = enrolled
    with pytest.raises(services.SubmissionRefused, match=message):
        services.submission_create(user=learner, exercise=exercise, code=code)
    assert not Submission.objects.exists()


def test_rate_limit_says_when_to_try_again(enrolled, queued, settings):
    settings.SUBMISSION_RATE_LIMIT = 2
    learner, exercise = enrolled
    services.submission_create(user=learner, exercise=exercise, code=ADD_WRONG)
    services.submission_create(user=learner, exercise=exercise, code=ADD_WRONG)
    with pytest.raises(services.RateLimited) as excinfo:
        services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    assert 1 <= excinfo.value.retry_after <= settings.SUBMISSION_RATE_WINDOW_SECONDS
    assert "try again in" in str(excinfo.value)
    assert Submission.objects.count() == 2


def test_grading_stores_the_result_and_is_idempotent(enrolled, queued, fake_grade):
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    graded = services.submission_grade(submission_id=submission.pk, worker="w1@host")
    again = services.submission_grade(submission_id=submission.pk, worker="w2@host")
    assert len(fake_grade) == 1
    assert graded.status == again.status == "passed"
    assert (again.score, again.max_score, again.worker, again.deliveries) == (2, 2, "w1@host", 1)
    assert again.output == "hello\n" and again.finished_at is not None


def test_each_submission_draws_its_own_hidden_cases_and_a_regrade_draws_the_same(
    enrolled, queued, fake_grade
):
    learner, exercise = enrolled
    first = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    second = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    assert first.seed is not None and second.seed is not None and first.seed != second.seed
    services.submission_grade(submission_id=first.pk)
    services.submission_regrade(submission=Submission.objects.get(pk=first.pk))
    services.submission_grade(submission_id=first.pk)
    assert [call["seed"] for call in fake_grade] == [first.seed, first.seed]
    assert Submission.objects.get(pk=first.pk).seed == first.seed


def test_visible_run_grades_visible_cases_only(enrolled, queued, fake_grade):
    learner, exercise = enrolled
    run = services.submission_create(
        user=learner, exercise=exercise, code=ADD_SOLUTION, kind=Submission.Kind.RUN
    )
    services.submission_grade(submission_id=run.pk)
    assert fake_grade[0]["visible_only"] is True


def test_grading_a_submission_updates_progress(
    enrolled, queued, fake_grade, django_capture_on_commit_callbacks
):
    from enrollment.models import Enrollment

    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_grade(submission_id=submission.pk)
    # One module (unread) + one exercise (now passed): half-way.
    assert Enrollment.objects.get(user=learner).progress_percent == 50


@pytest.fixture
def no_sandbox(monkeypatch):
    def unavailable(*args, **kwargs):
        raise grader.SandboxUnavailable("bubblewrap is not installed: apt-get install bubblewrap")

    monkeypatch.setattr(grader, "load_exercise", lambda path: object())
    monkeypatch.setattr(grader, "grade", unavailable)


def test_a_worker_without_sandbox_hands_the_submission_back(enrolled, queued, no_sandbox, settings):
    settings.GRADING_IN_PROCESS = False
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    with pytest.raises(grader.SandboxUnavailable):
        services.submission_grade(submission_id=submission.pk)
    submission.refresh_from_db()
    assert submission.status == "queued"


def test_in_process_grading_without_sandbox_explains_what_is_missing(
    enrolled, queued, no_sandbox, settings
):
    settings.GRADING_IN_PROCESS = True
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    graded = services.submission_grade(submission_id=submission.pk)
    assert graded.status == "error"
    assert "apt-get install bubblewrap" in graded.error


def test_sweep_requeues_stale_queued_and_running_submissions(enrolled, queued, settings):
    settings.SUBMISSION_MAX_PENDING = 4  # four waiting at once (test_submission_limits.py)
    learner, exercise = enrolled
    stale_queued = services.submission_create(user=learner, exercise=exercise, code=ADD_WRONG)
    stale_running = services.submission_create(user=learner, exercise=exercise, code=ADD_WRONG)
    fresh = services.submission_create(user=learner, exercise=exercise, code=ADD_WRONG)
    done = services.submission_create(user=learner, exercise=exercise, code=ADD_WRONG)
    long_ago = timezone.now() - timedelta(hours=1)
    Submission.objects.filter(pk=stale_queued.pk).update(queued_at=long_ago)
    Submission.objects.filter(pk=stale_running.pk).update(status="running", started_at=long_ago)
    Submission.objects.filter(pk=done.pk).update(status="passed", queued_at=long_ago)
    queued.clear()

    swept = services.submission_sweep()

    assert swept == sorted([stale_queued.pk, stale_running.pk])
    assert sorted(queued) == swept
    assert Submission.objects.get(pk=stale_running.pk).status == "queued"
    assert fresh.pk not in swept
    # Swept once, they are fresh again: the next sweep leaves them alone.
    queued.clear()
    assert services.submission_sweep() == []


def test_broker_outage_leaves_the_submission_queued(enrolled, monkeypatch):
    from courseware import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.grade_submission, "apply_async", broker_down)
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    assert services.submission_enqueue(submission_id=submission.pk) is False
    submission.refresh_from_db()
    assert submission.status == "queued"


def test_a_zero_threshold_sweeps_everything_unfinished(enrolled, queued):
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_WRONG)
    Submission.objects.filter(pk=submission.pk).update(
        status="running", started_at=timezone.now() - timedelta(seconds=1)
    )
    assert services.submission_sweep(running_older_than=timedelta(0)) == [submission.pk]


def test_an_unenrolled_learner_cannot_submit_from_any_caller(queued):
    exercise = ExerciseFactory()
    with pytest.raises(services.NotEnrolled) as excinfo:
        services.submission_create(user=UserFactory(), exercise=exercise, code=ADD_SOLUTION)
    assert excinfo.value.status_code == 403 and "Enrol in this course" in str(excinfo.value)
    assert not Submission.objects.exists() and queued == []


def test_a_learner_who_left_cannot_submit(enrolled, queued):
    from enrollment.services import enrollment_leave

    learner, exercise = enrolled
    enrollment_leave(user=learner, course=exercise.course)
    with pytest.raises(services.NotEnrolled):
        services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)


def test_a_broken_exercise_ends_the_submission_as_an_error_and_is_not_queued_again(
    enrolled, queued, fixture_content, caplog
):
    learner, exercise = enrolled
    Exercise = type(exercise)
    Exercise.objects.filter(pk=exercise.pk).update(source_path="courses/test-course/exercises/gone")
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    with caplog.at_level("ERROR", logger="courseware.services"):
        graded = services.submission_grade(submission_id=submission.pk)
    assert graded.status == "error"
    assert "problem on our side, not in your code" in graded.error
    assert graded.finished_at is not None
    assert any(
        "cannot be graded" in r.getMessage() and exercise.slug in r.getMessage()
        for r in caplog.records
    )
    # Final: the sweep leaves it alone however long ago it was queued.
    Submission.objects.filter(pk=submission.pk).update(
        queued_at=timezone.now() - timedelta(hours=1)
    )
    queued.clear()
    assert services.submission_sweep(queued_older_than=timedelta(0)) == []


def test_in_process_a_broken_exercise_shows_the_learner_an_error_at_once(
    enrolled, fixture_content, caplog, django_capture_on_commit_callbacks
):
    """Eager Celery runs the task inside submission_create; its outcome is stored, and
    nothing is logged as a broker outage."""
    learner, exercise = enrolled
    Exercise = type(exercise)
    Exercise.objects.filter(pk=exercise.pk).update(source_path="courses/test-course/exercises/gone")
    exercise.refresh_from_db()
    with caplog.at_level("WARNING"), django_capture_on_commit_callbacks(execute=True):
        submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    submission.refresh_from_db()
    assert submission.status == "error" and "not in your code" in submission.error
    assert not any("Could not queue" in r.getMessage() for r in caplog.records)


def test_only_broker_errors_count_as_the_broker_being_down(enrolled, monkeypatch):
    from courseware import tasks

    def bug(*args, **kwargs):
        raise RuntimeError("a bug, not an outage")

    monkeypatch.setattr(tasks.grade_submission, "apply_async", bug)
    learner, exercise = enrolled
    with pytest.raises(RuntimeError, match="a bug"):
        services.submission_enqueue(submission_id=1)


def test_multiple_choice_needs_exactly_the_correct_set(tree):
    from tests.courseware.test_views import MULTIPLE

    tree.module("alpha", "02-next-steps", body=MULTIPLE)
    sync()
    question = Question.objects.get(key="pick-evens")
    user = UserFactory()
    assert services.question_answer(user=user, question=question, selected=["a", "c"]).is_correct
    assert not services.question_answer(user=user, question=question, selected=["a"]).is_correct
    partial = services.question_answer(user=user, question=question, selected=["c", "a", "b"])
    assert not partial.is_correct and partial.selected == ["a", "b", "c"]
    with pytest.raises(services.InvalidAnswer):
        services.question_answer(user=user, question=question, selected=["d"])


def test_opening_and_closing_enrolment_goes_through_one_service():
    course = CourseFactory(enrolment_open=True)
    assert services.course_enrolment_set(course=course, is_open=False) is True
    course.refresh_from_db()
    assert course.enrolment_open is False
    assert services.course_enrolment_set(course=course, is_open=False) is False


# -- progressive hints ------------------------------------------------------------


def test_hints_are_revealed_one_at_a_time_in_order():
    from courseware.models import HintReveal
    from tests.factories import TeachingExerciseFactory

    user, exercise = UserFactory(), TeachingExerciseFactory()
    with pytest.raises(services.HintRefused, match="Reveal hint 1 first"):
        services.hint_reveal(user=user, exercise=exercise, index=1)
    assert services.hint_reveal(user=user, exercise=exercise, index=0) == 1
    assert services.hint_reveal(user=user, exercise=exercise, index=0) == 1  # already seen
    assert services.hint_reveal(user=user, exercise=exercise, index=1) == 2
    reveals = HintReveal.objects.filter(user=user, exercise=exercise)
    assert sorted(reveals.values_list("index", flat=True)) == [0, 1]
    # Another learner starts from the first hint.
    with pytest.raises(services.HintRefused):
        services.hint_reveal(user=UserFactory(), exercise=exercise, index=1)


@pytest.mark.parametrize("index", [3, -1, True, "0"])
def test_only_hints_that_exist_can_be_revealed(index):
    from tests.factories import TeachingExerciseFactory

    with pytest.raises(services.HintRefused, match="That hint does not exist"):
        services.hint_reveal(user=UserFactory(), exercise=TeachingExerciseFactory(), index=index)


def test_a_signed_out_reader_cannot_reveal_hints():
    from django.contrib.auth.models import AnonymousUser

    from courseware.models import HintReveal
    from tests.factories import TeachingExerciseFactory

    with pytest.raises(services.HintRefused, match="Sign in"):
        services.hint_reveal(user=AnonymousUser(), exercise=TeachingExerciseFactory(), index=0)
    assert not HintReveal.objects.exists()


def test_two_requests_racing_for_the_same_hint_record_it_once(monkeypatch):
    """The second request counted before the first one's row existed: the unique
    constraint stops a duplicate and the learner is told they have seen one hint."""
    from courseware.models import HintReveal
    from tests.factories import HintRevealFactory

    first = HintRevealFactory(index=0)
    monkeypatch.setattr(services, "hints_revealed_count", lambda *, user, exercise: 0)
    seen = services.hint_reveal(user=first.user, exercise=first.exercise, index=0)
    assert seen == 1 and HintReveal.objects.count() == 1


def test_hints_removed_by_an_author_are_not_counted():
    from courseware.selectors import exercise_hints
    from tests.factories import HintRevealFactory

    reveal = HintRevealFactory(index=0)
    for index in (1, 2):
        HintRevealFactory(user=reveal.user, exercise=reveal.exercise, index=index)
    exercise = reveal.exercise
    exercise.hints_html = exercise.hints_html[:2]
    exercise.save()
    state = exercise_hints(exercise=exercise, user=reveal.user)
    assert state.total == 2 and len(state.shown) == 2 and state.next_number is None


# -- the run/submit rate limits and drafts --------------------------------------------


def test_visible_test_runs_have_their_own_limit_and_never_use_up_submissions(
    enrolled, queued, settings
):
    settings.SUBMISSION_RATE_LIMIT = 1
    settings.SUBMISSION_RUN_RATE_LIMIT = 3
    settings.SUBMISSION_MAX_PENDING = 5  # none is graded here (test_submission_limits.py)
    learner, exercise = enrolled
    for _ in range(3):
        services.submission_create(user=learner, exercise=exercise, code=ADD_WRONG, kind="run")
    with pytest.raises(services.RateLimited) as ran_out:
        services.submission_create(user=learner, exercise=exercise, code=ADD_WRONG, kind="run")
    assert "You have run the tests a lot" in str(ran_out.value)
    # The runs used none of the submissions: one is still allowed, then no more.
    services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    with pytest.raises(services.RateLimited) as submitted_out:
        services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    assert "You have submitted a lot" in str(submitted_out.value)
    assert Submission.objects.filter(kind="run").count() == 3
    assert Submission.objects.filter(kind="submit").count() == 1


def test_a_draft_is_one_row_per_learner_and_exercise_replaced_on_each_save(enrolled):
    learner, exercise = enrolled
    other_exercise = ExerciseFactory(module=exercise.module)
    first = services.draft_save(user=learner, exercise=exercise, code="x = 1\r\n")
    second = services.draft_save(user=learner, exercise=exercise, code="x = 2\n")
    services.draft_save(user=learner, exercise=other_exercise, code="y = 1\n")
    services.draft_save(user=UserFactory(), exercise=exercise, code="theirs\n")
    assert first.pk == second.pk
    assert Draft.objects.count() == 3
    assert Draft.objects.get(user=learner, exercise=exercise).code == "x = 2\n"
    assert first.code == "x = 1\n"  # the browser's CRLF is stored as the editor's LF


def test_a_learner_who_is_not_enrolled_can_keep_a_draft():
    learner, exercise = UserFactory(), ExerciseFactory()
    services.draft_save(user=learner, exercise=exercise, code="def add(a, b):\n    pass\n")
    assert Draft.objects.get(user=learner).code.startswith("def add")


def test_an_oversized_draft_is_refused_and_nothing_is_stored(enrolled, settings):
    settings.SUBMISSION_MAX_CODE_BYTES = 100
    learner, exercise = enrolled
    services.draft_save(user=learner, exercise=exercise, code="kept = True\n")
    with pytest.raises(services.DraftRefused) as refused:
        services.draft_save(user=learner, exercise=exercise, code="é" * 51)  # 102 bytes
    assert "102 bytes; the limit is 100" in str(refused.value)
    assert Draft.objects.get(user=learner).code == "kept = True\n"  # the last good one


def test_draft_saves_are_throttled_before_they_reach_the_database(
    enrolled, queued, settings, django_assert_num_queries
):
    settings.DRAFT_SAVE_RATE_LIMIT = 2
    learner, exercise = enrolled
    services.draft_save(user=learner, exercise=exercise, code="1\n")
    services.draft_save(user=learner, exercise=exercise, code="2\n")
    with django_assert_num_queries(0), pytest.raises(services.DraftThrottled) as throttled:
        services.draft_save(user=learner, exercise=exercise, code="3\n")
    assert throttled.value.status_code == 429
    assert 1 <= throttled.value.retry_after <= settings.DRAFT_SAVE_RATE_WINDOW_SECONDS
    assert Draft.objects.get(user=learner).code == "2\n"
    # Drafts count on their own: submissions are not held up by them.
    services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)


def test_discarding_a_draft_removes_only_that_learners(enrolled):
    learner, exercise = enrolled
    other = UserFactory()
    services.draft_save(user=learner, exercise=exercise, code="mine\n")
    services.draft_save(user=other, exercise=exercise, code="theirs\n")
    assert services.draft_discard(user=learner, exercise=exercise) is True
    assert services.draft_discard(user=learner, exercise=exercise) is False
    assert list(Draft.objects.values_list("code", flat=True)) == ["theirs\n"]


def test_visitors_cannot_keep_drafts_on_the_server():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(services.DraftRefused):
        services.draft_save(user=AnonymousUser(), exercise=ExerciseFactory(), code="x\n")
    assert not Draft.objects.exists()
