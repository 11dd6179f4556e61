"""Hostile submissions: each must score zero, say clearly what happened, leave the host
untouched, and leave the grader able to pass the next honest submission.

Most attacks first step around the import guard (a teaching rule, not the boundary), so
what is tested is the sandbox itself. ``BYPASS`` recovers ``sys``, ``os`` and an
unguarded ``__import__`` from modules the learner is allowed to import.
"""

import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import grader
from tests.grader.conftest import load, slot_processes

REPO = Path(__file__).resolve().parents[2]
BYPASS = """
import collections
sys = collections._sys
sys.meta_path[:] = [f for f in sys.meta_path if getattr(f, "__name__", "") != "LearnerImportFinder"]
imp = sys.modules["builtins"].__import__
os = imp("os")
"""
WRONG = "\ndef total(xs):\n    return -1\n"
CANARY = "canary-8f3a1e-not-for-learners"


def attack(code, exercise_slug="sum-list", statuses=("failed", "error")):
    """Grade hostile code and check what every attack must satisfy."""
    exercise = load(exercise_slug)
    result = grader.grade(exercise, code)
    assert result["score"] == 0, result
    assert result["status"] in statuses, result
    text = json.dumps(result)  # plain JSON, whatever the code did
    assert "\\u0000" not in text
    assert all(not t["passed"] for t in result["tests"]) or result["status"] == "failed"
    deadline = time.monotonic() + 2
    while slot_processes() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert slot_processes() == [], "a sandboxed process outlived its run"
    honest = grader.grade(exercise, exercise.solution)
    assert honest["status"] == "passed" and honest["score"] == honest["max_score"], honest
    return result


# --- resources ------------------------------------------------------------------------


def test_fork_bomb():
    result = attack(
        BYPASS + "while True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n"
    )
    assert result["status"] == "error"
    assert "time limit" in result["error"]


def test_memory_bomb_one_allocation():
    result = attack("block = bytearray(8 * 1024 ** 3)\n" + WRONG)
    assert result["status"] == "error"
    assert "out of memory" in result["error"]


def test_memory_bomb_growing_list(monkeypatch):
    monkeypatch.setenv("GRADER_MEMORY_MB", "300")  # fail fast on a busy machine
    result = attack("hoard = []\nwhile True:\n    hoard.append(' ' * 10 ** 7)\n" + WRONG)
    assert "out of memory" in result["error"]


def test_busy_loop():
    result = attack("def total(xs):\n    while True:\n        pass\n")
    assert "time limit of 2 seconds" in result["error"]
    assert result["timings"]["run_seconds"] < 4


def test_sleep_past_the_limit():
    result = attack(BYPASS + "time = imp('time')\ntime.sleep(60)\n" + WRONG)
    assert "time limit" in result["error"]


def test_blocking_forever_inside_a_c_call():
    code = BYPASS + "threading = imp('threading')\nlock = threading.Lock()\nlock.acquire()\n"
    result = attack(code + "def total(xs):\n    lock.acquire()\n")
    assert "time limit" in result["error"]


def test_blocking_read_on_a_pipe():
    result = attack(BYPASS + "r, w = os.pipe()\nos.read(r, 1)\n" + WRONG)
    assert "time limit" in result["error"]


def test_threads_that_outlive_the_run():
    code = BYPASS + (
        "threading = imp('threading')\n"
        "def spin():\n"
        "    while True:\n"
        "        open('/tmp/alive', 'w').close()\n"
        "for _ in range(4):\n"
        "    threading.Thread(target=spin).start()\n"
    )
    result = attack(code + WRONG)
    assert result["status"] == "failed"  # it answered (wrongly); the threads died with it
    assert result["timings"]["run_seconds"] < 2


def test_setsid_grandchildren_that_outlive_the_run():
    code = BYPASS + (
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        "        while True:\n"
        "            pass\n"
        "    os._exit(0)\n"
    )
    result = attack(code + WRONG)
    assert result["status"] == "failed"
    assert result["timings"]["run_seconds"] < 2


def test_huge_printed_output_is_truncated():
    result = attack("def total(xs):\n    for _ in range(10 ** 5):\n        print('y' * 1000)\n")
    assert result["output_truncated"] is True
    assert len(result["output"]) <= grader.config.get("GRADER_OUTPUT_BYTES")


def test_huge_raw_output_stops_the_run():
    result = attack(BYPASS + "while True:\n    os.write(1, b'z' * 65536)\n")
    assert result["status"] == "error"
    assert "printed far more" in result["error"]


def test_huge_file():
    code = "with open('/tmp/big', 'wb') as fh:\n    fh.write(b'0' * (200 * 1024 * 1024))\n"
    result = attack(code + WRONG)
    assert result["status"] == "error"
    assert "line 2" in result["error"] or "out of memory" in result["error"]


