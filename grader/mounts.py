"""What is bound into the sandbox: DESIGN.md's promise 1, auditable in this one file.

Learner code may read nothing but the interpreter (its executable, its standard library
*without* the ``site-packages``/``dist-packages`` folder inside it, the dynamic loader
and exactly the shared libraries it and its stdlib extension modules load), the
libraries the exercise may use (with their dependencies, and exactly the shared
libraries their extension modules load), the grader's own ``runner.py`` and
``codec.py``, and the learner's file. :func:`binds` lists every one of them for a run,
:func:`hidden` the folders covered by an empty read-only one; ``sandbox.bwrap_command``
binds each pair read-only and adds only the private /proc, /dev and /tmp. The reference
solution, ``cases.py``, expected values and the rest of the project are never bound.

Why not whole folders: a stdlib with ``site-packages`` inside (pyenv, the official Docker
images) would let a NumPy-only exercise import whatever the host installed there, and
the multiarch folder (over a thousand files here) shows what the host runs. The shared
libraries are found by :mod:`grader.elf` from the files' own headers, computed once per
process for the interpreter and once per set of libraries.
"""

from __future__ import annotations

import functools
import os
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

from grader import config, elf
from grader.errors import SandboxUnavailable

HERE = Path(__file__).resolve().parent
RUNNER, CODEC = HERE / "runner.py", HERE / "codec.py"
BOX_PYTHON_DIR = "/opt/python"
BOX_SITE = "/opt/site"
BOX_GRADER = "/opt/grader"
BOX_CODE = "/code/submission.py"
VERSION = f"python{sys.version_info.major}.{sys.version_info.minor}"
BOX_STDLIB = f"{BOX_PYTHON_DIR}/lib/{VERSION}"
BOX_EXE = f"{BOX_PYTHON_DIR}/bin/{VERSION}"
HIDDEN_IN_STDLIB = ("site-packages", "dist-packages")
# Stdlib extension modules that need what a sandbox never has (a display, a terminal, an
# NIS server): their libraries (X11, Tk, ncurses, readline, Kerberos: about 30 files,
# each one more mount at every start) are not bound, so importing them fails cleanly.
NO_USE_IN_THE_SANDBOX = ("_tkinter", "_curses", "_curses_panel", "readline", "nis")


def binds(code_path: str, libraries, *, code_folder: bool = False) -> list[tuple[str, str]]:
    """Every (host path, sandbox path) read-only bind of one run, in order.

    ``code_folder``: ``code_path`` is a folder (a warm sandbox's, empty until the
    submission is written into it) bound as the learner file's folder.
    """
    libraries = tuple(sorted(set(libraries)))
    pairs = list(_interpreter_binds()) + site_binds(libraries)
    pairs += list(shared_library_binds(libraries))
    pairs += [(str(RUNNER), f"{BOX_GRADER}/runner.py"), (str(CODEC), f"{BOX_GRADER}/codec.py")]
    pairs.append((code_path, os.path.dirname(BOX_CODE)) if code_folder else (code_path, BOX_CODE))
    return pairs


@functools.cache
def hidden() -> tuple[str, ...]:
    """Sandbox folders inside the bound stdlib to cover with an empty read-only folder."""
    stdlib = _stdlib()
    return tuple(
        f"{BOX_STDLIB}/{name}" for name in HIDDEN_IN_STDLIB if os.path.isdir(f"{stdlib}/{name}")
    )


def _stdlib() -> str:
    return os.path.realpath(sysconfig.get_paths()["stdlib"])


def _executable() -> str:
    return os.path.realpath(sys.executable)


@functools.cache
def _resolver() -> elf.Resolver:
    exe = _executable()
    try:
        info = elf.read(exe)
    except (OSError, elf.NotElf) as exc:
        raise SandboxUnavailable(f"cannot read the interpreter {exe} as an ELF file") from exc
    if not info.interp:
        raise SandboxUnavailable(f"the interpreter {exe} names no dynamic loader")
    return elf.Resolver(info.interp, info.ident)


@functools.cache
def _interpreter_binds() -> tuple[tuple[str, str], ...]:
    """The interpreter, its stdlib and its dynamic loader."""
    loader = _resolver().loader
    return (
        (_executable(), BOX_EXE),
        (_stdlib(), BOX_STDLIB),
        (os.path.realpath(loader), loader),
    )


def _stdlib_extensions() -> list[tuple[str, str]]:
    """(host, sandbox) paths of the stdlib's own extension modules (``lib-dynload``)."""
    stdlib = _stdlib()
    found = sysconfig.get_config_var("DESTSHARED") or f"{stdlib}/lib-dynload"
    folder = os.path.realpath(found)
    if not folder.startswith(stdlib + "/") or not os.path.isdir(folder):
        folder = f"{stdlib}/lib-dynload"
    box = BOX_STDLIB + folder[len(stdlib) :]
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [
        (f"{folder}/{n}", f"{box}/{n}")
        for n in names
        if n.endswith(".so") and n.split(".", 1)[0] not in NO_USE_IN_THE_SANDBOX
    ]


def _library_extensions(library: str) -> list[tuple[str, str]]:
    """(host, sandbox) paths of every shared object a library and its dependencies ship."""
    pairs = []
    for entry in library_entries(library):
        box = f"{BOX_SITE}/{entry.name}"
        if entry.is_file():
            if _looks_shared(entry.name):
                pairs.append((str(entry), box))
            continue
        for root, dirs, files in os.walk(entry):
            dirs.sort()
            for name in sorted(files):
                if _looks_shared(name):
                    host = os.path.join(root, name)
                    pairs.append((host, box + host[len(str(entry)) :]))
    return pairs


def _looks_shared(name: str) -> bool:
    return name.endswith(".so") or ".so." in name


@functools.cache
def shared_library_binds(libraries: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Exactly the shared libraries the interpreter and these libraries load, for binding.

    Libraries a package ships beside itself (``numpy.libs``) are already bound with it.
    """
    objects = [(_executable(), BOX_EXE), *_stdlib_extensions()]
    for library in libraries:
        objects += _library_extensions(library)
    closure = _resolver().closure(objects, covered=[BOX_STDLIB, BOX_SITE])
    if closure.unresolved:
        config.logger.warning(
            "shared libraries not found for the sandbox (imports needing them will fail): %s",
            ", ".join(sorted(closure.unresolved)),
        )
    return tuple((host, box) for box, host in sorted(closure.binds.items()))


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
