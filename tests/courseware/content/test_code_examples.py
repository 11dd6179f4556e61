"""Every ```python block of every module runs, in order, in one namespace per module.

Lessons are executed in a temporary working directory so their examples cannot rot.
"""

import pytest

from tests.courseware.content.curriculum import MODULE_FILES, fenced, module_id


@pytest.mark.parametrize("path", MODULE_FILES, ids=module_id)
def test_python_examples_run(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    blocks = fenced(path, "python")
    assert blocks, f"{path.name} has no ```python blocks"
    namespace = {"__name__": f"lesson_{path.stem.replace('-', '_')}"}
    for first_line, code in blocks:
        # Pad with blank lines so tracebacks point at the line in the Markdown file.
        compiled = compile("\n" * (first_line - 1) + code, str(path), "exec")
        exec(compiled, namespace)  # noqa: S102 (trusted lesson code, the point of the test)
