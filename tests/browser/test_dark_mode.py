"""Dark mode: the site follows the reader's ``prefers-color-scheme``.

In a real Chromium with a dark preference, every main page (home, catalogue, a course,
a module with maths, code and tables, an exercise with its editor, the dashboard, a
certificate, the blog list and a post, the sign-in form and a flash message) is dark,
shows no large light box, and passes axe-core (colour contrast included) at desktop and
phone width; the code editor's text, syntax colours, gutter, completions and search
panel are readable on its dark background; the skip link and focus ring show; the
certificate still prints light; and with a light preference the palette is today's. Screenshots of every page are saved for
people to look at.
"""

from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from blog.launch_posts import launch_posts_load
from blog.models import Post
from courseware.models import Exercise, Submission
from enrollment.services import certificate_issue, enrollment_create
from tests.browser.conftest import (
    CURRICULUM_COURSE,
    CURRICULUM_EXERCISE,
    MOBILE_VIEWPORT,
    assert_no_serious_axe_violations,
)
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

COURSE, EXERCISE = CURRICULUM_COURSE, CURRICULUM_EXERCISE
# The module with the most MathML, highlighted code and tables side by side.
MODULE_URL = f"/courses/{COURSE}/maths-and-statistics/"
EXERCISE_URL = f"/courses/{COURSE}/exercises/{EXERCISE}/"
DESKTOP_VIEWPORT = {"width": 1280, "height": 900}
VIEWPORTS = {"desktop": DESKTOP_VIEWPORT, "mobile": MOBILE_VIEWPORT}
# Colour helpers run in the page: parse a computed colour, its WCAG relative luminance,
# the contrast of two colours, and the first opaque background behind an element.
COLOUR_JS = """
window.__colour = {
  parse(value) {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  },
  luminance({ r, g, b }) {
    const lin = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  },
  contrast(a, b) {
    const [hi, lo] = [this.luminance(a), this.luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  },
  backgroundOf(element) {
    for (let el = element; el; el = el.parentElement) {
      const bg = this.parse(getComputedStyle(el).backgroundColor);
      if (bg && bg.a >= 0.99) return bg;
    }
    return this.parse(getComputedStyle(document.body).backgroundColor);
  },
};
"""

# Every visible element of at least ``minArea`` px² whose own background is light: the
# "white boxes" a dark page must not have. Images, video and canvases keep their pixels;
# filled buttons (primary, accent) are meant to stand out, outlined ones are not.
LIGHT_BOXES_JS = """
(minArea) => {
  const found = [];
  for (const el of document.querySelectorAll("body, body *")) {
    if (["IMG", "VIDEO", "CANVAS", "PICTURE", "svg"].includes(el.tagName)) continue;
    if (el.matches(".button:not(.button-secondary)")) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const bg = window.__colour.parse(style.backgroundColor);
    if (!bg || bg.a < 0.5) continue;
    const box = el.getBoundingClientRect();
    if (box.width * box.height < minArea) continue;
    if (window.__colour.luminance(bg) > 0.3) {
      found.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ${style.backgroundColor}`);
    }
  }
  return found;
}
"""

# The lowest contrast of any text in an element against the background behind it, with
# the text that has it (for the failure message).
LOWEST_TEXT_CONTRAST_JS = """
(selector) => {
  let lowest = { ratio: 99, text: "" };
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || !el.getClientRects().length) continue;
      const ratio = window.__colour.contrast(
        window.__colour.parse(getComputedStyle(el).color), window.__colour.backgroundOf(el));
      if (ratio < lowest.ratio) lowest = { ratio, text: node.textContent.trim().slice(0, 40) };
    }
  }
  return lowest;
}
"""


