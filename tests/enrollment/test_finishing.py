"""Finishing a course: the pages that met the last requirement say so, the learner confirms
the name printed on the certificate, and every "your certificate" link leads there."""

import pytest
from django.urls import reverse

from enrollment import services
from enrollment.models import Certificate
from tests.factories import SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


def claim_url(course) -> str:
    return f"/courses/{course.slug}/certificate/"


@pytest.fixture
def finished(enrolled):
    """The learner passed the only exercise and marked the only module complete."""
    learner, exercise = enrolled
    SubmissionFactory(user=learner, exercise=exercise, passed=True)
    services.module_complete(user=learner, module=exercise.module)
    return learner, exercise


# -- the name confirmation ------------------------------------------------------


def test_a_learner_without_a_name_is_asked_for_one(client, finished):
    learner, exercise = finished
    learner.full_name = ""
    learner.save()
    client.force_login(learner)
    page = client.get(claim_url(exercise.course)).content.decode()
    assert "tell us the name to print on your certificate" in page
    assert 'name="full_name"' in page and 'value=""' in page  # not the email's local part
    assert learner.email.split("@")[0] not in page.split("<main")[1]

    response = client.post(claim_url(exercise.course), {"full_name": "   "})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and "Enter your name as you want it printed." in html
    assert not Certificate.objects.exists()

    response = client.post(claim_url(exercise.course), {"full_name": " Zoë   Ngụyễn "})
    certificate = Certificate.objects.get(user=learner)
    assert response.status_code == 302 and response.url == certificate.get_absolute_url()
    assert certificate.learner_name == "Zoë Ngụyễn"
    learner.refresh_from_db()
    assert learner.full_name == "Zoë Ngụyễn"


def test_a_learner_with_a_name_confirms_or_corrects_it(client, finished):
    learner, exercise = finished
    learner.full_name = "Lukasz Nowak"
    learner.save()
    client.force_login(learner)
    page = client.get(claim_url(exercise.course)).content.decode()
    assert "Your certificate will be issued to <strong" in page
    assert 'value="Lukasz Nowak"' in page
    assert "Confirm and issue my certificate" in page
    assert not Certificate.objects.exists()  # looking is not confirming

    client.post(claim_url(exercise.course), {"full_name": "Łukasz Nowak"})
    assert Certificate.objects.get(user=learner).learner_name == "Łukasz Nowak"


def test_a_name_typed_with_combining_accents_is_stored_composed(client, finished):
    learner, exercise = finished
    client.force_login(learner)
    client.post(claim_url(exercise.course), {"full_name": "Zoe\u0308"})
    assert Certificate.objects.get(user=learner).learner_name == "Zo\u00eb"


def test_an_issued_certificate_cannot_be_renamed_by_claiming_again(client, finished):
    learner, exercise = finished
    client.force_login(learner)
    client.post(claim_url(exercise.course), {"full_name": "First Name"})
    certificate = Certificate.objects.get(user=learner)
    response = client.get(claim_url(exercise.course))
    assert response.status_code == 302 and response.url == certificate.get_absolute_url()
    client.post(claim_url(exercise.course), {"full_name": "Second Name"})
    certificate.refresh_from_db()
    assert certificate.learner_name == "First Name"


def test_before_finishing_the_page_says_what_is_left(client, enrolled):
    learner, exercise = enrolled
    client.force_login(learner)
    response = client.get(claim_url(exercise.course))
    html = response.content.decode()
    assert response.status_code == 200 and "Not yet" in html
    assert "Exercise score 0% of 50% needed" in html
    assert client.post(claim_url(exercise.course), {"full_name": "Ada"}).status_code == 200
    assert not Certificate.objects.exists()


def test_a_reader_who_is_not_enrolled_is_offered_enrolment(client, enrolled):
    _, exercise = enrolled
    client.force_login(UserFactory())
    html = client.get(claim_url(exercise.course)).content.decode()
    assert f"/courses/{exercise.course.slug}/enrol/" in html
    assert "Not yet" not in html


def test_visitors_are_asked_to_sign_in(client, enrolled):
    _, exercise = enrolled
    response = client.get(claim_url(exercise.course))
    assert response.status_code == 302 and "/accounts/login/" in response.url


# -- where the finish shows ------------------------------------------------------


def test_the_dashboard_offers_the_certificate_not_resume(client, finished):
    learner, exercise = finished
    client.force_login(learner)
    html = client.get("/dashboard/").content.decode()
    assert "certificate awaiting your name" in html
    assert f'href="{claim_url(exercise.course)}"' in html
    assert "Resume:" not in html

    certificate, _ = services.certificate_claim(
        user=learner, course=exercise.course, full_name="Ada Lovelace"
    )
    html = client.get("/dashboard/").content.decode()
    assert "View certificate" in html and certificate.get_absolute_url() in html
    assert "awaiting your name" not in html and "Resume:" not in html


