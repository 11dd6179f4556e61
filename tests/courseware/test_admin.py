"""Staff close enrolment in the admin; synced content is read-only there."""

import pytest

from courseware.models import Course, Module
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_staff_close_enrolment_from_the_course_list(staff_client, client, synced):
    course = Course.objects.get(slug="alpha")
    response = staff_client.post(
        "/admin/courseware/course/",
        {"action": "close_enrolment", "_selected_action": [course.pk]},
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.enrolment_open is False
    client.logout()
    assert "Enrolment is closed" in client.get("/courses/alpha/").content.decode()


def test_course_form_edits_only_enrolment_open(staff_client, synced):
    course = Course.objects.get(slug="alpha")
    page = staff_client.get(f"/admin/courseware/course/{course.pk}/change/").content.decode()
    assert 'name="enrolment_open"' in page
    assert 'name="title"' not in page and 'name="body_html"' not in page
    staff_client.post(
        f"/admin/courseware/course/{course.pk}/change/",
        {"enrolment_open": "", "title": "Hijacked"},
    )
    course.refresh_from_db()
    assert course.enrolment_open is False and course.title == "Alpha Course"


def test_content_pages_render_and_cannot_be_added(staff_client, synced):
    module = Module.objects.get(slug="first-steps")
    assert staff_client.get("/admin/courseware/module/").status_code == 200
    assert staff_client.get(f"/admin/courseware/module/{module.pk}/change/").status_code == 200
    assert staff_client.get("/admin/courseware/exercise/").status_code == 200
    assert staff_client.get("/admin/courseware/course/add/").status_code == 403


def test_the_course_list_has_no_inline_editing(staff_client, synced):
    page = staff_client.get("/admin/courseware/course/").content.decode()
    assert 'name="form-0-enrolment_open"' not in page


def test_admin_enrolment_changes_go_through_the_service(staff_client, synced, monkeypatch):
    from courseware import admin as courseware_admin

    calls = []
    real = courseware_admin.course_enrolment_set

    def spy(**kwargs):
        calls.append(kwargs["is_open"])
        return real(**kwargs)

    monkeypatch.setattr(courseware_admin, "course_enrolment_set", spy)
    course = Course.objects.get(slug="alpha")
    staff_client.post(
        "/admin/courseware/course/", {"action": "close_enrolment", "_selected_action": [course.pk]}
    )
    staff_client.post(f"/admin/courseware/course/{course.pk}/change/", {"enrolment_open": "on"})
    assert calls == [False, True]
    course.refresh_from_db()
    assert course.enrolment_open is True


def test_submissions_cannot_be_added_or_deleted_in_the_admin(staff_client, enrolled):
    from tests.factories import SubmissionFactory

    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise, passed=True)
    assert staff_client.get("/admin/courseware/submission/add/").status_code == 403
    url = f"/admin/courseware/submission/{submission.pk}/delete/"
    assert staff_client.get(url).status_code == 403


def test_staff_see_which_hints_learners_revealed_but_cannot_change_them(staff_client):
    from tests.factories import HintRevealFactory

    reveal = HintRevealFactory(index=1)
    page = staff_client.get("/admin/courseware/hintreveal/").content.decode()
    assert reveal.user.email in page and "2 of 3" in page
    assert "/admin/courseware/hintreveal/add/" not in page
    change = staff_client.get(f"/admin/courseware/hintreveal/{reveal.pk}/change/")
    assert change.status_code == 200 and 'name="index"' not in change.content.decode()
    response = staff_client.post(
        f"/admin/courseware/hintreveal/{reveal.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    reveal.refresh_from_db()
