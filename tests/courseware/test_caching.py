"""courseware.caching and the reading pages it serves: what a visitor and a learner
would notice if a cache were wrong: a stale lesson, an Enrol button on a closed course,
someone else's answers or token, a knowledge check that cannot be answered, a cookie
or a message handed to the next visitor."""

import gzip
import re

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from courseware import caching, services
from courseware.models import Course, QuestionResponse
from enrollment.services import enrollment_create
from tests.courseware.content.tree import sync
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODULE_URL = "/courses/alpha/first-steps/"
CHECK_URL = "/courses/alpha/first-steps/check/q-one/"


def cache_state(response) -> str | None:
    return response.headers.get(caching.CACHE_HEADER)


def quiz_form(html: str) -> dict:
    """The knowledge-check form of question q-one as a browser would submit it."""
    start = html.index('id="q-q-one"')
    form = html[start : html.index("</form>", start)]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', form)
    return {
        "action": re.search(r'action="([^"]+)"', form)[1],
        "token": token[1] if token else None,
    }


# -- the page cache for visitors --------------------------------------------------


@pytest.mark.parametrize("url", ["/courses/", "/courses/alpha/", MODULE_URL])
def test_a_visitor_is_served_the_same_page_from_the_cache(
    client, synced, url, django_assert_num_queries
):
    first = client.get(url)
    assert cache_state(first) == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert cache_state(second) == "hit"
    assert second.content == first.content
    assert "Cookie" in second["Vary"] and "Accept-Encoding" in second["Vary"]
    assert not second.cookies


