"""The enrolment admin reads everything and writes only through the services."""

import pytest

from enrollment import services
from enrollment.models import Certificate, Enrollment, ModuleCompletion
from tests.factories import ModuleFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory(is_superuser=True))
    return client


@pytest.fixture
def enrollment():
    module = ModuleFactory()
    enrollment, _ = services.enrollment_create(user=UserFactory(), course=module.course)
    return enrollment


def test_enrolment_status_is_read_only_and_enrolments_are_not_typed_in(staff_client, enrollment):
    page = staff_client.get(f"/admin/enrollment/enrollment/{enrollment.pk}/change/")
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    staff_client.post(f"/admin/enrollment/enrollment/{enrollment.pk}/change/", {"status": "left"})
    enrollment.refresh_from_db()
    assert enrollment.status == "active"
    assert staff_client.get("/admin/enrollment/enrollment/add/").status_code == 403


def test_mark_as_left_and_reactivate_use_the_services(staff_client, enrollment):
    url = "/admin/enrollment/enrollment/"
    staff_client.post(url, {"action": "mark_as_left", "_selected_action": [enrollment.pk]})
    enrollment.refresh_from_db()
    assert enrollment.status == "left" and enrollment.left_at is not None
    staff_client.post(url, {"action": "reactivate", "_selected_action": [enrollment.pk]})
    enrollment.refresh_from_db()
    assert enrollment.status == "active" and enrollment.left_at is None


def test_module_completions_are_read_only(staff_client, enrollment):
    module = enrollment.course.modules.get()
    services.module_complete(user=enrollment.user, module=module)
    completion = ModuleCompletion.objects.get()
    assert staff_client.get("/admin/enrollment/modulecompletion/").status_code == 200
    assert staff_client.get("/admin/enrollment/modulecompletion/add/").status_code == 403
    delete = f"/admin/enrollment/modulecompletion/{completion.pk}/delete/"
    assert staff_client.get(delete).status_code == 403
    change = staff_client.get(f"/admin/enrollment/modulecompletion/{completion.pk}/change/")
    assert 'name="module"' not in change.content.decode()


def test_certificates_are_revoked_never_deleted(staff_client, enrollment):
    module = enrollment.course.modules.get()
    services.module_complete(user=enrollment.user, module=module)  # no exercises: complete
    certificate, _ = services.certificate_claim(
        user=enrollment.user, course=enrollment.course, full_name="Ada Lovelace"
    )
    delete = f"/admin/enrollment/certificate/{certificate.pk}/delete/"
    assert staff_client.get(delete).status_code == 403
    response = staff_client.post(
        "/admin/enrollment/certificate/",
        {"action": "delete_selected", "_selected_action": [str(certificate.pk)]},
    )
    assert Certificate.objects.filter(pk=certificate.pk).exists(), response.status_code


def test_module_completion_needs_an_active_enrolment_from_any_caller(enrollment):
    module = enrollment.course.modules.get()
    with pytest.raises(services.NotEnrolled):
        services.module_complete(user=UserFactory(), module=module)
    services.enrollment_leave(user=enrollment.user, course=enrollment.course)
    with pytest.raises(services.NotEnrolled):
        services.module_complete(user=enrollment.user, module=module)
    assert not ModuleCompletion.objects.exists()
    assert Enrollment.objects.get(pk=enrollment.pk).progress_percent == 0
