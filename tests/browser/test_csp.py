"""The Content-Security-Policy breaks nothing: the main pages, as a visitor, a learner
and staff see them, report no violation in a real Chromium (no blocked script, style,
font, image or request), and the policy is really enforced there."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from courseware.models import Course, Exercise
from enrollment.models import Enrollment
from enrollment.services import certificate_issue
from tests.browser.conftest import CURRICULUM_COURSE, CURRICULUM_EXERCISE
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

COURSE, EXERCISE = CURRICULUM_COURSE, CURRICULUM_EXERCISE
# The maths module has MathML with style attributes and highlighted code.
MODULE_URL = f"/courses/{COURSE}/maths-and-statistics/"
EXERCISE_URL = f"/courses/{COURSE}/exercises/{EXERCISE}/"

# Runs before any page script, outside the page's policy (Playwright's init scripts).
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
});
"""


@pytest.fixture
def watched(page):
    """The page, recording every CSP violation (the event and the console's report)."""
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.console_violations = console
    return page


def sign_in(page, user, live_server):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def visit(page, url: str, ready: str = "main") -> list[str]:
    """Open ``url``, wait for it to settle; return the violations it reported."""
    response = page.goto(url)
    assert response.ok, f"{url}: {response.status}"
    expect(page.locator(ready).first).to_be_visible()
    page.wait_for_load_state("networkidle")
    found = page.evaluate("window.__csp") + page.console_violations
    page.console_violations.clear()
    return [f"{url}: {violation}" for violation in found]


def test_the_main_pages_report_no_csp_violation(watched, live_server, curriculum):
    page = watched
    violations = []
    # A visitor.
    for url in ("/", "/courses/", f"/courses/{COURSE}/", MODULE_URL, "/blog/", EXERCISE_URL):
        violations += visit(page, url)
    assert page.locator("math").count() > 0  # the maths module really has its MathML
    violations += visit(page, "/admin/login/?next=/admin/", ready="#id_login")
    # An enrolled learner: the exercise page with its editor, and the dashboard.
    learner = UserFactory()
    Enrollment.objects.create(user=learner, course=Exercise.objects.get(slug=EXERCISE).course)
    sign_in(page, learner, live_server)
    violations += visit(page, EXERCISE_URL, ready=".cm-editor")
    violations += visit(page, MODULE_URL)
    violations += visit(page, "/dashboard/", ready="progress")
    # Their certificate, with its Copy link and Print scripts.
    certificate, _ = certificate_issue(
        user=learner, course=Course.objects.get(slug=COURSE), learner_name="Zoë", score_percent=90
    )
    violations += visit(page, certificate.get_absolute_url(), ready="[data-print]")
    # Staff in the admin.
    page.context.clear_cookies()
    sign_in(page, StaffFactory(is_superuser=True), live_server)
    for url in ("/admin/", "/admin/blog/post/add/", "/admin/courseware/submission/"):
        violations += visit(page, url, ready="#content")
    assert violations == [], "\n".join(violations)


def test_the_policy_is_enforced_in_the_browser(watched, live_server):
    """An inline script, as an injection would add one, does not run."""
    page = watched
    page.goto("/")
    ran = page.evaluate(
        """() => {
          window.__ran = false;
          const script = document.createElement("script");
          script.textContent = "window.__ran = true";
          document.body.append(script);
          return window.__ran;
        }"""
    )
    assert ran is False
    assert any("script-src" in violation for violation in page.evaluate("window.__csp"))
