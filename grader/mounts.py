"""What is bound into the sandbox: DESIGN.md's promise 1, auditable in this one file.

Learner code may read nothing but the interpreter (its executable, its standard library,
the folder holding the C library and any other shared library it links), the libraries
the exercise may use (with their dependencies), the grader's own ``runner.py`` and
``codec.py``, and the learner's file. :func:`binds`
lists every one of them for a run; ``sandbox.bwrap_command`` binds each pair read-only
and adds only the private /proc, /dev and /tmp. The reference solution, ``cases.py``,
expected values and the rest of the project are never bound.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNNER, CODEC = HERE / "runner.py", HERE / "codec.py"
BOX_PYTHON_DIR = "/opt/python"
BOX_SITE = "/opt/site"
BOX_GRADER = "/opt/grader"
BOX_CODE = "/code/submission.py"


def binds(code_path: str, libraries) -> list[tuple[str, str]]:
    """Every (host path, sandbox path) read-only bind of one run, in order."""
    pairs = list(_interpreter_binds()) + site_binds(libraries)
    pairs += [(str(RUNNER), f"{BOX_GRADER}/runner.py"), (str(CODEC), f"{BOX_GRADER}/codec.py")]
    pairs.append((code_path, BOX_CODE))
    return pairs


@functools.cache
def _interpreter_binds() -> tuple[tuple[str, str], ...]:
    """(host path, sandbox path) pairs for the interpreter, its stdlib and C libraries."""
    exe = os.path.realpath(sys.executable)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    stdlib = os.path.realpath(sysconfig.get_paths()["stdlib"])
    pairs = [(exe, f"{BOX_PYTHON_DIR}/bin/{version}"), (stdlib, f"{BOX_PYTHON_DIR}/lib/{version}")]
    libc_dirs, files, interp = set(), [], None
    ldd = shutil.which("ldd")
    if ldd:
        out = subprocess.run([ldd, exe], capture_output=True, text=True, env={}).stdout
        for line in out.splitlines():
            parts = line.split()
            if "=>" in parts and len(parts) >= 3 and parts[2].startswith("/"):
                path = parts[2]
                if parts[0].startswith("libc.so"):
                    libc_dirs.add(os.path.dirname(os.path.realpath(path)))
                files.append(path)
            elif parts and parts[0].startswith("/"):
                interp = parts[0]
    if not libc_dirs:  # no ldd: fall back to the usual multiarch layout
        libc_dirs = {d for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib64") if os.path.isdir(d)}
        interp = "/lib64/ld-linux-x86-64.so.2"
    pairs += [(d, d) for d in sorted(libc_dirs)]
    pairs += [
        (os.path.realpath(f), f)
        for f in files
        if os.path.dirname(os.path.realpath(f)) not in libc_dirs
    ]
    if interp and os.path.exists(interp):
        pairs.append((os.path.realpath(interp), interp))
    return tuple(pairs)


@functools.cache
def _top_level_names() -> dict[str, list[str]]:
    return metadata.packages_distributions()


@functools.cache
def library_entries(name: str) -> tuple[Path, ...]:
    """Every top-level file or folder a library and its dependencies install."""
    seen_dists: set[str] = set()
    entries: dict[str, Path] = {}
    pending = list(_top_level_names().get(name, []))
    while pending:
        dist_name = pending.pop()
        key = dist_name.lower().replace("_", "-")
        if key in seen_dists:
            continue
        seen_dists.add(key)
        try:
            dist = metadata.distribution(dist_name)
        except metadata.PackageNotFoundError:
            continue
        for file in dist.files or ():
            top = file.parts[0]
            if top in ("..", "__pycache__") or top.endswith((".dist-info", ".pth", ".egg-info")):
                continue
            entries.setdefault(top, Path(dist.locate_file(top)))
        for requirement in dist.requires or ():
            if "extra ==" in requirement:
                continue
            pending.append(_requirement_name(requirement))
    return tuple(path for path in entries.values() if path.exists())


def _requirement_name(requirement: str) -> str:
    name = ""
    for char in requirement.strip():
        if char.isalnum() or char in "-_.":
            name += char
        else:
            break
    return name


def site_binds(libraries) -> list[tuple[str, str]]:
    """The libraries' top-level files and folders, side by side under BOX_SITE."""
    by_dest = {}
    for library in libraries:
        for path in library_entries(library):
            by_dest[f"{BOX_SITE}/{path.name}"] = str(path)
    return [(src, dest) for dest, src in sorted(by_dest.items())]
