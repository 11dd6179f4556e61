"""axe-core finds no critical or serious accessibility violation on the site's main
pages, at desktop width and on a 390 px phone; and a mistyped address gets the branded
404 page with a way home.

The pages share one synced curriculum per viewport (syncing both courses takes a while),
and the report names every page that broke, with axe's findings for each.
"""

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import expect

from blog import services as blog_services
from blog.models import Post
from courseware.models import Course
from enrollment.models import Certificate, Enrollment
from tests.browser.conftest import AXE_FAILING_IMPACTS, axe_report, copy_course_pages
from tests.courseware.content.tree import sync
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

COURSES = ("ml-model-development", "advanced-ml-optimisation")
POST_SLUG = "what-a-validation-set-is-for"
CERTIFICATE_ID = "6f1c2a9e-3b7d-4e8a-9c51-2d4f6a8b0e13"

# name: (address, signed in as the learner?, an element the page shows once it is ready)
PAGES = {
    "home": ("/", False, "main h1"),
    "catalogue": ("/courses/", False, "main h1"),
    "course-foundation": (f"/courses/{COURSES[0]}/", False, "main h1"),
    "course-advanced": (f"/courses/{COURSES[1]}/", False, "main h1"),
    "dashboard": ("/dashboard/", True, "main h1"),
    "certificate": (f"/certificates/{CERTIFICATE_ID}/", True, "main"),  # as its owner
    "blog-list": ("/blog/", False, ".post-card"),
    "blog-post": (f"/blog/{POST_SLUG}/", False, "#post-title"),
    "sign-in": ("/accounts/login/", False, "#id_login"),
    "sign-up": ("/accounts/signup/", False, "#id_full_name"),
    "not-found": ("/courses/no-such-course/", False, ".error-card"),
}
VIEWPORTS = {"desktop": None, "mobile": {"width": 390, "height": 844}}


@pytest.fixture
def site(tmp_path, settings):
    """Both real courses (course pages and modules), a post, and a learner who is
    enrolled in the first course and holds a certificate for it."""
    for slug in COURSES:
        source = Path(settings.CONTENT_DIR) / "courses" / slug
        target = tmp_path / "content" / "courses" / slug
        shutil.copytree(source / "modules", target / "modules")
        shutil.copy(source / "course.md", target / "course.md")
        copy_course_pages(source, target)
    settings.CONTENT_DIR = tmp_path / "content"
    sync()
    course = Course.objects.get(slug=COURSES[0])
    author = StaffFactory(full_name="Grace Editor")
    blog_services.post_write(
        post=Post(
            title="What a validation set is for",
            slug=POST_SLUG,
            summary="Why the numbers you tune on cannot be the numbers you report.",
            body="## Three sets, three jobs\n\nTrain on one, tune on another, report the third.\n",
            status=Post.Status.PUBLISHED,
            publish_at=datetime(2026, 11, 20, 9, tzinfo=UTC),
            author=author,
            related_course=course,
        )
    )
    learner = UserFactory(email="learner@example.com", full_name="Zoë Learner")
    Enrollment.objects.create(user=learner, course=course)
    Certificate.objects.create(
        id=CERTIFICATE_ID,
        user=learner,
        course=course,
        learner_name=learner.full_name,
        course_title=course.title,
        score_percent=92,
    )
    return learner


def _check(page, path: str, ready: str, screenshot, axe, name: str) -> str | None:
    """Open ``path``, wait until it is ready, save a screenshot and return axe-core's
    critical and serious findings as a report (None when there are none)."""
    page.set_default_timeout(15_000)
    page.goto(path)
    expect(page.locator(ready).first).to_be_attached()
    page.wait_for_load_state("networkidle")
    screenshot(page, name)
    serious = [v for v in axe(page) if v["impact"] in AXE_FAILING_IMPACTS]
    return f"{name} ({path}):\n{axe_report(serious)}" if serious else None


def _open(browser, live_server, viewport):
    if viewport is None:
        return browser.new_context(
            viewport={"width": 1280, "height": 900}, base_url=live_server.url
        )
    return browser.new_context(
        viewport=viewport,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        base_url=live_server.url,
    )


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_the_main_pages_have_no_serious_accessibility_violations(
    browser, live_server, site, axe, screenshot, viewport
):
    """Every page in PAGES at this viewport; one report lists every page that fails."""
    visitor = _open(browser, live_server, VIEWPORTS[viewport])
    learner = _open(browser, live_server, VIEWPORTS[viewport])
    client = Client()
    client.force_login(site)
    learner.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    failures = []
    try:
        for name, (path, signed_in, ready) in PAGES.items():
            page = (learner if signed_in else visitor).new_page()
            failure = _check(page, path, ready, screenshot, axe, f"{name}-{viewport}")
            if failure:
                failures.append(failure)
            page.close()
    finally:
        visitor.close()
        learner.close()
    assert not failures, "axe-core found critical or serious violations on:\n" + "\n".join(failures)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_a_module_page_has_no_serious_accessibility_violations(
    browser, live_server, curriculum, axe, screenshot, viewport
):
    context = _open(browser, live_server, VIEWPORTS[viewport])
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"/courses/{COURSES[0]}/maths-and-statistics/")
        expect(page.locator("math").first).to_be_attached()
        page.wait_for_load_state("networkidle")
        screenshot(page, f"module-{viewport}")
        serious = [v for v in axe(page) if v["impact"] in AXE_FAILING_IMPACTS]
    finally:
        context.close()
    assert not serious, axe_report(serious)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_a_mistyped_address_gets_the_branded_404_with_a_way_home(
    browser, live_server, screenshot, viewport
):
    context = _open(browser, live_server, VIEWPORTS[viewport])
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        response = page.goto("/certificates/00000000-0000-0000-0000-000000000000/")
        assert response.status == 404
        expect(page).to_have_title("Page not found · Model Craft Academy")
        expect(page.get_by_role("heading", level=1)).to_have_text("We could not find that page")
        expect(page.locator(".site-header .brand")).to_be_visible()
        # Styled by the site's stylesheet, and nothing scrolls sideways on a phone.
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.error-card')).borderRadius")
            != "0px"
        )
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(page, f"404-{viewport}")
        page.get_by_role("link", name="Home page").click()
        expect(page).to_have_url(re.compile(r"/$"))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    finally:
        context.close()
