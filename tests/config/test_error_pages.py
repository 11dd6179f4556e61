"""The branded error pages, as production (DEBUG off) serves them, and `make run`'s
settings serving them too."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import Client

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_a_branded_404_with_a_way_home(client):
    response = client.get("/certificates/not-a-certificate/")
    html = response.content.decode()
    assert response.status_code == 404
    assert response.templates[0].name == "404.html"
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert VIEWPORT in html and '<meta name="robots" content="noindex">' in html
    assert "<title>Page not found · Model Craft Academy</title>" in html
    assert '<a class="button" href="/">Home page</a>' in html
    assert "/certificates/not-a-certificate/" in html


def test_the_404_page_escapes_the_address_it_shows(client):
    html = client.get("/courses/<script>alert(1)</script>/x/y/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_a_fault_is_a_branded_500_page(client, settings):
    settings.ROOT_URLCONF = "tests.config.error_urls"
    client.raise_request_exception = False
    response = client.get("/broken/")
    html = response.content.decode()
    assert response.status_code == 500
    assert VIEWPORT in html and 'class="site-header"' in html
    assert "Something went wrong on our side" in html
    assert '<a class="button" href="/">Home page</a>' in html
    assert "RuntimeError" not in html and "a fault for the 500 page test" not in html


def test_the_500_page_needs_no_request_context_and_no_database(django_assert_num_queries):
    # Django renders it with an empty context: no request, no user, no context processors.
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert VIEWPORT in html and "/static/css/site.css" in html
    assert "Model Craft Academy" in html


def test_a_refused_page_is_a_branded_403_with_a_way_home(client, settings):
    settings.ROOT_URLCONF = "tests.config.error_urls"
    client.force_login(UserFactory(email="learner@example.com"))
    response = client.get("/admin/login/")  # signed in, not staff: PermissionDenied
    html = response.content.decode()
    assert response.status_code == 403
    assert VIEWPORT in html and 'class="site-header"' in html
    assert "You cannot open this page" in html and "learner@example.com" in html
    assert 'href="/">Home page</a>' in html


def test_a_failed_csrf_check_is_a_branded_403(client):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/accounts/login/", {"login": "a@example.com", "password": "x"})
    html = response.content.decode()
    assert response.status_code == 403
    assert VIEWPORT in html and 'class="site-header"' in html
    assert "This form has expired" in html


def test_permission_denied_is_not_a_debug_page(rf):
    from django.views.defaults import permission_denied

    response = permission_denied(rf.get("/somewhere/"), PermissionDenied("internal reason"))
    assert response.status_code == 403
    assert b"internal reason" not in response.content


def _local_site(env: dict[str, str], script: str) -> dict:
    """Run ``script`` against the local settings (`make run`'s) in a clean interpreter."""
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    clean.update({"DJANGO_SETTINGS_MODULE": "config.settings.local", **env})
    code = (
        "import django, json; django.setup()\n"
        "from django.conf import settings\n"
        "from django.test import Client\n"
        "client = Client(HTTP_HOST='127.0.0.1')\n" + script
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_make_run_settings_serve_the_branded_404_and_static_files_with_debug_off():
    seen = _local_site(
        {"DJANGO_DEBUG": "0"},
        "missing = client.get('/no-such-page/')\n"
        "css = client.get('/static/css/site.css')\n"
        "print(json.dumps({'debug': settings.DEBUG, 'status': missing.status_code,"
        " 'branded': b'Error 404' in missing.content,"
        " 'css': css.status_code, 'css_type': css['Content-Type'],"
        " 'email': settings.EMAIL_BACKEND}))",
    )
    assert seen["debug"] is False
    assert seen["status"] == 404 and seen["branded"] is True
    assert seen["css"] == 200 and seen["css_type"].startswith("text/css")
    assert seen["email"] == "django.core.mail.backends.console.EmailBackend"


def test_debug_pages_come_back_with_django_debug_on():
    seen = _local_site(
        {"DJANGO_DEBUG": "1"},
        "missing = client.get('/no-such-page/')\n"
        "print(json.dumps({'debug': settings.DEBUG,"
        " 'technical': b'URLconf' in missing.content}))",
    )
    assert seen == {"debug": True, "technical": True}


def test_a_missing_certificate_says_how_to_check_the_address(client):
    certificate = client.get("/certificates/00000000-0000-0000-0000-000000000000/")
    assert "every character of its code matters" in certificate.content.decode()
    other = client.get("/courses/no-such-course/")
    assert "every character of its code matters" not in other.content.decode()
