"""Progress where learners learn, in a real Chromium on the real course: ticks after
completing a module and passing an exercise, Mark as complete keeping the learner's
place, Resume at the section last read, and leaving with a confirmation."""

import re

import pytest
from playwright.sync_api import expect

from courseware.models import Course, Exercise, Module
from enrollment import services
from enrollment.models import Enrollment
from tests.browser.conftest import CURRICULUM_COURSE, CURRICULUM_EXERCISE
from tests.browser.test_csp import sign_in
from tests.factories import SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

COURSE_URL = f"/courses/{CURRICULUM_COURSE}/"
FIRST_URL = f"{COURSE_URL}programming-for-ml/"
SECOND_URL = f"{COURSE_URL}data-preparation/"
MODULE_PARTS = {
    "include": [[".reading-modules"], [".lesson-header"], ["#practise"], ["#module-completion"]]
}


@pytest.fixture
def learner(curriculum, page, mobile_page, live_server):
    user = UserFactory(full_name="Mira Okafor")
    services.enrollment_create(user=user, course=Course.objects.get(slug=CURRICULUM_COURSE))
    return user


def _pass_the_exercise(user):
    exercise = Exercise.objects.get(slug=CURRICULUM_EXERCISE)
    SubmissionFactory(user=user, exercise=exercise, passed=True)
    services.progress_recompute(user_id=user.pk, course_id=exercise.course_id)


@pytest.mark.parametrize("device", ["desktop", "mobile"])
def test_ticks_after_completing_a_module_and_passing_an_exercise(
    request, device, learner, live_server, screenshot, axe_clean
):
    page = request.getfixturevalue("page" if device == "desktop" else "mobile_page")
    sign_in(page, learner, live_server)
    _pass_the_exercise(learner)
    page.goto(SECOND_URL)
    expect(page.locator(".lesson-header .card-kicker")).to_contain_text(
        re.compile(r"Module 2 of 8 · \d+% of the course")
    )
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.locator("#module-completion h2")).to_have_text("You have completed this module")

    page.goto(FIRST_URL)
    current = page.locator('.module-list a[href$="/data-preparation/"]')
    expect(current.locator(".tick-text")).to_have_text("Complete")
    # Module 1's exercise passed, the module not yet marked: in progress, in words too.
    expect(page.locator('.module-list a[aria-current="page"] .tick-text')).to_have_text(
        "In progress"
    )
    practise = page.locator(".exercise-list .exercise-item").first
    expect(practise.locator(".tick-text")).to_have_text("Passed")
    # What this page adds: the module list, the header, Practise and the completion block
    # (the lesson's code blocks are checked with the reading pages).
    axe_clean(page, f"module page with ticks ({device})", context=MODULE_PARTS)
    screenshot(page, f"module-{device}", full_page=False)
    if device == "mobile":  # on a phone the module list is a closed disclosure
        page.locator("summary", has_text="Course modules").click()
    page.locator(".reading-modules").scroll_into_view_if_needed()
    screenshot(page, f"module-list-{device}", full_page=False)

    page.goto(COURSE_URL)
    syllabus = page.locator(".syllabus")
    expect(syllabus.locator(".syllabus-item").nth(0).locator(".tick-module")).to_contain_text(
        "In progress"
    )
    expect(syllabus.locator(".syllabus-item").nth(1).locator(".tick-module")).to_contain_text(
        "Complete"
    )
    expect(syllabus.locator(".syllabus-item").nth(2).locator(".tick-module")).to_contain_text(
        "Not started"
    )
    expect(syllabus.locator(".tick-exercise").first).to_contain_text("Passed")
    syllabus.scroll_into_view_if_needed()
    axe_clean(page, f"course page with ticks ({device})")
    screenshot(page, f"syllabus-{device}")


