"""The admin: the site's name, one Accounts section, email addresses on the user's page,
and split date/time inputs with labels."""

import re

import pytest
from allauth.account.models import EmailAddress
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime

from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory(is_superuser=True))
    return client


def test_the_admin_is_branded_with_the_site_name(staff_client):
    html = staff_client.get("/admin/").content.decode()
    assert "Model Craft Academy administration" in html and "Django administration" not in html
    assert "<title>Courses, learners and the blog | Model Craft Academy admin</title>" in html
    assert 'rel="icon"' in html


def test_there_is_one_accounts_section(staff_client):
    html = staff_client.get("/admin/").content.decode()
    captions = re.findall(r'<caption>\s*<a[^>]*class="section"[^>]*>([^<]+)</a>', html)
    assert [c.strip() for c in captions].count("Accounts") == 1, captions
    assert not admin.site.is_registered(EmailAddress)
    assert "/admin/account/emailaddress/" not in html


def test_a_users_email_addresses_are_edited_on_their_page(staff_client):
    learner = UserFactory(email="ada@example.com")
    html = staff_client.get(f"/admin/accounts/user/{learner.pk}/change/").content.decode()
    assert "email addresses (sign-in)" in html.lower()
    assert 'value="ada@example.com"' in html
    assert re.search(r'<label[^>]*for="id_emailaddress_set-0-email"', html)


def test_the_user_list_finds_people_by_any_of_their_addresses(staff_client):
    learner = UserFactory(email="ada@example.com")
    EmailAddress.objects.create(user=learner, email="ada.second@example.org")
    html = staff_client.get("/admin/accounts/user/?q=second@example.org").content.decode()
    assert "ada@example.com" in html


def test_split_date_and_time_inputs_have_labels():
    class Form(forms.Form):
        when = forms.SplitDateTimeField(widget=AdminSplitDateTime())

    html = str(Form()["when"])
    assert '<label class="datetime-part" for="id_when_0">Date:</label>' in html
    assert '<label class="datetime-part" for="id_when_1">Time:</label>' in html