@pytest.fixture
def site(settings, request):
    """The real course, the launch blog posts, and a learner with a certificate and two
    graded attempts (one failed with test messages and printed output)."""
    blog_dir = Path(settings.CONTENT_DIR) / "blog"
    request.getfixturevalue("curriculum")
    launch_posts_load(directory=blog_dir)
    exercise = Exercise.objects.get(slug=EXERCISE)
    learner = UserFactory(full_name="Ada Example")
    enrollment_create(user=learner, course=exercise.course)
    certificate, _ = certificate_issue(
        user=learner, course=exercise.course, learner_name=learner.full_name, score_percent=92
    )
    common = {
        "user": learner,
        "exercise": exercise,
        "code": exercise.starter_code,
        "max_score": exercise.points,
        "finished_at": timezone.now(),
    }
    Submission.objects.create(
        **common, attempt=1, status=Submission.Status.PASSED, score=exercise.points
    )
    Submission.objects.create(
        **common,
        attempt=2,
        status=Submission.Status.FAILED,
        score=1,
        output="column means: [2.0, 5.0]\n",
        feedback=[
            {"name": "two columns", "passed": True, "points": 1, "max_points": 1},
            {
                "name": "a constant column",
                "passed": False,
                "points": 0,
                "max_points": 1,
                "message": "expected [0.0, 0.0], got [nan, nan]",
                "hint": "A column with no spread has a standard deviation of zero.",
            },
        ],
    )
    post = Post.objects.filter(status=Post.Status.PUBLISHED).order_by("-publish_at").first()
    return {
        "learner": learner,
        "certificate_url": certificate.get_absolute_url(),
        "post_url": post.get_absolute_url(),
    }


@pytest.fixture
def open_page(browser, live_server):
    """``open_page(scheme, viewport_name, user=None)``: a page in a fresh context with
    that colour-scheme preference, signed in as ``user`` when one is given."""
    contexts = []

    def make(scheme: str, viewport: str, user=None):
        options = {"viewport": VIEWPORTS[viewport], "color_scheme": scheme}
        if viewport == "mobile":
            options.update(device_scale_factor=2, is_mobile=True, has_touch=True)
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(15_000)
        context.add_init_script(COLOUR_JS)
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            context.add_cookies(
                [
                    {
                        "name": "sessionid",
                        "value": client.cookies["sessionid"].value,
                        "url": live_server.url,
                    }
                ]
            )
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def main_pages(site) -> list[tuple[str, str, str]]:
    """(name, url, an element that shows the page is ready)."""
    return [
        ("home", "/", ".hero"),
        ("catalogue", "/courses/", ".course-card"),
        ("course", f"/courses/{COURSE}/", ".syllabus"),
        ("module", MODULE_URL, "math"),
        ("exercise", EXERCISE_URL, ".cm-editor"),
        ("dashboard", "/dashboard/", "progress"),
        ("certificate", site["certificate_url"], ".certificate"),
        ("blog-list", "/blog/", ".post-card"),
        ("post", site["post_url"], ".post-body"),
    ]


def visit(page, url: str, ready: str) -> None:
    response = page.goto(url)
    assert response.ok, f"{url}: {response.status}"
    expect(page.locator(ready).first).to_be_visible()
    page.wait_for_load_state("networkidle")


def colour_of(page, selector: str, prop: str = "backgroundColor") -> dict:
    return page.evaluate(
        "([s, p]) => window.__colour.parse(getComputedStyle(document.querySelector(s))[p])",
        [selector, prop],
    )


def luminance(page, colour: dict) -> float:
    return page.evaluate("(c) => window.__colour.luminance(c)", colour)


def lowest_contrast(page, selector: str) -> dict:
    return page.evaluate(LOWEST_TEXT_CONTRAST_JS, selector)


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_every_main_page_is_dark_readable_and_passes_axe(
    open_page, site, axe, screenshot, viewport
):
    page = open_page("dark", viewport, user=site["learner"])
    for name, url, ready in main_pages(site):
        visit(page, url, ready)
        where = f"{name} (dark, {viewport})"
        assert page.locator('meta[name="color-scheme"][content="light dark"]').count() == 1
        body = colour_of(page, "body")
        assert luminance(page, body) < 0.03, f"{where}: the page background is {body}"
        text = colour_of(page, "body", "color")
        assert luminance(page, text) > 0.6, f"{where}: the body text is {text}"
        light_boxes = page.evaluate(LIGHT_BOXES_JS, 20_000)
        assert light_boxes == [], f"{where}: light boxes on a dark page: {light_boxes}"
        # The header's logo and every link keep their shape and colour on the dark page.
        assert page.locator(".brand img").evaluate("img => img.complete && img.naturalWidth") > 0
        assert_no_serious_axe_violations(axe(page), where)
        screenshot(page, f"{name}-dark-{viewport}")


