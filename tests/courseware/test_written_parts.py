"""Written parts of an exercise: the form on the exercise page, what the server accepts,
staff returning a part, and the certificate waiting for every part."""

import pytest

from courseware.models import WrittenSubmission
from courseware.written_services import WrittenRefused, written_return
from enrollment import services as enrollment_services
from enrollment.models import Certificate, Enrollment
from tests.factories import ExerciseFactory, StaffFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db

CARD = {
    "key": "model-card",
    "title": "Model card",
    "prompt_html": "<p>Describe the model you submitted.</p>",
    "sections": ["Intended use", "Limitations"],
    "min_words": 50,
    "max_words": 300,
}
GOOD = (
    "## Intended use\n"
    + "Ranking support tickets by urgency for a human triage team. " * 4
    + "\n\nLimitations\n"
    + "It was trained on English tickets only and <script>alert(1)</script> is text. " * 3
)


@pytest.fixture
def capstone(db):
    """A learner enrolled in a course whose one exercise has a model card to write."""
    learner = UserFactory()
    exercise = ExerciseFactory(title="Ticket triage capstone", written=[CARD])
    Enrollment.objects.create(user=learner, course=exercise.course)
    return learner, exercise


def url(exercise, key="model-card") -> str:
    return f"{exercise.get_absolute_url()}written/{key}/"


def finish_the_code(learner, exercise):
    SubmissionFactory(user=learner, exercise=exercise, passed=True)
    enrollment_services.module_complete(user=learner, module=exercise.module)


def completed(learner, exercise) -> bool:
    return Enrollment.objects.get(user=learner, course=exercise.course).completed_at is not None


def test_the_exercise_page_offers_a_form_listing_the_sections(client, capstone):
    learner, exercise = capstone
    client.force_login(learner)
    page = client.get(exercise.get_absolute_url()).content.decode()
    assert "Describe the model you submitted." in page
    assert f'action="{url(exercise)}"' in page
    assert "<li>Intended use</li>" in page and "<li>Limitations</li>" in page
    assert "50 to 300 words" in page


def test_visitors_and_unenrolled_readers_see_the_prompt_but_no_form(client, capstone):
    _, exercise = capstone
    page = client.get(exercise.get_absolute_url()).content.decode()
    assert "Describe the model you submitted." in page and "Sign in</a> and enrol" in page
    assert f'action="{url(exercise)}"' not in page
    client.force_login(UserFactory())
    page = client.get(exercise.get_absolute_url()).content.decode()
    assert "to submit your model card" in page and f'action="{url(exercise)}"' not in page
    assert client.post(url(exercise), {"text": GOOD}).status_code == 400
    assert not WrittenSubmission.objects.exists()


def test_a_refused_text_comes_back_with_its_errors_and_nothing_lost(client, capstone):
    learner, exercise = capstone
    client.force_login(learner)
    typed = "## Intended use\nTriage <b>support</b> tickets.\n\nLimitations"
    response = client.post(url(exercise), {"text": typed})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Write at least 50 words; this has 8." in page
    assert "Write something under these headings: Limitations." in page
    assert 'aria-invalid="true"' in page
    # The text box holds exactly what was typed, escaped.
    assert "Triage &lt;b&gt;support&lt;/b&gt; tickets.\n\nLimitations</textarea>" in page
    assert not WrittenSubmission.objects.exists()


def test_a_saved_part_is_shown_back_escaped_with_its_date_and_history_is_kept(client, capstone):
    learner, exercise = capstone
    client.force_login(learner)
    response = client.post(url(exercise), {"text": GOOD})
    assert response.status_code == 302
    assert response["Location"] == f"{exercise.get_absolute_url()}#written-model-card"
    page = client.get(exercise.get_absolute_url()).content.decode()
    assert "Submitted on" in page and "(85 words)" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    client.post(url(exercise), {"text": GOOD + " One more sentence."})
    versions = WrittenSubmission.objects.filter(user=learner, exercise=exercise)
    assert versions.count() == 2  # the earlier text is kept, not overwritten
    assert "1 earlier version kept" in client.get(exercise.get_absolute_url()).content.decode()


def test_an_unknown_part_is_not_found(client, capstone):
    learner, exercise = capstone
    client.force_login(learner)
    assert client.post(url(exercise, "memo"), {"text": GOOD}).status_code == 404


