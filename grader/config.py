"""Operator settings for the grader, from the environment or from ``configure()``.

The grader imports nothing from Django, so the Django side passes its settings in with
``grader.config.configure(...)`` (the management commands do this); otherwise each value
comes from an environment variable of the same name, or the safe default below.
"""

from __future__ import annotations

import logging
import os

logger = logging.getLogger("grader")

# name: (default, what it bounds)
DEFAULTS: dict[str, int] = {
    "GRADER_MEMORY_MB": 1024,  # one run's whole memory (its cgroup), and each process's address space
    "GRADER_OUTPUT_BYTES": 64 * 1024,  # printed output kept for the learner
    "GRADER_RESULT_BYTES": 16 * 1024 * 1024,  # the encoded return values of one run
    "GRADER_MAX_PROCESSES": 32,  # processes and threads of one run (RLIMIT_NPROC)
    "GRADER_FILE_BYTES": 8 * 1024 * 1024,  # largest file the code may write
    "GRADER_TMP_BYTES": 16 * 1024 * 1024,  # size of the private writable /tmp
    "GRADER_TMP_INODES": 512,  # files in /tmp
    "GRADER_OPEN_FILES": 64,  # open file descriptors
    # Sandboxes on one machine at once, each with its own uid: per grading process, one
    # running plus its warm pool (README, "Warm sandboxes").
    "GRADER_SLOTS": 12,
    "GRADER_UID_BASE": 64000,  # slot n runs as uid/gid GRADER_UID_BASE + n (root mode)
    # Reading and checking one run's results, in the worker (grader/judging.py): CPU
    # seconds, and memory on top of what the worker already holds (0: no memory limit).
    "GRADER_JUDGE_SECONDS": 5,
    "GRADER_JUDGE_MEMORY_MB": 1024,
    # Warm sandboxes (grader/pool.py), per grading process that starts a pool: how many
    # wait for each library set (0: none), the memory all of them may hold together, and
    # how long one may wait before it is recycled.
    "GRADER_POOL_NUMPY": 1,
    "GRADER_POOL_PANDAS": 1,  # NumPy + pandas
    "GRADER_POOL_SKLEARN": 1,  # NumPy + pandas + scikit-learn
    "GRADER_POOL_NUMPY_SKLEARN": 1,  # NumPy + scikit-learn
    "GRADER_POOL_MEMORY_MB": 512,
    "GRADER_POOL_IDLE_SECONDS": 600,
}
UNSAFE = "GRADER_UNSAFE_NO_SANDBOX"
# Development only: when no per-run cgroup can be made, grade with per-process limits.
WEAKER_NO_MEMORY_CGROUP = "GRADER_WEAKER_NO_MEMORY_CGROUP"
# name: what it names, for settings that are text (paths); empty means "choose
# automatically", as each module says.
TEXTS: dict[str, str] = {
    "GRADER_BWRAP": "the bwrap binary to run (grader.bwrap)",
    "GRADER_SLOT_DIR": "the host-wide slot lock folder in root mode (grader.sandbox)",
    "GRADER_CGROUP_PARENT": "where per-run cgroups are made; empty: grader (grader.cgroups)",
}
_TRUE = {"1", "true", "yes", "on"}

_overrides: dict[str, object] = {}


def configure(**values) -> None:
    """Set values (e.g. from Django settings); ``None`` means "use the environment"."""
    for name, value in values.items():
        if name not in (UNSAFE, WEAKER_NO_MEMORY_CGROUP) and name not in {**DEFAULTS, **TEXTS}:
            raise KeyError(f"unknown grader setting {name}")
        if value is None:
            _overrides.pop(name, None)
        else:
            _overrides[name] = value


def get(name: str) -> int:
    if name in _overrides:
        return int(_overrides[name])
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return DEFAULTS[name]
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from None
    if value < 0:
        raise ValueError(f"{name} must not be negative")
    return value


def text(name: str) -> str:
    """A text setting (``TEXTS``), stripped; empty when unset."""
    if name not in TEXTS:
        raise KeyError(f"unknown grader setting {name}")
    return str(_overrides.get(name, os.environ.get(name, ""))).strip()


def flag(name: str) -> bool:
    """True only when the (loudly named) on/off setting is set to a true value."""
    value = _overrides.get(name, os.environ.get(name, ""))
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in _TRUE


def unsafe_no_sandbox() -> bool:
    """True only when the loudly named development setting is on."""
    return flag(UNSAFE)
