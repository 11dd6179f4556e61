"""Warm sandboxes and the pool: nothing of a learner before, nothing after, same limits."""

import fcntl
import os
import signal
import struct
import termios
import time

import pytest

import grader
from grader import config, pool, sandbox, warm

from .conftest import slot_processes
from .test_hostile import BYPASS

SOLUTION_MARKER = "learner-code-marker-4711"


def _queued_bytes(pipe) -> int:
    """Bytes written to a pipe and not yet read (FIONREAD works on either end)."""
    raw = fcntl.ioctl(pipe.fileno(), termios.FIONREAD, struct.pack("i", 0))
    return struct.unpack("i", raw)[0]


def _wait_for(condition, timeout=60.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _tree(root):
    """Pids of ``root`` and every descendant of it."""
    parents = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat") as fh:
                    parents[int(entry.name)] = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, grew = {root}, True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in found and pid not in found:
                found.add(pid)
                grew = True
    return found


def _cmdlines(pids):
    out = b""
    for pid in pids:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                out += fh.read()
        except OSError:
            continue
    return out


def test_a_warm_sandbox_holds_nothing_of_a_learner_before_and_is_gone_after(numeric):
    draw = numeric.draw(7)
    box = warm.WarmSandbox.start(draw.libraries, slot_wait=5)
    pids = _tree(box.proc.pid)
    code_dir = box.code_dir
    assert box.alive()
    assert os.listdir(code_dir) == []  # no learner's file
    assert _queued_bytes(box.proc.stdin) == 0  # no inputs: nothing was ever written to it
    started = _cmdlines(pids)
    assert b"runner.py" in started  # it is the runner that waits...
    assert draw.visible_payload[:40] not in started  # ...with no case data in its argv
    assert SOLUTION_MARKER.encode() not in started

    # The learner sees only their own file in /code, as in a cold run.
    code = (
        f"# {SOLUTION_MARKER}\n{BYPASS}\nimport numpy as np\n"
        "def scale(values, factor):\n"
        "    print(sorted(os.listdir('/code')))\n"
        "    return np.asarray(values, dtype=float) * factor\n"
    )
    run = box.run(
        code, draw.visible_payload, time_limit=numeric.time_limit, held_back=draw.hidden_payload
    )
    assert run.limit_hit is None and run.returncode == 0
    assert b"['submission.py']" in run.output

    # Gone: every process of it, its folder (and the learner's file), its slot's processes.
    assert not box.alive()
    assert not os.path.exists(code_dir)
    assert all(not os.path.exists(f"/proc/{pid}") or _is_zombie(pid) for pid in pids)
    assert slot_processes() == []
    with pytest.raises(warm.Lost):  # never reused
        box.run(code, draw.visible_payload, time_limit=numeric.time_limit)


def _is_zombie(pid):
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def _pool(**sizes):
    values = {name: 0 for name in pool.SETS} | sizes
    config.configure(**values)
    return pool.start(pool.Pool.from_config())


def test_grading_uses_a_warm_sandbox_and_the_pool_refills(numeric):
    started = _pool(GRADER_POOL_NUMPY=1)
    assert started.wait_full(60)
    first = started._warm[frozenset({"numpy"})][0]
    result = grader.grade(numeric, numeric.solution, seed=3)
    assert result["status"] == "passed"
    assert started.counts["handed_out"] == 1
    assert not first.alive()  # used once, destroyed
    assert started.wait_full(60)  # and replaced by a fresh one
    assert started._warm[frozenset({"numpy"})][0] is not first


def _kill(box):
    """SIGKILL every process of a waiting sandbox, as the OOM killer or an operator might."""
    for pid in _tree(box.proc.pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert _wait_for(lambda: box.proc.poll() is not None)


def test_killing_a_waiting_sandbox_leaves_grading_working(numeric):
    started = _pool(GRADER_POOL_NUMPY=1)
    assert started.wait_full(60)
    box = started._warm[frozenset({"numpy"})][0]
    _kill(box)
    result = grader.grade(numeric, numeric.solution, seed=5)
    assert result["status"] == "passed", result
    assert result["score"] == result["max_score"]


def test_no_refill_starts_while_the_process_is_grading(numeric, monkeypatch):
    started = _pool(GRADER_POOL_NUMPY=1)
    assert started.wait_full(60)
    seen = []
    real = warm.WarmSandbox.run

    def run(self, *args, **kwargs):
        seen.append(started._paused)
        assert started._tend() is False  # the set is now empty, and still nothing starts
        return real(self, *args, **kwargs)

    monkeypatch.setattr(warm.WarmSandbox, "run", run)
    assert grader.grade(numeric, numeric.solution)["status"] == "passed"
    assert seen == [1]
    assert started.counts["started"] == 1
    assert started.wait_full(60)  # once the grade is over, it refills


def test_a_sandbox_killed_just_before_arrival_is_graded_cold(numeric):
    box = warm.WarmSandbox.start(numeric.libraries, slot_wait=5)
    _kill(box)
    draw = numeric.draw(None)
    with pytest.raises(warm.Lost):  # no learner code ran in it
        box.run(numeric.solution, draw.visible_payload, time_limit=numeric.time_limit)

    class DeadOnArrival(pool.OnDemand):  # hands out sandboxes killed after the pool's check
        def take(self, libraries):
            box = super().take(libraries)
            _kill(box)
            return box

    pool.start(DeadOnArrival())
    result = grader.grade(numeric, numeric.solution)
    assert result["status"] == "passed" and result["score"] == result["max_score"]


def test_a_sandbox_that_waits_too_long_is_recycled(numeric):
    config.configure(GRADER_POOL_IDLE_SECONDS=1)
    started = _pool(GRADER_POOL_NUMPY=1)
    assert started.wait_full(60)
    first = started._warm[frozenset({"numpy"})][0]
    assert _wait_for(lambda: not first.alive(), timeout=30)
    assert _wait_for(lambda: not os.path.exists(first.code_dir))  # removed as it closes
    assert started.counts["recycled"] >= 1
    assert _wait_for(lambda: started.status()["numpy"]["waiting"] == 1)


def test_no_warm_sandbox_for_a_library_set_means_a_cold_start(tabular, plain):
    started = _pool(GRADER_POOL_NUMPY=1)
    assert started.wait_full(60)
    assert grader.grade(tabular, tabular.solution)["status"] == "passed"  # pandas: cold
    assert grader.grade(plain, plain.solution)["status"] == "passed"  # no library: cold
    assert started.counts["handed_out"] == 0


def test_warm_sandboxes_never_hold_more_memory_than_the_setting(numeric):
    measure = _pool(GRADER_POOL_NUMPY=1)
    assert measure.wait_full(60)
    each = measure.status()["numpy"]["bytes_each"]
    assert each > 1024 * 1024
    pool.stop()

    config.configure(GRADER_POOL_MEMORY_MB=max(1, (each * 5 // 2) // (1024 * 1024)))
    capped = _pool(GRADER_POOL_NUMPY=6)
    assert capped.wait_full(90)
    status = capped.status()
    assert 1 <= status["numpy"]["waiting"] < 6
    assert status["held_bytes"] <= config.get("GRADER_POOL_MEMORY_MB") * 1024 * 1024


def test_a_cold_start_takes_a_slot_back_from_the_pool(plain, numeric):
    config.configure(GRADER_SLOTS=2)
    started = _pool(GRADER_POOL_NUMPY=1, GRADER_POOL_PANDAS=1)
    assert started.wait_full(60)
    assert sum(s["waiting"] for k, s in started.status().items() if "+" in k or k == "numpy") == 2
    # Both slots are held by waiting sandboxes; a cold grade must not wait for one.
    assert grader.grade(plain, plain.solution)["status"] == "passed"
    assert started.counts["recycled"] >= 1


CPU_REPORT = (
    BYPASS
    + """
resource = imp("resource")
import numpy as np
def scale(values, factor):
    used = resource.getrusage(resource.RUSAGE_SELF)
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    print("left", soft - (used.ru_utime + used.ru_stime), "soft", soft, "hard", hard)
    return np.asarray(values, dtype=float) * factor
"""
)


def _cpu_left(output: bytes) -> float:
    words = output.decode().split()
    return float(words[words.index("left") + 1])


@pytest.mark.parametrize("libraries", [("numpy",), ("numpy", "pandas", "sklearn")])
def test_cpu_counts_from_arrival_and_imports_do_not_eat_it(numeric, libraries):
    draw = numeric.draw(None)
    box = warm.WarmSandbox.start(libraries, slot_wait=5)
    run = box.run(CPU_REPORT, draw.visible_payload, time_limit=numeric.time_limit)
    cold_soft, _ = sandbox.cpu_limit(numeric.time_limit)
    left = _cpu_left(run.output)
    # At arrival the learner has at least a cold run's whole CPU budget, whatever the
    # imports cost, and not the warm-up's generous one (at most one second more, from
    # rounding up). The report is read later, inside ``scale``: loading the inputs and
    # executing the code have spent a few milliseconds of that budget by then, so the
    # floor allows a tenth of a second for them. Imports that ate the budget would cost
    # far more (pandas and scikit-learn take one to two CPU seconds here).
    assert cold_soft - 0.1 <= left <= cold_soft + 1, run.output


def test_the_wall_limit_counts_from_arrival_not_from_the_start(numeric):
    draw = numeric.draw(None)
    box = warm.WarmSandbox.start(numeric.libraries, slot_wait=5)
    time.sleep(numeric.time_limit + 0.5)  # waited longer than the whole time limit
    run = box.run(
        numeric.solution,
        draw.visible_payload,
        time_limit=numeric.time_limit,
        held_back=draw.hidden_payload,
    )
    assert run.limit_hit is None and run.returncode == 0


def test_code_that_burns_cpu_hits_the_same_time_limit_warm_and_cold(numeric):
    spin = "def scale(values, factor):\n    while True:\n        pass\n"
    cold = grader.grade(numeric, spin)
    pool.start(pool.OnDemand())
    warm_result = grader.grade(numeric, spin)
    assert cold["status"] == warm_result["status"] == "error"
    assert cold["error"] == warm_result["error"]
    assert "time" in warm_result["error"].lower()


def _dead_pid():
    pid = 4_000_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except OSError:
            pass
        pid -= 1


def test_a_new_pool_removes_run_cgroups_a_killed_worker_left_behind():
    from grader import cgroups

    hierarchies = cgroups.detect()
    parent = cgroups._parent_path(hierarchies, hierarchies.memory)
    cgroups._make_parent(parent, hierarchies.version)
    left = parent / f"run-{_dead_pid()}-0-0123abcd"  # a worker that no longer exists
    ours = parent / f"run-{os.getpid()}-0-4567cdef"  # a live worker's: kept
    left.mkdir()
    ours.mkdir()
    try:
        _pool(GRADER_POOL_NUMPY=1)
        assert not left.exists()
        assert ours.exists()
    finally:
        for folder in (left, ours):
            if folder.exists():
                folder.rmdir()
