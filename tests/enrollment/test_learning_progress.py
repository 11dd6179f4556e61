"""Progress where learners learn: ticks on the course and module pages, the course
percentage, Mark as complete in place, Resume at the section last read, leaving with a
confirmation, and the dashboard's greeting."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from courseware import caching
from courseware.models import Course, Exercise, Module
from enrollment import services
from enrollment.models import Enrollment, ModuleCompletion
from tests.courseware.test_views import add_modules
from tests.factories import SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db

COURSE_URL = "/courses/alpha/"
MODULE_URL = "/courses/alpha/first-steps/"
NEXT_URL = "/courses/alpha/next-steps/"
COMPLETE_URL = "/courses/alpha/first-steps/complete/"
POSITION_URL = "/courses/alpha/first-steps/position/"


def _alpha() -> Course:
    return Course.objects.get(slug="alpha")


def _module(slug: str) -> Module:
    return Module.objects.select_related("course").get(slug=slug, course__slug="alpha")


def _enrolled_client(user=None, *, csrf=False):
    user = user or UserFactory()
    services.enrollment_create(user=user, course=_alpha())
    browser = Client(enforce_csrf_checks=csrf)
    browser.force_login(user)
    return user, browser


def _pass_exercise(user):
    exercise = Exercise.objects.get(slug="add-numbers")
    SubmissionFactory(user=user, exercise=exercise, passed=True)
    services.progress_recompute(user_id=user.pk, course_id=exercise.course_id)
    return exercise


def _module_list(html: str) -> str:
    start = html.index('<nav class="reading-modules"')
    return html[start : html.index("</nav>", start)]


def _list_item(html: str, title: str) -> str:
    """The module list's entry for ``title``."""
    listing = _module_list(html)
    start = listing.index(f'<span class="module-list-title">{title}</span>')
    return listing[start : listing.index("</li>", start)]


# -- ticks --------------------------------------------------------------------


def test_visitors_and_unenrolled_learners_see_no_ticks_and_no_slots(client, synced):
    for reader in (client, Client()):
        html = reader.get(MODULE_URL).content.decode() + reader.get(COURSE_URL).content.decode()
        assert '<span class="tick ' not in html and "<!--tick:" not in html
        assert "% of the course" not in html
        reader.force_login(UserFactory())  # the second round: signed in, not enrolled


def test_the_module_list_and_header_show_each_modules_state_and_the_course_percent(synced):
    user, browser = _enrolled_client()
    html = browser.get(MODULE_URL).content.decode()
    assert "Module 1 of 2 · " in html and "0% of the course" in html
    assert "is-not_started" in _list_item(html, "First steps")
    assert ">Not started<" in _list_item(html, "Next steps")

    services.module_complete(user=user, module=_module("first-steps"))
    html = browser.get(MODULE_URL).content.decode()
    # Read, but its exercise is not passed yet: in progress, said in words too.
    assert ">In progress<" in _list_item(html, "First steps")
    assert "33% of the course" in html  # 1 of 3 items: two modules, one exercise
    assert "You have read this module" in html
    assert "It counts as complete once you pass its last exercise" in html

    _pass_exercise(user)
    html = browser.get(MODULE_URL).content.decode()
    assert ">Complete<" in _list_item(html, "First steps")
    assert ">Not started<" in _list_item(html, "Next steps")
    assert "66% of the course" in html  # 2 of 3, rounded down
    assert "You have completed this module" in html
    assert '<span class="tick-text">Passed</span>' in html  # the Practise list


def test_the_syllabus_shows_module_and_exercise_states(synced):
    user, browser = _enrolled_client()
    html = browser.get(COURSE_URL).content.decode()
    assert html.count(">Not started<") == 2
    assert ">Not tried yet<" in html
    exercise = Exercise.objects.get(slug="add-numbers")
    SubmissionFactory(user=user, exercise=exercise, failed=True)
    html = browser.get(COURSE_URL).content.decode()
    assert ">Attempted<" in html and ">In progress<" in html
    services.module_complete(user=user, module=_module("first-steps"))
    _pass_exercise(user)
    html = browser.get(COURSE_URL).content.decode()
    assert ">Passed<" in html and ">Complete<" in html and ">Not started<" in html
    # The exercise is listed under its module, with a link to it.
    assert f'href="{exercise.get_absolute_url()}">Add two numbers</a>' in html


def test_a_learners_cached_module_page_shows_new_ticks_on_the_next_request(synced):
    """The ticks are learner state inside a page cached per learner version: every change
    to them (a completion, a graded submission) renews that version."""
    user, browser = _enrolled_client(csrf=True)
    browser.get("/courses/")  # the CSRF cookie, so the module page is learner-cached
    browser.get(MODULE_URL)
    cached = browser.get(MODULE_URL)
    assert cached.headers[caching.CACHE_HEADER] == "learner-hit"
    assert "0% of the course" in cached.content.decode()
    services.module_complete(user=user, module=_module("first-steps"))
    after = browser.get(MODULE_URL)
    assert after.headers[caching.CACHE_HEADER] == "learner-miss"
    assert ">In progress<" in _list_item(after.content.decode(), "First steps")
    _pass_exercise(user)
    assert ">Complete<" in _list_item(browser.get(MODULE_URL).content.decode(), "First steps")


