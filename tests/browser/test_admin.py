"""The admin as staff see it: the site's name, one Accounts section, and change forms
(split date and time inputs included) with no serious accessibility problems."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in_as_superuser(page):
    staff = StaffFactory(email="ada@example.com", is_superuser=True, full_name="Ada Staff")
    page.goto("/admin/login/?next=/admin/")
    page.locator("#id_login").fill(staff.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return staff


def test_the_admin_carries_the_site_name_and_one_accounts_section(page, screenshot):
    _sign_in_as_superuser(page)
    expect(page).to_have_title("Courses, learners and the blog | Model Craft Academy admin")
    expect(page.locator("#site-name")).to_have_text("Model Craft Academy administration")
    captions = page.locator("#content-main .module caption").all_inner_texts()
    assert [c.strip().lower() for c in captions].count("accounts") == 1, captions
    accounts = page.locator("#content-main .module", has_text="Accounts").first
    expect(accounts.get_by_role("link", name="Users")).to_be_visible()
    screenshot(page, "index")


def test_a_post_form_labels_its_date_and_time_inputs_and_passes_axe(page, axe_clean, screenshot):
    _sign_in_as_superuser(page)
    page.goto("/admin/blog/post/add/")
    expect(page.get_by_label("Date:")).to_have_attribute("id", "id_publish_at_0")
    expect(page.get_by_label("Time:")).to_have_attribute("id", "id_publish_at_1")
    screenshot(page, "post-add")
    axe_clean(page, "the admin's add-post form")


def test_a_user_form_edits_the_email_addresses_inline_and_passes_axe(page, axe_clean, screenshot):
    _sign_in_as_superuser(page)
    learner = UserFactory(email="learner@example.com")
    page.goto(f"/admin/accounts/user/{learner.pk}/change/")
    inline = page.locator(".inline-group", has_text="sign-in")
    expect(inline.locator("input[value='learner@example.com']")).to_be_visible()
    screenshot(page, "user-change")
    axe_clean(page, "the admin's user form")
