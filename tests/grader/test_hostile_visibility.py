"""Hostile probes of what a run can see: only the interpreter, the exercise's libraries
and exactly the shared libraries they load (grader.mounts, grader.elf)."""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import grader
from grader import mounts
from tests.grader.conftest import load
from tests.grader.test_hostile import BYPASS, attack

HOST_STDLIB_SITE = Path(sysconfig.get_paths()["stdlib"]) / "site-packages"
# What the issue saw imported in a NumPy-only exercise, and pip, where the host has them.
PROBED = ("pip", "setuptools", "requests", "yaml", "scipy", "boto3", "cryptography", "pandas")
HOST_PACKAGES = [name for name in PROBED if (HOST_STDLIB_SITE / name / "__init__.py").exists()]
WRONG_SCALE = "\ndef scale(x, k):\n    return x\n"


def report(code, slug="scale-array"):
    """Grade probing code that prints one JSON line, and return what it printed."""
    result = attack(code + WRONG_SCALE, slug)
    assert not result["output_truncated"], result["output"][-300:]
    return json.loads(result["output"].strip().splitlines()[-1])


@pytest.mark.skipif(not HOST_PACKAGES, reason="this interpreter's stdlib has no site-packages")
def test_a_numpy_exercise_cannot_import_what_the_host_stdlib_site_packages_holds():
    site = f"{mounts.BOX_STDLIB}/site-packages"
    code = BYPASS + (
        f"sys.path[:0] = [{site!r}]\n"
        "found = {}\n"
        f"for name in {HOST_PACKAGES!r}:\n"
        "    try:\n"
        "        imp(name)\n"
        "        found[name] = True\n"
        "    except BaseException:\n"
        "        pass\n"
        f"print(imp('json').dumps({{'imported': sorted(found), 'listing': os.listdir({site!r})}}))\n"
    )
    assert report(code) == {"imported": [], "listing": []}


LIBRARY_FOLDERS = [
    f"{prefix}{lib}{arch}"
    for prefix in ("", "/usr", "/usr/local")
    for lib in ("/lib", "/lib64")
    for arch in ("", "/x86_64-linux-gnu", "/aarch64-linux-gnu")
]
needs_ldd = pytest.mark.skipif(shutil.which("ldd") is None, reason="no ldd here")


def ldd_needs(objects) -> dict[str, str]:
    """{name: real path} of every library the host loader loads for these files (ldd)."""
    found = {}
    for host in objects:
        out = subprocess.run(["ldd", host], capture_output=True, text=True, env={}).stdout
        for line in out.splitlines():
            parts = line.split()
            if "=>" in parts and len(parts) > 2 and parts[2].startswith("/"):
                found[parts[0]] = os.path.realpath(parts[2])
            elif parts and parts[0].startswith("/"):
                found[os.path.basename(parts[0])] = os.path.realpath(parts[0])
    return found


def interpreter_and_extensions(libraries):
    """The interpreter, its usable stdlib extensions and the libraries' own, on the host."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    dynload = Path(sysconfig.get_config_var("DESTSHARED") or stdlib / "lib-dynload")
    files = [os.path.realpath(sys.executable)]
    files += [
        str(f)
        for f in sorted(dynload.glob("*.so"))
        if f.name.split(".", 1)[0] not in mounts.NO_USE_IN_THE_SANDBOX
    ]
    for library in libraries:
        for entry in mounts.library_entries(library):
            files += [str(f) for f in sorted(entry.rglob("*.so*")) if f.is_file()]
    return files


@needs_ldd
def test_the_library_folders_hold_only_the_libraries_that_are_loaded():
    exercise = load("scale-array")
    needed = ldd_needs(interpreter_and_extensions(exercise.libraries))
    needed["libgcc_s.so.1"] = "dlopened by glibc"
    code = BYPASS + (
        "listing = {}\n"
        f"for folder in {LIBRARY_FOLDERS!r}:\n"
        "    if os.path.isdir(folder):\n"
        "        listing[folder] = sorted(n for n in os.listdir(folder)\n"
        "                                 if not os.path.isdir(os.path.join(folder, n)))\n"
        "print(imp('json').dumps(listing))\n"
    )
    seen = report(code)
    assert seen, "no library folder at all?"
    listed = [name for names in seen.values() for name in names]
    assert sorted(set(listed) - set(needed)) == []
    assert len(listed) < 40, seen  # the host's multiarch folder alone holds over a thousand


@needs_ldd
def test_every_library_the_host_loader_would_load_is_bound():
    """An independent check of grader.elf: ldd (the loader itself) on every bound ELF."""
    libraries = ("numpy", "pandas", "sklearn")
    pairs = mounts.binds("/x", libraries)
    bound = {os.path.realpath(src) for src, _ in pairs}
    trees = [os.path.realpath(src) for src, _ in pairs if os.path.isdir(src)]
    needed = ldd_needs(interpreter_and_extensions(libraries))
    missing = {
        name: real
        for name, real in needed.items()
        if real not in bound and not any(real.startswith(tree + "/") for tree in trees)
    }
    assert missing == {}


@pytest.mark.parametrize("slug", ["scale-array", "region-totals", "label-points"])
def test_numpy_pandas_and_scikit_learn_exercises_still_grade(slug):
    exercise = load(slug)
    out = grader.grade(exercise, exercise.solution)
    assert out["status"] == "passed" and out["score"] == out["max_score"], out


def test_threads_hashing_compression_and_ctypes_still_work_in_the_sandbox():
    """What the interpreter needs from glibc at run time (libgcc_s) and its extensions."""
    code = BYPASS + (
        "threading = imp('threading')\n"
        "t = threading.Thread(target=lambda: imp('_thread').exit()); t.start(); t.join()\n"
        "checks = [imp('hashlib').sha256(b'x').hexdigest()[:4], len(imp('lzma').compress(b'x')) > 0,\n"
        "          len(imp('bz2').compress(b'x')) > 0, imp('zlib').crc32(b'x'), imp('sqlite3').sqlite_version,\n"
        "          imp('ctypes').CDLL(None).getpid() > 0, imp('ssl').OPENSSL_VERSION[:7]]\n"
        "print(imp('json').dumps(checks))\n"
    )
    seen = report(code)
    assert seen[0] == "2d71" and seen[1:3] == [True, True] and seen[5] is True
    assert seen[6] == "OpenSSL"
