"""Certificates: issued once the course is complete and the learner confirmed the name on
it, public to verify, revocable by staff."""

import threading
import uuid

import pytest
from django.core import mail
from django.db import connection

from courseware.models import Submission
from enrollment import selectors, services
from enrollment.models import Certificate, CertificateStatusChange, Enrollment, ModuleCompletion
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


def _complete_and_claim(learner, module, name="Ada Lovelace"):
    services.module_complete(user=learner, module=module)
    certificate, _ = services.certificate_claim(user=learner, course=module.course, full_name=name)
    return certificate


def test_completing_the_course_records_it_and_waits_for_the_name(nearly_done):
    learner, exercise = nearly_done
    progress = services.module_complete(user=learner, module=exercise.module)
    assert progress.eligible_for_certificate
    assert Enrollment.objects.get(user=learner).completed_at is not None
    assert not Certificate.objects.exists()  # nobody has confirmed the name yet


def test_claiming_issues_the_certificate_once_with_the_confirmed_name(
    nearly_done, django_capture_on_commit_callbacks
):
    learner, exercise = nearly_done
    learner.full_name = "Ada Byron"
    learner.save()
    services.module_complete(user=learner, module=exercise.module)
    with django_capture_on_commit_callbacks(execute=True):
        certificate, created = services.certificate_claim(
            user=learner, course=exercise.course, full_name="Ada Lovelace"
        )
        again, created_again = services.certificate_claim(
            user=learner, course=exercise.course, full_name="Someone Else"
        )
    assert (created, created_again, again) == (True, False, certificate)
    assert (certificate.learner_name, certificate.course_title, certificate.score_percent) == (
        "Ada Lovelace",
        "Test Course",
        100,
    )
    learner.refresh_from_db()
    assert learner.full_name == "Ada Lovelace"  # the corrected name is kept on the account
    issued_mails = [m for m in mail.outbox if "certificate" in m.subject.lower()]
    assert len(issued_mails) == 1
    assert str(certificate.pk) in issued_mails[0].body


def test_an_unfinished_course_has_no_certificate_to_claim(nearly_done):
    learner, exercise = nearly_done
    with pytest.raises(services.CertificateNotEarned):
        services.certificate_claim(user=learner, course=exercise.course, full_name="Ada")
    assert not Certificate.objects.exists()
    learner.refresh_from_db()
    assert learner.full_name != "Ada"  # a refused claim changes nothing


def test_completion_in_a_grading_task_leaves_the_certificate_to_the_learner(enrolled):
    """The last requirement met in the background: complete, certificate awaiting a name."""
    learner, exercise = enrolled
    services.module_complete(user=learner, module=exercise.module)
    _passed_submission(learner, exercise)
    services.progress_recompute(user_id=learner.pk, course_id=exercise.course_id)
    assert Enrollment.objects.get(user=learner).completed_at is not None
    assert not Certificate.objects.exists()
    finish = selectors.course_finish_get(user=learner, course=exercise.course)
    assert finish.certificate_id is None
    assert finish.url == f"/courses/{exercise.course.slug}/certificate/"


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
    _complete_and_claim(learner, exercise.module)
    progress = services.module_uncomplete(user=learner, module=exercise.module)
    assert progress.percent == 50
    assert Certificate.objects.filter(user=learner).exists()


def test_undo_after_completing_keeps_the_claim(nearly_done):
    """Completion is recorded once: un-marking a module later does not take it away."""
    learner, exercise = nearly_done
    services.module_complete(user=learner, module=exercise.module)
    services.module_uncomplete(user=learner, module=exercise.module)
    certificate, created = services.certificate_claim(
        user=learner, course=exercise.course, full_name="Grace Hopper"
    )
    assert created and certificate.learner_name == "Grace Hopper"


def test_an_issued_certificate_keeps_its_name_when_the_account_name_changes(nearly_done, client):
    learner, exercise = nearly_done
    certificate = _complete_and_claim(learner, exercise.module, name="Grace Hopper")
    client.force_login(learner)
    client.post("/dashboard/", {"full_name": "Someone Else"})
    learner.refresh_from_db()
    assert learner.full_name == "Someone Else"
    certificate.refresh_from_db()
    assert certificate.learner_name == "Grace Hopper"


def test_name_form_shows_field_errors(client, learner):
    client.force_login(learner)
    response = client.post("/dashboard/", {"full_name": " "})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


def test_public_page_verifies_and_says_revoked(nearly_done, client):
    learner, exercise = nearly_done
    certificate = _complete_and_claim(learner, exercise.module)
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
    certificate = _complete_and_claim(learner, exercise.module)
    client.force_login(learner)
    page = client.get(f"/certificates/{certificate.pk}/").content.decode()
    assert "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME" in page
    assert "data-print" in page and "js/certificate" in page  # no inline handler (CSP)
    assert "onclick" not in page


def test_unknown_certificate_is_404(client):
    assert client.get(f"/certificates/{uuid.uuid4()}/").status_code == 404


def test_admin_revoke_action_records_who(nearly_done, client):
    learner, exercise = nearly_done
    certificate = _complete_and_claim(learner, exercise.module)
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
def test_concurrent_claims_issue_exactly_one_certificate():
    if connection.vendor == "sqlite":
        pytest.skip("concurrency is tested against PostgreSQL (DATABASE_URL), as in CI")

    learner = UserFactory()
    exercise = ExerciseFactory()
    Enrollment.objects.create(user=learner, course=exercise.course)
    _passed_submission(learner, exercise)
    services.module_complete(user=learner, module=exercise.module)
    barrier = threading.Barrier(10)
    errors, issued = [], []

    def claim(i):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            certificate, _ = services.certificate_claim(
                user=learner, course=exercise.course, full_name=f"Name {i}"
            )
            issued.append(certificate.pk)
        except Exception as exc:  # the test reports any failure below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Certificate.objects.filter(user=learner).count() == 1
    assert set(issued) == {Certificate.objects.get(user=learner).pk}


@pytest.mark.django_db(transaction=True)
def test_concurrent_recomputes_record_the_completion_and_email_once():
    if connection.vendor == "sqlite":
        pytest.skip("concurrency is tested against PostgreSQL (DATABASE_URL), as in CI")

    learner = UserFactory()
    exercise = ExerciseFactory()
    Enrollment.objects.create(user=learner, course=exercise.course)
    _passed_submission(learner, exercise)
    ModuleCompletion.objects.create(user=learner, module=exercise.module)
    barrier = threading.Barrier(8)
    errors = []

    def recompute():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            services.progress_recompute(user_id=learner.pk, course_id=exercise.course_id)
        except Exception as exc:  # the test reports any failure below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=recompute) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Enrollment.objects.get(user=learner).completed_at is not None
    assert [m.subject for m in mail.outbox] == ["You have completed Test Course"]
