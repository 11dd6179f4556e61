"""Reading the real curriculum on a phone and a desktop: the course page's Enrol Now on
the first screen, module pages that never scroll sideways, the contents behind "On this
page", code blocks that keyboard users can scroll, and a tab order that follows what
the reader sees."""

import shutil
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import expect

from courseware.models import Course, Module
from enrollment.services import enrollment_create
from tests.browser.conftest import MOBILE_VIEWPORT, copy_course_pages
from tests.courseware.content.tree import sync
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

COURSES = ("ml-model-development", "advanced-ml-optimisation")
FIRST_MODULE = "/courses/ml-model-development/programming-for-ml/"


def module_urls() -> list[str]:
    modules = Module.objects.filter(is_retired=False).select_related("course")
    urls = [m.get_absolute_url() for m in modules.order_by("course__order", "order")]
    assert len(urls) == 14
    return urls


@pytest.fixture
def full_curriculum():
    """Both real courses, every module and exercise, as ``make run`` loads them."""
    sync()
    return module_urls()


def lessons_sync(tmp_path, settings) -> list[str]:
    """Both real courses and all 14 modules, without the exercises (much quicker to
    load, for tests about the lesson pages alone)."""
    source = Path(settings.CONTENT_DIR) / "courses"
    for slug in COURSES:
        target = tmp_path / "content" / "courses" / slug
        shutil.copytree(source / slug / "modules", target / "modules")
        shutil.copy(source / slug / "course.md", target / "course.md")
        copy_course_pages(source / slug, target)
    settings.CONTENT_DIR = tmp_path / "content"
    sync()
    return module_urls()


@pytest.fixture
def lessons(tmp_path, settings):
    return lessons_sync(tmp_path, settings)


def sign_in(page, user, live_server):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def wide_elements(page) -> list[str]:
    """What sticks out past the viewport without a scroll box of its own around it."""
    return page.evaluate(
        """() => {
          const out = [];
          for (const el of document.querySelectorAll("body *")) {
            if (el.getBoundingClientRect().right <= window.innerWidth + 0.5) continue;
            let up = el.parentElement, boxed = false;
            while (up && up !== document.body) {
              if (getComputedStyle(up).overflowX !== "visible") { boxed = true; break; }
              up = up.parentElement;
            }
            if (!boxed) out.push(el.tagName + " " + (el.textContent || "").slice(0, 60));
          }
          return out.slice(0, 5);
        }"""
    )


# -- the course page ----------------------------------------------------------


def test_enrol_now_is_on_a_phones_first_screen(mobile_page, screenshot, axe_clean, lessons):
    for slug in COURSES:
        mobile_page.goto(f"/courses/{slug}/")
        button = mobile_page.get_by_role("link", name="Enrol Now")
        expect(button).to_be_visible()
        box = button.bounding_box()
        assert box["y"] + box["height"] <= MOBILE_VIEWPORT["height"], (slug, box)
        assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(mobile_page, f"course-{slug}-first-screen", full_page=False)
        axe_clean(mobile_page, f"the {slug} course page on a phone")


def test_continue_is_on_a_phones_first_screen_for_an_enrolled_learner(
    mobile_page, live_server, screenshot, lessons
):
    learner = UserFactory()
    enrollment_create(user=learner, course=Course.objects.get(slug=COURSES[0]))
    sign_in(mobile_page, learner, live_server)
    mobile_page.goto(f"/courses/{COURSES[0]}/")
    button = mobile_page.get_by_role("link", name="Continue", exact=True)
    box = button.bounding_box()
    assert box["y"] + box["height"] <= MOBILE_VIEWPORT["height"], box
    expect(mobile_page.get_by_role("link", name="Enrol Now")).to_have_count(0)
    screenshot(mobile_page, "course-enrolled-first-screen", full_page=False)


def test_enrol_now_stays_in_the_sticky_column_on_a_desktop(page, screenshot, lessons):
    page.goto(f"/courses/{COURSES[0]}/")
    button = page.get_by_role("link", name="Enrol Now")
    title = page.get_by_role("heading", level=1)
    assert button.bounding_box()["x"] > title.bounding_box()["x"] + 500  # beside, not below
    page.mouse.wheel(0, 2500)
    page.wait_for_function("() => window.scrollY > 2000")
    expect(button).to_be_in_viewport()  # sticky
    screenshot(page, "course-desktop", full_page=False)


# -- module pages on a phone --------------------------------------------------


def test_the_contents_wait_behind_on_this_page_above_the_title(
    mobile_page, screenshot, axe_clean, lessons
):
    mobile_page.goto(FIRST_MODULE)
    summary = mobile_page.locator("summary", has_text="On this page")
    title = mobile_page.locator("#module-title")
    expect(summary).to_be_visible()
    assert summary.bounding_box()["y"] < title.bounding_box()["y"]
    # The lesson starts at once: under the header (brand, search, navigation) and the two
    # closed disclosures, the whole title is on the first screen.
    box = title.bounding_box()
    assert box["y"] + box["height"] < MOBILE_VIEWPORT["height"] * 0.75
    contents = mobile_page.locator(".reading-contents nav")
    expect(contents).to_be_hidden()
    expect(mobile_page.locator(".reading-toc")).to_be_hidden()  # the desktop column
    expect(mobile_page.locator(".reading-modules")).to_be_hidden()  # "Course modules", closed
    screenshot(mobile_page, "module-first-screen", full_page=False)
    axe_clean(mobile_page, "a module page on a phone")

    summary.click()
    expect(contents).to_be_visible()
    screenshot(mobile_page, "module-contents-open", full_page=False)
    contents.get_by_role("link", name="Broadcasting").click()
    expect(mobile_page.locator("#broadcasting")).to_be_in_viewport()


