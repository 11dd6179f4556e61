import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (Redis in CI is shared between tests)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fixture_content(settings):
    """Point CONTENT_DIR at the test course, whose exercises the grader can load."""
    from tests.factories import FIXTURE_CONTENT

    settings.CONTENT_DIR = FIXTURE_CONTENT
    return FIXTURE_CONTENT


@pytest.fixture
def learner(db):
    from tests.factories import UserFactory

    return UserFactory()


@pytest.fixture
def enrolled(learner):
    """A learner enrolled in a one-module test course with one exercise."""
    from enrollment.models import Enrollment
    from tests.factories import ExerciseFactory

    exercise = ExerciseFactory()
    Enrollment.objects.create(user=learner, course=exercise.course)
    return learner, exercise