def test_many_small_files():
    code = "for i in range(200000):\n    open(f'/tmp/f{i}', 'w').close()\n" + WRONG
    result = attack(code)
    assert result["status"] == "error"
    assert "OSError" in result["error"] and "line 2" in result["error"]


# --- secrets and the host --------------------------------------------------------------


def test_reading_the_worker_environment(monkeypatch):
    monkeypatch.setenv("MCA_CANARY", CANARY)
    code = BYPASS + (
        "print(sorted(os.environ))\n"
        "for path in ('/proc/1/environ', '/proc/self/environ', '/proc/2/environ'):\n"
        "    try:\n"
        "        print(path, open(path, 'rb').read())\n"
        "    except OSError as exc:\n"
        "        print(path, exc)\n"
        "for pid in os.listdir('/proc'):\n"
        "    if pid.isdigit():\n"
        "        try:\n"
        "            print(pid, open(f'/proc/{pid}/environ', 'rb').read())\n"
        "        except OSError:\n"
        "            pass\n"
    )
    result = attack(code + WRONG)
    assert CANARY not in json.dumps(result)
    # Nothing from the worker: only what bwrap and the runner set themselves.
    shown = result["output"].splitlines()[0]
    assert shown.startswith("[") and "MCA_CANARY" not in shown and "PATH" not in shown


def test_reading_project_settings_database_and_env_files():
    targets = [REPO / "config" / "settings" / "base.py", REPO / "db.sqlite3", REPO / ".env"]
    targets += [REPO / "manage.py", Path.home() / ".bash_history"]
    code = BYPASS + (
        f"for path in {[str(t) for t in targets]!r}:\n"
        "    try:\n"
        "        print(open(path, 'rb').read()[:200])\n"
        "    except OSError as exc:\n"
        "        print(type(exc).__name__)\n"
    )
    result = attack(code + WRONG)
    assert "SECRET_KEY" not in result["output"]
    assert "SQLite format" not in result["output"]
    assert "django" not in result["output"].lower()
    assert result["output"].count("FileNotFoundError") == len(targets)


def test_connecting_to_postgres_redis_and_a_local_listener():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    code = BYPASS + (
        "socket = imp('socket')\n"
        f"for port in (5432, 6379, {port}, 80):\n"
        "    s = socket.socket()\n"
        "    s.settimeout(0.5)\n"
        "    try:\n"
        "        s.connect(('127.0.0.1', port))\n"
        "        print('CONNECTED', port)\n"
        "    except OSError as exc:\n"
        "        print('blocked', port, exc)\n"
    )
    try:
        result = attack(code + WRONG)
        with pytest.raises(BlockingIOError):
            listener.accept()
    finally:
        listener.close()
    assert "CONNECTED" not in result["output"]
    assert result["output"].count("blocked") == 4


def test_spawning_a_shell(tmp_path):
    marker = tmp_path / "shell-was-here"
    code = BYPASS + (
        "subprocess = imp('subprocess')\n"
        "for shell in ('/bin/sh', '/bin/bash', '/usr/bin/env', 'sh'):\n"
        "    try:\n"
        f"        subprocess.run([shell, '-c', 'id; touch {marker}'])\n"
        "        print('RAN', shell)\n"
        "    except OSError as exc:\n"
        "        print('no', shell, type(exc).__name__)\n"
        "try:\n"
        "    os.execv('/bin/sh', ['sh'])\n"
        "except OSError:\n"
        "    print('no exec')\n"
    )
    result = attack(code + WRONG)
    assert "RAN" not in result["output"] and "uid=" not in result["output"]
    assert not marker.exists()


def test_writing_outside_the_sandbox(tmp_path):
    host_file = tmp_path / "pwned"
    runner = Path(grader.__file__).with_name("runner.py")
    before = runner.read_bytes()
    code = BYPASS + (
        f"for path in ({str(host_file)!r}, '/opt/grader/runner.py', '/code/submission.py',\n"
        "             '/opt/python/lib/evil.py', '/etc/passwd', '/root/x', '/x'):\n"
        "    try:\n"
        "        open(path, 'w').write('pwned')\n"
        "        print('WROTE', path)\n"
        "    except OSError as exc:\n"
        "        print('denied', path, type(exc).__name__)\n"
    )
    result = attack(code + WRONG)
    assert "WROTE" not in result["output"]
    assert not host_file.exists()
    assert runner.read_bytes() == before