def test_the_certificate_waits_for_the_written_part(
    client, capstone, django_capture_on_commit_callbacks
):
    learner, exercise = capstone
    with django_capture_on_commit_callbacks(execute=True):
        finish_the_code(learner, exercise)
    assert not completed(learner, exercise)
    client.force_login(learner)
    for page_url in ("/dashboard/", exercise.course.get_absolute_url()):
        page = client.get(page_url).content.decode()
        assert "Still needed for the certificate" in page
        assert "Submit your model card for Ticket triage capstone" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(exercise), {"text": GOOD})
    assert completed(learner, exercise)
    assert "Still needed" not in client.get("/dashboard/").content.decode()


def test_the_exercise_itself_must_be_passed_too(capstone, django_capture_on_commit_callbacks):
    learner, exercise = capstone
    exercise.course.pass_mark = 0
    exercise.course.save()
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_services.module_complete(user=learner, module=exercise.module)
        WrittenSubmission.objects.create(
            user=learner, exercise=exercise, key="model-card", text=GOOD, word_count=85
        )
    progress = enrollment_services.progress_recompute(
        user_id=learner.pk, course_id=exercise.course_id
    )
    assert not progress.eligible_for_certificate
    assert progress.still_missing == ("Pass Ticket triage capstone",)


def test_a_returned_part_takes_completion_away_until_resubmitted(
    client, capstone, django_capture_on_commit_callbacks
):
    learner, exercise = capstone
    with django_capture_on_commit_callbacks(execute=True):
        finish_the_code(learner, exercise)
        client.force_login(learner)
        client.post(url(exercise), {"text": GOOD})
    assert completed(learner, exercise)
    card = WrittenSubmission.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        written_return(submission=card, by=StaffFactory(), comment="Name the data's time span.")
    assert not completed(learner, exercise)
    for page_url in ("/dashboard/", exercise.get_absolute_url()):
        page = client.get(page_url).content.decode()
        assert "Name the data&#x27;s time span." in page
    assert "Revise and resubmit your model card" in client.get("/dashboard/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(exercise), {"text": GOOD + " It covers 2023 to 2025."})
    assert completed(learner, exercise)


def test_an_issued_certificate_stays_issued_when_a_part_is_returned(
    client, capstone, django_capture_on_commit_callbacks
):
    learner, exercise = capstone
    with django_capture_on_commit_callbacks(execute=True):
        finish_the_code(learner, exercise)
        client.force_login(learner)
        client.post(url(exercise), {"text": GOOD})
    certificate, _ = enrollment_services.certificate_claim(
        user=learner, course=exercise.course, full_name="Ada Lovelace"
    )
    with django_capture_on_commit_callbacks(execute=True):
        written_return(
            submission=WrittenSubmission.objects.get(), by=StaffFactory(), comment="More detail."
        )
    assert Certificate.objects.get(pk=certificate.pk).revoked_at is None
    assert completed(learner, exercise)


def test_only_the_newest_version_can_be_returned_and_a_comment_is_required(capstone):
    learner, exercise = capstone
    first, second = (
        WrittenSubmission.objects.create(
            user=learner, exercise=exercise, key="model-card", text=GOOD, word_count=85
        )
        for _ in range(2)
    )
    staff = StaffFactory()
    with pytest.raises(WrittenRefused, match="newer version"):
        written_return(submission=first, by=staff, comment="Too short.")
    with pytest.raises(WrittenRefused, match="should change"):
        written_return(submission=second, by=staff, comment="  ")


def test_staff_return_a_part_in_the_admin(client, capstone, django_capture_on_commit_callbacks):
    learner, exercise = capstone
    card = WrittenSubmission.objects.create(
        user=learner, exercise=exercise, key="model-card", text="<i>mine</i>", word_count=50
    )
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    listing = client.get("/admin/courseware/writtensubmission/?status__exact=submitted")
    assert listing.status_code == 200 and "model-card" in listing.content.decode()
    change_url = f"/admin/courseware/writtensubmission/{card.pk}/change/"
    page = client.get(change_url).content.decode()
    assert "&lt;i&gt;mine&lt;/i&gt;" in page
    refused = client.post(change_url, {"staff_comment": "", "return_to_learner": "on"})
    assert refused.status_code == 200 and "Say what the learner should change." in (
        refused.content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url, {"staff_comment": "Add limitations.", "return_to_learner": "on"})
    card.refresh_from_db()
    assert card.status == WrittenSubmission.Status.RETURNED
    assert (card.staff_comment, card.returned_by) == ("Add limitations.", staff)


def test_the_dashboard_query_count_does_not_grow_with_written_parts(client, capstone):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    learner, exercise = capstone
    client.force_login(learner)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/dashboard/").status_code == 200
        return len(queries)

    one = count()
    for _ in range(3):
        ExerciseFactory(module=exercise.module, written=[CARD, {**CARD, "key": "memo"}])
    assert count() == one