def test_course_modules_open_on_a_phone_without_javascript(browser, live_server, lessons):
    context = browser.new_context(
        viewport=MOBILE_VIEWPORT,
        is_mobile=True,
        java_script_enabled=False,
        base_url=live_server.url,
    )
    page = context.new_page()
    page.goto(FIRST_MODULE)
    modules = page.locator(".reading-modules")
    expect(modules).to_be_hidden()
    page.locator("summary", has_text="Course modules").click()
    expect(modules.get_by_role("link", name="Data handling and preparation")).to_be_visible()
    page.locator("summary", has_text="On this page").click()
    expect(page.locator(".reading-contents nav")).to_be_visible()
    context.close()


def test_back_to_top_returns_to_the_start_of_a_long_page(mobile_page, lessons):
    mobile_page.goto(FIRST_MODULE)
    link = mobile_page.get_by_role("link", name="Back to top")
    link.scroll_into_view_if_needed()
    assert mobile_page.evaluate("window.scrollY") > 5 * MOBILE_VIEWPORT["height"]
    link.click()
    mobile_page.wait_for_function("() => window.scrollY < 300")
    expect(mobile_page.locator("#module-title")).to_be_in_viewport()


def test_a_code_block_takes_focus_and_scrolls_with_the_arrow_keys(mobile_page, lessons):
    mobile_page.goto(FIRST_MODULE)
    wide = mobile_page.locator(".highlight pre").first
    assert wide.evaluate("el => el.scrollWidth > el.clientWidth")
    wide.focus()
    expect(wide).to_be_focused()
    expect(wide).to_have_attribute("aria-label", "Code example 1")
    for _ in range(5):
        mobile_page.keyboard.press("ArrowRight")
    mobile_page.wait_for_function(
        "() => document.activeElement.tagName === 'PRE' && document.activeElement.scrollLeft > 0"
    )


# -- module pages on a desktop ------------------------------------------------


def test_every_module_page_fits_a_phone_shows_all_code_on_a_desktop_and_passes_axe(
    page, mobile_page, axe, screenshot, full_curriculum
):
    """All 14 modules of the real curriculum: at 390 px nothing scrolls sideways, at
    1280 px no code block hides part of a line, and axe-core finds nothing critical or
    serious on either, nor the rules these pages once broke (code blocks out of the
    keyboard's reach, knowledge checks sharing one name)."""
    for url in full_curriculum:
        mobile_page.goto(url)
        width = mobile_page.evaluate("document.documentElement.scrollWidth")
        assert width <= MOBILE_VIEWPORT["width"], (url, width, wide_elements(mobile_page))
        check_axe(axe, mobile_page, url)

        page.goto(url)
        cut = page.evaluate(
            "Array.from(document.querySelectorAll('.prose pre'))"
            ".filter(el => el.scrollWidth > el.clientWidth + 1).length"
        )
        assert cut == 0, url
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280, url
        check_axe(axe, page, url)
    screenshot(mobile_page, "last-module-mobile")
    screenshot(page, "last-module-desktop")


def check_axe(axe, viewer, url):
    viewer.wait_for_load_state("networkidle")
    violations = axe(viewer)
    serious = [v["id"] for v in violations if v["impact"] in ("critical", "serious")]
    assert serious == [], (url, serious)
    ids = {v["id"] for v in violations}
    assert not ids & {"scrollable-region-focusable", "landmark-unique"}, (url, ids)


def test_tab_order_is_module_list_then_lesson_then_contents(page, screenshot, lessons):
    page.goto(FIRST_MODULE)
    modules = page.locator(".reading-modules")
    lesson = page.locator(".lesson")
    toc = page.locator(".reading-toc")
    for column in (modules, lesson, toc):
        expect(column).to_be_visible()
    # Left to right on screen...
    assert modules.bounding_box()["x"] < lesson.bounding_box()["x"] < toc.bounding_box()["x"]
    # ...and in that order by keyboard, each column once.
    page.locator("#main").focus()
    seen = []
    for _ in range(400):
        page.keyboard.press("Tab")
        where = page.evaluate(
            """() => {
              const el = document.activeElement;
              if (el.closest(".reading-modules")) return "modules";
              if (el.closest(".reading-toc")) return "contents";
              if (el.closest(".lesson")) return "lesson";
              return el.closest("main") ? "other" : "outside";
            }"""
        )
        if where == "outside":
            break
        if not seen or seen[-1] != where:
            seen.append(where)
    assert [s for s in seen if s != "other"] == ["modules", "lesson", "contents"], seen
    screenshot(page, "module-desktop", full_page=False)
