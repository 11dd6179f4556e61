"""Print what a Django-free environment needs to run ``tests/grader``, one name a line.

Run with the project's own interpreter (``.venv/bin/python .ci/grader_requirements.py``);
``.ci/grader-matrix`` installs these names into an unprivileged user's venv, pinned to the
versions of the project's venv by a ``pip freeze`` constraints file, so both runs test the
same libraries. The names are found, not listed by hand, so a new grader dependency is
picked up without editing CI:

* the libraries the test exercises and the curriculum let learners import (``BASE``);
* every installed distribution whose top-level module ``grader/`` or ``tests/grader/``
  imports (third-party only; the standard library needs nothing);
* every installed distribution that ``grader/`` names in a string (a wheel located with
  ``importlib.metadata``, such as a bundled binary, is never imported).

Django must not be imported by either (the script stops if it is): the grader imports
nothing from Django, and the unprivileged run, which has no Django, proves it.
"""

from __future__ import annotations

import ast
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = ["numpy", "pandas", "scikit-learn", "pytest"]


def imported_modules(folder: Path) -> set[str]:
    names = set()
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def named_distributions(folder: Path, installed: dict[str, str]) -> set[str]:
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                key = _key(node.value)
                if key in installed and not _is_django(key):
                    found.add(installed[key])
    return found


def _key(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _is_django(key: str) -> bool:
    return key == "django" or key.startswith("django-")


def requirements() -> list[str]:
    installed = {_key(d.metadata["Name"]): d.metadata["Name"] for d in metadata.distributions()}
    providers = metadata.packages_distributions()
    wanted = set(BASE)
    for module in imported_modules(ROOT / "grader") | imported_modules(ROOT / "tests" / "grader"):
        if module in sys.stdlib_module_names or module in ("grader", "tests"):
            continue
        wanted.update(providers.get(module, []))
    wanted |= named_distributions(ROOT / "grader", installed)
    if any(_is_django(_key(name)) for name in wanted):
        raise SystemExit(f"the grader's tests must not need Django, found: {sorted(wanted)}")
    return sorted(wanted, key=_key)


if __name__ == "__main__":
    print("\n".join(requirements()))
