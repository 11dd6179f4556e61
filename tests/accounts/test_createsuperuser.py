"""createsuperuser --noinput with only an email and a password (email is the login)."""

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "Str0ng-staff-pass-2026"


@pytest.fixture
def staff_env(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "Ops@Example.com")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)


def test_an_email_and_a_password_make_a_staff_account_that_signs_in(staff_env):
    call_command("createsuperuser", interactive=False, verbosity=0)
    user = User.objects.get(email__iexact="ops@example.com")
    assert user.is_superuser and user.is_staff and user.check_password(PASSWORD)
    assert EmailAddress.objects.filter(user=user, verified=True, primary=True).exists()
    browser = Client()
    response = browser.post("/accounts/login/", {"login": "ops@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert browser.get("/admin/").status_code == 200


def test_a_username_given_explicitly_is_kept(staff_env, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "operations")
    call_command("createsuperuser", interactive=False, verbosity=0)
    assert User.objects.get(email__iexact="ops@example.com").username == "operations"


def test_the_same_email_twice_is_refused(staff_env):
    call_command("createsuperuser", interactive=False, verbosity=0)
    with pytest.raises(CommandError):
        call_command("createsuperuser", interactive=False, verbosity=0)
    assert User.objects.filter(is_superuser=True).count() == 1


def test_without_an_email_noinput_still_says_what_is_missing(monkeypatch):
    for name in ("EMAIL", "USERNAME", "PASSWORD"):
        monkeypatch.delenv(f"DJANGO_SUPERUSER_{name}", raising=False)
    with pytest.raises(CommandError, match="username"):
        call_command("createsuperuser", interactive=False, verbosity=0)
