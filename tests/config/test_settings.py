"""How configuration reacts to the environment."""

import os
import subprocess
import sys
from pathlib import Path

import environ

from config.settings._derive import cache_and_celery_settings

ROOT = Path(__file__).resolve().parents[2]


def test_without_redis_celery_runs_eagerly_and_cache_is_local_memory(tmp_path):
    conf = cache_and_celery_settings("", version_dir=tmp_path)
    assert conf["CELERY_TASK_ALWAYS_EAGER"] is True
    assert conf["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    # The content version must reach every process of the machine (a sync_content run
    # beside `make run`), which local memory would not.
    version = conf["CACHES"]["content_version"]
    assert version["BACKEND"].endswith("FileBasedCache")
    assert version["LOCATION"] == str(tmp_path) and version["TIMEOUT"] is None


def test_with_redis_it_is_broker_and_cache(tmp_path):
    conf = cache_and_celery_settings("redis://127.0.0.1:6379/3", version_dir=tmp_path)
    assert conf["CELERY_TASK_ALWAYS_EAGER"] is False
    assert conf["CELERY_BROKER_URL"] == "redis://127.0.0.1:6379/3"
    for alias in ("default", "content_version"):
        assert conf["CACHES"][alias]["BACKEND"].endswith("RedisCache")
        assert conf["CACHES"][alias]["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert conf["CACHES"]["content_version"]["TIMEOUT"] is None
    # Each process keeps the pages it served last in front of Redis.
    assert conf["CACHES"]["reading_local"]["BACKEND"].endswith("LocMemCache")


def _settings_in_subprocess(module: str, env: dict[str, str], expr: str):
    """Import a settings module in a clean interpreter with exactly this environment."""
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    clean.update(env)
    code = f"import importlib; m = importlib.import_module({module!r}); print({expr})"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_sqlite_file_is_the_default_database():
    result = _settings_in_subprocess(
        "config.settings.local",
        {},
        "m.DATABASES['default']['ENGINE'], m.DATABASES['default']['NAME']",
    )
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout
    assert str(ROOT / "db.sqlite3") in result.stdout


def test_database_url_switches_to_postgresql():
    result = _settings_in_subprocess(
        "config.settings.local",
        {"DATABASE_URL": "postgres://course:pw@db.internal:5433/coursesite"},
        "m.DATABASES['default']['ENGINE'], m.DATABASES['default']['HOST'], m.DATABASES['default']['NAME']",
    )
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout
    assert "db.internal" in result.stdout and "coursesite" in result.stdout


def test_local_settings_without_redis_are_eager():
    result = _settings_in_subprocess("config.settings.local", {}, "m.CELERY_TASK_ALWAYS_EAGER")
    assert result.stdout.strip() == "True"


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_in_subprocess("config.settings.production", {}, "m.DEBUG")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_deploy_check_is_clean():
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 20 + "-production-grade-secret-" + "y" * 30,
        "ALLOWED_HOSTS": "courses.example.org",
    }
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    clean.update(env)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_environ_reads_database_url_like_settings_do():
    env = environ.Env()
    os.environ["__TEST_DB_URL"] = "sqlite:////tmp/x.sqlite3"
    try:
        assert env.db("__TEST_DB_URL")["ENGINE"] == "django.db.backends.sqlite3"
    finally:
        del os.environ["__TEST_DB_URL"]