@pytest.mark.parametrize("device", ["desktop", "mobile"])
def test_mark_as_complete_keeps_the_place_on_the_page_and_offers_the_next_module(
    request, device, learner, live_server, screenshot
):
    page = request.getfixturevalue("page" if device == "desktop" else "mobile_page")
    sign_in(page, learner, live_server)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(SECOND_URL)
    button = page.get_by_role("button", name="Mark as complete")
    button.scroll_into_view_if_needed()
    page.evaluate("window.__samePage = true")
    before = page.evaluate("window.scrollY")
    assert before > 2000  # far down a long page
    button.click()
    block = page.locator("#module-completion")
    expect(block.locator("h2")).to_have_text("You have completed this module")
    assert page.evaluate("window.__samePage === true")  # no reload
    assert abs(page.evaluate("window.scrollY") - before) < 400
    expect(block).to_be_focused()
    expect(page.locator('.module-list a[aria-current="page"] .tick-text')).to_have_text("Complete")
    expect(page.locator(".lesson-header .course-percent")).to_contain_text("of the course")
    next_link = block.get_by_role(
        "link", name="Next module: Statistical and mathematical foundations"
    )
    expect(next_link).to_be_visible()
    screenshot(page, f"completed-in-place-{device}", full_page=False)
    # Undo works in place as well.
    block.get_by_role("button", name="Mark as not complete").click()
    expect(page.locator("#module-completion h2")).to_have_text("Finished reading?")
    assert page.evaluate("window.__samePage === true"), errors
    assert not errors


def test_mark_as_complete_without_javascript_comes_back_to_the_block(
    browser, learner, live_server, screenshot
):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        base_url=live_server.url,
        java_script_enabled=False,
    )
    page = context.new_page()
    sign_in(page, learner, live_server)
    page.goto(SECOND_URL)
    page.get_by_role("button", name="Mark as complete").click()
    expect(page).to_have_url(re.compile(r"/data-preparation/#module-completion$"))
    block = page.locator("#module-completion")
    expect(block.locator("h2")).to_have_text("You have completed this module")
    assert page.evaluate("window.scrollY") > 2000
    expect(block).to_be_in_viewport()
    screenshot(page, "no-js-anchor", full_page=False)
    context.close()


def test_resume_returns_to_the_section_last_read(page, learner, live_server, screenshot, axe_clean):
    sign_in(page, learner, live_server)
    page.goto(SECOND_URL)
    page.evaluate("document.getElementById('outliers').scrollIntoView()")  # to the top
    enrollment = Enrollment.objects.get(user=learner)
    for _ in range(50):  # the beacon waits for the reader to settle (1.5 s)
        page.wait_for_timeout(200)
        enrollment.refresh_from_db()
        if enrollment.last_section:
            break
    assert enrollment.last_module == Module.objects.get(slug="data-preparation")
    assert enrollment.last_section == "outliers"

    page.goto("/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Mira Okafor")
    resume = page.get_by_role("link", name="Resume: Data handling and preparation")
    expect(resume).to_have_attribute("href", f"{SECOND_URL}#outliers")
    axe_clean(page, "dashboard with Resume")
    screenshot(page, "dashboard-resume", full_page=False)
    resume.click()
    expect(page).to_have_url(re.compile(r"/data-preparation/#outliers$"))
    expect(page.locator("#outliers")).to_be_in_viewport()


@pytest.mark.parametrize("device", ["desktop", "mobile"])
def test_leaving_a_course_asks_first(request, device, learner, live_server, screenshot, axe_clean):
    page = request.getfixturevalue("page" if device == "desktop" else "mobile_page")
    sign_in(page, learner, live_server)
    page.goto("/dashboard/")
    page.get_by_role("link", name=re.compile("Leave course")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Leave ")
    axe_clean(page, f"leave confirmation ({device})")
    screenshot(page, f"leave-confirm-{device}", full_page=False)
    page.get_by_role("link", name="Stay enrolled").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    assert Enrollment.objects.get(user=learner).is_active
    page.get_by_role("link", name=re.compile("Leave course")).click()
    page.get_by_role("button", name="Leave the course").click()
    expect(page.locator(".messages")).to_contain_text("You have left")
    assert not Enrollment.objects.get(user=learner).is_active
