"""The per-run cgroup: found on v1, v2 and hybrid hosts, joined before bwrap, fail closed."""

import logging
import subprocess

import pytest

import grader
from grader import cgroups, config, sandbox
from tests.grader.test_hostile_memory import run_folders

V2_MOUNTS = "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime 0 0\n"
HYBRID_MOUNTS = (
    "tmpfs /sys/fs/cgroup tmpfs ro,nosuid,nodev,noexec,mode=755 0 0\n"
    "cgroup2 /sys/fs/cgroup/unified cgroup2 rw,nosuid,nodev,noexec,relatime 0 0\n"
    "cgroup /sys/fs/cgroup/memory cgroup rw,nosuid,nodev,noexec,relatime,memory 0 0\n"
    "cgroup /sys/fs/cgroup/pids cgroup rw,nosuid,nodev,noexec,relatime,pids 0 0\n"
)
HYBRID_CGROUP = "4:memory:/system.slice/worker.service\n8:pids:/system.slice\n0::/user\n"


def test_a_hybrid_host_uses_the_v1_memory_and_pids_hierarchies():
    found = cgroups.detect(HYBRID_MOUNTS, HYBRID_CGROUP)
    assert found.version == 1
    assert str(found.memory) == "/sys/fs/cgroup/memory" and str(found.pids) == "/sys/fs/cgroup/pids"
    assert found.own[found.memory] == "/system.slice/worker.service"
    memory_parent = cgroups._parent_path(found, found.memory)
    assert str(memory_parent) == "/sys/fs/cgroup/memory/system.slice/worker.service/grader"


def test_the_parent_is_relative_to_the_worker_or_from_the_root(monkeypatch):
    found = cgroups.detect(HYBRID_MOUNTS, HYBRID_CGROUP)
    monkeypatch.setenv("GRADER_CGROUP_PARENT", "runs")
    assert str(cgroups._parent_path(found, found.pids)) == "/sys/fs/cgroup/pids/system.slice/runs"
    monkeypatch.setenv("GRADER_CGROUP_PARENT", "/grader.slice")
    assert str(cgroups._parent_path(found, found.memory)) == "/sys/fs/cgroup/memory/grader.slice"
    monkeypatch.setenv("GRADER_CGROUP_PARENT", "../../..")
    with pytest.raises(cgroups.CgroupUnavailable, match="leaves"):
        cgroups._parent_path(found, found.memory)


def test_a_host_without_a_memory_controller_has_no_cgroup():
    with pytest.raises(cgroups.CgroupUnavailable, match="no memory cgroup controller"):
        cgroups.detect("proc /proc proc rw 0 0\n", "0::/\n")


def test_v2_runs_get_memory_swap_oom_group_and_pids_limits(tmp_path, monkeypatch):
    # A stand-in v2 tree: the files the kernel would provide, in a plain folder.
    (tmp_path / "cgroup.controllers").write_text("cpu memory pids\n")
    (tmp_path / "cgroup.subtree_control").write_text("\n")
    monkeypatch.setenv("GRADER_CGROUP_PARENT", "/")
    monkeypatch.setenv("GRADER_MEMORY_MB", "300")
    found = cgroups.detect(f"cgroup2 {tmp_path} cgroup2 rw 0 0\n", "0::/worker\n")
    run = cgroups.create(3, found)
    folder = run.memory_folder
    assert folder.parent == tmp_path and folder.name.startswith("run-")
    assert (tmp_path / "cgroup.subtree_control").read_text() == "+memory +pids"
    assert (folder / "memory.max").read_text() == str(300 * 1024 * 1024)
    assert (folder / "memory.oom.group").read_text() == "1"
    assert (folder / "pids.max").read_text() == str(config.get("GRADER_MAX_PROCESSES") + 2)
    (folder / "memory.events").write_text("low 0\nhigh 0\nmax 9\noom 1\noom_kill 1\n")
    assert run.oom_killed() is True


def test_v2_parent_with_processes_of_its_own_says_what_to_delegate(tmp_path, monkeypatch):
    (tmp_path / "cgroup.controllers").write_text("memory pids\n")
    (tmp_path / "cgroup.subtree_control").write_text("\n")
    monkeypatch.setattr(cgroups, "_write", _refuse_busy)  # what the kernel says then
    found = cgroups.detect(f"cgroup2 {tmp_path} cgroup2 rw 0 0\n", "0::/\n")
    with pytest.raises(cgroups.CgroupUnavailable, match="holds processes of its own"):
        cgroups.create(0, found)


def _refuse_busy(path, value):
    import errno

    raise OSError(errno.EBUSY, "Device or resource busy", str(path))


def test_the_sandbox_is_born_inside_its_cgroup():
    run = cgroups.create(0)
    try:
        out = subprocess.run(
            run.wrap(["/bin/cat", "/proc/self/cgroup"]), capture_output=True, text=True, env={}
        ).stdout
        assert out.count(run.memory_folder.name) == len(run.folders), out
    finally:
        run.remove()
    assert not run.memory_folder.exists()


def test_a_run_is_measured_and_its_cgroup_removed(plain):
    runs = []
    real = sandbox.finish  # every run, cold or warm, ends through it
    sandbox_finish = lambda *a, **k: runs.append(real(*a, **k)) or runs[-1]  # noqa: E731
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sandbox, "finish", sandbox_finish)
        assert grader.grade(plain, plain.solution)["status"] == "passed"
    assert runs[0].memory_peak_bytes > 1024 * 1024  # bwrap and Python were charged to it
    assert run_folders() == []


def test_no_cgroup_fails_closed_with_what_to_do(plain, monkeypatch):
    monkeypatch.delenv("GRADER_WEAKER_NO_MEMORY_CGROUP", raising=False)  # `make test` sets it
    monkeypatch.setattr(cgroups, "detect", _no_controller)
    with pytest.raises(grader.SandboxUnavailable, match="Delegate=memory pids"):
        grader.grade(plain, plain.solution)


def test_the_weaker_setting_grades_without_a_cgroup_and_warns_each_run(plain, monkeypatch, caplog):
    monkeypatch.setattr(cgroups, "detect", _no_controller)
    monkeypatch.setenv("GRADER_WEAKER_NO_MEMORY_CGROUP", "1")
    with caplog.at_level(logging.WARNING, logger="grader"):
        for _ in range(2):
            assert grader.grade(plain, plain.solution)["status"] == "passed"
    warnings = [r for r in caplog.records if "NO MEMORY BUDGET" in r.getMessage()]
    assert len(warnings) == 2


def _no_controller(*args, **kwargs):
    raise cgroups.CgroupUnavailable("this machine has no memory cgroup controller mounted")