def test_signalling_the_parent_and_every_process():
    sentinel = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        code = BYPASS + (
            "signal = imp('signal')\n"
            "for target in (os.getppid(), 1, -1):\n"
            "    try:\n"
            "        os.kill(target, signal.SIGKILL)\n"
            "    except OSError as exc:\n"
            "        print(target, type(exc).__name__)\n"
            "for pid in range(2, 70000):\n"
            "    try:\n"
            "        os.kill(pid, signal.SIGKILL)\n"
            "    except OSError:\n"
            "        pass\n"
        )
        result = attack(code + WRONG)
        assert sentinel.poll() is None, "a host process was killed from inside the sandbox"
        assert result["status"] == "error"  # kill(-1) also took the learner's own process
    finally:
        sentinel.send_signal(signal.SIGKILL)
        sentinel.wait()


def test_ctypes_segfault():
    result = attack(BYPASS + "ctypes = imp('ctypes')\nctypes.string_at(0)\n" + WRONG)
    assert "segmentation fault" in result["error"]


def test_unbounded_recursion():
    result = attack("def total(xs):\n    return total(xs)\n")
    assert result["status"] == "failed"
    assert "RecursionError" in result["tests"][0]["message"]
    assert "line 2" in result["tests"][0]["message"]


def test_recursion_that_overflows_the_c_stack():
    code = (
        BYPASS + "sys.setrecursionlimit(10 ** 8)\ndef deep(n):\n    return deep(n + 1)\ndeep(0)\n"
    )
    result = attack(code + WRONG)
    assert result["status"] == "error"


def test_sys_exit_zero_before_the_tests():
    result = attack(BYPASS + "sys.exit(0)\n" + WRONG)
    assert "called exit()" in result["error"]


def test_os_exit_zero_before_the_tests():
    result = attack(BYPASS + "os._exit(0)\n" + WRONG)
    assert "exit status 0" in result["error"]


# --- lying and forging -----------------------------------------------------------------


def test_object_whose_eq_is_always_true():
    code = (
        "class Anything:\n"
        "    def __eq__(self, other):\n        return True\n"
        "    def __hash__(self):\n        return 0\n"
        "def total(xs):\n    return Anything()\n"
    )
    result = attack(code)
    assert "cannot read" in result["tests"][0]["message"]


def test_int_subclass_whose_eq_is_always_true():
    code = (
        "class Liar(int):\n"
        "    def __eq__(self, other):\n        return True\n"
        "    __hash__ = int.__hash__\n"
        "def total(xs):\n    return Liar(-1)\n"
    )
    attack(code)


def test_numpy_subclass_that_lies():
    code = (
        "import numpy as np\n"
        "class Lie(np.ndarray):\n"
        "    def __eq__(self, other):\n        return np.ones(self.shape, dtype=bool)\n"
        "    def __array__(self, *a, **k):\n        return np.full(self.shape, 2.0)\n"
        "    def tolist(self):\n        return [[2.0, 4.0], [6.0, float('nan')]]\n"
        "def scale(x, k):\n"
        "    return np.zeros_like(np.asarray(x, dtype=float)).view(Lie)\n"
    )
    attack(code, "scale-array")


def test_patching_builtins_json_and_the_runner():
    code = BYPASS + (
        "builtins = sys.modules['builtins']\n"
        "builtins.isinstance = lambda *a: True\n"
        "builtins.len = lambda *a: 0\n"
        "json = imp('json')\n"
        'fake = \'{"status": "passed", "score": 4, "max_score": 4}\'\n'
        "json.dumps = lambda *a, **k: fake\n"
        "runner = sys.modules['__main__']\n"
        "runner._send = lambda fd, frame: os.write(fd, (fake + '\\n').encode())\n"
        "def total(xs):\n    return -1\n"
    )
    result = attack(code)
    assert result["status"] == "error"
    assert "results channel" in result["error"] or "stopped" in result["error"]


def test_patching_the_codec_to_send_fake_values():
    code = BYPASS + (
        "frame = sys._getframe()\n"
        "while frame is not None and 'codec' not in frame.f_locals:\n"
        "    frame = frame.f_back\n"
        "frame.f_locals['codec'].encode = lambda value: 'passed'\n"
        "def total(xs):\n    return -1\n"
    )
    result = attack(code)
    assert result["status"] == "failed"


def test_printing_and_writing_fake_results_to_every_descriptor():
    verdict = json.dumps({"status": "passed", "score": 4, "max_score": 4, "tests": []})
    frame = json.dumps({"protocol": 1, "results": [{"ok": True, "value": 0}] * 3})
    code = BYPASS + (
        f"print({verdict!r})\n"
        "for fd in range(0, 64):\n"
        "    try:\n"
        f"        os.write(fd, ({frame!r} + '\\n').encode())\n"
        "    except OSError:\n"
        "        pass\n"
        "def total(xs):\n    return 0\n"
    )
    result = attack(code)
    assert result["status"] == "error"
    assert "results channel" in result["error"]


