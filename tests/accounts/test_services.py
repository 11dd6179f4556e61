import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import User
from accounts.services import staff_author_get_or_create, user_full_name_update
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_new_staff_author_is_staff_and_cannot_log_in():
    author = staff_author_get_or_create(email="editors@Staff.invalid", full_name=" Editorial team ")
    author.refresh_from_db()
    assert author.email == "editors@staff.invalid"
    assert author.display_name == "Editorial team"
    assert author.is_staff and not author.is_superuser
    assert not author.has_usable_password()


def test_the_same_email_finds_the_same_author_and_keeps_its_name():
    first = staff_author_get_or_create(email="editors@staff.invalid", full_name="Editorial team")
    again = staff_author_get_or_create(email="EDITORS@staff.invalid", full_name="Renamed")
    assert again.pk == first.pk and again.full_name == "Editorial team"
    assert User.objects.count() == 1


def test_an_existing_staff_account_is_used_as_it_is():
    staff = StaffFactory(email="ada@example.com", full_name="Ada")
    assert staff_author_get_or_create(email="ada@example.com", full_name="Other").pk == staff.pk
    staff.refresh_from_db()
    assert staff.has_usable_password() and staff.full_name == "Ada"


def test_a_learner_who_holds_the_address_is_not_made_staff():
    learner = UserFactory(email="editors@staff.invalid")
    with pytest.raises(PermissionDenied):
        staff_author_get_or_create(email="editors@staff.invalid", full_name="Editorial team")
    learner.refresh_from_db()
    assert not learner.is_staff


def test_full_name_update_strips_caps_and_saves_only_the_name():
    user = UserFactory(full_name="Old", email="learner@example.com")
    user.email = "unsaved@example.com"
    user_full_name_update(user=user, full_name="  " + "N" * 200 + "  ")
    user.refresh_from_db()
    assert user.full_name == "N" * 150
    assert user.email == "learner@example.com"
