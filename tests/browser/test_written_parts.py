"""The written parts of an exercise in a real Chromium, on a desktop and a 390 px phone:
the live word count, a refused text shown back with its errors and nothing lost, the
saved version shown back, and axe-core on each state."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from courseware.models import WrittenSubmission
from enrollment.models import Enrollment
from tests.factories import ExerciseFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

CARD = {
    "key": "model-card",
    "title": "Model card",
    "prompt_html": "<p>Describe the model you submitted.</p>",
    "sections": ["Intended use", "Limitations"],
    "min_words": 50,
    "max_words": 300,
}
SHORT = "## Intended use\nTriage support tickets.\n\nLimitations"
GOOD = (
    "## Intended use\n"
    + "Rank support tickets by urgency for the triage team. " * 4
    + "\n\n## Limitations\n"
    + "Trained on English tickets from one year only. " * 3
)


@pytest.fixture(params=["desktop", "mobile"])
def device(request):
    return request.getfixturevalue("page" if request.param == "desktop" else "mobile_page")


@pytest.fixture
def capstone(fixture_content):
    exercise = ExerciseFactory(title="Ticket triage capstone", written=[CARD])
    learner = UserFactory()
    Enrollment.objects.create(user=learner, course=exercise.course)
    return learner, exercise


def sign_in(page, user, live_server):
    client = Client()
    client.force_login(user)
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    page.context.add_cookies([{**cookie, "url": live_server.url}])


def test_write_refuse_and_save_a_model_card(device, capstone, live_server, axe_clean, screenshot):
    learner, exercise = capstone
    page = device
    sign_in(page, learner, live_server)
    page.goto(f"{exercise.get_absolute_url()}#written-model-card")
    box = page.get_by_label("Your model card")
    expect(box).to_be_visible()
    expect(page.locator("#written-model-card-text-sections")).to_contain_text("Limitations")

    box.fill(SHORT)
    expect(page.locator("#written-model-card-text-count")).to_have_text("6 words (at least 50)")
    axe_clean(page, "the written part, empty")
    page.get_by_role("button", name="Submit model card").click()

    # Refused: the reasons beside the box, the box marked invalid, the text still there.
    errors = page.locator("#written-model-card-text-errors")
    expect(errors).to_contain_text("Write at least 50 words; this has 6.")
    expect(errors).to_contain_text("Write something under these headings: Limitations.")
    expect(box).to_have_attribute("aria-invalid", "true")
    assert box.input_value() == SHORT
    assert not WrittenSubmission.objects.exists()
    screenshot(page, "written-refused")
    axe_clean(page, "the written part, refused")

    box.fill(GOOD)
    page.get_by_role("button", name="Submit model card").click()
    expect(page.locator(".written-status")).to_contain_text("Submitted on")
    expect(page.locator(".written-current")).to_contain_text("Trained on English tickets")
    assert WrittenSubmission.objects.get().text == GOOD.strip()
    screenshot(page, "written-saved")
    axe_clean(page, "the written part, saved")
