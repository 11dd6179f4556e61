"""The sign-in, sign-up and other account pages: the site's words, labels and layout,
sound HTML, and the optional certificate name at sign-up."""

import re

import pytest
from django.contrib.auth import get_user_model

from tests.factories import PASSWORD, UserFactory
from tests.html_nesting import html_nesting_problems

pytestmark = pytest.mark.django_db

ACCOUNT_PAGES = {
    "/accounts/login/": "Sign in",
    "/accounts/signup/": "Create account",
    "/accounts/password/reset/": "Reset your password",
    "/accounts/password/reset/done/": "Check your email",
}


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


@pytest.mark.parametrize(("path", "name"), ACCOUNT_PAGES.items())
def test_account_pages_are_titled_in_words_and_structurally_sound(client, path, name):
    html = client.get(path).content.decode()
    assert _title(html) == f"{name} · Model Craft Academy"
    assert f"<h1>{name}</h1>" in html
    assert html_nesting_problems(html) == []


def test_signed_in_pages_are_titled_in_words(client):
    client.force_login(UserFactory())
    assert _title(client.get("/accounts/logout/").content.decode()).startswith("Sign out ·")
    assert _title(client.get("/accounts/password/change/").content.decode()).startswith(
        "Change your password ·"
    )
    assert _title(client.get("/accounts/email/").content.decode()).startswith("Email addresses ·")


def test_the_action_is_called_create_account_everywhere(client):
    for path in ("/", "/accounts/login/", "/accounts/signup/"):
        html = client.get(path).content.decode()
        assert not re.search(r"sign[ -]?up", re.sub(r"<[^>]+>", " ", html), re.I), path
    signup = client.get("/accounts/signup/").content.decode()
    assert re.search(r"<button[^>]*>Create account</button>", signup)
    login = client.get("/accounts/login/").content.decode()
    assert '<a href="/accounts/signup/">Create account</a>' in login


def test_sign_in_labels_every_field_and_puts_the_checkbox_before_its_label(client):
    html = client.get("/accounts/login/").content.decode()
    assert '<label for="id_login">Email address</label>' in html
    assert '<label for="id_password">Password</label>' in html
    # The fields are labelled, never placeheld (the header's search box is not this form).
    assert "placeholder=" not in html[html.index("<main") :]
    assert '<a href="/accounts/password/reset/">Forgotten your password?</a>' in html
    checkbox = html.index('id="id_remember"')
    label = html.index('<label for="id_remember">Remember me</label>')
    assert checkbox < label


def test_a_failed_sign_in_says_why_and_keeps_the_email(client):
    UserFactory(email="ada@example.com")
    response = client.post("/accounts/login/", {"login": "ada@example.com", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html and "not correct" in html
    assert 'value="ada@example.com"' in html


def test_field_errors_are_tied_to_their_input(client):
    response = client.post(
        "/accounts/signup/", {"email": "not-an-email", "password1": PASSWORD, "password2": PASSWORD}
    )
    html = response.content.decode()
    email_input = re.search(r'<input[^>]*id="id_email"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in email_input
    assert 'aria-describedby="id_email_errors"' in email_input
    assert '<ul class="errorlist" id="id_email_errors">' in html
    assert html_nesting_problems(html) == []


def test_sign_up_offers_an_optional_certificate_name(client):
    html = client.get("/accounts/signup/").content.decode()
    assert '<label for="id_full_name">Full name (as printed on your certificate)</label>' in html
    name_input = re.search(r'<input[^>]*id="id_full_name"[^>]*>', html).group(0)
    assert "required" not in name_input and 'autocomplete="name"' in name_input


def test_sign_up_saves_the_full_name(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "zoe@example.com",
            "full_name": "  Zoë Ngụyễn  ",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(email="zoe@example.com").full_name == "Zoë Ngụyễn"


def test_sign_up_without_a_full_name_still_creates_the_account(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "sam@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(email="sam@example.com").full_name == ""


def test_a_full_name_too_long_is_refused_with_a_field_error(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "long@example.com",
            "full_name": "x" * 151,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_full_name_errors"' in html and 'value="long@example.com"' in html
    assert not get_user_model().objects.filter(email="long@example.com").exists()


def test_the_email_page_lists_addresses_in_a_labelled_group_in_the_sites_words(client):
    user = UserFactory(email="ada@example.com")
    client.force_login(user)
    html = client.get("/accounts/email/").content.decode()
    assert "<h1>Email addresses</h1>" in html
    assert re.search(r"<fieldset[^>]*>\s*<legend>Your addresses", html)
    radio = re.search(r'<input type="radio"[^>]*value="ada@example.com"[^>]*>', html).group(0)
    label_for = re.search(r'id="([^"]+)"', radio).group(1)
    assert f'<label for="{label_for}">' in html
    assert ">Make primary<" in html and ">Add the address<" in html
    assert html_nesting_problems(html) == []


def test_changing_the_password_reads_as_words_and_still_works(client):
    user = UserFactory()
    client.force_login(user)
    html = client.get("/accounts/password/change/").content.decode()
    assert "<h1>Change your password</h1>" in html and ">Save the new password<" in html
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "A-new-long-pass-42",
            "password2": "A-new-long-pass-42",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("A-new-long-pass-42")


def test_reauthentication_reads_as_words(client):
    client.force_login(UserFactory())
    html = client.get("/accounts/reauthenticate/").content.decode()
    assert _title(html) == "Confirm it is you · Model Craft Academy"
    assert '<label for="id_password">Password</label>' in html
    assert html_nesting_problems(html) == []