def test_lesson_code_maths_tables_and_knowledge_checks_read_on_dark(
    open_page, site, axe_clean, screenshot
):
    page = open_page("dark", "desktop", user=site["learner"])
    visit(page, MODULE_URL, "math")
    assert page.locator(".prose .highlight").count() > 0
    assert page.locator(".prose table").count() > 0
    # Maths is drawn in the text colour, not in a fixed black.
    maths = colour_of(page, ".prose math", "color")
    assert luminance(page, maths) > 0.6, f"maths drawn in {maths}"
    for selector in (".prose .highlight", ".prose table", ".prose :not(pre) > code"):
        lowest = lowest_contrast(page, selector)
        assert lowest["ratio"] >= 4.5, f"{selector}: {lowest}"
    # Code blocks stand apart from the dark page by a visible edge.
    width = page.locator(".prose .highlight").first.evaluate(
        "e => parseFloat(getComputedStyle(e).borderTopWidth)"
    )
    assert width >= 1
    edge = colour_of(page, ".prose .highlight", "borderTopColor")
    page_bg = colour_of(page, "body")
    assert page.evaluate("([a, b]) => window.__colour.contrast(a, b)", [edge, page_bg]) > 1.4

    # Answered knowledge checks: the verdict, the tinted results and their badges.
    for index, choice in ((0, "last"), (1, "first")):
        quiz = page.locator(".quiz").nth(index)
        radios = quiz.locator("input[type=radio], input[type=checkbox]")
        (radios.last if choice == "last" else radios.first).check()
        quiz.get_by_role("button", name="Check answer").click()
        expect(page.locator(".quiz").nth(index).locator(".quiz-results")).to_be_visible()
    lowest = lowest_contrast(page, ".quiz-answered")
    assert lowest["ratio"] >= 4.5, f"answered knowledge checks: {lowest}"
    axe_clean(page, "answered knowledge checks (dark)", context=".quiz-answered")
    page.locator(".quiz-answered").first.scroll_into_view_if_needed()
    screenshot(page, "knowledge-checks-dark", full_page=False)


