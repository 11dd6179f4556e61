"""The admin has no password form of its own: staff sign in through allauth, so a
password guessed at /admin/login/ meets the same lock-out as one guessed at
/accounts/login/ (ACCOUNT_RATE_LIMITS' login_failed)."""

import time

import pytest

from tests.factories import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rate_limits(settings):
    """allauth's own defaults (the test settings switch them off): 5 failed log-ins per
    account in 5 minutes, 10 a minute per address."""
    settings.ACCOUNT_RATE_LIMITS = {}
    return settings


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_fifty_wrong_admin_passwords_then_the_right_one_do_not_sign_in(client, rate_limits):
    staff = StaffFactory()
    for attempt in range(50):
        client.post("/admin/login/", {"username": staff.username, "password": f"guess {attempt}"})
    response = client.post(
        "/admin/login/?next=/admin/", {"username": staff.username, "password": PASSWORD}
    )
    assert not _signed_in(client)
    # No password is ever checked there: the browser is sent to allauth's page.
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"
    assert client.get("/admin/").status_code == 302


def test_after_the_limit_the_right_password_no_longer_signs_staff_in(client, rate_limits):
    staff = StaffFactory()
    for attempt in range(5):
        client.post("/accounts/login/", {"login": staff.email, "password": f"guess {attempt}"})
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": staff.email, "password": PASSWORD}
    )
    assert not _signed_in(client)
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_the_lock_out_lifts_after_its_window(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/1s/key"}
    staff = StaffFactory()
    for attempt in range(3):
        client.post("/accounts/login/", {"login": staff.email, "password": f"guess {attempt}"})
    client.post("/accounts/login/", {"login": staff.email, "password": PASSWORD})
    assert not _signed_in(client)
    time.sleep(1.2)
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": staff.email, "password": PASSWORD}
    )
    assert _signed_in(client)
    assert response["Location"] == "/admin/"


def test_staff_sign_in_with_their_email_and_land_where_they_were_going(client, rate_limits):
    staff = StaffFactory()
    response = client.get("/admin/blog/post/")
    assert response["Location"] == "/admin/login/?next=/admin/blog/post/"
    response = client.get(response["Location"])
    assert response["Location"] == "/accounts/login/?next=/admin/blog/post/"
    response = client.post(response["Location"], {"login": staff.email, "password": PASSWORD})
    assert response["Location"] == "/admin/blog/post/"
    assert client.get("/admin/").status_code == 200
    # Signed-in staff who open the admin's log-in page go on to where they were going.
    assert client.get("/admin/login/?next=/admin/blog/")["Location"] == "/admin/blog/"


def test_the_admin_log_in_page_is_no_open_redirect(client):
    client.force_login(StaffFactory())
    assert client.get("/admin/login/?next=https://evil.example/")["Location"] == "/admin/"


def test_a_signed_in_learner_is_refused_the_admin_without_a_redirect_loop(client):
    learner = UserFactory()
    client.force_login(learner)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert learner.email in response.content.decode()
    # A learner cannot use the admin's form to sign in as someone else either.
    staff = StaffFactory()
    client.post("/admin/login/", {"username": staff.username, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(learner.pk)
