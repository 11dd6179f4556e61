import os
import subprocess
import sys
from pathlib import Path

import authoring

PROJECT = ("django", "accounts", "blog", "config", "courseware", "enrollment", "grader", "search")


def test_authoring_imports_nothing_from_django_or_the_project():
    """In a fresh interpreter where every project package and Django fail to import."""
    code = (
        "import sys\n"
        f"for name in {PROJECT!r}:\n"
        "    sys.modules[name] = None\n"
        "import authoring.figures, authoring.frontmatter, authoring.html, authoring.problems\n"
        "authoring.html.sanitise(authoring.html.markdown_new().convert('# x'))\n"
    )
    root = Path(authoring.__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=root,
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(root)},
    )
    assert done.returncode == 0, done.stderr
