"""The admin's log-in page, sent through allauth's.

Django's own ``/admin/login/`` form checks a password with no throttle at all, while
allauth locks an account out after a few failed attempts (``ACCOUNT_RATE_LIMITS``'s
``login_failed``: 5 per 5 minutes per email and 10 a minute per IP by default). Two
doors with one lock on only one of them is no lock, so the admin has no password form
of its own: staff sign in on ``/accounts/login/`` with their email, under allauth's
limits, and come back to the admin page they asked for. ``config/urls.py`` installs
this as ``admin.site.login``.
"""

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def admin_login(request, extra_context=None):
    """Never checks a password: visitors (GET or POST alike) are sent to allauth's log-in
    page with ``next``; signed-in staff go straight to ``next``; anyone else signed in is
    refused, because the admin would only send them back here."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url, login_url=settings.LOGIN_URL)
    if request.user.is_active and request.user.is_staff:
        return redirect(next_url)
    raise PermissionDenied("This account has no access to the administration.")
