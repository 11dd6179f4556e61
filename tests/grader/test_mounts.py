"""What a run binds into the sandbox (DESIGN promise 1), checked without starting one."""

import os
import sys
import sysconfig
from pathlib import Path

import pytest

from grader import elf, mounts, sandbox
from tests.grader.conftest import EXERCISES, load

CODE = "/tmp/grader-run-x/submission.py"


def test_a_run_binds_the_interpreter_the_runner_and_the_learners_file_only():
    pairs = mounts.binds(CODE, ())
    dests = [dest for _, dest in pairs]
    assert pairs[-1] == (CODE, mounts.BOX_CODE)
    assert (str(mounts.RUNNER), f"{mounts.BOX_GRADER}/runner.py") in pairs
    assert (str(mounts.CODEC), f"{mounts.BOX_GRADER}/codec.py") in pairs
    assert not [d for d in dests if d.startswith(mounts.BOX_SITE)]
    grader_files = [src for src, _ in pairs if Path(src).parent == mounts.HERE]
    assert sorted(Path(src).name for src in grader_files) == ["codec.py", "runner.py"]


def test_exercise_files_and_the_project_are_never_bound():
    exercise = load("region-totals")
    pairs = mounts.binds(CODE, exercise.libraries)
    project = mounts.HERE.parent
    packages = ["accounts", "blog", "config", "content", "courseware", "enrollment", "tests"]
    for src, _ in pairs:
        path = Path(src)
        assert EXERCISES not in path.parents, src
        assert path.name not in ("solution.py", "cases.py", "exercise.md"), src
        assert not any(project / name in path.parents for name in packages), src
        assert mounts.HERE not in path.parents or path in (mounts.RUNNER, mounts.CODEC), src


def test_libraries_bring_their_dependencies_and_nothing_unasked():
    names = {dest.rsplit("/", 1)[-1] for _, dest in mounts.site_binds(["pandas"])}
    assert {"pandas", "numpy", "dateutil"} <= names
    assert "sklearn" not in names and "django" not in names and "grader" not in names


def test_the_stdlib_is_bound_without_its_site_packages():
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    pairs = mounts.binds(CODE, ("numpy",))
    assert (os.path.realpath(stdlib), mounts.BOX_STDLIB) in pairs
    expected = [
        f"{mounts.BOX_STDLIB}/{n}" for n in mounts.HIDDEN_IN_STDLIB if (stdlib / n).is_dir()
    ]
    assert list(mounts.hidden()) == expected
    argv = sandbox.bwrap_command("bwrap", CODE, ("numpy",), 5, uid=None)
    for folder in expected:  # an empty tmpfs, then made read-only
        at = argv.index(folder)
        assert argv[at - 1] == "--tmpfs" and argv[at + 1 : at + 3] == ["--remount-ro", folder]


def test_no_whole_library_folder_is_bound_only_the_files_that_are_loaded():
    pairs = mounts.binds(CODE, ("numpy", "pandas", "sklearn"))
    folders = {src for src, _ in pairs if os.path.isdir(src)}
    entries = {
        str(p) for lib in ("numpy", "pandas", "sklearn") for p in mounts.library_entries(lib)
    }
    assert folders - entries == {os.path.realpath(sysconfig.get_paths()["stdlib"])}
    dests = {dest for _, dest in pairs}
    loader = elf.read(os.path.realpath(sys.executable)).interp
    assert loader in dests  # the dynamic loader, where the interpreter asks for it
    names = {os.path.basename(d) for d in dests}
    assert {"libc.so.6", "libgcc_s.so.1"} <= names


def test_origin_paths_are_followed_from_where_the_object_sits_in_the_sandbox():
    (numpy_dir,) = [p for p in mounts.library_entries("numpy") if p.name == "numpy"]
    (core,) = numpy_dir.glob("_core/_multiarray_umath*.so")
    assert any("$ORIGIN" in p for p in elf.read(str(core)).rpath + elf.read(str(core)).runpath)
    resolver = mounts._resolver()
    found = resolver.closure([(str(core), "/box/numpy/_core/m.so")], covered=[])
    shipped = {d: h for d, h in found.binds.items() if d.startswith("/box/numpy.libs/")}
    assert shipped, found.binds  # found beside the sandbox path, not the host's
    for dest, host in shipped.items():
        assert host == os.path.realpath(numpy_dir.parent / "numpy.libs" / Path(dest).name)
    covered = resolver.closure([(str(core), "/box/numpy/_core/m.so")], covered=["/box"])
    assert not [d for d in covered.binds if d.startswith("/box/")] and not covered.unresolved


def test_the_loader_cache_folders_are_read_with_their_includes(tmp_path):
    (tmp_path / "conf.d").mkdir()
    (tmp_path / "conf.d" / "b.conf").write_text("/opt/b/lib  # comment\n")
    (tmp_path / "conf.d" / "a.conf").write_text("/opt/a/lib\n")
    (tmp_path / "ld.so.conf").write_text("include conf.d/*.conf\n/usr/local/lib/\n")
    assert elf.cache_dirs(str(tmp_path / "ld.so.conf")) == [
        "/opt/a/lib",
        "/opt/b/lib",
        "/usr/local/lib",
    ]


def test_files_that_are_not_elf_are_refused(tmp_path):
    bogus = tmp_path / "libfake.so"
    bogus.write_bytes(b"\x7fELF" + b"\0" * 10)
    with pytest.raises(elf.NotElf):
        elf.read(str(bogus))
