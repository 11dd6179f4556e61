"""Every ```python block of every module runs, in order, in one namespace per module.

Lessons are executed in a temporary working directory so their examples cannot rot, and
what they claim is checked as they run:

* an ```output block straight after a ```python block is what that block prints, exactly
  (so a library upgrade that changes a number the prose quotes fails here, not silently);
* a ```python figure block draws exactly one matplotlib figure, with the headless Agg
  backend, and says what it shows in its ``caption`` and ``alt``.
"""

import contextlib
import io

import matplotlib
import pytest

from tests.courseware.content.curriculum import MODULE_FILES, code_blocks, module_id

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402 (after choosing the backend)


@pytest.mark.parametrize("path", MODULE_FILES, ids=module_id)
def test_python_examples_run(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    blocks = code_blocks(path)
    assert any(b.language == "python" for b in blocks), f"{path.name} has no ```python blocks"
    namespace = {"__name__": f"lesson_{path.stem.replace('-', '_')}"}
    previous, printed = None, ""
    plt.close("all")
    for block in blocks:
        if block.language == "output":
            assert previous is not None and previous.language == "python", (
                f"{path.name}:{block.line}: an ```output block must follow a ```python block"
            )
            assert printed.rstrip() == block.code.rstrip(), (
                f"{path.name}:{block.line}: the block above printed\n{printed}\n"
                f"but the lesson shows\n{block.code}"
            )
        if block.language != "python":
            previous = block
            continue
        # Pad with blank lines so tracebacks point at the line in the Markdown file.
        compiled = compile("\n" * (block.line - 1) + block.code, str(path), "exec")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compiled, namespace)  # noqa: S102 (trusted lesson code, the point of the test)
        printed = out.getvalue()
        drawn = plt.get_fignums()
        plt.close("all")
        if block.figure:
            assert len(drawn) == 1, f"{path.name}:{block.line}: a figure block draws one figure"
            for key in ("caption", "alt"):
                assert block.attrs.get(key, "").strip(), (
                    f'{path.name}:{block.line}: a figure block needs a non-empty {key}="..."'
                )
        else:
            assert not drawn, (
                f"{path.name}:{block.line}: this block draws a figure; mark it "
                '```python figure caption="..." alt="..."'
            )
        previous = block
