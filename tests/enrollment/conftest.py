# The small synced curriculum of the courseware tests, for the pages that show progress.
from tests.courseware.conftest import synced  # noqa: F401
from tests.courseware.content.conftest import tree  # noqa: F401
