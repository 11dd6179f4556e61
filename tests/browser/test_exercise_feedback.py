"""Feedback that teaches, in a real Chromium on a desktop and a 390 px phone: a failing
case shows its hint, progressive hints are revealed one at a time, a pass offers the next
step and updates the best-score badge in place, and the reference solution appears only
after a pass. Grading runs in the real sandbox, in-process, as in ``make run``.
"""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from courseware.models import Exercise
from enrollment.services import enrollment_create
from tests.courseware.content.tree import ContentTree
from tests.factories import ADD_SOLUTION, ADD_WRONG, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

EXERCISE_MD = """\
---
title: {title}
module: {module}
order: {order}
entry: add
points: 2
estimated_minutes: 10
hints:
  - Python's `+` operator adds two numbers; `-` takes one away.
  - Your function must **return** the sum. Printing it is not enough.
  - The whole body can be one line, `return a + b`.
---
Write `add(a, b)` that returns the sum of two integers.
"""
CASES = """\
from grader.cases import Case


def cases(rng, reference):
    yield Case("small numbers", args=(1, 2), expected=reference(1, 2), visible=True,
               hint="Check the operator: the answer is a plus b.")
    a, b = -int(rng.integers(1, 10)), int(rng.integers(1, 10))  # drawn per submission
    yield Case("negative numbers", args=(a, b), expected=reference(a, b),
               hint="Try a negative first argument yourself: does your code still add?")
"""
EXPLANATION = """\
One addition does it: `a + b` works for negative numbers as well as positive ones.

A common mistake is to `print` the sum instead of returning it: the tests call your
function and read what it **returns**.
"""
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "mobile": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}


@pytest.fixture
def course(tmp_path, settings):
    """Two modules: the first with two exercises, the second with one."""
    settings.CONTENT_DIR = tmp_path / "content"
    settings.SUBMISSION_RATE_LIMIT = 100
    tree = ContentTree(settings.CONTENT_DIR)
    tree.course("alpha", title="Alpha Course")
    tree.module("alpha", "01-first-steps", title="First steps")
    tree.module("alpha", "02-next-steps", title="Next steps")
    for slug, title, module, order in [
        ("add-numbers", "Add two numbers", "first-steps", 1),
        ("add-again", "Add again", "first-steps", 2),
        ("add-once-more", "Add once more", "next-steps", 1),
    ]:
        base = f"courses/alpha/exercises/{slug}"
        tree.write(
            f"{base}/exercise.md", EXERCISE_MD.format(title=title, module=module, order=order)
        )
        tree.write(f"{base}/starter.py", "def add(a, b):\n    return 0\n")
        tree.write(f"{base}/solution.py", f"def add(a, b):\n    return a + b  # {slug} reference\n")
        tree.write(f"{base}/cases.py", CASES)
        tree.write(f"{base}/explanation.md", EXPLANATION)
    call_command("sync_content", verbosity=0)
    return tree


@pytest.fixture
def learner_session(course):
    """An enrolled learner, and the session cookie that signs a browser in as them."""
    from courseware.models import Course

    user = UserFactory()
    enrollment_create(user=user, course=Course.objects.get(slug="alpha"))
    client = Client()
    client.force_login(user)
    return user, client.cookies["sessionid"].value


def signed_in(browser, live_server, session, **options):
    context = browser.new_context(base_url=live_server.url, **options)
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    return context


@pytest.fixture(params=list(VIEWPORTS))
def learner_page(request, browser, live_server, learner_session):
    """A signed-in learner's page, on a desktop and on a phone (``.viewport_name``)."""
    context = signed_in(browser, live_server, learner_session[1], **VIEWPORTS[request.param])
    page = context.new_page()
    page.viewport_name = request.param
    yield page
    context.close()


def type_code(page, code):
    editor = page.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)


def submit(page, code, status):
    type_code(page, code)
    page.get_by_role("button", name="Submit", exact=True).click()
    result = page.locator("#submission-result")
    expect(result).to_have_attribute("data-status", status, timeout=30_000)
    return result


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def shot(screenshot, page, name):
    screenshot(page, f"{page.viewport_name}-{name}")


