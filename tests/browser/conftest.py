"""Browser tests: a real headless Chromium (Debian's package) driven by Playwright.

The site is served by pytest-django's ``live_server``; each test saves screenshots
under ``tests/browser/screenshots/`` (git-ignored) for people to look at.

Fixtures: ``page`` (desktop, 1280x900), ``mobile_page`` (a 390x844 touch phone),
``screenshot``, ``axe`` with ``assert_no_serious_axe_violations`` to check a page
with the vendored axe-core (``tests/browser/vendor/axe-core``, test-only), and
``curriculum``: the real course and one of its exercises, synced.
"""

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from tests.courseware.content.tree import course_hours_fit, sync

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
# the tests themselves are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
# The impacts that fail a page; "moderate" and "minor" findings are reported, not fatal.
AXE_FAILING_IMPACTS = ("critical", "serious")
MOBILE_VIEWPORT = {"width": 390, "height": 844}
# What ``curriculum`` loads: the real course, with its most formula-heavy exercise.
CURRICULUM_COURSE = "ml-model-development"
CURRICULUM_EXERCISE = "standardise-features"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


# How long a test's teardown waits for the live server's last queries (see below).
SERVER_QUIET_SECONDS = 20


@pytest.fixture(autouse=True)
def _server_quiet_before_flush(request):
    """After each test, wait until the live server's database work has finished.

    Closing a page does not stop what its last requests started on the server (a draft
    saved, a reading position reported, a result announced). On PostgreSQL the flush
    that ends a transactional test is a TRUNCATE of every table; a server thread that
    still holds one table and wants a row lock on another deadlocks with it, and the
    test errors at teardown though it passed. So, before that flush, wait until no other
    connection to the test database is running a query or holds a transaction open.
    Requesting ``live_server`` here puts this teardown ahead of the database's.
    """
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("live_server")
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return  # SQLite locks the whole database: there is no lock order to deadlock on
    deadline = time.monotonic() + SERVER_QUIET_SECONDS
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND state <> 'idle'"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.fail(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def mobile_page(browser, live_server):
    """A phone-sized page: 390x844 CSS px at 2x, touch, and the meta viewport honoured
    as a phone does (``is_mobile``)."""
    context = browser.new_context(
        viewport=MOBILE_VIEWPORT,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        base_url=live_server.url,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe():
    """Call ``axe(page)`` to run axe-core on the page as it is now; returns its
    violations (a list of dicts with ``id``, ``impact``, ``help`` and ``nodes``).

    ``axe(page, context="#result")`` checks part of the page; ``options`` go to
    ``axe.run`` unchanged (e.g. ``{"runOnly": ["wcag2a", "wcag2aa"]}``). axe-core is
    JavaScript: the page's context must have JavaScript enabled.
    """

    def run(page, context=None, options=None) -> list[dict]:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            # Evaluated through the DevTools protocol, which the page's CSP does not
            # govern; an added <script> element would be refused as inline script.
            page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
        results = page.evaluate(
            "([context, options]) => axe.run(context || document, options || {})",
            [context, options],
        )
        return results["violations"]

    return run


def axe_report(violations: list[dict]) -> str:
    """One readable line per violation and up to three of its elements."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['impact']}: {violation['id']} ({violation['help']}), "
            f"{len(violation['nodes'])} element(s)"
        )
        for node in violation["nodes"][:3]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    {target}: {node.get('failureSummary', '').strip()}")
    return "\n".join(lines)


def assert_no_serious_axe_violations(violations: list[dict], where: str = "") -> None:
    """Fail on any critical or serious axe-core violation, listing each one."""
    failing = [v for v in violations if v["impact"] in AXE_FAILING_IMPACTS]
    if failing:
        place = f" on {where}" if where else ""
        pytest.fail(
            f"axe-core found {len(failing)} critical or serious violation(s){place}:\n"
            + axe_report(failing),
            pytrace=False,
        )


@pytest.fixture
def axe_clean(axe):
    """Call ``axe_clean(page, "where")`` to run axe-core and fail on critical or serious
    violations; returns the milder ones, for a test that wants to look at them."""

    def check(page, where: str = "", context=None) -> list[dict]:
        violations = axe(page, context=context)
        assert_no_serious_axe_violations(violations, where)
        return violations

    return check


@pytest.fixture
def screenshot(request):
    """Call ``screenshot(page, "name")`` to save a full-page PNG for review."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test_name = re.sub(r"[^A-Za-z0-9_-]+", "_", request.node.name)

    def take(page, name: str, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{test_name}--{name}.png"
        # A whole long lesson at a phone's pixel ratio is a picture of tens of megapixels:
        # on a busy two-core machine encoding it can outlast the pages' 15 s timeout, and a
        # slow picture for review is no fault of the page.
        page.screenshot(path=str(path), full_page=full_page, timeout=120_000)
        return path

    return take


def copy_course_pages(source: Path, target: Path) -> None:
    """After copying part of a real course: its glossary, and hours that add up."""
    if (source / "glossary.md").is_file():
        shutil.copy(source / "glossary.md", target / "glossary.md")
    course_hours_fit(target)


@pytest.fixture
def curriculum(tmp_path, settings):
    """The real course with all its modules and one of its exercises, synced."""
    source = Path(settings.CONTENT_DIR) / "courses" / CURRICULUM_COURSE
    target = tmp_path / "content" / "courses" / CURRICULUM_COURSE
    shutil.copytree(source / "modules", target / "modules")
    shutil.copy(source / "course.md", target / "course.md")
    exercise = Path("exercises") / CURRICULUM_EXERCISE
    shutil.copytree(source / exercise, target / exercise)
    copy_course_pages(source, target)
    settings.CONTENT_DIR = tmp_path / "content"
    sync()