def test_the_code_editor_is_dark_with_readable_syntax_completions_and_search(
    open_page, site, axe_clean, screenshot
):
    page = open_page("dark", "desktop", user=site["learner"])
    visit(page, EXERCISE_URL, ".cm-editor")
    editor_bg = colour_of(page, ".cm-editor")
    assert luminance(page, editor_bg) < 0.03, f"the editor's background is {editor_bg}"
    assert luminance(page, colour_of(page, ".cm-gutters")) < 0.05
    # Every token the highlighter coloured, and the gutter's line numbers, read at AA.
    assert page.locator(".cm-line span").count() > 0
    lowest = lowest_contrast(page, ".cm-content")
    assert lowest["ratio"] >= 4.5, f"editor text: {lowest}"
    lowest = lowest_contrast(page, ".cm-gutters")
    assert lowest["ratio"] >= 4.5, f"line numbers: {lowest}"
    # The keyword colour is the dark palette's, not the light one's dark purple.
    keyword = page.evaluate(
        """() => {
          const span = [...document.querySelectorAll(".cm-line span")]
            .find((s) => s.textContent === "def");
          return window.__colour.parse(getComputedStyle(span).color);
        }"""
    )
    assert luminance(page, keyword) > 0.2, f"'def' drawn in {keyword}"

    # The caret is light, and completions pop up on a dark list.
    page.locator(".cm-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("pri")  # completes to print, PendingDeprecationWarning, ...
    tooltip = page.locator(".cm-tooltip-autocomplete")
    expect(tooltip).to_be_visible()
    caret = colour_of(page, ".cm-cursor", "borderLeftColor")
    assert luminance(page, caret) > 0.6, f"the caret is {caret}"
    assert luminance(page, colour_of(page, ".cm-tooltip")) < 0.05
    lowest = lowest_contrast(page, ".cm-tooltip")
    assert lowest["ratio"] >= 4.5, f"completions: {lowest}"
    screenshot(page, "editor-completions-dark", full_page=False)
    page.keyboard.press("Escape")

    # The search panel (Ctrl+F) and its fields and buttons are dark too.
    page.keyboard.press("Control+f")
    expect(page.locator(".cm-panels .cm-search")).to_be_visible()
    page.keyboard.type("mean")
    assert luminance(page, colour_of(page, ".cm-panels")) < 0.05
    assert luminance(page, colour_of(page, ".cm-panels .cm-textfield")) < 0.05
    # CodeMirror's light buttons are a gradient image over the colour: both must go.
    assert luminance(page, colour_of(page, ".cm-panels .cm-button")) < 0.05
    gradient = page.locator(".cm-panels .cm-button").first.evaluate(
        "b => getComputedStyle(b).backgroundImage"
    )
    assert gradient == "none", f"the search buttons keep {gradient}"
    lowest = lowest_contrast(page, ".cm-panels")
    assert lowest["ratio"] >= 4.5, f"search panel: {lowest}"
    axe_clean(page, "exercise with the search panel open (dark)")
    screenshot(page, "editor-search-dark", full_page=False)


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_forms_errors_and_flash_messages_read_on_dark(
    open_page, site, axe_clean, screenshot, viewport
):
    page = open_page("dark", viewport)
    visit(page, "/accounts/login/", "#id_login")
    field = colour_of(page, "#id_login")
    assert luminance(page, field) < 0.05, f"the email field is {field}"
    page.locator("#id_login").fill(site["learner"].email)
    page.locator("#id_password").fill("not the password")
    page.locator("#id_password").press("Enter")
    errors = page.locator(".errorlist, .alert-error").first
    expect(errors).to_be_visible()
    assert lowest_contrast(page, "main form")["ratio"] >= 4.5
    axe_clean(page, f"sign-in with an error (dark, {viewport})")
    screenshot(page, f"sign-in-error-dark-{viewport}")

    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    message = page.locator(".messages .alert").first
    expect(message).to_be_visible()
    assert lowest_contrast(page, ".messages")["ratio"] >= 4.5
    axe_clean(page, f"a flash message (dark, {viewport})")
    screenshot(page, f"flash-message-dark-{viewport}", full_page=False)


def test_the_certificate_prints_light_from_a_dark_screen(open_page, site, screenshot):
    page = open_page("dark", "desktop")
    visit(page, site["certificate_url"], ".certificate")
    on_screen = colour_of(page, ".certificate")
    assert luminance(page, on_screen) < 0.05, f"the certificate on screen is {on_screen}"
    page.emulate_media(media="print")
    paper = colour_of(page, ".certificate")
    assert luminance(page, paper) > 0.9, f"the printed certificate is {paper}"
    assert luminance(page, colour_of(page, "body")) > 0.9
    assert luminance(page, colour_of(page, ".certificate-name", "color")) < 0.05
    assert lowest_contrast(page, ".certificate")["ratio"] >= 4.5
    page.set_viewport_size({"width": 1123, "height": 794})
    screenshot(page, "certificate-print-from-dark", full_page=False)


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_light_preference_keeps_the_light_palette(open_page, site, screenshot, viewport):
    page = open_page("light", viewport, user=site["learner"])
    for name, url, ready in main_pages(site):
        visit(page, url, ready)
        assert colour_of(page, "body") == {"r": 255, "g": 255, "b": 255, "a": 1}, name
        assert colour_of(page, "body", "color") == {"r": 27, "g": 35, "b": 48, "a": 1}, name
        if name == "exercise":
            assert colour_of(page, ".cm-editor") == {"r": 255, "g": 255, "b": 255, "a": 1}
        screenshot(page, f"{name}-light-{viewport}")


def test_keyboard_focus_shows_on_dark(open_page, site, screenshot):
    """The skip link and the focus ring keep their contrast on the dark page."""
    page = open_page("dark", "desktop")
    visit(page, "/courses/", ".course-card")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    assert lowest_contrast(page, ".skip-link")["ratio"] >= 4.5
    page.keyboard.press("Tab")  # the brand link in the header
    ring = page.evaluate(
        """() => {
          const el = document.activeElement, style = getComputedStyle(el);
          return {
            style: style.outlineStyle,
            ratio: window.__colour.contrast(
              window.__colour.parse(style.outlineColor), window.__colour.backgroundOf(el)),
          };
        }"""
    )
    assert ring["style"] == "solid" and ring["ratio"] >= 3, ring
    screenshot(page, "focus-ring-dark", full_page=False)
