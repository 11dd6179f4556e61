"""Reading pages in a real browser: catalogue -> course -> module -> knowledge check."""

import pytest
from playwright.sync_api import expect

from tests.courseware.content.conftest import tree  # noqa: F401 (content-tree fixture)
from tests.courseware.content.tree import sync

pytestmark = pytest.mark.django_db(transaction=True)

LESSON = r"""Linear models are the place to start. This lesson shows every feature a module
can use, so the page can be checked by eye.

## Standardising features

Each column is centred and scaled: $z_{ij} = (x_{ij} - \mu_j) / \sigma_j$, where
$\mu_j$ is the column mean.[^scale]

$$
\hat{\beta} = (X^\top X)^{-1} X^\top y
$$

```python
import numpy as np

X = np.array([[1.0, 2.0], [3.0, 6.0]])
Z = (X - X.mean(axis=0)) / X.std(axis=0)
```

!!! tip "Keep the statistics"
    Fit the scaler on the training rows only, then reuse it.

| scaler | centre | scale |
| --- | --- | ---: |
| standard | mean | 1.0 |
| robust | median | 0.5 |

### Costs in dollars

A wrong refusal costs \$40 in this example.

## Check your understanding

```quiz
id: scaler-fit
type: single
question: |
  Which rows should `StandardScaler` be fitted on?
choices:
  - text: The training rows only
    correct: true
  - text: All rows, so the statistics are more precise
  - text: The test rows, so they are scaled correctly
explanation: |
  Fitting on test rows lets them shape the inputs, which leaks information: the
  test rows' $\mu_j$ would move the training features.
```

[^scale]: A constant column has $\sigma_j = 0$; scalers replace it with 1.
"""


@pytest.fixture
def lesson(tree):  # noqa: F811
    tree.module("alpha", "01-first-steps", title="Linear models and scaling", body=LESSON)
    sync()
    return tree


def test_reader_browses_and_answers_a_knowledge_check(page, screenshot, lesson):
    page.goto("/courses/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Courses")
    screenshot(page, "catalogue")

    page.get_by_role("link", name="Alpha Course", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alpha Course")
    expect(page.get_by_role("link", name="Enrol Now")).to_be_visible()
    screenshot(page, "course")

    page.get_by_role("link", name="Linear models and scaling").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Linear models and scaling")
    # The maths arrived as MathML (rendered at sync); Pygments coloured the code.
    expect(page.locator(".prose .math-display math[display='block']")).to_have_count(1)
    assert page.locator(".prose p math").count() >= 2
    expect(page.locator(".highlight .kn").first).to_have_text("import")
    expect(page.get_by_role("navigation", name="On this page")).to_be_visible()
    expect(page.get_by_text("costs $40")).to_be_visible()
    screenshot(page, "module")

    quiz = page.locator("#q-scaler-fit")
    quiz.scroll_into_view_if_needed()
    expect(quiz).not_to_contain_text("leaks information")
    url_before = page.url
    quiz.get_by_label("The training rows only").check()
    quiz.get_by_role("button", name="Check answer").click()
    answered = page.locator("#q-scaler-fit.quiz-answered")
    expect(answered).to_contain_text("Correct.")
    expect(answered).to_contain_text("leaks information")
    expect(answered.locator(".quiz-explanation math")).to_have_count(1)
    expect(answered.locator(".quiz-verdict")).to_be_focused()
    assert page.url == url_before  # swapped in place by htmx, no reload
    screenshot(page, "module-answered", full_page=False)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.url)
    screenshot(page, "module-mobile", full_page=False)


def test_knowledge_check_works_without_javascript(browser, live_server, screenshot, lesson):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    try:
        page.goto("/courses/alpha/first-steps/")
        quiz = page.locator("#q-scaler-fit")
        quiz.get_by_label("All rows, so the statistics are more precise").check()
        quiz.get_by_role("button", name="Check answer").click()
        expect(page).to_have_url(f"{live_server.url}/courses/alpha/first-steps/#q-scaler-fit")
        expect(page.locator("#q-scaler-fit")).to_contain_text("Not quite.")
        expect(page.locator("#q-scaler-fit")).to_contain_text("leaks information")
        screenshot(page, "answered-without-js", full_page=False)
    finally:
        context.close()