def test_course_page_queries_do_not_grow_with_modules_for_an_enrolled_learner(
    synced, django_assert_num_queries
):
    user, browser = _enrolled_client()
    browser.get(COURSE_URL)  # the syllabus fragment
    # session, user, course, enrolment, modules, exercises, completions, best scores
    with django_assert_num_queries(8):
        browser.get(COURSE_URL)
    add_modules(synced, 4)
    browser.get(COURSE_URL)
    with django_assert_num_queries(8):
        html = browser.get(COURSE_URL).content.decode()
    assert html.count(">Not started<") == 6


def test_module_page_queries_do_not_grow_with_modules_for_an_enrolled_learner(
    synced, django_assert_num_queries
):
    user, browser = _enrolled_client()
    services.module_complete(user=user, module=_module("first-steps"))
    browser.get(MODULE_URL)  # the module's fragment
    # Rendered, not the learner's cached page (kept only once they have a CSRF cookie):
    # session, user, module, answers, enrolment, then the progress behind the ticks:
    # modules, exercises, completions, best scores.
    browser.cookies.pop("csrftoken", None)
    with django_assert_num_queries(9):
        browser.get(MODULE_URL)
    add_modules(synced, 5)
    browser.get(MODULE_URL)
    browser.cookies.pop("csrftoken", None)
    with django_assert_num_queries(9):
        html = browser.get(MODULE_URL).content.decode()
    assert "Module 1 of 7 · " in html
    assert _module_list(html).count('<span class="tick ') == 7


# -- mark as complete ---------------------------------------------------------


def test_mark_as_complete_without_javascript_returns_to_the_completion_block(synced):
    user, browser = _enrolled_client()
    response = browser.post(COMPLETE_URL)
    assert response.status_code == 302
    assert response["Location"] == f"{MODULE_URL}#module-completion"
    assert ModuleCompletion.objects.filter(user=user).count() == 1
    html = browser.get(MODULE_URL).content.decode()
    assert 'id="module-completion"' in html
    # The next module is offered right there.
    assert f'href="{NEXT_URL}">Next module: Next steps</a>' in html
    undo = browser.post(COMPLETE_URL, {"action": "undo"})
    assert undo["Location"] == f"{MODULE_URL}#module-completion"
    assert not ModuleCompletion.objects.filter(user=user).exists()


def test_mark_as_complete_from_the_script_answers_with_the_new_block(synced):
    user, browser = _enrolled_client()
    response = browser.post(COMPLETE_URL, headers={"X-Requested-With": "fetch"})
    assert response.status_code == 200
    data = response.json()
    assert "You have read this module" in data["completion"]
    assert 'name="action" value="undo"' in data["completion"]
    assert "Next module: Next steps" in data["completion"]
    assert "is-in_progress" in data["module_tick"] and "In progress" in data["module_tick"]
    assert "33% of the course" in data["course_percent"]
    # No message is left waiting: the block says it, and the next page stays cacheable.
    assert not list(browser.get(MODULE_URL).context["messages"])


def test_the_last_module_offers_the_first_one_still_unfinished(synced):
    user, browser = _enrolled_client()
    browser.post("/courses/alpha/next-steps/complete/")
    html = browser.get(NEXT_URL).content.decode()
    assert f'href="{MODULE_URL}">Still to finish: First steps</a>' in html


def test_mark_as_complete_from_the_script_refuses_a_learner_not_enrolled(synced):
    browser = Client()
    browser.force_login(UserFactory())
    response = browser.post(COMPLETE_URL, headers={"X-Requested-With": "fetch"})
    assert response.status_code == 403
    assert "Enrol in Alpha Course" in response.json()["error"]
    assert not ModuleCompletion.objects.exists()


def test_completing_the_course_in_place_says_so(synced):
    user, browser = _enrolled_client()
    _pass_exercise(user)
    browser.post("/courses/alpha/next-steps/complete/")
    data = browser.post(COMPLETE_URL, headers={"X-Requested-With": "fetch"}).json()
    assert "You have completed Alpha Course." in data["completion"]


# -- reading position and resume ------------------------------------------------


def test_the_section_read_is_kept_and_resume_goes_back_to_it(synced):
    user, browser = _enrolled_client()
    assert browser.post(POSITION_URL, {"section": "second-heading"}).status_code == 204
    enrollment = Enrollment.objects.get(user=user)
    assert enrollment.last_module.slug == "first-steps"
    assert enrollment.last_section == "second-heading"
    html = browser.get("/dashboard/").content.decode()
    assert f'href="{MODULE_URL}#second-heading">Resume: First steps</a>' in html
    # The course page's Continue goes there too.
    assert (
        f'href="{MODULE_URL}#second-heading">Continue</a>'
        in browser.get(COURSE_URL).content.decode()
    )


