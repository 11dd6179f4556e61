"""Results on screen at once, in a real Chromium: a result stored by the grading service
appears without a reload, on a desktop and a phone; a hidden page lets go of its
waiting request and catches up when shown; failed requests are retried; with waiting
turned off the page polls; without JavaScript the refresh link shows the result.

The channel is whichever the settings give: in-process on a laptop, Redis when
REDIS_URL is set (CI).
"""

import re
import time

import pytest
from playwright.sync_api import expect

from courseware import services
from courseware.models import Submission
from tests.browser import test_exercise_page as exercise_page
from tests.browser.test_exercise_page import (
    buttons_disabled,
    finish,
    open_exercise,
    sign_in,
    store,
    type_code,
)
from tests.factories import ADD_SOLUTION

pytestmark = pytest.mark.django_db(transaction=True)


# The exercise page's fixtures, shared: ``device`` (desktop and phone), ``exercise``,
# an enrolled ``learner`` and ``no_grader``.
device = exercise_page.device
exercise = exercise_page.exercise
learner = exercise_page.learner
no_grader = exercise_page.no_grader

NEWS = "**/submissions/*/**"


def news_requests(page) -> list[str]:
    """Every request the page makes for news of a submission, as it makes them."""
    sent = []
    page.on("request", lambda request: "/submissions/" in request.url and sent.append(request.url))
    return sent


def run_visible_tests(page):
    page.get_by_role("button", name="Run visible tests").click()
    expect(page.locator("#result #submission-result")).to_have_attribute("data-status", "queued")
    return Submission.objects.get(kind="run", status="queued")


def set_hidden(page, hidden: bool):
    """What switching to another tab (or back) does to the page."""
    page.evaluate(
        """hidden => {
             Object.defineProperty(document, 'hidden', {value: hidden, configurable: true});
             Object.defineProperty(document, 'visibilityState',
               {value: hidden ? 'hidden' : 'visible', configurable: true});
             document.dispatchEvent(new Event('visibilitychange'));
           }""",
        hidden,
    )


def test_a_result_graded_by_the_service_appears_without_a_reload(
    device, exercise, learner, live_server, no_grader, screenshot, axe_clean
):
    page = device
    sign_in(page, learner, live_server)
    open_exercise(page, exercise)
    type_code(page, ADD_SOLUTION.replace("    ", ""))
    page.evaluate("window.__samePage = true")
    page.get_by_role("button", name="Submit", exact=True).click()
    result = page.locator("#result #submission-result")
    expect(result).to_have_attribute("data-status", "queued")
    expect(page.locator("#result")).to_contain_text("Queued…")
    assert buttons_disabled(page) == [True, True]
    sent = news_requests(page)
    screenshot(page, f"{page.device}-01-queued")

    # The worker's part, in the real sandbox: marks it running, grades, stores, announces.
    submission = Submission.objects.get()
    services.submission_grade(submission_id=submission.pk, worker="test")

    expect(result).to_have_attribute("data-status", "passed")
    expect(page.locator("#result")).to_contain_text("Attempt 1")
    expect(page.locator("#attempt-history")).to_contain_text("#1")
    assert page.evaluate("window.__samePage") is True  # never reloaded
    assert buttons_disabled(page) == [False, False]
    assert all("shown=" in url for url in sent)  # each request said what the page showed
    screenshot(page, f"{page.device}-02-result")
    axe_clean(page, f"a result that arrived while waiting ({page.device})")


def test_a_hidden_page_lets_go_of_its_request_and_catches_up_when_shown(
    page, exercise, learner, live_server, no_grader
):
    sign_in(page, learner, live_server)
    open_exercise(page, exercise)
    cancelled = []
    page.on(
        "requestfailed",
        lambda request: "/submissions/" in request.url and cancelled.append(request.url),
    )
    sent = news_requests(page)
    run = run_visible_tests(page)
    deadline = time.monotonic() + 10
    while not sent:  # the page has started waiting for news
        assert time.monotonic() < deadline, "the page never asked for news"
        page.wait_for_timeout(20)

    set_hidden(page, True)
    deadline = time.monotonic() + 10
    while not cancelled:
        assert time.monotonic() < deadline, "the waiting request was not let go"
        page.wait_for_timeout(20)
    asked_before = len(sent)
    finish(run)
    page.wait_for_timeout(1500)  # longer than the server's recheck and the page's back-off
    assert len(sent) == asked_before  # nothing asked while hidden
    expect(page.locator("#result #submission-result")).to_have_attribute("data-status", "queued")

    set_hidden(page, False)
    expect(page.locator("#result #submission-result")).to_have_attribute("data-status", "passed")
    assert buttons_disabled(page) == [False, False]


def test_failed_requests_for_news_are_retried_until_the_result_arrives(
    page, exercise, learner, live_server, no_grader
):
    sign_in(page, learner, live_server)
    open_exercise(page, exercise)
    refused = []

    def flaky(route):
        if len(refused) < 3:  # the connection drops, then the server restarts
            refused.append(route.request.url)
            return route.abort() if len(refused) < 3 else route.fulfill(status=502, body="")
        return route.continue_()

    page.route(NEWS, flaky)
    run = run_visible_tests(page)
    store(run, status="running")
    expect(page.locator("#result")).to_contain_text("Running…")
    assert len(refused) == 3
    # A worker died and the sweep queued it again: the page says so, then shows the result.
    store(run, status="queued")
    expect(page.locator("#result")).to_contain_text("Queued…")
    finish(run)
    expect(page.locator("#result #submission-result")).to_have_attribute("data-status", "passed")
    assert buttons_disabled(page) == [False, False]


def test_with_waiting_turned_off_the_page_polls_with_back_off(
    page, exercise, learner, live_server, no_grader, settings
):
    settings.LIVE_WAIT_SECONDS = 0
    sign_in(page, learner, live_server)
    open_exercise(page, exercise)
    answers = []
    page.on(
        "response",
        lambda response: (
            "/submissions/" in response.url
            and answers.append((response.status, response.headers.get("x-live-waited")))
        ),
    )
    run = run_visible_tests(page)
    deadline = time.monotonic() + 10
    while len(answers) < 3:  # asked again and again, each answered at once
        assert time.monotonic() < deadline, "the page stopped asking"
        page.wait_for_timeout(20)
    assert set(answers) == {(204, "0")}
    finish(run)
    expect(page.locator("#result #submission-result")).to_have_attribute("data-status", "passed")


def test_without_javascript_the_refresh_link_shows_the_stored_result(
    browser, exercise, learner, live_server, no_grader, screenshot
):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    sign_in(page, learner, live_server)
    page.goto(exercise.get_absolute_url())
    page.locator("#code").fill(ADD_SOLUTION)
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page).to_have_url(re.compile(r"\?submission=\d+#result$"))
    expect(page.locator("#result")).to_contain_text("Queued… Waiting for a grader.")

    finish(Submission.objects.get())
    page.get_by_role("link", name="Refresh to see the result").click()
    expect(page.locator("#result")).to_contain_text("2 / 2 points")
    expect(page.locator("#result")).to_contain_text("Attempt 1")
    expect(page.get_by_role("link", name="Refresh to see the result")).to_have_count(0)
    screenshot(page, "no-javascript-result")
    context.close()
