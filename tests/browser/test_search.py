"""Site search in a real browser: the header's box, the results page and the way to the
section a result names, at desktop and phone sizes."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_csp import visit, watched  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

# A term the real course uses in one module only (and in no exercise or post).
TERM = "keepdims"
MODULE_URL = "/courses/ml-model-development/programming-for-ml/"


def _search_from_the_header(page, term: str) -> None:
    box = page.get_by_role("searchbox", name="Search the courses and blog")
    expect(box).to_be_visible()
    box.fill(term)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))


def _results_all_in_the_module(page) -> list[str]:
    links = page.locator(".search-result-title a")
    expect(links.first).to_be_visible()
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs and all(href.startswith(MODULE_URL) for href in hrefs), hrefs
    return hrefs


def test_search_from_the_header_and_follow_a_result_to_its_section(
    page, curriculum, screenshot, axe_clean
):
    page.goto("/")
    _search_from_the_header(page, TERM)
    expect(page).to_have_title(re.compile(f"^Search results for “{TERM}”"))
    hrefs = _results_all_in_the_module(page)
    assert hrefs[0] == f"{MODULE_URL}#broadcasting"
    first = page.locator(".search-result").first
    expect(first.locator("mark").first).to_have_text(re.compile(TERM, re.IGNORECASE))
    expect(first.locator(".badge")).to_have_text("Lesson")
    expect(first.locator(".search-breadcrumb")).to_contain_text("Programming for machine learning")
    screenshot(page, "results-desktop")
    axe_clean(page, "the search results (desktop)")

    first.locator(".search-result-title a").click()
    page.wait_for_url(f"**{MODULE_URL}#broadcasting")
    expect(page.locator("#broadcasting")).to_be_in_viewport()
    screenshot(page, "section-desktop", full_page=False)


def test_on_a_phone_the_box_fits_and_the_result_opens_at_its_section(
    mobile_page, curriculum, screenshot, axe_clean
):
    page = mobile_page
    page.goto("/courses/")
    box = page.get_by_role("searchbox", name="Search the courses and blog")
    bounds = box.bounding_box()
    assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= 390
    # Between the brand and the nav on screen, as in the tab order.
    brand = page.locator(".brand").bounding_box()
    nav = page.get_by_role("navigation", name="Main").bounding_box()
    assert brand["y"] + brand["height"] <= bounds["y"] < nav["y"]
    screenshot(page, "header-mobile", full_page=False)
    _search_from_the_header(page, TERM)
    _results_all_in_the_module(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "results-mobile")
    axe_clean(page, "the search results (390 px)")

    page.locator(".search-result-title a").first.click()
    page.wait_for_url(f"**{MODULE_URL}#broadcasting")
    expect(page.locator("#broadcasting")).to_be_in_viewport()
    screenshot(page, "section-mobile", full_page=False)


def test_empty_and_no_result_pages_are_clear_and_accessible(mobile_page, curriculum, axe_clean):
    page = mobile_page
    page.goto("/search/")
    expect(page).to_have_title(re.compile("^Search · "))
    expect(page.get_by_role("searchbox", name="Search the courses and blog")).to_be_focused()
    axe_clean(page, "the empty search page (390 px)")
    page.get_by_role("link", name="data leakage").click()
    expect(page.locator(".search-result").first).to_be_visible()
    page.goto("/search/?q=zeppelin")
    expect(page.get_by_role("heading", name="Nothing matches “zeppelin”")).to_be_visible()
    axe_clean(page, "a search with no results (390 px)")


def test_the_header_box_works_from_the_keyboard_and_without_javascript(
    browser, live_server, page, curriculum
):
    page.goto("/")
    for _ in range(3):  # skip link, brand, then the search box
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "site-search-q"

    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    try:
        plain = context.new_page()
        plain.goto("/blog/")
        _search_from_the_header(plain, TERM)
        _results_all_in_the_module(plain)
    finally:
        context.close()


def test_the_results_page_breaks_no_content_security_policy_rule(watched, curriculum):  # noqa: F811
    assert visit(watched, f"/search/?q={TERM}", ready=".search-result") == []
    assert visit(watched, "/search/") == []