def test_resume_skips_a_finished_module_for_the_first_unfinished_one(synced):
    user, browser = _enrolled_client()
    browser.post(POSITION_URL, {"section": "second-heading"})
    services.module_complete(user=user, module=_module("first-steps"))
    _pass_exercise(user)
    html = browser.get("/dashboard/").content.decode()
    assert f'href="{NEXT_URL}">Resume: Next steps</a>' in html


def test_a_finished_course_offers_no_resume_to_its_first_module(synced):
    user, browser = _enrolled_client()
    for slug in ("first-steps", "next-steps"):
        services.module_complete(user=user, module=_module(slug))
    _pass_exercise(user)
    html = browser.get("/dashboard/").content.decode()
    assert "Resume:" not in html and "Start:" not in html


def test_a_position_must_name_a_section_of_the_module(synced):
    user, browser = _enrolled_client()
    for bad in ("no-such-heading", "", "x" * 101, '"><script>', "module-title"):
        assert browser.post(POSITION_URL, {"section": bad}).status_code == 400
    assert Enrollment.objects.get(user=user).last_section == ""


def test_the_position_beacon_is_csrf_checked(synced):
    user, browser = _enrolled_client(csrf=True)
    assert browser.post(POSITION_URL, {"section": "second-heading"}).status_code == 403
    assert Enrollment.objects.get(user=user).last_section == ""


def test_the_position_beacon_is_rate_limited(synced, settings):
    settings.READING_POSITION_RATE_LIMIT = 3
    user, browser = _enrolled_client()
    codes = [
        browser.post(POSITION_URL, {"section": s}).status_code
        for s in ("first-heading", "second-heading", "first-heading", "second-heading")
    ]
    assert codes == [204, 204, 204, 429]
    assert Enrollment.objects.get(user=user).last_section == "first-heading"


def test_the_position_is_not_kept_for_a_learner_not_enrolled(synced):
    browser = Client()
    user = UserFactory()
    browser.force_login(user)
    assert browser.post(POSITION_URL, {"section": "second-heading"}).status_code == 204
    assert not Enrollment.objects.filter(user=user).exists()
    assert Client().post(POSITION_URL, {"section": "second-heading"}).status_code == 302


def test_reporting_a_position_keeps_the_learners_cached_page(synced):
    """Nothing on a cached page shows the position, so it must not renew the version."""
    user, browser = _enrolled_client(csrf=True)
    browser.get("/courses/")
    browser.get(MODULE_URL)
    token = browser.cookies["csrftoken"].value
    response = browser.post(
        POSITION_URL, {"section": "second-heading", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 204
    assert browser.get(MODULE_URL).headers[caching.CACHE_HEADER] == "learner-hit"


# -- leaving --------------------------------------------------------------------


def test_leaving_asks_for_confirmation_first(synced):
    user, browser = _enrolled_client()
    dashboard = browser.get("/dashboard/").content.decode()
    # The dashboard links to the confirmation page; it no longer leaves in one click.
    assert 'href="/courses/alpha/leave/">Leave course' in dashboard
    assert 'action="/courses/alpha/leave/"' not in dashboard
    page = browser.get("/courses/alpha/leave/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Leave Alpha Course?" in html and "Stay enrolled" in html
    assert Enrollment.objects.get(user=user).is_active  # looking changes nothing
    response = browser.post("/courses/alpha/leave/")
    assert response["Location"] == "/dashboard/"
    assert not Enrollment.objects.get(user=user).is_active


def test_the_leave_page_of_a_course_not_joined_goes_to_the_dashboard(synced):
    browser = Client()
    browser.force_login(UserFactory())
    response = browser.get("/courses/alpha/leave/")
    assert response.status_code == 302 and response["Location"] == "/dashboard/"


# -- the greeting -----------------------------------------------------------------


def test_a_first_time_learner_is_welcomed_not_welcomed_back(client):
    user = UserFactory(full_name="Ada Lovelace")
    user.last_login = user.date_joined
    user.save()
    client.force_login(user)  # the sign-in that follows sign-up
    type(user).objects.filter(pk=user.pk).update(last_login=user.date_joined)
    html = client.get("/dashboard/").content.decode()
    assert "<h1>Welcome, Ada Lovelace</h1>" in html
    assert "Welcome back" not in html


def test_a_learner_who_signs_in_again_is_welcomed_back(client):
    joined = timezone.now() - timedelta(days=3)
    user = UserFactory(full_name="Ada Lovelace")
    type(user).objects.filter(pk=user.pk).update(date_joined=joined, last_login=joined)
    client.force_login(user)  # a later sign-in
    assert "<h1>Welcome back, Ada Lovelace</h1>" in client.get("/dashboard/").content.decode()
