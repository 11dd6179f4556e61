"""Certificates: issued once when earned, public to verify, revocable by staff."""

import threading
import uuid

import pytest
from django.core import mail
from django.db import connection

from courseware.models import Submission
from enrollment import services
from enrollment.models import Certificate, CertificateStatusChange
from tests.factories import ExerciseFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _passed_submission(user, exercise, score=2):
    return Submission.objects.create(
        user=user,
        exercise=exercise,
        code="...",
        status="passed",
        score=score,
        max_score=2,
        attempt=Submission.objects.filter(user=user, exercise=exercise).count() + 1,
    )


@pytest.fixture
def nearly_done(enrolled):
    """The learner passed the only exercise; the only module is not yet read."""
    learner, exercise = enrolled
    _passed_submission(learner, exercise)
    return learner, exercise


def test_completing_the_last_module_issues_the_certificate_once(
    nearly_done, django_capture_on_commit_callbacks
):
    learner, exercise = nearly_done
    learner.full_name = "Ada Lovelace"
    learner.save()
    with django_capture_on_commit_callbacks(execute=True):
        progress = services.module_complete(user=learner, module=exercise.module)
        services.module_complete(user=learner, module=exercise.module)
    assert progress.eligible_for_certificate
    certificate = Certificate.objects.get(user=learner)
    assert (certificate.learner_name, certificate.course_title, certificate.score_percent) == (
        "Ada Lovelace",
        "Test Course",
        100,
    )
    issued_mails = [m for m in mail.outbox if "certificate" in m.subject.lower()]
    assert len(issued_mails) == 1
    assert str(certificate.pk) in issued_mails[0].body


def test_below_the_pass_mark_no_certificate(enrolled):
    learner, exercise = enrolled
    Submission.objects.create(
        user=learner,
        exercise=exercise,
        code="...",
        status="failed",
        score=0,
        max_score=2,
        attempt=1,
    )
    services.module_complete(user=learner, module=exercise.module)
    assert not Certificate.objects.exists()


def test_undo_mark_complete_is_possible_and_keeps_an_issued_certificate(nearly_done):
    learner, exercise = nearly_done
    services.module_complete(user=learner, module=exercise.module)
    progress = services.module_uncomplete(user=learner, module=exercise.module)
    assert progress.percent == 50
    assert Certificate.objects.filter(user=learner).exists()


def test_the_certificate_name_is_editable_until_issue(nearly_done, client):
    learner, exercise = nearly_done
    client.force_login(learner)
    response = client.post("/dashboard/", {"full_name": "  Grace   Hopper "})
    assert response.status_code == 302
    services.module_complete(user=learner, module=exercise.module)
    client.post("/dashboard/", {"full_name": "Someone Else"})
    assert Certificate.objects.get(user=learner).learner_name == "Grace Hopper"


def test_name_form_shows_field_errors(client, learner):
    client.force_login(learner)
    response = client.post("/dashboard/", {"full_name": " "})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


def test_public_page_verifies_and_says_revoked(nearly_done, client):
    learner, exercise = nearly_done
    services.module_complete(user=learner, module=exercise.module)
    certificate = Certificate.objects.get(user=learner)
    url = f"/certificates/{certificate.pk}/"

    page = client.get(url).content.decode()  # anonymous: anyone can verify
    assert "Verified." in page and certificate.learner_name in page
    assert "linkedin.com/profile/add" not in page  # sharing tools are for the owner

    staff = StaffFactory()
    services.certificate_revoke(certificate=certificate, by=staff, reason="Plagiarised exercises")
    page = client.get(url).content.decode()
    assert "This certificate has been revoked." in page
    assert "Plagiarised exercises" in page
    change = CertificateStatusChange.objects.get(certificate=certificate)
    assert (change.action, change.changed_by) == ("revoked", staff)

    services.certificate_restore(certificate=certificate, by=staff)
    assert "Verified." in client.get(url).content.decode()
    assert CertificateStatusChange.objects.filter(certificate=certificate).count() == 2


def test_owner_sees_linkedin_and_print(nearly_done, client):
    learner, exercise = nearly_done
    services.module_complete(user=learner, module=exercise.module)
    certificate = Certificate.objects.get(user=learner)
    client.force_login(learner)
    page = client.get(f"/certificates/{certificate.pk}/").content.decode()
    assert "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME" in page
    assert "window.print()" in page


def test_unknown_certificate_is_404(client):
    assert client.get(f"/certificates/{uuid.uuid4()}/").status_code == 404


def test_admin_revoke_action_records_who(nearly_done, client):
    learner, exercise = nearly_done
    services.module_complete(user=learner, module=exercise.module)
    certificate = Certificate.objects.get(user=learner)
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    response = client.post(
        "/admin/enrollment/certificate/",
        {"action": "revoke", "_selected_action": [str(certificate.pk)]},
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_by == staff


@pytest.mark.django_db(transaction=True)
def test_concurrent_completion_issues_exactly_one_certificate():
    if connection.vendor == "sqlite":
        pytest.skip("concurrency is tested against PostgreSQL (DATABASE_URL), as in CI")
    from enrollment.models import Enrollment

    learner = UserFactory()
    exercise = ExerciseFactory()
    Enrollment.objects.create(user=learner, course=exercise.course)
    _passed_submission(learner, exercise)
    services.module_complete(user=learner, module=exercise.module)
    Certificate.objects.all().delete()
    barrier = threading.Barrier(10)
    errors = []

    def complete():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            services.progress_recompute(user_id=learner.pk, course_id=exercise.course_id)
        except Exception as exc:  # the test reports any failure below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=complete) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Certificate.objects.filter(user=learner).count() == 1
