import pytest
from django.core.cache import cache
from django.db import connection


@pytest.mark.django_db
def test_healthz_reports_each_dependency(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is True
    # The broker is only checked when one is configured.
    assert ("broker" in body["checks"]) == bool(settings.REDIS_URL)


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_down_and_only_the_log_says_where(
    client, monkeypatch, caplog
):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError(
            'connection to server at "db-primary.internal" (10.0.3.7), port 5433 failed'
        )

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == {"ok": False}
    assert body["checks"]["cache"]["ok"] is True
    for detail in ("db-primary.internal", "10.0.3.7", "5433", "RuntimeError", "failed"):
        assert detail not in response.content.decode()
    record = next(r for r in caplog.records if r.name == "config.health")
    assert "database" in record.getMessage() and record.exc_info is not None
    assert "db-primary.internal" in caplog.text and "port 5433" in caplog.text


@pytest.mark.django_db
def test_healthz_is_503_when_the_cache_loses_writes(client, monkeypatch):
    monkeypatch.setattr(cache, "get", lambda *a, **k: None)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["ok"] is False


@pytest.mark.django_db
def test_healthz_is_503_when_the_broker_is_unreachable(client, settings, caplog):
    from config.celery_app import app

    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    old = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = old
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == {"ok": False}
    body = response.content.decode()
    assert "127.0.0.1" not in body and ":1" not in body and "Error" not in body
    assert "127.0.0.1:1" in caplog.text  # the operator's log names what was unreachable


@pytest.mark.django_db
def test_healthz_names_the_bwrap_grading_would_use(client, monkeypatch):
    from grader import bwrap

    monkeypatch.delenv("GRADER_BWRAP", raising=False)
    expected = bwrap.find()
    body = client.get("/healthz").json()
    assert body["sandbox"] == {"bwrap": expected.source, "version": expected.version}
    assert expected.version != "unknown"

    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(bwrap, "BUNDLED_DIST", "no-such-bwrap-wheel")
    response = client.get("/healthz")
    assert response.status_code == 200  # information, not a check: web nodes need not grade
    assert response.json()["sandbox"] == {"bwrap": "none"}
