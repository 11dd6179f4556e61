"""Production serving: templates parsed once, HTML gzipped, static files hashed,
compressed (gzip and Brotli) and sent with a long immutable cache lifetime."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "x" * 20 + "-production-grade-secret-" + "y" * 30,
    "ALLOWED_HOSTS": "courses.example.org",
}


def _production(expr: str) -> object:
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    code = (
        "import importlib, json; m = importlib.import_module('config.settings.production');"
        f"print(json.dumps({expr}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_parses_each_template_once():
    template = _production("{k: v for k, v in m.TEMPLATES[0].items() if k != 'DIRS'}")
    assert template["APP_DIRS"] is False
    (loader, wrapped) = template["OPTIONS"]["loaders"][0]
    assert loader == "django.template.loaders.cached.Loader"
    assert "django.template.loaders.app_directories.Loader" in wrapped


def test_production_gzips_html_but_leaves_static_files_to_whitenoise():
    middleware = _production("m.MIDDLEWARE")
    assert middleware[1:3] == [
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "django.middleware.gzip.GZipMiddleware",
    ]


@pytest.fixture
def collected(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.DEBUG = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": _production("m.STORAGES['staticfiles']['BACKEND']")},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    return tmp_path


def _get(path: str, accept: str = "gzip, deflate, br"):
    middleware = WhiteNoiseMiddleware(lambda request: HttpResponse("not static", status=404))
    return middleware(RequestFactory().get(path, HTTP_ACCEPT_ENCODING=accept))


def test_static_files_are_hashed_compressed_and_immutable(collected):
    hashed = json.loads((collected / "staticfiles.json").read_text())["paths"]["css/site.css"]
    assert hashed != "css/site.css"
    assert (collected / f"{hashed}.gz").exists() and (collected / f"{hashed}.br").exists()

    brotli = _get(f"/static/{hashed}")
    assert brotli.status_code == 200 and brotli["Content-Encoding"] == "br"
    assert "immutable" in brotli["Cache-Control"] and "max-age=315360000" in brotli["Cache-Control"]
    assert "Accept-Encoding" in brotli["Vary"]
    gzipped = _get(f"/static/{hashed}", accept="gzip")
    assert gzipped["Content-Encoding"] == "gzip"
    plain = _get(f"/static/{hashed}", accept="")
    assert not plain.has_header("Content-Encoding")
    # The unhashed name may change with a deploy, so browsers keep it only briefly.
    unhashed = _get("/static/css/site.css")
    assert unhashed.status_code == 200 and "immutable" not in unhashed["Cache-Control"]