def test_the_module_page_says_the_course_is_finished_and_follows_the_claim(client, finished):
    """The learner's cached module page changes when the certificate is issued."""
    learner, exercise = finished
    client.force_login(learner)
    url = exercise.module.get_absolute_url()
    for _ in range(3):  # the second and third are served from the learner's page cache
        html = client.get(url).content.decode()
        assert "You have completed Test Course." in html
        assert "Confirm your name and get your certificate" in html
        assert f'href="{claim_url(exercise.course)}"' in html
    certificate, _ = services.certificate_claim(
        user=learner, course=exercise.course, full_name="Ada Lovelace"
    )
    html = client.get(url).content.decode()
    assert "View your certificate" in html and certificate.get_absolute_url() in html
    assert "Confirm your name" not in html


def test_an_unfinished_course_shows_no_finish(client, enrolled):
    learner, exercise = enrolled
    services.module_complete(user=learner, module=exercise.module)  # exercise not passed
    client.force_login(learner)
    assert (
        "You have completed Test Course"
        not in client.get(exercise.module.get_absolute_url()).content.decode()
    )


def test_a_completed_module_page_costs_one_query_more(client, finished, django_assert_num_queries):
    learner, exercise = finished
    client.force_login(learner)
    client.get(exercise.module.get_absolute_url())  # warm the fragment
    client.cookies.pop("csrftoken", None)  # no learner page cache: a full render
    # session, user, module, answers, enrolment, the progress behind the ticks (modules,
    # exercises, completions, best scores), and the course's completion with its
    # certificate (one query).
    with django_assert_num_queries(10):
        html = client.get(exercise.module.get_absolute_url()).content.decode()
    assert "You have completed Test Course." in html


def test_the_exercise_page_and_its_passing_result_link_to_the_certificate(client, finished):
    learner, exercise = finished
    submission = learner.submissions.get()
    client.force_login(learner)
    page = client.get(exercise.get_absolute_url()).content.decode()
    assert "You have completed Test Course." in page and claim_url(exercise.course) in page
    status = reverse(
        "courseware:submission_status",
        kwargs={
            "course_slug": exercise.course.slug,
            "exercise_slug": exercise.slug,
            "submission_id": submission.pk,
        },
    )
    fragment = client.get(status, headers={"HX-Request": "true"}).content.decode()
    assert "You have completed Test Course." in fragment
    assert claim_url(exercise.course) in fragment


def test_a_failed_attempt_does_not_announce_the_finish(client, finished):
    learner, exercise = finished
    failed = SubmissionFactory(user=learner, exercise=exercise, failed=True)
    client.force_login(learner)
    status = reverse(
        "courseware:submission_status",
        kwargs={
            "course_slug": exercise.course.slug,
            "exercise_slug": exercise.slug,
            "submission_id": failed.pk,
        },
    )
    fragment = client.get(status, headers={"HX-Request": "true"}).content.decode()
    assert "You have completed" not in fragment


def test_the_last_modules_pager_leads_to_the_certificate(client, enrolled):
    _, exercise = enrolled
    html = client.get(exercise.module.get_absolute_url()).content.decode()
    pager = html.split('class="pager"')[1].split("</nav>")[0]
    assert f'href="{claim_url(exercise.course)}"' in pager
    assert "Your certificate for Test Course" in pager
    assert "{#" not in html and "comment" not in pager  # template comments stay out


def test_the_dashboard_name_field_never_offers_the_emails_local_part(client, learner):
    learner.full_name = ""
    learner.save()
    client.force_login(learner)
    html = client.get("/dashboard/").content.decode()
    field = html.split('name="full_name"')[1].split(">")[0]
    assert 'value=""' in field


# -- the email at completion ---------------------------------------------------------


def test_completing_sends_one_email_with_the_link_that_issues_the_certificate(
    enrolled, django_capture_on_commit_callbacks, settings
):
    from django.core import mail

    learner, exercise = enrolled
    SubmissionFactory(user=learner, exercise=exercise, passed=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.module_complete(user=learner, module=exercise.module)
        services.progress_recompute(user_id=learner.pk, course_id=exercise.course_id)
    completed = [m for m in mail.outbox if m.subject == "You have completed Test Course"]
    assert len(completed) == 1
    assert f"{settings.SITE_URL}{claim_url(exercise.course)}" in completed[0].body
    assert completed[0].to == [learner.email]


def test_no_completion_email_once_the_certificate_is_issued(finished):
    from django.core import mail

    from enrollment.emails import course_completed_send

    learner, exercise = finished
    services.certificate_claim(user=learner, course=exercise.course, full_name="Ada Lovelace")
    mail.outbox.clear()
    course_completed_send(enrollment_id=learner.enrollments.get().pk)
    assert mail.outbox == []


def test_marking_the_last_module_complete_says_it_completes_the_course(client, enrolled):
    learner, exercise = enrolled
    SubmissionFactory(user=learner, exercise=exercise, passed=True)
    client.force_login(learner)
    url = exercise.module.get_absolute_url()
    html = client.post(f"{url}complete/", follow=True).content.decode()
    assert "Congratulations: that completes Test Course." in html
    assert "Confirm your name and get your certificate" in html
