"""Hands Django settings to the Django-free grader, once per process (AppConfig.ready)."""

from django.conf import settings

GRADER_SETTINGS = (
    "GRADER_UNSAFE_NO_SANDBOX",
    "GRADER_MEMORY_MB",
    "GRADER_OUTPUT_BYTES",
    "GRADER_RESULT_BYTES",
    "GRADER_MAX_PROCESSES",
    "GRADER_FILE_BYTES",
    "GRADER_TMP_BYTES",
    "GRADER_TMP_INODES",
    "GRADER_OPEN_FILES",
    "GRADER_SLOTS",
    "GRADER_UID_BASE",
)


def configure_grader() -> None:
    """Pass the grader settings that this deployment defines; the rest keep defaults."""
    from grader import config

    config.configure(**{name: getattr(settings, name, None) for name in GRADER_SETTINGS})
