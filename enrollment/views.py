from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from accounts.services import user_full_name_update
from courseware.models import Course
from courseware.selectors import course_get_live, module_get_live, module_page_for_learner
from courseware.ticks import percent_html, tick_html

from . import selectors, services
from .forms import CertificateClaimForm, CertificateNameForm
from .models import Certificate
from .pdf import certificate_pdf_get, pdf_can_print


@login_required
@require_http_methods(["GET", "POST"])
def dashboard(request):
    # The name the learner gave, never a stand-in such as their email's local part:
    # saving the form unchanged must not put that on a certificate.
    form = CertificateNameForm(request.POST or None, initial={"full_name": request.user.full_name})
    if request.method == "POST":
        if form.is_valid():
            user_full_name_update(user=request.user, full_name=form.cleaned_data["full_name"])
            messages.success(request, "Your certificate name is saved.")
            return redirect("enrollment:dashboard")
        messages.error(request, "Please correct the name below.")
    context = selectors.dashboard_data(user=request.user)
    context["returning"] = selectors.learner_is_returning(user=request.user)
    context["name_form"] = form
    return render(request, "enrollment/dashboard.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def enrol(request, course_slug: str):
    """Enrol Now: a confirmation step (GET) and the enrolment itself (POST).

    Anonymous visitors see the course named with sign-up and sign-in links that bring
    them straight back here. The POST is idempotent, so a double click is harmless.
    """
    course = course_get_live(course_slug=course_slug)
    if course is None:
        raise Http404("No such course")
    enrollment = selectors.enrollment_get(user=request.user, course=course)
    first_module = selectors.course_first_module(course=course)
    start_url = first_module.get_absolute_url() if first_module else course.get_absolute_url()

    if enrollment is not None and enrollment.is_active:
        if request.method == "POST":
            messages.info(request, f"You are already enrolled in {course.title}.")
        return redirect(start_url)

    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        try:
            _, created = services.enrollment_create(user=request.user, course=course)
        except services.EnrollmentClosed:
            messages.error(request, f"{course.title} is not taking new enrolments right now.")
            return redirect(course.get_absolute_url())
        if created:
            messages.success(request, f"Welcome to {course.title}! Here is your first module.")
        else:
            messages.success(
                request, f"Welcome back to {course.title}. Your progress is as you left it."
            )
        return redirect(start_url)

    return render(
        request,
        "enrollment/enrol.html",
        {
            "course": course,
            "enrollment": enrollment,
            "first_module": first_module,
            "closed": not course.enrolment_open and enrollment is None,
            "next_query": urlencode({"next": request.path}),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def leave(request, course_slug: str):
    """Leave a course: a confirmation page (GET), then the leaving itself (POST)."""
    course = get_object_or_404(Course, slug=course_slug)
    enrollment = selectors.enrollment_get(user=request.user, course=course)
    if enrollment is None or not enrollment.is_active:
        messages.info(request, f"You are not enrolled in {course.title}.")
        return redirect("enrollment:dashboard")
    if request.method == "GET":
        progress = selectors.progress_for_courses(user=request.user, courses=[course])[course.id]
        context = {"course": course, "enrollment": enrollment, "progress": progress}
        return render(request, "enrollment/leave_confirm.html", context)
    if services.enrollment_leave(user=request.user, course=course):
        messages.info(
            request, f"You have left {course.title}. Your progress is kept if you come back."
        )
    return redirect("enrollment:dashboard")


def _wants_fragment(request) -> bool:
    """The module page's script asks for the new completion block instead of a reload."""
    return request.headers.get("X-Requested-With") == "fetch"


def _completion_update(request, module) -> JsonResponse:
    """What the module page swaps in after (un)marking, without a reload: the completion
    block, this module's tick in the module list and the course percentage."""
    learner = module_page_for_learner(module=module, user=request.user, exercises=[])
    context = {"course": module.course, "module": module, "learner": learner}
    if learner.course_completed:  # the "you have completed the course" notice, as the page has
        context["course_finish"] = selectors.course_finish_get(
            user=request.user, course=module.course
        )
    return JsonResponse(
        {
            "completion": render_to_string(
                "enrollment/includes/module_completion.html", context, request=request
            ),
            "module_tick": tick_html("module", learner.state),
            "course_percent": percent_html(learner.ticks.percent) if learner.ticks else "",
        }
    )


@login_required
@require_POST
def module_complete(request, course_slug: str, module_slug: str):
    """Mark a module as read, or undo it (``action=undo``). Enrolled learners only.

    Without JavaScript the learner comes back to the completion block on the module page
    (its anchor), not to the top; the page's script posts with ``X-Requested-With:
    fetch`` and swaps in the JSON of ``_completion_update`` instead, with no reload.
    """
    module = module_get_live(course_slug=course_slug, module_slug=module_slug)
    if module is None:
        raise Http404("No such module")
    fragment = _wants_fragment(request)
    try:
        if request.POST.get("action") == "undo":
            services.module_uncomplete(user=request.user, module=module)
            if not fragment:
                messages.info(request, f"“{module.title}” is no longer marked as complete.")
        else:
            progress = services.module_complete(user=request.user, module=module)
            if not fragment:
                messages.success(request, f"“{module.title}” is marked as complete.")
                if progress.eligible_for_certificate:
                    messages.success(
                        request, f"Congratulations: that completes {module.course.title}."
                    )
    except services.NotEnrolled as exc:
        if fragment:
            return JsonResponse({"error": str(exc)}, status=403)
        messages.error(request, str(exc))
        return redirect(module.get_absolute_url())
    if fragment:
        return _completion_update(request, module)
    target = request.POST.get("next") or f"{module.get_absolute_url()}#{COMPLETION_ANCHOR}"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = f"{module.get_absolute_url()}#{COMPLETION_ANCHOR}"
    return redirect(target)


# The id of the completion block (templates/enrollment/includes/module_completion.html).
COMPLETION_ANCHOR = "module-completion"


@login_required
@require_POST
def reading_position(request, course_slug: str, module_slug: str):
    """The module page's beacon: the section the learner is reading (form field
    ``section``, a heading id), kept for the dashboard's Resume. CSRF-checked like every
    form. 204 when kept or when they are not enrolled (nothing to resume), 400 for a
    section the module does not have, 429 when sent too often."""
    module = module_get_live(course_slug=course_slug, module_slug=module_slug)
    if module is None:
        raise Http404("No such module")
    try:
        services.reading_position_record(
            user=request.user, module=module, section=request.POST.get("section", "")
        )
    except services.PositionRefused as exc:
        return HttpResponse(str(exc), status=exc.status_code, content_type="text/plain")
    return HttpResponse(status=204)


@login_required
@require_http_methods(["GET", "POST"])
def course_certificate(request, course_slug: str):
    """The learner's certificate for a course: where every "your certificate" link goes.

    Issued: redirect to it. Complete but not issued: the name to print, confirmed or
    corrected (the POST issues it). Not complete: what is left to do.
    """
    course = get_object_or_404(Course, slug=course_slug)
    finish = selectors.course_finish_get(user=request.user, course=course)
    if finish is not None and finish.certificate_id:
        return redirect(finish.url)
    if finish is None:
        enrollment = selectors.enrollment_get(user=request.user, course=course)
        context = {"course": course, "enrollment": enrollment}
        if enrollment is not None:
            context["progress"] = selectors.progress_for_courses(
                user=request.user, courses=[course]
            )[course.id]
        return render(request, "enrollment/certificate_pending.html", context)

    form = CertificateClaimForm(request.POST or None, initial={"full_name": request.user.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            certificate, created = services.certificate_claim(
                user=request.user, course=course, full_name=form.cleaned_data["full_name"]
            )
        except services.CertificateNotEarned as exc:  # only if staff changed the record
            messages.error(request, str(exc))
            return redirect("enrollment:dashboard")
        if created:
            messages.success(request, f"Congratulations, {certificate.learner_name}!")
        return redirect(certificate.get_absolute_url())
    return render(
        request,
        "enrollment/certificate_claim.html",
        {"course": course, "form": form},
        status=400 if form.errors else 200,
    )


def _certificate_or_404(certificate_id) -> Certificate:
    certificate = (
        Certificate.objects.select_related("course", "user").filter(pk=certificate_id).first()
    )
    if certificate is None:
        raise Http404("No certificate with this ID")
    return certificate


def certificate_pdf(request, certificate_id):
    """The certificate as a PDF, drawn on the server; public, like the page it copies.

    A revoked certificate gets no PDF (410 Gone): a file outlives the page, and one
    printed before the revocation still carries the verify URL and QR code, whose page
    says it was revoked. Nor does one whose name or title the PDF's fonts cannot draw
    whole (422; ``pdf.pdf_can_print``): its page says to print it from the browser.
    """
    certificate = _certificate_or_404(certificate_id)
    if certificate.is_revoked:
        return render(
            request,
            "enrollment/certificate_pdf_refused.html",
            {"certificate": certificate, "reason": "revoked"},
            status=410,
        )
    if not _pdf_can_print(certificate):
        return render(
            request,
            "enrollment/certificate_pdf_refused.html",
            {"certificate": certificate, "reason": "characters"},
            status=422,
        )
    verify_url = request.build_absolute_uri(certificate.get_absolute_url())
    response = HttpResponse(
        certificate_pdf_get(certificate=certificate, verify_url=verify_url),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.pk}.pdf"'
    response["Cache-Control"] = "private, no-cache"  # a revocation must reach the next download
    return response


def _pdf_can_print(certificate: Certificate) -> bool:
    return pdf_can_print(certificate.learner_name) and pdf_can_print(certificate.course_title)


def certificate_detail(request, certificate_id):
    """Public verification page: anyone with the link can check a certificate."""
    certificate = _certificate_or_404(certificate_id)
    is_owner = request.user.is_authenticated and request.user.pk == certificate.user_id
    verify_url = request.build_absolute_uri(certificate.get_absolute_url())
    linkedin_url = "https://www.linkedin.com/profile/add?" + urlencode(
        {
            "startTask": "CERTIFICATION_NAME",
            "name": certificate.course_title,
            "organizationName": settings.SITE_NAME,
            "issueYear": certificate.issued_at.year,
            "issueMonth": certificate.issued_at.month,
            "certUrl": verify_url,
            "certId": str(certificate.pk),
        }
    )
    return render(
        request,
        "enrollment/certificate_detail.html",
        {
            "certificate": certificate,
            "is_owner": is_owner,
            "verify_url": verify_url,
            "linkedin_url": linkedin_url,
            "pdf_available": _pdf_can_print(certificate),
        },
    )
