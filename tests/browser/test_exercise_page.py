"""The exercise page in a real Chromium, on a desktop and a 390 px phone: drafts kept on
the server (and in the browser for visitors), the grading state while a run is queued
or running, an ended session shown in the result panel, the focus ring, "Jump to
editor", and axe-core before and after a result.

Grading state tests keep submissions queued (nothing is sent to a grader) and move them
through running and finished by writing the row and announcing it, as a worker's
service does (``courseware.live``).
"""

import random
import re
import statistics
import time

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from courseware import live, services
from courseware.models import Draft, Submission
from enrollment.models import Enrollment
from tests.factories import (
    ADD_SOLUTION,
    PASSWORD,
    ExerciseFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

DEVICES = ["desktop", "mobile"]
TYPED = "def add(a, b):\n# kept as a draft\nreturn a + b"


@pytest.fixture(params=DEVICES)
def device(request):
    """Each test that takes ``device`` runs twice: desktop (1280x900) and a phone."""
    page = request.getfixturevalue("page" if request.param == "desktop" else "mobile_page")
    page.device = request.param
    return page


@pytest.fixture
def exercise(fixture_content):
    """The test course's "Add two numbers", which the real grader can load."""
    return ExerciseFactory()


@pytest.fixture
def learner(exercise):
    user = UserFactory()
    Enrollment.objects.create(user=user, course=exercise.course)
    return user


@pytest.fixture
def no_grader(monkeypatch):
    """Submissions stay queued: the test plays the worker."""
    monkeypatch.setattr(services, "submission_enqueue", lambda *, submission_id: True)


def sign_in(page, user, live_server):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def open_exercise(page, exercise):
    page.goto(exercise.get_absolute_url())
    expect(page.locator(".cm-editor")).to_be_visible()


def type_code(page, code):
    page.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(code)
    page.keyboard.press("Escape")  # close the completion list, which covers the buttons


def editor_text(page) -> str:
    return page.evaluate("window.CodeEditors.get('code').state.doc.toString()")


def buttons_disabled(page) -> list[bool]:
    return page.evaluate(
        "[...document.querySelectorAll('#editor-form button[type=submit]')].map(b => b.disabled)"
    )


def store(submission, **fields):
    """Change the row, then announce it, as ``courseware.services`` does after commit."""
    Submission.objects.filter(pk=submission.pk).update(**fields)
    live.submission_changed(submission_id=submission.pk, status=fields["status"])


def finish(submission, *, passed=True):
    store(
        submission,
        status="passed" if passed else "failed",
        score=2 if passed else 0,
        max_score=2,
        feedback=[
            {
                "name": "small numbers",
                "passed": passed,
                "points": 1 if passed else 0,
                "max_points": 1,
                "visible": True,
                "message": "" if passed else "expected 5, got -1",
            }
        ],
        finished_at=timezone.now(),
    )


# -- drafts --------------------------------------------------------------------------


def test_a_draft_typed_then_reloaded_comes_back(
    device, browser, exercise, learner, live_server, screenshot
):
    page = device
    sign_in(page, learner, live_server)
    open_exercise(page, exercise)
    type_code(page, TYPED)
    status = page.locator("#draft-status")
    expect(status).to_have_text("Saved")
    screenshot(page, f"{page.device}-draft-saved", full_page=False)
    draft = Draft.objects.get(user=learner, exercise=exercise)
    assert draft.code == editor_text(page)
    assert "# kept as a draft" in draft.code

    page.reload()
    expect(page.locator(".cm-editor")).to_be_visible()
    assert editor_text(page) == draft.code
    expect(status).to_have_text("Draft restored")
    screenshot(page, f"{page.device}-draft-restored", full_page=False)

    # Another device: a fresh browser, the same learner.
    other = browser.new_context(base_url=live_server.url).new_page()
    sign_in(other, learner, live_server)
    open_exercise(other, exercise)
    assert editor_text(other) == draft.code
    other.context.close()


def test_leaving_the_page_saves_without_waiting_for_the_pause(page, exercise, learner, live_server):
    sign_in(page, learner, live_server)
    open_exercise(page, exercise)
    page.locator(".cm-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.type("# typed just before leaving")
    page.goto("/")  # at once: no second's pause for the debounce
    deadline = time.monotonic() + 10
    while not Draft.objects.filter(code__contains="just before leaving").exists():
        assert time.monotonic() < deadline, "the draft was not sent when the page was left"
        time.sleep(0.1)


def test_an_oversized_draft_says_why_it_was_not_saved_and_keeps_the_code(
    page, exercise, learner, live_server, settings, screenshot
):
    settings.SUBMISSION_MAX_CODE_BYTES = 200
    sign_in(page, learner, live_server)
    open_exercise(page, exercise)
    big = "# " + "x" * 300 + "\n"
    page.evaluate(
        """code => { const view = window.CodeEditors.get('code');
             view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: code}});
             view.dom.dispatchEvent(new Event('input', {bubbles: true})); }""",
        big,
    )
    status = page.locator("#draft-status")
    expect(status).to_contain_text("Not saved: Your code is 303 bytes; the limit is 200.")
    expect(status).to_contain_text("Your code is kept in this browser.")
    expect(page.locator("#draft-alert")).to_contain_text("Not saved")  # announced once
    screenshot(page, "draft-too-large", full_page=False)
    assert editor_text(page) == big
    kept = page.evaluate(
        "key => JSON.parse(localStorage.getItem(key)).code", f"draft:test-course/{exercise.slug}"
    )
    assert kept == big and not Draft.objects.exists()


def test_a_visitor_keeps_a_draft_in_the_browser_until_signing_in(
    page, exercise, learner, live_server, screenshot
):
    open_exercise(page, exercise)
    type_code(page, TYPED)
    expect(page.locator("#draft-status")).to_contain_text("Saved in this browser")
    page.reload()
    expect(page.locator(".cm-editor")).to_be_visible()
    assert "# kept as a draft" in editor_text(page)
    expect(page.locator("#draft-status")).to_contain_text("Restored from this browser")
    screenshot(page, "visitor-draft-restored", full_page=False)
    assert not Draft.objects.exists()

    page.locator("#draft-status").get_by_role("link", name="Sign in").click()
    page.locator("#id_login, #id_email").first.fill(learner.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{live_server.url}{exercise.get_absolute_url()}")
    expect(page.locator("#draft-status")).to_have_text("Saved")
    assert "# kept as a draft" in Draft.objects.get(user=learner, exercise=exercise).code
    kept = page.evaluate("key => localStorage.getItem(key)", f"draft:test-course/{exercise.slug}")
    assert kept is None  # moved to the server, so no longer in the browser


def test_a_browser_copy_that_differs_from_the_server_is_offered(
    page, exercise, learner, live_server, screenshot
):
    services.draft_save(user=learner, exercise=exercise, code="# from the server\n")
    sign_in(page, learner, live_server)
    key = f"draft:test-course/{exercise.slug}"
    page.add_init_script(
        f"localStorage.setItem('{key}', JSON.stringify("
        "{code: '# kept in this browser\\n', savedAt: Date.now()}))"
    )
    open_exercise(page, exercise)
    offer = page.get_by_role("region", name="Code kept in this browser")
    expect(offer).to_be_visible()
    assert editor_text(page) == "# from the server\n"  # nothing replaced without asking
    screenshot(page, "browser-copy-offered", full_page=False)
    offer.get_by_role("button", name="Use the kept code").click()
    expect(offer).to_be_hidden()
    assert editor_text(page) == "# kept in this browser\n"
    expect(page.locator("#draft-status")).to_have_text("Saved")
    assert Draft.objects.get(user=learner).code == "# kept in this browser\n"


def test_a_browser_copy_is_only_offered_when_the_starter_code_was_asked_for(
    page, exercise, learner, live_server
):
    sign_in(page, learner, live_server)
    key = f"draft:test-course/{exercise.slug}"
    page.add_init_script(
        f"localStorage.setItem('{key}', JSON.stringify({{code: '# kept\\n', savedAt: 1}}))"
    )
    page.goto(f"{exercise.get_absolute_url()}?reset=1")
    expect(page.get_by_role("region", name="Code kept in this browser")).to_be_visible()
    assert editor_text(page) == exercise.starter_code
    assert not Draft.objects.exists()


def test_reset_asks_first_then_discards_the_draft(page, exercise, learner, live_server):
    sign_in(page, learner, live_server)
    open_exercise(page, exercise)
    type_code(page, TYPED)
    expect(page.locator("#draft-status")).to_have_text("Saved")
    reset = page.get_by_role("link", name="Reset to starter code")

    page.once("dialog", lambda dialog: dialog.dismiss())
    reset.click()
    assert "# kept as a draft" in editor_text(page)
    assert Draft.objects.filter(user=learner).exists()

    page.once("dialog", lambda dialog: dialog.accept())
    reset.click()
    expect(page.locator("#draft-status")).to_have_text("Reset to the starter code.")
    assert editor_text(page) == exercise.starter_code
    assert not Draft.objects.filter(user=learner).exists()
    page.reload()
    expect(page.locator(".cm-editor")).to_be_visible()
    assert editor_text(page) == exercise.starter_code


# -- grading state -----------------------------------------------------------------------


def test_a_run_shows_queued_then_running_and_disables_both_buttons(
    device, exercise, learner, live_server, no_grader, screenshot, axe_clean
):
    page = device
    earlier = SubmissionFactory(user=learner, exercise=exercise, failed=True, attempt=1)
    sign_in(page, learner, live_server)
    open_exercise(page, exercise)
    result = page.locator("#submission-result")
    expect(result).to_have_attribute("data-status", "failed")
    assert buttons_disabled(page) == [False, False]
    axe_clean(page, f"the exercise page with a result ({page.device})")

    # Hold the request, to see what the learner sees before the server answers.
    held = []
    page.route("**/exercises/*/", lambda route: held.append(route))
    page.get_by_role("button", name="Run visible tests").click()
    panel = page.locator("#result")
    expect(panel).to_contain_text("Queued…")
    expect(panel.locator("[data-pending]")).to_contain_text("Visible tests")
    assert buttons_disabled(page) == [True, True]
    previous = page.locator("#previous-result")
    expect(previous).to_be_visible()
    expect(previous).to_contain_text("Previous result")
    expect(previous).to_contain_text("Attempt 1")
    screenshot(page, f"{page.device}-01-queued-before-the-answer")
    held[0].continue_()
    page.unroute("**/exercises/*/")

    expect(panel.locator("#submission-result")).to_have_attribute("data-status", "queued")
    run = Submission.objects.get(kind="run")
    expect(panel.locator("#submission-result")).to_have_attribute("data-status", "queued")
    assert buttons_disabled(page) == [True, True]
    axe_clean(page, f"a queued run ({page.device})")

    store(run, status="running")
    expect(panel).to_contain_text("Running…")
    assert buttons_disabled(page) == [True, True]
    expect(previous).to_be_visible()
    screenshot(page, f"{page.device}-02-running")

    finish(run)
    expect(panel.locator("#submission-result")).to_have_attribute("data-status", "passed")
    expect(panel).to_contain_text("2 / 2 points")
    assert buttons_disabled(page) == [False, False]
    expect(previous).to_be_hidden()
    screenshot(page, f"{page.device}-03-result")
    axe_clean(page, f"the exercise page after a result ({page.device})")
    assert earlier.pk != run.pk


def test_a_page_opened_during_grading_polls_and_keeps_the_buttons_off(
    page, exercise, learner, live_server, no_grader
):
    running = SubmissionFactory(user=learner, exercise=exercise, attempt=1, status="running")
    sign_in(page, learner, live_server)
    open_exercise(page, exercise)
    expect(page.locator("#result")).to_contain_text("Running…")
    assert buttons_disabled(page) == [True, True]
    finish(running, passed=False)
    expect(page.locator("#submission-result")).to_have_attribute("data-status", "failed")
    expect(page.locator("#attempt-history")).to_contain_text("Failed")
    assert buttons_disabled(page) == [False, False]


def test_a_real_grade_arrives_without_a_reload_and_axe_finds_nothing_serious(
    device, exercise, learner, live_server, screenshot, axe_clean
):
    """In-process grading in the real sandbox, as ``make run`` does."""
    page = device
    sign_in(page, learner, live_server)
    open_exercise(page, exercise)
    axe_clean(page, f"the exercise page before any result ({page.device})")
    url = page.url
    type_code(page, ADD_SOLUTION.replace("    ", ""))
    page.get_by_role("button", name="Submit", exact=True).click()
    result = page.locator("#result #submission-result")
    expect(result).to_have_attribute("data-status", "passed", timeout=30_000)
    assert page.url == url
    expect(page.locator("#attempt-history")).to_contain_text("#1")
    expect(page.locator("#draft-status")).to_have_text("Saved")
    screenshot(page, f"{page.device}-graded")
    axe_clean(page, f"the exercise page after a graded attempt ({page.device})")


def test_result_latency_after_it_is_stored(page, exercise, learner, live_server, no_grader):
    """Measures (and prints) how long a stored result takes to appear; asserts only
    that it appears without a reload. Run with ``-s`` to see the figures."""
    page.add_init_script(
        """new MutationObserver(() => {
             const el = document.querySelector('#result #submission-result');
             if (el && el.dataset.status === 'passed' && el.dataset.submission === window.__expect
                 && !window.__shownAt) window.__shownAt = Date.now();
           }).observe(document, {subtree: true, childList: true, attributes: true});"""
    )
    sign_in(page, learner, live_server)
    rng = random.Random(12)
    latencies = []
    for _ in range(9):
        open_exercise(page, exercise)
        page.get_by_role("button", name="Run visible tests").click()
        expect(page.locator("#result #submission-result")).to_have_attribute(
            "data-status", "queued"
        )
        run = Submission.objects.filter(kind="run", status="queued").get()
        page.evaluate("id => { window.__expect = String(id); window.__shownAt = 0; }", run.pk)
        time.sleep(rng.uniform(0.1, 2.5))  # how long grading takes
        stored_at = time.time() * 1000
        finish(run)
        expect(page.locator("#result #submission-result")).to_have_attribute(
            "data-status", "passed"
        )
        latencies.append(page.evaluate("window.__shownAt") - stored_at)
    print(
        f"\nresult on screen after being stored, ms: median {statistics.median(latencies):.0f}, "
        f"max {max(latencies):.0f}, all {[round(x) for x in latencies]}"
    )


# -- an ended session or a failed CSRF check ---------------------------------------------


def test_an_ended_session_asks_to_sign_in_in_the_panel_and_keeps_the_code(
    device, exercise, learner, live_server, no_grader, screenshot, axe_clean
):
    page = device
    sign_in(page, learner, live_server)
    open_exercise(page, exercise)
    type_code(page, TYPED)
    expect(page.locator("#draft-status")).to_have_text("Saved")
    typed = editor_text(page)

    page.context.clear_cookies(name="sessionid")
    page.get_by_role("button", name="Run visible tests").click()
    panel = page.locator("#result")
    expect(panel).to_contain_text("You have been signed out.")
    expect(panel).not_to_contain_text("Why an account?")  # not the login page
    link = panel.get_by_role("link", name="Sign in")
    assert link.get_attribute("href") == f"/accounts/login/?next={exercise.get_absolute_url()}"
    assert editor_text(page) == typed
    assert buttons_disabled(page) == [False, False]
    assert not Submission.objects.exists()
    screenshot(page, f"{page.device}-signed-out")
    axe_clean(page, f"the signed-out message ({page.device})")

    # Typing on while signed out: the draft is kept in the browser, and says so.
    page.locator(".cm-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n# after the session ended")
    expect(page.locator("#draft-status")).to_contain_text("Not saved: you have been signed out")
    screenshot(page, f"{page.device}-draft-not-saved", full_page=False)

    link.click()
    page.locator("#id_login, #id_email").first.fill(learner.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{live_server.url}{exercise.get_absolute_url()}")
    expect(page.locator(".cm-editor")).to_be_visible()
    offer = page.get_by_role("region", name="Code kept in this browser")
    expect(offer).to_be_visible()
    offer.get_by_role("button", name="Use the kept code").click()
    assert "# after the session ended" in editor_text(page)
    expect(page.locator("#draft-status")).to_have_text("Saved")


def test_missing_cookies_fail_the_csrf_check_with_the_same_message(
    page, exercise, learner, live_server, no_grader
):
    sign_in(page, learner, live_server)
    open_exercise(page, exercise)
    type_code(page, TYPED)
    typed = editor_text(page)
    page.context.clear_cookies()
    page.get_by_role("button", name="Submit", exact=True).click()
    panel = page.locator("#result")
    expect(panel).to_contain_text("You have been signed out.")
    expect(panel.get_by_role("link", name="Sign in")).to_be_visible()
    assert editor_text(page) == typed
    assert not Submission.objects.exists()


def test_a_stale_token_is_refreshed_from_the_cookie(
    page, exercise, learner, live_server, no_grader
):
    """Signing in again elsewhere rotates the CSRF cookie; the page's own token is then
    stale, and the page sends the cookie's instead of failing."""
    sign_in(page, learner, live_server)
    open_exercise(page, exercise)
    page.evaluate(
        "document.querySelector('#editor-form [name=csrfmiddlewaretoken]').value = 'x'.repeat(64)"
    )
    page.get_by_role("button", name="Run visible tests").click()
    expect(page.locator("#result #submission-result")).to_have_attribute("data-status", "queued")


def test_without_javascript_the_form_still_works_and_a_stale_one_gets_a_branded_page(
    browser, exercise, learner, live_server, no_grader, screenshot, axe_clean
):
    page = browser.new_context(java_script_enabled=False, base_url=live_server.url).new_page()
    sign_in(page, learner, live_server)
    page.goto(exercise.get_absolute_url())
    page.locator("#code").fill(ADD_SOLUTION)
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page).to_have_url(re.compile(r"\?submission=\d+#result$"))
    expect(page.locator("#result")).to_contain_text("Queued… Waiting for a grader.")
    expect(page.get_by_role("link", name="Refresh to see the result")).to_be_visible()
    assert "return a + b" in page.locator("#code").input_value()
    screenshot(page, "no-javascript-queued")

    page.context.clear_cookies()
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("This form has expired")
    expect(page.get_by_role("link", name="Sign in").last).to_be_visible()
    assert Submission.objects.count() == 1
    screenshot(page, "csrf-failure-page")
    page.context.close()


def test_the_branded_403_page_passes_axe(device, exercise, live_server, screenshot, axe_clean):
    page = device
    page.goto(exercise.get_absolute_url())
    # A plain form post (not htmx) with a token that cannot match.
    page.evaluate(
        """url => { const form = document.createElement('form');
             form.method = 'post'; form.action = url;
             form.innerHTML = '<input name="csrfmiddlewaretoken" value="' + 'x'.repeat(64) + '">';
             document.body.append(form); form.submit(); }""",
        exercise.get_absolute_url(),
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("This form has expired")
    screenshot(page, f"{page.device}-csrf-failure-page")
    axe_clean(page, f"the branded 403 page ({page.device})")


# -- keyboard, focus and mobile ---------------------------------------------------------


def test_the_editor_focus_ring_is_the_sites(page, exercise, learner, live_server, screenshot):
    sign_in(page, learner, live_server)
    open_exercise(page, exercise)
    page.locator(".cm-content").focus()
    # CodeMirror marks itself focused a moment after the focus event, not during it.
    expect(page.locator(".cm-editor")).to_have_class(re.compile(r"\bcm-focused\b"))
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('.cm-editor'));"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; })()"
    )
    screenshot(page, "editor-focused", full_page=False)
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.textContent.trim(), s.outlineStyle, s.outlineWidth,"
        " s.outlineColor]; })()"
    )
    assert focused[0] == "Run visible tests"
    assert ring == focused[1:] == ["solid", "3px", "rgb(179, 92, 0)"]


def test_jump_to_editor_on_a_phone_and_nothing_overflows(mobile_page, live_server, screenshot):
    """The real curriculum's long prompt: the editor is far below it on a phone."""
    call_command("sync_content", verbosity=0)
    page = mobile_page
    page.goto("/courses/ml-model-development/exercises/standardise-features/")
    expect(page.locator(".cm-editor")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    editor_top = page.evaluate("document.querySelector('.cm-editor').getBoundingClientRect().top")
    assert editor_top > 844  # below the first screen, hence the link
    jump = page.get_by_role("link", name="Jump to editor")
    expect(jump).to_be_in_viewport()
    screenshot(page, "mobile-jump-link", full_page=False)
    jump.tap()
    expect(page.locator("#your-solution")).to_be_focused()
    expect(page.locator(".cm-editor")).to_be_in_viewport()
    screenshot(page, "mobile-after-jump", full_page=False)
    page.keyboard.press("Tab")  # on into the editor's section
    assert page.evaluate(
        "document.getElementById('your-solution').contains(document.activeElement)"
    )


def test_jump_to_editor_is_a_skip_link_on_a_desktop(page, live_server):
    exercise = ExerciseFactory()
    page.goto(exercise.get_absolute_url())
    jump = page.get_by_role("link", name="Jump to editor")
    assert jump.bounding_box()["width"] <= 1
    jump.focus()
    assert jump.bounding_box()["width"] > 50
