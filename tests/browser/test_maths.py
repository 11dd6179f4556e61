"""The real curriculum's maths in a real browser: MathML rendered at sync, no maths script.

The maths module (the curriculum's most formula-heavy page) and an exercise prompt with
display maths, a tip and code are checked on a desktop and a 390 px phone screen.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CURRICULUM_COURSE, CURRICULUM_EXERCISE, SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)

COURSE, EXERCISE = CURRICULUM_COURSE, CURRICULUM_EXERCISE
MODULE_URL = f"/courses/{COURSE}/maths-and-statistics/"
EXERCISE_URL = f"/courses/{COURSE}/exercises/{EXERCISE}/"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

# Run in the page: the text a reader sees (MathML annotations hold LaTeX and are not
# shown), and whether a Pygments token and the tip are styled.
VISIBLE_TEXT = "() => document.querySelector('main').innerText"
TOKEN_COLOUR = "sel => getComputedStyle(document.querySelector(sel)).color"
TIP_STYLE = """() => {
  const s = getComputedStyle(document.querySelector('.prose .admonition.tip'));
  return {border: s.borderLeftWidth, background: s.backgroundColor};
}"""


def check_page(page, url):
    page.goto(url)
    text = page.evaluate(VISIBLE_TEXT)
    assert "\\(" not in text and "\\[" not in text and "$$" not in text
    assert "\\frac" not in text and "_{" not in text
    assert page.locator("main math").count() > 0
    assert page.locator("script[src*='katex']").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_maths_module_reads_as_typeset_maths(
    browser, live_server, screenshot, curriculum, viewport
):
    context = browser.new_context(viewport=VIEWPORTS[viewport], base_url=live_server.url)
    page = context.new_page()
    try:
        check_page(page, MODULE_URL)
        assert page.locator(".prose math").count() >= 118
        display = page.locator(".math-display math[display='block']")
        assert display.count() >= 9
        # The maths font has loaded and is the one the formulas use.
        page.evaluate("document.fonts.ready")
        assert page.evaluate("document.fonts.check('16px \"Latin Modern Math Subset\"', '∑')")
        # "Binomial(n, p)" keeps its closing bracket on the same line in the table.
        cell = page.locator(".prose td .math-word", has_text="Binomial").first
        box = cell.bounding_box()
        assert box["height"] < 40, box
        screenshot(page, f"module-{viewport}", full_page=False)
        page.locator(".table-wrap", has_text="Binomial").first.screenshot(
            path=str(SCREENSHOTS / f"test_maths--module-{viewport}-table.png")
        )
        if viewport == "phone":
            # The widest formulas scroll inside their block, and keyboard users can reach them.
            wide = page.locator(".math-display[tabindex='0']")
            assert wide.count() >= 1
            wide.first.scroll_into_view_if_needed()
            screenshot(page, "module-phone-wide-formula", full_page=False)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_exercise_prompt_renders_like_a_lesson(
    browser, live_server, screenshot, curriculum, viewport
):
    context = browser.new_context(viewport=VIEWPORTS[viewport], base_url=live_server.url)
    page = context.new_page()
    try:
        check_page(page, EXERCISE_URL)
        prompt = page.locator(".exercise-prompt")
        expect(prompt.locator(".math-display math[display='block']")).to_have_count(1)
        tip = page.evaluate(TIP_STYLE)
        assert tip["border"] != "0px" and tip["background"] not in ("rgba(0, 0, 0, 0)", "")
        keyword = ".exercise-prompt .highlight .k"
        assert page.evaluate(TOKEN_COLOUR, keyword) == "rgb(255, 123, 114)"  # github-dark
        prompt.locator(".math-display").scroll_into_view_if_needed()
        screenshot(page, f"exercise-{viewport}", full_page=False)
        screenshot(page, f"exercise-{viewport}-full")
    finally:
        context.close()


def test_maths_reads_without_javascript(browser, live_server, screenshot, curriculum):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    try:
        check_page(page, MODULE_URL)
        box = page.locator(".math-display math").first.bounding_box()
        assert box["height"] > 30  # laid out as a display formula, not a line of source
        screenshot(page, "module-without-js", full_page=False)
    finally:
        context.close()
