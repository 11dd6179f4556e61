"""The Celery side of grading: the worker's own time limits, and production settings
by default for ``celery -A config``."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from kombu.message import Message

from config.celery_app import app
from courseware.tasks import grade_submission

ROOT = Path(__file__).resolve().parents[2]


def delivered(**limits):
    """The request a worker makes of a grading message sent with these options."""
    sent = app.amqp.as_task_v2("a-task-id", grade_submission.name, args=[1], kwargs={}, **limits)
    message = Message(
        body=json.dumps(sent.body),
        headers=sent.headers,
        content_type="application/json",
        content_encoding="utf-8",
        delivery_info={"exchange": "", "routing_key": "grading"},
        properties=sent.properties,
    )
    request_class = grade_submission.Request
    return request_class(message, app=app, task=grade_submission)


@pytest.mark.parametrize(
    "limits",
    [{"time_limit": 3600, "soft_time_limit": 3600}, {"time_limit": 1, "soft_time_limit": 1}, {}],
    ids=["longer", "shorter", "none"],
)
def test_the_worker_grades_under_its_own_time_limits_whatever_the_message_says(settings, limits):
    request = delivered(**limits)
    assert request.time_limits == (
        settings.GRADING_HARD_TIME_LIMIT,
        settings.GRADING_SOFT_TIME_LIMIT,
    )


def _bare_environment():
    return {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}


def test_the_celery_app_defaults_to_production_settings():
    code = "import os, config.celery_app; print(os.environ['DJANGO_SETTINGS_MODULE'])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_bare_environment(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "config.settings.production"


def test_a_worker_started_without_settings_refuses_to_run_without_a_secret_key():
    result = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "config", "inspect", "ping", "--timeout", "1"],
        cwd=ROOT,
        env=_bare_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stdout + result.stderr
