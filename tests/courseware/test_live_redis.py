"""The live channel through a real Redis (REDIS_URL, set in CI): a publish from another
connection (as a Celery worker's would be) wakes the waiting request, channels of two
databases stay apart, and the cap on waiting requests is shared by every process."""

import threading
import time

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection

from courseware import live, services
from courseware.models import Submission
from tests.factories import SubmissionFactory

pytestmark = pytest.mark.skipif(not django_settings.REDIS_URL, reason="needs REDIS_URL (set in CI)")

THREADED = {"wsgi.multithread": True}
HTMX = {"HX-Request": "true"}


@pytest.fixture
def redis_channel(monkeypatch):
    """The channel the site uses with REDIS_URL, fresh for this test; its subscriptions
    record how each wait ended (True: a message arrived)."""
    chan = live.RedisChannel(django_settings.REDIS_URL)
    chan.wait_results = []
    monkeypatch.setattr(live, "channel", lambda: chan)
    original = live.RedisSubscription.wait

    def recording_wait(self, timeout):
        announced = original(self, timeout)
        chan.wait_results.append(announced)
        return announced

    monkeypatch.setattr(live.RedisSubscription, "wait", recording_wait)
    return chan


def subscribers(name: str) -> int:
    client = redis.Redis.from_url(django_settings.REDIS_URL)
    return dict(client.pubsub_numsub(name)).get(name.encode(), 0)


def after_subscribed(name: str, then):
    errors = []

    def run():
        try:
            deadline = time.monotonic() + 20
            while subscribers(name) == 0:
                if time.monotonic() > deadline:
                    raise AssertionError("nobody subscribed")
                time.sleep(0.005)
            then()
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, errors


@pytest.mark.django_db(transaction=True)
def test_a_result_stored_elsewhere_wakes_the_waiting_request_through_redis(
    client, enrolled, redis_channel, settings
):
    settings.LIVE_WAIT_SECONDS = 60
    settings.LIVE_RECHECK_SECONDS = 60  # only the message can end the wait early
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise, status="running")
    client.force_login(learner)
    name = live.channel_name(submission.pk)

    def worker_stores_the_result():
        Submission.objects.filter(pk=submission.pk).update(status="passed", score=2, max_score=2)
        # What services.submission_grade does after commit, from a client of its own.
        live.RedisChannel(django_settings.REDIS_URL).publish(name, "passed")

    thread, errors = after_subscribed(name, worker_stores_the_result)
    response = client.get(
        f"{exercise.get_absolute_url()}submissions/{submission.pk}/?shown=running",
        headers=HTMX,
        **THREADED,
    )
    thread.join(30)

    assert not errors
    assert response.status_code == 200
    assert 'data-status="passed"' in response.content.decode()
    assert redis_channel.wait_results == [True]  # the message ended the wait
    assert subscribers(name) == 0  # the subscription was given back


def test_the_service_hook_publishes_on_the_submissions_channel(
    redis_channel, enrolled, django_capture_on_commit_callbacks
):
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise)
    listener = redis.Redis.from_url(django_settings.REDIS_URL).pubsub()
    listener.subscribe(live.channel_name(submission.pk))
    assert listener.get_message(timeout=5)["type"] == "subscribe"
    with django_capture_on_commit_callbacks(execute=True):
        services._announce_after_commit(submission.pk, "running")
    message = listener.get_message(timeout=5)
    listener.close()
    assert message["type"] == "message" and message["data"] == b"running"


def test_a_message_for_another_database_does_not_wake_the_waiter(redis_channel):
    ours = live.channel_name(5)
    with redis_channel.subscription(ours) as subscription:
        theirs = ours.replace(live._prefix(), "coursesite:live:0000000000")
        redis_channel.publish(theirs, "passed")
        assert subscription.wait(0.3) is False
        redis_channel.publish(ours, "passed")
        assert subscription.wait(5) is True
    assert redis_channel.wait_results == [False, True]


def test_the_cap_on_waiting_requests_is_shared_by_every_process(redis_channel, settings, db):
    other_process = live.RedisChannel(django_settings.REDIS_URL)
    with redis_channel.lease(1) as first:
        with other_process.lease(1) as second:
            assert first and not second
    with other_process.lease(1) as again:
        assert again  # given back on the way out


def test_a_learners_places_are_counted_apart_from_the_sites(redis_channel, db):
    with redis_channel.lease(1, scope="learner:1") as first:
        with redis_channel.lease(1, scope="learner:1") as second:
            with redis_channel.lease(1, scope="learner:2") as someone_else:
                assert first and not second and someone_else


def test_a_lease_left_by_a_dead_process_expires(redis_channel, settings, db):
    settings.LIVE_WAIT_SECONDS = 10
    client = redis.Redis.from_url(django_settings.REDIS_URL)
    key = f"{live._prefix()}:waiters:site"
    client.zadd(key, {"left-by-a-dead-process": time.time() - 3600})
    try:
        with redis_channel.lease(1) as granted:
            assert granted
    finally:
        client.delete(key)