def test_repeat_visitors_get_304_and_browsers_must_revalidate(client, synced):
    first = client.get(MODULE_URL)
    assert first["Cache-Control"] == "public, no-cache"
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    again = client.get(MODULE_URL, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    since = client.get(MODULE_URL, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304
    other = client.get(MODULE_URL, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200


def test_the_cached_page_is_sent_gzipped_to_browsers_that_accept_it(client, synced):
    plain = client.get(MODULE_URL)
    zipped = client.get(MODULE_URL, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content) / 2
    assert zipped["ETag"] == f"W/{plain['ETag']}"
    revalidated = client.get(
        MODULE_URL, headers={"Accept-Encoding": "gzip", "If-None-Match": zipped["ETag"]}
    )
    assert revalidated.status_code == 304


def test_the_course_page_is_cached_on_the_server_but_never_kept_by_browsers(client, synced):
    client.get("/courses/alpha/")
    response = client.get("/courses/alpha/")
    assert cache_state(response) == "hit"
    assert "no-store" in response["Cache-Control"]
    assert not response.has_header("ETag")


def test_a_query_string_is_rendered_not_cached(client, synced):
    client.get(MODULE_URL)
    response = client.get(MODULE_URL + "?utm_source=newsletter")
    assert response.status_code == 200 and cache_state(response) is None
    assert "no-store" in response["Cache-Control"]


def test_a_new_release_does_not_serve_pages_of_the_old_one(client, synced, monkeypatch):
    client.get(MODULE_URL)
    monkeypatch.setattr(caching, "release", lambda: "another-release")
    assert cache_state(client.get(MODULE_URL)) == "miss"


# -- the content version ------------------------------------------------------------


def test_a_sync_shows_on_the_next_request(client, synced):
    assert "Intro paragraph for first-steps" in client.get(MODULE_URL).content.decode()
    synced.module("alpha", "01-first-steps", title="First steps", body="A REWRITTEN LESSON.\n")
    sync()
    html = client.get(MODULE_URL).content.decode()
    assert "A REWRITTEN LESSON." in html and "Intro paragraph" not in html
    # The course page and the catalogue were cached before too.
    client.get("/courses/alpha/")
    synced.module("alpha", "01-first-steps", title="First steps, renamed")
    sync()
    assert "First steps, renamed" in client.get("/courses/alpha/").content.decode()


def test_a_sync_that_changes_nothing_keeps_the_cache(client, synced):
    version = caching.content_version()
    client.get(MODULE_URL)
    sync()
    assert caching.content_version() == version
    assert cache_state(client.get(MODULE_URL)) == "hit"


def test_a_sync_shows_on_the_next_request_of_a_signed_in_learner(client, synced):
    client.force_login(UserFactory())
    client.get(MODULE_URL)
    synced.module("alpha", "01-first-steps", title="First steps", body="A REWRITTEN LESSON.\n")
    sync()
    assert "A REWRITTEN LESSON." in client.get(MODULE_URL).content.decode()


def test_closing_a_course_hides_enrol_now_at_once(client, synced):
    course = Course.objects.get(slug="alpha")
    assert "Enrol Now" in client.get("/courses/alpha/").content.decode()
    assert cache_state(client.get("/courses/alpha/")) == "hit"
    services.course_enrolment_set(course=course, is_open=False)
    html = client.get("/courses/alpha/").content.decode()
    assert "Enrolment is closed" in html and "Enrol Now" not in html
    services.course_enrolment_set(course=course, is_open=True)
    assert "Enrol Now" in client.get("/courses/alpha/").content.decode()


def test_closing_a_course_in_the_admin_hides_enrol_now_at_once(client, synced):
    course = Course.objects.get(slug="alpha")
    assert "Enrol Now" in client.get("/courses/alpha/").content.decode()
    staff = Client()
    staff.force_login(UserFactory(is_staff=True, is_superuser=True))
    staff.post(f"/admin/courseware/course/{course.pk}/change/", {"enrolment_open": ""})  # unticked
    html = client.get("/courses/alpha/").content.decode()
    assert "Enrolment is closed" in html and "Enrol Now" not in html


def test_the_version_is_bumped_again_after_the_commit(synced, django_capture_on_commit_callbacks):
    """A request that read the new version before the commit cannot keep its page."""
    course = Course.objects.get(slug="alpha")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.course_enrolment_set(course=course, is_open=False)
        during = caching.content_version()
    assert len(callbacks) == 1
    callbacks[0]()
    assert caching.content_version() != during


def test_a_lost_version_is_recreated_never_reused(client, synced):
    client.get(MODULE_URL)
    caching._versions().clear()
    assert cache_state(client.get(MODULE_URL)) == "miss"


# -- fragments for signed-in learners ------------------------------------------------


def test_a_learner_never_receives_another_learners_answers_or_token(synced):
    alice, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    alice.force_login(UserFactory())
    bob.force_login(UserFactory())
    alice_page = alice.get(MODULE_URL).content.decode()  # builds the fragment
    alice_form = quiz_form(alice_page)
    alice.post(alice_form["action"], {"choice": "a", "csrfmiddlewaretoken": alice_form["token"]})
    assert QuestionResponse.objects.count() == 1

    bob_page = bob.get(MODULE_URL).content.decode()  # the fragment, now warm
    assert "SECRET-EXPLANATION" not in bob_page and "Correct." not in bob_page
    bob_form = quiz_form(bob_page)
    assert bob_form["token"] and bob_form["token"] != alice_form["token"]
    assert caching.CSRF_SLOT not in bob_page
    # Alice's token is no good for Bob; his own is.
    stolen = bob.post(CHECK_URL, {"choice": "b", "csrfmiddlewaretoken": alice_form["token"]})
    assert stolen.status_code == 403
    own = bob.post(CHECK_URL, {"choice": "b", "csrfmiddlewaretoken": bob_form["token"]})
    assert own.status_code == 302

    alice_again = alice.get(MODULE_URL).content.decode()
    assert "Correct." in alice_again and "Not quite." not in alice_again
    assert "Not quite." in bob.get(MODULE_URL).content.decode()


def test_a_signed_in_page_is_never_served_from_or_kept_in_the_page_cache(client, synced):
    client.get(MODULE_URL)  # a visitor's page is now cached
    learner = UserFactory()
    client.force_login(learner)
    response = client.get(MODULE_URL)
    html = response.content.decode()
    assert cache_state(response) is None and "Sign out" in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    client.logout()
    visitor = Client().get(MODULE_URL).content.decode()
    assert "Sign out" not in visitor and learner.email not in visitor


def test_an_enrolled_learner_sees_their_own_progress_around_the_fragment(client, synced):
    learner = UserFactory()
    enrollment_create(user=learner, course=Course.objects.get(slug="alpha"))
    Client().get(MODULE_URL)  # a visitor warmed the fragment
    client.force_login(learner)
    html = client.get(MODULE_URL).content.decode()
    assert "Mark as complete" in html and "Enrol in Alpha Course" not in html
    stranger = Client()
    stranger.force_login(UserFactory())
    assert "Enrol in Alpha Course" in stranger.get(MODULE_URL).content.decode()


# -- knowledge checks from a cached page -----------------------------------------------


def test_a_visitor_answers_from_a_cached_page_without_javascript(synced):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(MODULE_URL)
    cached = visitor.get(MODULE_URL)
    assert cache_state(cached) == "hit"
    form = quiz_form(cached.content.decode())
    assert form["token"] == ""  # no visitor's token in a page shared by all visitors
    response = visitor.post(form["action"], {"choice": "b", "csrfmiddlewaretoken": ""})
    assert response.status_code == 302 and response["Location"] == f"{MODULE_URL}#q-q-one"
    page = visitor.get(MODULE_URL)
    assert cache_state(page) is None  # their answers live in their session
    assert "Not quite." in page.content.decode()
    # ...and the next visitor still gets the unanswered, cached page.
    other = Client().get(MODULE_URL)
    assert cache_state(other) == "hit" and "Not quite." not in other.content.decode()


def test_a_visitor_answers_from_a_cached_page_with_htmx(synced):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(MODULE_URL)
    form = quiz_form(visitor.get(MODULE_URL).content.decode())
    response = visitor.post(form["action"], {"choice": "a"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Correct." in response.content.decode()


def test_signed_in_answers_stay_csrf_protected(synced):
    learner = Client(enforce_csrf_checks=True)
    learner.force_login(UserFactory())
    refused = learner.post(CHECK_URL, {"choice": "a"}, headers={"HX-Request": "true"})
    assert refused.status_code == 403
    assert not QuestionResponse.objects.exists()
    form = quiz_form(learner.get(MODULE_URL).content.decode())
    accepted = learner.post(
        form["action"],
        {"choice": "a", "csrfmiddlewaretoken": form["token"]},
        headers={"HX-Request": "true"},
    )
    assert accepted.status_code == 200 and "Correct." in accepted.content.decode()
    assert QuestionResponse.objects.count() == 1


def test_a_visitors_message_is_shown_to_them_and_never_cached(synced):
    visitor = Client()
    visitor.get(MODULE_URL)
    visitor.post(CHECK_URL, {"choice": []})  # nothing chosen: refused with a message
    page = visitor.get(MODULE_URL)
    assert "Choose an answer first." in page.content.decode()
    assert cache_state(page) is None
    assert "Choose an answer first." not in Client().get(MODULE_URL).content.decode()


# -- what the page cache refuses to store ------------------------------------------------


def _visitor_request():
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _sets_cookie(request):
    response = HttpResponse("hello")
    response.set_cookie("flavour", "oat")
    return response


def _uses_csrf_token(request):
    return HttpResponse(f"<input value='{get_token(request)}'>")


def _shows_a_message(request):
    messages.info(request, "Saved.")
    return HttpResponse(" ".join(str(m) for m in messages.get_messages(request)))


def _writes_the_session(request):
    request.session["seen"] = True
    return HttpResponse("hello")


def _not_found(request):
    return HttpResponse("gone", status=404)


def _private(request):
    response = HttpResponse("mine")
    response["Cache-Control"] = "private"
    return response


@pytest.mark.parametrize(
    "view",
    [_sets_cookie, _uses_csrf_token, _shows_a_message, _writes_the_session, _not_found, _private],
)
def test_personal_or_failed_responses_are_never_cached(view):
    calls = []

    @caching.page_cache_for_visitors
    def page(request):
        calls.append(request)
        return view(request)

    first = page(_visitor_request())
    second = page(_visitor_request())
    assert len(calls) == 2
    assert cache_state(first) is None and cache_state(second) is None
    assert "no-store" in second["Cache-Control"]


def test_an_impersonal_response_is_cached():
    calls = []

    @caching.page_cache_for_visitors
    def page(request):
        calls.append(request)
        return HttpResponse("the same for everyone")

    page(_visitor_request())
    assert cache_state(page(_visitor_request())) == "hit" and len(calls) == 1


# -- learner pages ---------------------------------------------------------------------


def _learner(user=None):
    """A signed-in browser that has been given its CSRF cookie, as after any first page."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user or UserFactory())
    browser.get("/courses/")
    return browser


def _alpha():
    return Course.objects.get(slug="alpha")


def test_a_learners_module_page_is_cached_for_them_with_a_fresh_valid_token(synced):
    learner = _learner()
    first = learner.get(MODULE_URL)
    second = learner.get(MODULE_URL)
    assert cache_state(first) == "learner-miss" and cache_state(second) == "learner-hit"
    assert "no-store" in second["Cache-Control"] and "private" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]
    html = second.content.decode()
    assert caching.CSRF_SLOT not in html and "Sign out" in html
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    first_tokens = set(
        re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', first.content.decode())
    )
    assert len(tokens) == 1 and tokens != first_tokens  # one token per response, newly masked
    form = quiz_form(html)
    answered = learner.post(form["action"], {"choice": "a", "csrfmiddlewaretoken": form["token"]})
    assert answered.status_code == 302


def test_a_cached_learner_page_costs_the_session_and_the_user_only(
    synced, django_assert_num_queries
):
    learner = _learner()
    learner.get(MODULE_URL)
    with django_assert_num_queries(2):  # the session and the user, as on any signed-in page
        assert cache_state(learner.get(MODULE_URL)) == "learner-hit"


def test_a_learner_never_receives_another_learners_cached_page(synced):
    alice_user = UserFactory(full_name="Alice Example")
    bob_user = UserFactory(full_name="Bob Example")
    alice, bob = _learner(alice_user), _learner(bob_user)
    form = quiz_form(alice.get(MODULE_URL).content.decode())
    alice.post(form["action"], {"choice": "a", "csrfmiddlewaretoken": form["token"]})
    alice.get(MODULE_URL)
    assert cache_state(alice.get(MODULE_URL)) == "learner-hit"
    for _ in range(2):
        page = bob.get(MODULE_URL)
        html = page.content.decode()
        assert "Bob Example" in html and "Alice Example" not in html
        assert "Correct." not in html and "SECRET-EXPLANATION" not in html
    assert cache_state(page) == "learner-hit"


def test_an_answer_shows_on_the_next_request(synced):
    learner = _learner()
    learner.get(MODULE_URL)
    form = quiz_form(learner.get(MODULE_URL).content.decode())
    learner.post(form["action"], {"choice": "b", "csrfmiddlewaretoken": form["token"]})
    page = learner.get(MODULE_URL)
    assert cache_state(page) == "learner-miss" and "Not quite." in page.content.decode()


def test_a_graded_submission_and_a_regrade_show_on_the_next_request(synced):
    from courseware.models import Exercise, Submission
    from tests.factories import SubmissionFactory

    user = UserFactory()
    enrollment_create(user=user, course=_alpha())
    learner = _learner(user)
    learner.get(MODULE_URL)
    assert "Your best" not in learner.get(MODULE_URL).content.decode()
    exercise = Exercise.objects.get(slug="add-numbers")
    submission = SubmissionFactory(user=user, exercise=exercise, passed=True)
    page = learner.get(MODULE_URL).content.decode()
    assert f"Your best: {exercise.points} / {exercise.points}" in page
    learner.get(MODULE_URL)
    services.submission_regrade(submission=Submission.objects.get(pk=submission.pk))
    assert "Your best" not in learner.get(MODULE_URL).content.decode()


def test_enrolment_completion_and_leaving_show_on_the_next_request(synced):
    from courseware.models import Module
    from enrollment.services import enrollment_leave, module_complete

    user = UserFactory()
    learner = _learner(user)
    learner.get(MODULE_URL)
    assert "Enrol in Alpha Course" in learner.get(MODULE_URL).content.decode()
    enrollment_create(user=user, course=_alpha())
    assert "Mark as complete" in learner.get(MODULE_URL).content.decode()
    module_complete(user=user, module=Module.objects.get(slug="first-steps"))
    # Read, but its exercise is still to pass.
    assert "You have read this module" in learner.get(MODULE_URL).content.decode()
    enrollment_leave(user=user, course=_alpha())
    assert "Enrol in Alpha Course" in learner.get(MODULE_URL).content.decode()
    enrollment_create(user=user, course=_alpha())  # back again: a bulk update
    assert "You have read this module" in learner.get(MODULE_URL).content.decode()


def test_a_new_name_shows_in_the_header_at_once(synced):
    user = UserFactory(full_name="Old Name")
    learner = _learner(user)
    learner.get(MODULE_URL)
    assert "Old Name" in learner.get(MODULE_URL).content.decode()
    user.full_name = "New Name"
    user.save()
    assert "New Name" in learner.get(MODULE_URL).content.decode()


def test_a_sync_shows_on_a_learners_next_request(synced):
    learner = _learner()
    learner.get(MODULE_URL)
    assert cache_state(learner.get(MODULE_URL)) == "learner-hit"
    synced.module("alpha", "01-first-steps", title="First steps, revised")
    sync()
    page = learner.get(MODULE_URL)
    assert cache_state(page) == "learner-miss" and "First steps, revised" in page.content.decode()


def test_a_waiting_message_is_shown_never_skipped_by_the_cache(synced):
    learner = _learner()
    learner.get(MODULE_URL)
    assert cache_state(learner.get(MODULE_URL)) == "learner-hit"
    form = quiz_form(learner.get(MODULE_URL).content.decode())
    learner.post(form["action"], {"choice": [], "csrfmiddlewaretoken": form["token"]})
    page = learner.get(MODULE_URL)
    assert "Choose an answer first." in page.content.decode()
    assert cache_state(page) is None
    again = learner.get(MODULE_URL)  # shown once, then the page is cacheable again
    assert "Choose an answer first." not in again.content.decode()


def test_a_new_sign_in_gets_a_new_page_and_token(synced):
    user = UserFactory()
    learner = _learner(user)
    learner.get(MODULE_URL)
    learner.get(MODULE_URL)
    learner.logout()
    learner.force_login(user)
    learner.get("/courses/")
    assert cache_state(learner.get(MODULE_URL)) == "learner-miss"
