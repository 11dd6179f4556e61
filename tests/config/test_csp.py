"""Every page is sent with an enforced Content-Security-Policy, in every environment;
the exercise editor's <style> element is let through by a nonce of its own response.
tests/browser/test_csp.py checks in Chromium that the policy breaks no page."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.courseware.content.conftest import tree  # noqa: F401 (the content-tree fixture)
from tests.courseware.content.tree import sync
from tests.factories import ExerciseFactory, StaffFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
HEADER = "Content-Security-Policy"


def _directives(response) -> dict[str, str]:
    parts = (part.strip().split(" ", 1) for part in response[HEADER].split(";"))
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def _assert_strict(response) -> None:
    policy = _directives(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"  # no inline script, no eval, anywhere
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert policy["img-src"] == "'self'" and policy["font-src"] == "'self'"
    assert "unsafe-inline" not in policy["style-src-elem"]
    assert HEADER + "-Report-Only" not in response


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/courses/", "/blog/", "/accounts/login/", "/healthz"])
def test_public_pages_carry_the_policy(client, url):
    response = client.get(url)
    assert response.status_code in (200, 503)
    _assert_strict(response)


@pytest.mark.django_db
def test_a_page_served_from_the_page_cache_carries_it_too(client, tree):  # noqa: F811
    sync()
    first, second = client.get("/courses/"), client.get("/courses/")
    assert first.status_code == second.status_code == 200
    assert first[HEADER] == second[HEADER]
    _assert_strict(second)


@pytest.mark.django_db
def test_the_exercise_editor_gets_a_fresh_nonce_for_its_styles(client):
    exercise = ExerciseFactory()
    nonces = []
    for _ in range(2):
        response = client.get(exercise.get_absolute_url())
        _assert_strict(response)
        (header_nonce,) = re.findall(r"'nonce-([^']+)'", _directives(response)["style-src-elem"])
        html = response.content.decode()
        assert f'code-editor.bundle.js" nonce="{header_nonce}"' in html
        nonces.append(header_nonce)
    assert nonces[0] != nonces[1]


@pytest.mark.django_db
def test_signed_in_pages_and_the_admin_carry_it(client):
    client.force_login(UserFactory())
    _assert_strict(client.get("/dashboard/"))
    client.force_login(StaffFactory(is_superuser=True))
    _assert_strict(client.get("/admin/"))
    _assert_strict(client.get("/admin/blog/post/add/"))


@pytest.mark.parametrize("module", ["config.settings.local", "config.settings.production"])
def test_development_and_production_both_enforce_it(module):
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    clean["DJANGO_SECRET_KEY"] = "x" * 20 + "-production-grade-secret-" + "y" * 30
    code = (
        f"import importlib, json; m = importlib.import_module({module!r});"
        "print(json.dumps([m.MIDDLEWARE, m.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'],"
        " getattr(m, 'CONTENT_SECURITY_POLICY_REPORT_ONLY', None)]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    middleware, script_src, report_only = json.loads(done.stdout)
    assert "csp.middleware.CSPMiddleware" in middleware
    assert script_src == ["'self'"]
    assert report_only is None
