"""The real curriculum under content/: valid, complete and of the promised size.

These fail while the curriculum is still being written; that is their purpose.
"""

import io
from collections import Counter

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.courseware.content.curriculum import (
    CONTENT,
    MODULE_FILES,
    fenced,
    module_id,
    prose_words,
)

EXPECTED = {
    "ml-model-development": [
        "01-programming-for-ml",
        "02-data-preparation",
        "03-maths-and-statistics",
        "04-how-models-work",
        "05-ethics-and-bias",
        "06-validation-and-evaluation",
        "07-deployment-and-maintenance",
        "08-careers-in-ml",
    ],
    "advanced-ml-optimisation": [
        "01-performance-metrics",
        "02-hyperparameter-tuning",
        "03-feature-engineering",
        "04-efficient-deployment",
        "05-optimisation-workflow",
        "06-careers-in-optimisation",
    ],
}
# The core technical modules carry at least two exercises; the others at least one.
CORE = {
    "ml-model-development": {
        "programming-for-ml",
        "data-preparation",
        "maths-and-statistics",
        "ethics-and-bias",
        "validation-and-evaluation",
        "deployment-and-maintenance",
    },
    "advanced-ml-optimisation": {
        "performance-metrics",
        "hyperparameter-tuning",
        "feature-engineering",
        "optimisation-workflow",
    },
}


def test_sync_content_check_passes_on_the_real_curriculum(settings):
    settings.CONTENT_DIR = CONTENT
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("sync_content", "--check", stdout=out, stderr=err)
    except CommandError as exc:
        pytest.fail(f"{exc}\n{err.getvalue()}")
    assert "Content is valid" in out.getvalue()
    # Which exercises give everyone the same hidden cases is reported, by name; these two
    # draw every hidden case afresh (their cases could once be learnt or looked up).
    report = out.getvalue().split("Content is valid")[0]
    assert "Exercises with some hidden cases that never vary: " in report
    assert "first-classifier" not in report and "pca-components-for-variance" not in report


@pytest.mark.parametrize("course", sorted(EXPECTED))
def test_course_has_exactly_its_modules_in_order(course):
    found = [p.stem for p in sorted((CONTENT / "courses" / course / "modules").glob("*.md"))]
    assert found == EXPECTED[course]


@pytest.mark.parametrize("path", MODULE_FILES, ids=module_id)
def test_module_is_substantial(path):
    assert prose_words(path) >= 1200, "at least 1,200 words outside fenced blocks"
    assert len(fenced(path, "python")) >= 2, "at least two ```python blocks"
    assert len(fenced(path, "quiz")) >= 4, "at least four knowledge-check questions"


@pytest.mark.parametrize(
    ("course", "module"),
    [(c, name.split("-", 1)[1]) for c, names in EXPECTED.items() for name in names],
)
def test_module_has_its_exercises(course, module):
    counts = Counter()
    for path in (CONTENT / "courses" / course / "exercises").glob("*/exercise.md"):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1]) or {}
        counts[meta.get("module")] += 1
    needed = 2 if module in CORE[course] else 1
    assert counts[module] >= needed, f"{course}/{module} needs at least {needed} exercise(s)"
