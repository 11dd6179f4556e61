"""Hands Django settings to the Django-free grader, once per process (AppConfig.ready)."""

from django.conf import settings


def configure_grader() -> None:
    """Pass the grader settings that this deployment defines; the rest keep defaults."""
    from grader import config

    names = [config.UNSAFE, *config.DEFAULTS]
    config.configure(**{name: getattr(settings, name, None) for name in names})
