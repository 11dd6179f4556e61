"""Sign-up, log-in, log-out, password reset and email management through allauth."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_sign_up_with_email_logs_the_learner_in(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "ada@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="ada@example.com")
    assert client.session["_auth_user_id"] == str(user.pk)
    # Optional verification: a confirmation email is sent, but the learner can start now.
    assert any("ada@example.com" in m.to for m in mail.outbox)


def test_sign_up_page_uses_the_site_layout(client):
    response = client.get("/accounts/signup/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert 'for="id_email"' in html


def test_sign_up_shows_field_errors_and_keeps_the_email(client):
    response = client.post(
        "/accounts/signup/", {"email": "ada@example.com", "password1": "short", "password2": "nope"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in html
    assert 'value="ada@example.com"' in html
    assert not get_user_model().objects.filter(email="ada@example.com").exists()


def test_duplicate_email_is_refused(client):
    UserFactory(email="taken@example.com")
    response = client.post(
        "/accounts/signup/",
        {"email": "taken@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert get_user_model().objects.filter(email="taken@example.com").count() == 1


def test_log_in_with_email_and_log_out(client):
    user = UserFactory()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 302


def test_wrong_password_is_refused_with_a_message(client):
    user = UserFactory()
    response = client.post("/accounts/login/", {"login": user.email, "password": "wrong"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_password_reset_sends_a_working_link(client):
    user = UserFactory()
    client.post("/accounts/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    new_password = "a brand new passphrase 42"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_add_a_second_email_address(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/accounts/email/", {"action_add": "", "email": "second@example.com"})
    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=user, email="second@example.com").exists()


def test_mandatory_verification_is_a_setting(client, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    response = client.post(
        "/accounts/signup/",
        {"email": "grace@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert "/accounts/confirm-email/" in response["Location"]
    assert "_auth_user_id" not in client.session