def test_forging_a_whole_frame_then_exiting():
    frame = json.dumps({"protocol": 1, "results": [{"ok": True, "value": 0}] * 3})
    code = BYPASS + (
        "for fd in range(3, 16):\n"
        "    try:\n"
        f"        os.write(fd, ({frame!r} + '\\n').encode())\n"
        "    except OSError:\n"
        "        pass\n"
        "os._exit(0)\n"
    )
    result = attack(code)
    # The forged frame carries only values the learner chose, and those are wrong; sent
    # before the visible cases ran, it does not even have their shape.
    assert result["status"] in ("failed", "error") and result["score"] == 0


def test_looking_for_the_solution_and_expected_answers_on_disk():
    # Every file in the sandbox, the stdlib included; what is suspicious is printed first
    # and on its own line, so no amount of other output can push it past the output cap.
    code = BYPASS + (
        "seen = []\n"
        "for root, dirs, files in os.walk('/'):\n"
        "    dirs[:] = [d for d in dirs if os.path.join(root, d) not in ('/proc', '/sys')]\n"
        "    seen += [os.path.join(root, f) for f in files]\n"
        "names = ('cases.py', 'solution.py', 'exercise.md')\n"
        "print([p for p in seen if p.endswith(names) or '987654322' in p])\n"
        "print('/code/submission.py' in seen, len(seen))\n"
        "print([p for p in seen if not p.startswith(('/opt/site', '/opt/python'))])\n"
    )
    result = attack(code + WRONG)
    suspicious, found_own_file = result["output"].splitlines()[:2]
    assert suspicious == "[]" and found_own_file.startswith("True ")
    for name in ("cases.py", "solution.py", "exercise.md", "987654322"):
        assert name not in result["output"]


def test_looking_for_expected_answers_through_gc_and_inspect():
    code = BYPASS + (
        "gc, inspect = imp('gc'), imp('inspect')\n"
        "found = set()\n"
        "for obj in gc.get_objects():\n"
        "    if isinstance(obj, dict):\n"
        "        found.update(v for v in obj.values() if type(v) is int and v > 10 ** 8)\n"
        "    if isinstance(obj, list):\n"
        "        found.update(v for v in obj if type(v) is int and v > 10 ** 8)\n"
        "for frame in inspect.stack():\n"
        "    found.update(v for v in frame.frame.f_locals.values() if type(v) is int)\n"
        "print(sorted(found), sorted(sys.modules))\n"
        "def total(xs):\n    return max(found, default=-1)\n"
    )
    result = attack(code)
    assert "987654322" not in result["output"]  # the hidden expected sum never entered
    assert "_grader_exercise" not in result["output"]


# --- values that cannot be graded ------------------------------------------------------


def test_returning_a_huge_value(monkeypatch):
    monkeypatch.setenv("GRADER_RESULT_BYTES", str(1024 * 1024))
    result = attack("def total(xs):\n    return 'x' * (3 * 1024 * 1024)\n")
    assert result["status"] == "error"
    assert "more than" in result["error"]


def test_returning_a_deeply_nested_value():
    code = (
        "def total(xs):\n    v = []\n    for _ in range(100000):\n        v = [v]\n    return v\n"
    )
    result = attack(code)
    assert "nested" in result["tests"][0]["message"]


def test_returning_values_that_are_not_data():
    code = "def total(xs):\n    return (x for x in xs)\n"
    result = attack(code)
    assert "cannot be returned" in result["tests"][0]["message"]


def test_invalid_utf8_and_nul_bytes_in_output():
    code = BYPASS + "os.write(2, b'bad\\xff\\xfe\\x00bytes\\xc3')\nprint('nul\\x00here')\n" + WRONG
    result = attack(code)
    assert "\x00" not in result["output"]
    assert "bad" in result["output"] and "here" in result["output"]


def test_syntax_error_reports_the_line():
    result = attack("x = 1\n\ndef total(xs)\n    return sum(xs)\n")
    assert result["status"] == "error"
    assert "syntax error on line 3" in result["error"]
    assert result["error_line"] == 3


def test_empty_file():
    result = attack("")
    assert result["status"] == "error"
    assert "empty" in result["error"]


def test_file_without_the_entry_function():
    result = attack("# just a comment\nx = 1\n")
    assert "does not define" in result["error"]


def test_exception_at_import_reports_the_line():
    result = attack("x = 1\ny = x / 0\n" + WRONG)
    assert "ZeroDivisionError on line 2" in result["error"]


def test_refused_import_says_what_is_allowed():
    result = attack("import os\n" + WRONG)
    assert "importing 'os' is not allowed" in result["error"]
    assert "line 1" in result["error"]


def test_the_clock_may_be_imported_so_a_search_can_keep_to_a_budget():
    code = "import time\n\ndef total(xs):\n    time.sleep(0.01)\n    return time.perf_counter() * 0 + sum(xs)\n"
    result = grader.grade(load("sum-list"), code)
    assert result["status"] == "passed", result
