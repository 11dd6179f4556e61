import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_renders_with_navigation(page, screenshot):
    page.goto("/")
    nav = page.get_by_role("navigation", name="Main")
    for label in ("Courses", "Blog", "Dashboard", "Sign in"):
        expect(nav.get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("machine-learning models")
    screenshot(page, "home")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "home-mobile")
    nav.get_by_role("link", name="Courses", exact=True).click()
    expect(page).to_have_url(f"{page.url.split('/courses')[0]}/courses/")


def test_new_user_signs_up_logs_out_and_in_again(page, screenshot):
    page.goto("/accounts/signup/")
    screenshot(page, "signup")
    page.locator("#id_email, #id_login").first.fill("newlearner@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(f"{page.url.split('/dashboard')[0]}/dashboard/")
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("newlearner")
    screenshot(page, "after-signup")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()

    page.get_by_role("link", name="Sign in", exact=True).click()
    screenshot(page, "login")
    page.locator("#id_email, #id_login").first.fill("newlearner@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("newlearner")
