"""Lesson figures: drawn once at sync from the module's own code, shown as <figure>s,
served under hashed names, and a failing figure reported at its file and line."""

import re

import pytest
from django.test import Client, override_settings

from authoring import figures
from courseware.models import Module
from tests.courseware.content.tree import sync, sync_problems

pytestmark = pytest.mark.django_db

MODULE = "courses/alpha/modules/01-first-steps.md"

BODY = """\
Intro paragraph.

## First heading

```python
import numpy as np

steps = np.arange(1, 21)
loss = 4.0 / steps
```

```python figure caption="The loss falls as training goes on." alt="Line chart: loss on the y axis falls from 4 towards 0 over 20 steps."
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(steps, loss, marker="o")
ax.set_xlabel("step")
ax.set_ylabel("loss")
```

Text after the figure.

```python
print(loss.min())
```
"""


@pytest.fixture
def figures_dir(tmp_path, settings):
    settings.FIGURES_ROOT = tmp_path / "figures"
    return settings.FIGURES_ROOT


def _module(tree, body):
    tree.module("alpha", "01-first-steps", title="First steps", body=body)


def test_a_figure_is_drawn_once_and_shown_with_caption_alt_and_code(tree, figures_dir):
    _module(tree, BODY)
    sync()
    html = Module.objects.get(slug="first-steps").body_html
    match = re.search(r'<img src="/figures/(first-steps-1-[0-9a-f]{16}\.svg)" alt="([^"]+)"', html)
    assert match, html
    name = match[1]
    assert match[2].startswith("Line chart: loss on the y axis")
    assert '<figcaption><span class="figure-number">Figure 1.</span> The loss falls' in html
    assert '<details class="figure-code"><summary>Show the code</summary>' in html
    assert "ax.plot" in re.sub(r"<[^>]+>", "", html.split("Show the code", 1)[1])
    svg = (figures_dir / name).read_text()
    assert svg.startswith("<?xml") and "<svg" in svg and "<metadata>" not in svg
    assert ">step<" in svg or "step" in svg  # axis labels stay text
    drawn_at = (figures_dir / name).stat().st_mtime_ns

    # A second sync finds the figure drawn: nothing runs, the file is untouched.
    sync()
    assert (figures_dir / name).stat().st_mtime_ns == drawn_at

    # Served with its own type and a year of caching; an unknown name is a 404.
    response = Client().get(f"/figures/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "immutable" in response["Cache-Control"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert b"<svg" in b"".join(response.streaming_content)
    assert Client().get("/figures/first-steps-1-0000000000000000.svg").status_code == 404
    assert Client().get("/figures/..%2Fsettings.py").status_code == 404


def test_changing_code_before_a_figure_draws_it_again_under_a_new_name(tree, figures_dir):
    _module(tree, BODY)
    sync()
    first = set(p.name for p in figures_dir.glob("*.svg"))
    _module(tree, BODY.replace("loss = 4.0 / steps", "loss = 8.0 / steps"))
    sync()
    html = Module.objects.get(slug="first-steps").body_html
    second = set(p.name for p in figures_dir.glob("*.svg")) - first
    assert len(second) == 1 and second.pop() in html


def test_a_figure_block_that_raises_is_reported_at_its_line(tree, figures_dir):
    _module(tree, BODY.replace('ax.set_ylabel("loss")', "ax.set_ylabel(undefined_name)"))
    problems = sync_problems()
    line = tree.read(MODULE).splitlines().index("ax.set_ylabel(undefined_name)") + 1
    assert problems == [
        f"{MODULE}:{line}: this code raised NameError: name 'undefined_name' is not defined"
    ]
    assert not Module.objects.exists()


def test_an_earlier_block_that_raises_stops_the_drawing_at_its_line(tree, figures_dir):
    _module(tree, BODY.replace("loss = 4.0 / steps", "loss = 4.0 / stepz"))
    line = BODY.splitlines().index("loss = 4.0 / stepz".replace("z", "s")) + 8
    problems = sync_problems()
    assert len(problems) == 1 and "NameError: name 'stepz' is not defined" in problems[0]
    assert problems[0].startswith(f"{MODULE}:{line}:")


def test_a_figure_block_must_draw_exactly_one_figure(tree, figures_dir):
    _module(
        tree,
        BODY.replace(
            "fig, ax = plt.subplots(figsize=(6, 3.5))\n", "fig, ax = plt.subplots()\nplt.figure()\n"
        ),
    )
    fence = next(i for i, t in enumerate(tree.read(MODULE).splitlines(), 1) if "python figure" in t)
    assert sync_problems() == [
        f"{MODULE}:{fence}: a figure block must draw exactly one figure; this one drew 2"
    ]


@pytest.mark.parametrize(
    ("info", "message"),
    [
        ('```python figure caption="Loss."', 'a figure needs a non-empty alt="..."'),
        ('```python figure caption="Loss." alt=""', 'a figure needs a non-empty alt="..."'),
        (
            '```python figure caption="Loss." alt="A chart." width="3"',
            "unknown figure attribute 'width' (known: alt, caption)",
        ),
        (
            '```python figure caption="Loss. alt="x"',
            "cannot read the figure's attributes: No closing quotation",
        ),
    ],
)
def test_a_malformed_figure_info_string_names_the_file_and_line(tree, figures_dir, info, message):
    old = next(t for t in BODY.splitlines() if "python figure" in t)
    _module(tree, BODY.replace(old, info))
    fence = tree.read(MODULE).splitlines().index(info) + 1
    assert sync_problems() == [f"{MODULE}:{fence}: {message}"]


def test_figure_blocks_outside_modules_are_refused(tree, figures_dir):
    path = "courses/alpha/exercises/add-numbers/exercise.md"
    text = tree.read(path)
    tree.write(path, text + '\n```python figure caption="A." alt="B."\nx = 1\n```\n')
    problems = sync_problems()
    assert len(problems) == 1
    assert problems[0].endswith("```python figure blocks belong in modules only (they run there)")


def test_a_huge_svg_becomes_a_png(tree, figures_dir, monkeypatch):
    body = BODY.replace(
        'ax.plot(steps, loss, marker="o")',
        "ax.scatter(np.random.default_rng(0).random(20000), np.random.default_rng(1).random(20000), s=1)",
    )
    _module(tree, body)
    sync()
    html = Module.objects.get(slug="first-steps").body_html
    assert re.search(r'<img src="/figures/first-steps-1-[0-9a-f]{16}\.png"', html)
    png = next(figures_dir.glob("*.png")).read_bytes()
    assert png.startswith(b"\x89PNG")


def test_svg_clean_rounds_coordinates_and_drops_metadata():
    raw = '<?xml version="1.0"?>\n<!-- made by -->\n<svg>\n  <metadata>x</metadata>\n  <path d="M 1.234567 2.000001 L 3.5 4.129999"/>\n</svg>'
    assert (
        figures.svg_clean(raw)
        == '<?xml version="1.0"?><svg><path d="M 1.23 2 L 3.5 4.13"/></svg>\n'
    )


@override_settings(FIGURES_ROOT="/nonexistent-figures")
def test_a_figure_name_that_is_not_a_drawn_figure_is_not_served():
    assert Client().get("/figures/first-steps-1-0123456789abcdef.svg").status_code == 404
    assert Client().get("/figures/passwd").status_code == 404


def test_an_output_block_is_shown_as_the_output_of_the_block_above(tree, figures_dir):
    _module(tree, BODY + "\n```output\n0.2\n```\n")
    sync()
    html = Module.objects.get(slug="first-steps").body_html
    output = html.split('<div class="code-output"><p class="code-output-label">Output</p>', 1)
    assert len(output) == 2 and "0.2" in output[1].split("</div>", 1)[0]
