"""A staff member writes, previews and publishes a post in the admin; a visitor reads it
from /blog/, sees the disclaimer, reading time and views, and follows Enrol Now."""

import re

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from tests.factories import PASSWORD, CourseFactory, ModuleFactory, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)

BODY = """Most of a machine-learning engineer's week goes on **data work**: profiling
sources, checking the grain of each table and asking what was known when.

## Evaluation you can defend

Start with a baseline, split the data the way the model will be used, and report the
spread across folds as well as the mean.

<script>document.title = "hacked"</script>
"""


def test_staff_publishes_a_post_and_a_visitor_reads_it_and_enrols(
    page, browser, live_server, screenshot
):
    course = CourseFactory(slug="ml-model-development", title="Certificate in ML Development")
    ModuleFactory(course=course, title="Programming for ML")
    editor = StaffFactory(username="editor", full_name="Grace Editor")
    editor.user_permissions.add(*Permission.objects.filter(content_type__app_label="blog"))

    # Staff: write the post as a draft.
    # Staff: the admin sends them to the site's sign-in page (allauth's rate limits), then back.
    page.goto("/admin/login/?next=/admin/blog/post/add/")
    page.locator("#id_login").fill(editor.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.locator("#id_title").press_sequentially("The skills an ML engineer uses")
    expect(page.locator("#id_slug")).to_have_value("the-skills-an-ml-engineer-uses")
    page.locator("#id_summary").fill("What fills a typical week, beyond the job advert.")
    page.locator("#id_body").fill(BODY)
    page.locator("#id_related_course").select_option(label=course.title)
    expect(page.locator("#id_author")).to_have_value(str(editor.pk))
    screenshot(page, "admin-write")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # Staff: preview the draft; the public cannot see it yet.
    with page.context.expect_page() as preview_info:
        page.get_by_role("link", name="Preview", exact=True).first.click()
    preview = preview_info.value
    expect(preview.get_by_role("heading", level=1)).to_have_text("The skills an ML engineer uses")
    expect(preview.locator(".preview-banner")).to_contain_text("Only staff can see this draft")
    expect(preview).not_to_have_title(re.compile("hacked"))
    screenshot(preview, "preview")
    preview.close()

    # Staff: publish it with the admin action.
    page.goto("/admin/blog/post/")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("publish_selected")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("Published 1 post(s).")
    expect(page.locator("td.field-status_label").first).to_have_text("Published")
    screenshot(page, "admin-list")

    # A visitor, in a fresh browser context (no staff session).
    visitor_context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server.url
    )
    visitor = visitor_context.new_page()
    try:
        visitor.goto("/blog/")
        card = visitor.locator(".post-card").filter(has_text="The skills an ML engineer uses")
        expect(card).to_contain_text("By Grace Editor")
        expect(card).to_contain_text("1 min read")
        screenshot(visitor, "list")
        card.get_by_role("link", name="The skills an ML engineer uses").click()

        expect(visitor).to_have_url(re.compile(r"/blog/the-skills-an-ml-engineer-uses/$"))
        meta = visitor.locator(".post-header .post-meta")
        expect(meta).to_contain_text("1 min read")
        expect(meta).to_contain_text("1 view")
        expect(visitor.locator(".post-disclaimer")).to_contain_text("educational purposes")
        expect(visitor.get_by_role("heading", name="Evaluation you can defend")).to_be_visible()
        expect(visitor).not_to_have_title(re.compile("hacked"))
        screenshot(visitor, "detail")

        visitor.reload()  # the same session: still one view
        expect(visitor.locator(".post-header .post-meta")).to_contain_text("1 view")

        visitor.get_by_role("link", name="Back to Blog").click()
        expect(visitor).to_have_url(re.compile(r"/blog/$"))
        visitor.get_by_role("link", name="The skills an ML engineer uses").click()

        cta = visitor.locator(".post-cta")
        expect(cta).to_contain_text("Ready to take the next step?")
        cta.get_by_role("link", name=re.compile("^Enrol Now")).click()
        expect(visitor).to_have_url(re.compile(r"/courses/ml-model-development/enrol/$"))
        expect(visitor.get_by_role("heading", level=1)).to_have_text(f"Enrol in {course.title}")
        expect(visitor.locator("#main").get_by_role("link", name="Create account")).to_be_visible()
        screenshot(visitor, "enrol")

        visitor.set_viewport_size({"width": 390, "height": 844})
        visitor.goto("/blog/the-skills-an-ml-engineer-uses/")
        screenshot(visitor, "detail-mobile")
    finally:
        visitor_context.close()
