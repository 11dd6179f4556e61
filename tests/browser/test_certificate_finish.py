"""Finishing a course in a real Chromium: the page that met the last requirement says so,
the learner confirms the name on the certificate, opens it, copies its link and
downloads its PDF; on a 390 px phone too, and without JavaScript.

Uses the small test course in tests/fixtures/content (one module, two exercises of two
points, pass mark 50%): passing one exercise and marking the module complete finishes it.
Grading runs in the real sandbox, in-process.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect
from pypdf import PdfReader

from courseware.models import Course, Exercise, Module
from enrollment import services
from enrollment.models import Certificate
from tests.factories import ADD_SOLUTION, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

COURSE = "/courses/test-course/"
MODULE = "/courses/test-course/first-steps/"
EXERCISE = "/courses/test-course/exercises/add-numbers/"
CLAIM = "/courses/test-course/certificate/"


@pytest.fixture
def test_course(fixture_content, settings):
    settings.SUBMISSION_RATE_LIMIT = 100
    call_command("sync_content", verbosity=0)
    return Course.objects.get(slug="test-course")


def enrolled_learner(course, **fields):
    learner = UserFactory(**fields)
    services.enrollment_create(user=learner, course=course)
    return learner


def sign_in(page, user, live_server):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width} px wide"


def test_passing_the_last_exercise_confirming_the_name_copy_link_and_pdf(
    page, live_server, test_course, screenshot, axe_clean
):
    learner = enrolled_learner(test_course, full_name="")  # no name given at sign-up
    services.module_complete(user=learner, module=Module.objects.get(slug="first-steps"))
    sign_in(page, learner, live_server)

    # The last requirement: a passing exercise, graded while the learner waits.
    page.goto(EXERCISE)
    expect(page.locator(".cm-editor")).to_be_visible()
    page.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(ADD_SOLUTION)
    page.get_by_role("button", name="Submit", exact=True).click()
    result = page.locator("#submission-result")
    expect(result).to_have_attribute("data-status", "passed", timeout=30_000)
    finished = page.locator(".course-finished")
    expect(finished).to_contain_text("You have completed Test Course.")
    axe_clean(page, "the finished notice under a passing result", context=".course-finished")
    screenshot(page, "01-exercise-finishes-the-course")
    assert not Certificate.objects.exists()  # issued only once the name is confirmed

    finished.get_by_role("link", name="Confirm your name and get your certificate").click()
    expect(page).to_have_url(re.compile(re.escape(CLAIM) + "$"))
    name = page.get_by_label("Your name as it will be printed")
    expect(name).to_have_value("")  # not the email's local part
    axe_clean(page, "the name confirmation")
    page.get_by_role("button", name="Issue my certificate").click()
    expect(page.locator(".field-errors")).to_contain_text("Enter your name as you want it printed.")
    expect(page.get_by_label("Your name as it will be printed")).to_have_attribute(
        "aria-invalid", "true"
    )
    screenshot(page, "02-name-required")
    page.get_by_label("Your name as it will be printed").fill("Zoë Ngụyễn")
    page.get_by_role("button", name="Issue my certificate").click()

    certificate = Certificate.objects.get(user=learner)
    verify_url = f"{live_server.url}/certificates/{certificate.pk}/"
    expect(page).to_have_url(verify_url)
    expect(page.locator(".certificate-name")).to_have_text("Zoë Ngụyễn")
    expect(page.locator(".verify-banner")).to_contain_text("Verified.")
    axe_clean(page, "the certificate")
    screenshot(page, "03-certificate")

    # Copy link: the clipboard gets the verify URL and the page says it did.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator(".copy-status")).to_contain_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == verify_url
    screenshot(page, "04-link-copied", full_page=False)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    assert download.value.suggested_filename == f"certificate-{certificate.pk}.pdf"
    text = PdfReader(io.BytesIO(open(download.value.path(), "rb").read())).pages[0].extract_text()
    assert "Zoë Ngụyễn" in text and verify_url in text and "Test Course" in text

    # Everywhere else now leads to the certificate.
    page.goto("/dashboard/")
    course_card = page.locator(".dashboard-course")
    expect(course_card.get_by_role("link", name="View certificate")).to_have_attribute(
        "href", certificate.get_absolute_url()
    )
    expect(course_card).not_to_contain_text("Resume")
    axe_clean(page, "the dashboard of a finished course")
    screenshot(page, "05-dashboard-completed")
    page.goto(MODULE)
    page.get_by_role("link", name=re.compile("Your certificate for Test Course")).click()
    expect(page).to_have_url(verify_url)


def test_mark_as_complete_finishes_the_course_on_a_phone(
    mobile_page, live_server, test_course, screenshot, axe_clean
):
    page = mobile_page
    learner = enrolled_learner(test_course, full_name="Lukasz Nowak")
    SubmissionFactory(user=learner, exercise=Exercise.objects.get(slug="add-numbers"), passed=True)
    sign_in(page, learner, live_server)

    page.goto(MODULE)
    page.get_by_role("button", name="Mark as complete").click()
    finished = page.locator(".course-finished")
    expect(finished).to_contain_text("You have completed Test Course.")
    finished.scroll_into_view_if_needed()
    screenshot(page, "01-module-finishes-the-course", full_page=False)
    axe_clean(page, "the module's completion card", context=".module-completion")
    no_sideways_scroll(page)

    finished.get_by_role("link", name="Confirm your name and get your certificate").click()
    expect(page.locator(".claim-name")).to_have_text("Lukasz Nowak")
    name = page.get_by_label("Your name as it will be printed")
    expect(name).to_have_value("Lukasz Nowak")
    name.fill("Łukasz Nowak")  # corrected before it is printed
    screenshot(page, "02-confirm-name")
    axe_clean(page, "the name confirmation on a phone")
    no_sideways_scroll(page)
    page.get_by_role("button", name="Confirm and issue my certificate").click()
    expect(page.locator(".certificate-name")).to_have_text("Łukasz Nowak")
    page.goto("/dashboard/")
    expect(page.get_by_role("link", name="View certificate")).to_be_visible()
    axe_clean(page, "the dashboard of a finished course on a phone")
    no_sideways_scroll(page)
    screenshot(page, "04-dashboard")
    page.get_by_role("link", name="View certificate").click()

    expect(page.locator(".certificate-name")).to_have_text("Łukasz Nowak")
    expect(page.get_by_role("link", name="Download PDF")).to_be_visible()
    expect(page.get_by_role("button", name="Copy link")).to_be_visible()
    screenshot(page, "05-certificate")
    axe_clean(page, "the certificate on a phone")
    no_sideways_scroll(page)


def test_without_javascript_the_link_is_shown_to_copy_by_hand(
    browser, live_server, test_course, screenshot
):
    learner = enrolled_learner(test_course)
    SubmissionFactory(user=learner, exercise=Exercise.objects.get(slug="add-numbers"), passed=True)
    services.module_complete(user=learner, module=Module.objects.get(slug="first-steps"))
    certificate, _ = services.certificate_claim(
        user=learner, course=test_course, full_name="Ada Lovelace"
    )
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}, base_url=live_server.url
    )
    page = context.new_page()
    try:
        page.goto(certificate.get_absolute_url())
        link = page.get_by_label("Link to this certificate")
        expect(link).to_have_value(f"{live_server.url}{certificate.get_absolute_url()}")
        expect(page.get_by_role("button", name="Copy link")).to_be_hidden()
        expect(page.get_by_role("link", name="Download PDF")).to_be_visible()
        screenshot(page, "certificate-without-javascript")
    finally:
        context.close()
