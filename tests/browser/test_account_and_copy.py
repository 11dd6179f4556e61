"""What a new learner meets first: Create account with the certificate name, the home
page's Enrol now, and a blog post that knows they already finished its course."""

import re

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from blog import services as blog_services
from blog.models import Post
from enrollment.models import Certificate, Enrollment
from tests.factories import PASSWORD, CourseFactory, ModuleFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}


@pytest.fixture(params=list(VIEWPORTS))
def any_page(request, browser, live_server):
    size = VIEWPORTS[request.param]
    mobile = request.param == "mobile"
    context = browser.new_context(
        viewport=size, is_mobile=mobile, has_touch=mobile, base_url=live_server.url
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.viewport_name = request.param
    yield page
    context.close()


def test_home_enrol_now_then_create_account_with_a_certificate_name(any_page, screenshot):
    page = any_page
    course = CourseFactory(slug="first-course", title="Certificate in First Things", order=1)
    ModuleFactory(course=course, title="Getting started")
    page.goto("/")
    page.get_by_role("link", name=re.compile("^Enrol now")).click()
    expect(page).to_have_url(re.compile(r"/courses/first-course/enrol/$"))
    page.get_by_role("link", name="Create account", exact=True).last.click()
    expect(page).to_have_title("Create account · Model Craft Academy")
    page.get_by_label("Email address").fill("zoe@example.com")
    page.get_by_label("Full name (as printed on your certificate)").fill("Zoë Ngụyễn")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    screenshot(page, f"sign-up-{page.viewport_name}")
    page.get_by_role("button", name="Create account").click()
    # Back on the enrolment page, signed in under the name just given.
    expect(page).to_have_url(re.compile(r"/courses/first-course/enrol/$"))
    expect(page.locator(".nav-account")).to_have_text("Zoë Ngụyễn")


def test_sign_up_errors_show_beside_their_fields(any_page, screenshot):
    page = any_page
    page.goto("/accounts/signup/")
    page.get_by_label("Email address").fill("zoe@example.com")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Password again").fill("different")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".field-invalid .errorlist").first).to_be_visible()
    expect(page.get_by_label("Email address")).to_have_value("zoe@example.com")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, f"sign-up-errors-{page.viewport_name}")


def test_a_post_offers_its_certificate_to_a_learner_who_finished_the_course(
    any_page, live_server, screenshot
):
    page = any_page
    course = CourseFactory(slug="done-course", title="Certificate in Finished Things")
    learner = UserFactory(full_name="Ada Learner")
    Enrollment.objects.create(user=learner, course=course, completed_at=timezone.now())
    certificate = Certificate.objects.create(
        user=learner, course=course, learner_name="Ada Learner", course_title=course.title,
        score_percent=88,
    )  # fmt: skip
    blog_services.post_write(
        post=Post(
            title="After the certificate",
            slug="after-the-certificate",
            summary="What to practise next.",
            body="Keep a notebook of the models you ship.",
            status=Post.Status.PUBLISHED,
            publish_at=timezone.now(),
            author=StaffFactory(email="admin@example.com", full_name=""),
            related_course=course,
        )
    )
    client = Client()
    client.force_login(learner)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto("/blog/after-the-certificate/")
    cta = page.locator(".post-cta")
    expect(cta).to_contain_text("You have completed this programme")
    expect(cta.get_by_role("link", name=re.compile("Enrol"))).to_have_count(0)
    expect(page.locator(".post-header .post-meta")).to_contain_text(
        "By The Model Craft Academy team"
    )
    screenshot(page, f"finished-cta-{page.viewport_name}")
    cta.get_by_role("link", name="View your certificate").click()
    expect(page).to_have_url(re.compile(rf"/certificates/{certificate.id}/$"))


def test_the_account_settings_pages_pass_axe(any_page, live_server, axe_clean, screenshot):
    page = any_page
    client = Client()
    client.force_login(UserFactory(email="ada@example.com"))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    for name, path, heading in (
        ("email", "/accounts/email/", "Email addresses"),
        ("password", "/accounts/password/change/", "Change your password"),
        ("sign-out", "/accounts/logout/", "Sign out"),
    ):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name
        screenshot(page, f"{name}-{page.viewport_name}")
        axe_clean(page, f"{path} ({page.viewport_name})")
    page.locator("#main").get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
