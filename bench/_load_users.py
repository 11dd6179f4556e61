"""The simulated class for bench/load.py (a Locust file; bench/load.py runs it).

Learners sign up, enrol, read modules, answer knowledge checks (some right, some
wrong), save drafts and submit exercises (right and wrong code), polling each result
as the exercise page does. Readers browse the catalogue, courses, modules and the blog
without an account. Everything the run needs comes from BENCH_LOAD_PLAN (a JSON file
bench/load.py writes); every submission the site accepts is recorded in
BENCH_LOAD_SUBMISSIONS so the run can check that none was lost.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
import uuid

from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["BENCH_LOAD_PLAN"]).read())
ACCEPTED: list[int] = []
DRAFTS = {"saved": 0, "missing": 0}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION = re.compile(r"[?&]submission=(\d+)")
# How long a learner keeps polling a result before moving on (the run still waits).
POLL_SECONDS = 10


def csrf_token(html: str) -> str:
    match = TOKEN.search(html)
    return match[1] if match else ""


class Learner(HttpUser):
    weight = 3
    wait_time = between(2, 5)

    def on_start(self):
        self.email = f"learner-{uuid.uuid4().hex[:12]}@example.org"
        page = self.client.get("/accounts/signup/", name="signup page")
        password = f"pw-{uuid.uuid4().hex}"
        self.client.post(
            "/accounts/signup/",
            {
                "csrfmiddlewaretoken": csrf_token(page.text),
                "email": self.email,
                "password1": password,
                "password2": password,
            },
            name="signup",
        )
        enrol = self.client.get(PLAN["enrol_url"], name="enrol page")
        self.client.post(
            PLAN["enrol_url"], {"csrfmiddlewaretoken": csrf_token(enrol.text)}, name="enrol"
        )

    @task(4)
    def read_module(self):
        self.client.get(random.choice(PLAN["module_urls"]), name="module (learner)")

    @task(2)
    def answer_check(self):
        question = random.choice(PLAN["questions"])
        page = self.client.get(question["module_url"], name="module (learner)")
        right = random.random() < 0.6
        choice = question["correct"] if right else question["wrong"]
        self.client.post(
            question["check_url"],
            {"choice": choice, "csrfmiddlewaretoken": csrf_token(page.text)},
            headers={"HX-Request": "true"},
            name="knowledge check",
        )

    @task(1)
    def save_draft(self):
        exercise = random.choice(PLAN["exercises"])
        page = self.client.get(exercise["url"], name="exercise page")
        with self.client.post(
            exercise["draft_url"],
            {"code": exercise["wrong"], "csrfmiddlewaretoken": csrf_token(page.text)},
            name="draft",
            catch_response=True,
        ) as response:
            if response.status_code == 404:
                DRAFTS["missing"] += 1  # not merged yet: recorded, not a failure
                response.success()
            elif response.status_code == 204:
                DRAFTS["saved"] += 1
                response.success()
            else:
                response.failure(f"draft answered {response.status_code}")

    @task(1)
    def submit(self):
        exercise = random.choice(PLAN["exercises"])
        page = self.client.get(exercise["url"], name="exercise page")
        code = exercise["right"] if random.random() < 0.5 else exercise["wrong"]
        with self.client.post(
            exercise["url"],
            {"code": code, "csrfmiddlewaretoken": csrf_token(page.text)},
            name="submit",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            match = SUBMISSION.search(response.headers.get("Location", ""))
            if response.status_code == 429:
                response.success()  # the learner's own rate limit: told when to retry
                return
            if response.status_code != 302 or not match:
                response.failure(f"submit answered {response.status_code}")
                return
            response.success()
        submission_id = int(match[1])
        ACCEPTED.append(submission_id)
        status_url = f"{exercise['url']}submissions/{submission_id}/"
        deadline = time.monotonic() + POLL_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.5)  # as the page polls
            result = self.client.get(status_url, headers={"HX-Request": "true"}, name="result poll")
            if "hx-trigger" not in result.text:  # finished: the fragment stops polling
                break

    @task(1)
    def dashboard(self):
        self.client.get("/dashboard/", name="dashboard")


class Reader(HttpUser):
    weight = 1
    wait_time = between(1, 4)

    @task(2)
    def catalogue(self):
        self.client.get("/courses/", name="catalogue (visitor)")

    @task(2)
    def course(self):
        self.client.get(random.choice(PLAN["course_urls"]), name="course (visitor)")

    @task(4)
    def module(self):
        self.client.get(random.choice(PLAN["module_urls"]), name="module (visitor)")

    @task(2)
    def blog(self):
        self.client.get("/blog/", name="blog list (visitor)")
        if PLAN["post_urls"]:
            self.client.get(random.choice(PLAN["post_urls"]), name="blog post (visitor)")


@events.test_stop.add_listener
def _record(environment, **kwargs):
    with open(os.environ["BENCH_LOAD_SUBMISSIONS"], "w") as out:
        json.dump({"accepted": ACCEPTED, "drafts": DRAFTS}, out)