def test_a_fail_shows_case_hints_then_a_pass_shows_the_next_step_badge_and_solution(
    learner_page, screenshot, live_server
):
    page = learner_page
    page.goto("/courses/alpha/exercises/add-numbers/")
    url = page.url
    badge = page.locator("#best-score")
    expect(badge).to_be_hidden()  # no attempt yet: nothing to show
    expect(page.locator("#solution")).to_contain_text("Pass this exercise to see")
    assert "add-numbers reference" not in page.content()
    refused = page.request.get(f"{live_server.url}/courses/alpha/exercises/add-numbers/solution/")
    assert refused.status == 404

    result = submit(page, ADD_WRONG, "failed")
    visible, hidden = result.locator(".test-failed").all()
    expect(visible.locator(".test-hint")).to_have_text(
        "Hint: Check the operator: the answer is a plus b."
    )
    expect(hidden.locator(".test-hint")).to_contain_text("Try a negative first argument")
    expect(hidden).not_to_contain_text("Expected")
    expect(badge).to_have_text("Best score: 0 / 2")  # in place, without a reload
    expect(page.locator(".next-step")).to_have_count(0)
    assert no_sideways_scroll(page)
    result.scroll_into_view_if_needed()
    shot(screenshot, page, "01-failed-with-case-hints")

    result = submit(page, ADD_SOLUTION, "passed")
    assert page.url == url
    expect(badge).to_have_text("Best score: 2 / 2 · passed")
    expect(badge.locator(".badge")).to_have_class(re.compile("badge-success"))
    next_step = page.locator("#result .next-step")
    expect(next_step).to_contain_text("You passed this exercise.")
    expect(next_step.get_by_role("link", name="Next exercise: Add again")).to_have_attribute(
        "href", "/courses/alpha/exercises/add-again/"
    )
    # The locked notice became a way in, without a reload; the code is not fetched yet.
    expect(page.locator("#solution-locked")).to_have_count(0)
    expect(page.locator("#solution")).to_contain_text("You passed, so you can compare")
    assert "add-numbers reference" not in page.content()
    assert no_sideways_scroll(page)
    next_step.scroll_into_view_if_needed()
    shot(screenshot, page, "02-passed-next-step")

    next_step.get_by_role("link", name="See how we solved it").click()
    solution = page.locator("#solution")
    expect(solution.locator(".solution-code")).to_contain_text("add-numbers reference")
    expect(solution).to_contain_text("A common mistake is to print the sum")
    expect(page.locator("#solution-heading")).to_be_focused()
    assert solution.locator(".highlight .k").count() >= 2  # Pygments tokens: def, return
    assert page.url == url
    assert no_sideways_scroll(page)
    shot(screenshot, page, "03-solution-shown")

    # Coming back later, the page itself says so at the top and offers the same next step.
    page.reload()
    top = page.locator(".exercise-prompt .next-step")
    expect(top).to_contain_text("You have passed this exercise.")
    expect(page.locator("#best-score")).to_have_text("Best score: 2 / 2 · passed")
    expect(page.locator("#result .next-step")).to_have_count(0)  # said once, at the top
    page.evaluate("window.scrollTo(0, 0)")
    shot(screenshot, page, "04-returning-after-a-pass")

    top.get_by_role("link", name="Next exercise: Add again").click()
    expect(page).to_have_url(re.compile(r"/courses/alpha/exercises/add-again/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add again")


def test_progressive_hints_are_revealed_in_order_and_kept(learner_page, screenshot):
    page = learner_page
    page.goto("/courses/alpha/exercises/add-numbers/")
    hints = page.locator("#hints")
    expect(hints).to_contain_text("Hints are free")
    expect(hints.locator(".hint")).to_have_count(0)
    hints.get_by_role("button", name="Show hint 1 of 3").click()
    expect(hints.locator(".hint")).to_have_count(1)
    hints.get_by_role("button", name="Show hint 2 of 3").click()
    expect(hints.locator(".hint")).to_have_count(2)
    expect(page.locator("#hint-2")).to_be_focused()
    expect(page.locator("#hint-2")).to_contain_text("must return the sum")
    expect(page.locator("#hint-1 code").first).to_have_text("+")  # Markdown, rendered
    assert no_sideways_scroll(page)
    hints.scroll_into_view_if_needed()
    shot(screenshot, page, "05-two-hints")

    page.reload()
    expect(page.locator("#hints .hint")).to_have_count(2)
    expect(page.locator("#hints")).to_contain_text("Show hint 3 of 3")


def test_the_last_exercise_of_a_module_leads_to_the_next_module(
    browser, live_server, learner_session, screenshot
):
    context = signed_in(browser, live_server, learner_session[1], **VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto("/courses/alpha/exercises/add-again/")
    submit(page, ADD_SOLUTION, "passed")
    next_step = page.locator("#result .next-step")
    expect(next_step).to_contain_text("That was the last exercise of this module.")
    expect(next_step.get_by_role("link", name="Next module: Next steps")).to_have_attribute(
        "href", "/courses/alpha/next-steps/"
    )
    expect(next_step.get_by_role("link", name="Back to the module")).to_have_attribute(
        "href", "/courses/alpha/first-steps/"
    )
    next_step.scroll_into_view_if_needed()
    screenshot(page, "desktop-06-last-of-module")
    context.close()


def test_hints_and_the_solution_work_without_javascript(
    browser, live_server, learner_session, screenshot
):
    user, session = learner_session
    context = signed_in(browser, live_server, session, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/courses/alpha/exercises/add-numbers/")
        page.get_by_role("button", name="Show hint 1 of 3").click()
        expect(page).to_have_url(f"{live_server.url}/courses/alpha/exercises/add-numbers/#hints")
        expect(page.locator("#hint-1")).to_contain_text("operator adds two numbers")

        SubmissionFactory(user=user, exercise=Exercise.objects.get(slug="add-numbers"), passed=True)
        page.goto("/courses/alpha/exercises/add-numbers/")
        expect(page.locator(".exercise-prompt .next-step")).to_contain_text("Next exercise")
        page.get_by_role("link", name="See how we solved it").click()
        expect(page).to_have_url(f"{live_server.url}/courses/alpha/exercises/add-numbers/solution/")
        expect(page.locator(".solution-code")).to_contain_text("add-numbers reference")
        expect(page.get_by_role("link", name="Next exercise: Add again")).to_be_visible()
        screenshot(page, "desktop-07-solution-page-without-js")
    finally:
        context.close()
