"""Lesson figures in a real browser: every figure of the real curriculum loads, has its
alt text and caption, fits a phone's width, keeps its code behind a keyboard-operable
"Show the code", reads on a dark screen, and passes axe on the pages that show them."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import MOBILE_VIEWPORT
from tests.browser.test_reading_layout import lessons_sync

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lessons(tmp_path, settings):
    """Both real courses, all their modules, no exercises: the pages that show figures."""
    return lessons_sync(tmp_path, settings)


FIGURES = """() => [...document.querySelectorAll(".lesson-figure")].map(f => {
  const img = f.querySelector("img");
  return {
    id: f.id,
    loaded: img ? img.complete && img.naturalWidth > 0 : false,
    alt: img ? img.getAttribute("alt") : "",
    caption: (f.querySelector("figcaption") || {}).textContent || "",
    right: img ? img.getBoundingClientRect().right : 0,
    filter: img ? getComputedStyle(img).filter : "",
  };
})"""


def _figures(page, url):
    page.goto(url)
    # Images load lazily: bring each into view so it loads, then read them all.
    for figure in page.locator(".lesson-figure img").all():
        figure.scroll_into_view_if_needed()
        expect(figure).to_have_js_property("complete", True)
    return page.evaluate(FIGURES)


def test_every_figure_loads_with_alt_text_and_a_caption_and_fits_a_phone(
    browser,
    live_server,
    lessons,
):
    context = browser.new_context(viewport=MOBILE_VIEWPORT, is_mobile=True, has_touch=True)
    page = context.new_page()
    total = 0
    try:
        for url in lessons:
            for figure in _figures(page, live_server.url + url):
                where = f"{url}#{figure['id']}"
                assert figure["loaded"], f"{where}: the image did not load"
                assert len(figure["alt"]) > 20, f"{where}: alt text too short"
                assert figure["caption"].startswith("Figure "), where
                assert figure["right"] <= MOBILE_VIEWPORT["width"] + 0.5, f"{where} is too wide"
                total += 1
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= MOBILE_VIEWPORT["width"], f"{url} scrolls sideways ({width}px)"
    finally:
        context.close()
    assert total >= 25, f"the curriculum has {total} figures; the second edition has 25 or more"


def test_show_the_code_opens_from_the_keyboard(page, live_server, lessons, screenshot):
    url = next(u for u in lessons if "maths-and-statistics" in u)
    page.goto(live_server.url + url)
    summary = page.locator(".figure-code > summary").first
    code = page.locator(".figure-code pre").first
    expect(code).to_be_hidden()
    summary.focus()
    page.keyboard.press("Enter")
    expect(code).to_be_visible()
    expect(code).to_contain_text("plt.subplots")
    page.locator(".lesson-figure").first.scroll_into_view_if_needed()
    screenshot(page, "figure-code-open", full_page=False)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figures_read_in_light_and_dark_and_pass_axe(
    browser,
    live_server,
    lessons,
    scheme,
    axe_clean,
    screenshot,
):
    wanted = ("how-models-work", "validation-and-evaluation", "performance-metrics")
    urls = [u for u in lessons if any(w in u for w in wanted)]
    assert len(urls) == 3
    for viewport in ({"width": 1280, "height": 900}, MOBILE_VIEWPORT):
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        page = context.new_page()
        try:
            for url in urls:
                figures = _figures(page, live_server.url + url)
                assert len(figures) >= 2, f"{url} has {len(figures)} figures"
                inverted = {f["filter"] != "none" for f in figures}
                # A dark screen turns the figures' lightness around; a light one leaves them.
                assert inverted == {scheme == "dark"}, f"{url}: filters {inverted}"
                axe_clean(page, where=f"{url} ({scheme}, {viewport['width']}px)")
                page.locator(".lesson-figure").first.scroll_into_view_if_needed()
                name = f"{url.strip('/').split('/')[-1]}-{scheme}-{viewport['width']}"
                screenshot(page, name, full_page=False)
        finally:
            context.close()
