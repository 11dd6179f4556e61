"""A new visitor's whole journey, in a real Chromium: from a course page through Enrol
Now, sign-up, a module and a graded exercise to the dashboard and a verified certificate.

Uses the small test course in tests/fixtures/content (pass mark 50%), synced with the
real ``sync_content``; grading runs in the real sandbox, in-process (no REDIS workers).
"""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.factories import ADD_SOLUTION, PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def test_course(fixture_content, settings):
    settings.SUBMISSION_RATE_LIMIT = 100
    call_command("sync_content", verbosity=0)


def _type_into_editor(page, code):
    editor = page.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)


def test_visitor_enrols_passes_an_exercise_and_earns_a_certificate(
    page, screenshot, test_course, tmp_path
):
    page.goto("/courses/test-course/")
    page.get_by_role("link", name=re.compile("Enrol Now", re.I)).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Enrol in Test Course")
    screenshot(page, "01-enrol-anonymous")

    page.locator("#main").get_by_role("link", name="Create account").click()
    expect(page.locator(".enrolling-banner")).to_contain_text("Test Course")
    page.locator("#id_email").fill("journey@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("button", name="Confirm enrolment")).to_be_visible()
    screenshot(page, "02-confirm")
    page.get_by_role("button", name="Confirm enrolment").click()
    expect(page).to_have_url(re.compile(r"/courses/test-course/first-steps/$"))
    expect(page.locator(".messages")).to_contain_text("Welcome to Test Course")
    screenshot(page, "03-first-module")

    page.get_by_role("link", name="Add two numbers", exact=True).click()
    expect(page.locator(".cm-editor")).to_be_visible()
    url_before = page.url
    _type_into_editor(page, ADD_SOLUTION)
    page.get_by_role("button", name="Submit", exact=True).click()
    result = page.locator("#submission-result")
    expect(result).to_have_attribute("data-status", "passed", timeout=30_000)
    assert page.url == url_before  # the result arrived without a reload
    expect(result).to_contain_text("2 / 2 points")
    screenshot(page, "04-exercise-passed")

    page.get_by_role("link", name="Reset to starter code").click(modifiers=[])
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(page.url.split("?")[0] + "?reset=1")
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(result).to_have_attribute("data-status", "failed", timeout=30_000)
    expect(result.locator(".test-failed").first).to_be_visible()
    expect(page.locator("#attempt-history")).to_contain_text("#2")
    screenshot(page, "05-exercise-failed")

    page.goto("/courses/test-course/first-steps/")
    expect(page.locator(".exercise-list")).to_contain_text("Your best: 2 / 2")
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.locator("#module-completion")).to_contain_text("You have completed Test Course.")

    page.get_by_role("link", name="Dashboard", exact=True).first.click()
    expect(page.get_by_role("progressbar")).to_have_attribute(
        "value", "66"
    )  # 2 of 3 items: read + 1 of 2 exercises
    screenshot(page, "06-dashboard")
    page.get_by_role("link", name="Confirm your name and get your certificate").click()
    page.get_by_label("Your name as it will be printed").fill("Journey Learner")
    page.get_by_role("button", name="Issue my certificate").click()
    expect(page.locator(".verify-banner")).to_contain_text("Verified.")
    expect(page.locator(".certificate-name")).to_have_text("Journey Learner")
    expect(page.get_by_role("link", name="Add to LinkedIn profile")).to_be_visible()
    screenshot(page, "07-certificate")

    page.emulate_media(media="print")
    page.set_viewport_size({"width": 1123, "height": 794})
    screenshot(page, "08-certificate-print", full_page=False)
    pdf = tmp_path / "certificate.pdf"
    page.pdf(path=str(pdf), format="A4", landscape=True, print_background=True)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5_000
    page.pdf(path=str(tmp_path / "letter.pdf"), format="Letter", landscape=True)
    from tests.browser.conftest import SCREENSHOTS

    (SCREENSHOTS / "certificate-a4.pdf").write_bytes(pdf.read_bytes())
