"""Which shared libraries a set of ELF files needs, found the way the dynamic loader would.

:mod:`grader.mounts` binds exactly these into the sandbox instead of whole library
folders. Nothing here runs the files (``ldd`` would run the loader on each of them): it
reads each file's ``PT_INTERP`` and its dynamic section (``DT_NEEDED``, ``DT_RPATH``,
``DT_RUNPATH``) and searches, for every needed name, as glibc's loader does: the
``DT_RPATH`` of the object and of the objects that loaded it (only when the object has
no ``DT_RUNPATH``), its ``DT_RUNPATH``, then the folders of ``/etc/ld.so.conf`` (what
``/etc/ld.so.cache`` indexes), then the loader's system search path. ``$ORIGIN`` is the
folder of the object; candidates of another ELF class or machine are skipped, as the
loader skips them.

Each library found gets the path the loader *inside the sandbox* will look for: the same
relative place for ``$ORIGIN`` paths (taken from the object's path in the sandbox), the
same absolute path for absolute ``RPATH``/``RUNPATH`` folders and system folders, and the
first system folder for a library the host found only through its cache (the sandbox has
no ``/etc/ld.so.cache``).
"""

from __future__ import annotations

import glob
import mmap
import os
import struct
import subprocess
from dataclasses import dataclass, field

PT_INTERP, PT_DYNAMIC, PT_LOAD = 3, 2, 1
DT_NULL, DT_NEEDED, DT_STRTAB, DT_RPATH, DT_RUNPATH = 0, 1, 5, 15, 29
# glibc loads this one with dlopen (pthread_cancel, pthread_exit, backtraces), so no
# DT_NEEDED names it; a thread that exits through it would abort the run without it.
RUNTIME_LOADED = ("libgcc_s.so.1",)


class NotElf(ValueError):
    pass


@dataclass(frozen=True)
class Elf:
    ident: tuple[int, int, int]  # (class, data encoding, machine): must match to load
    interp: str | None
    needed: tuple[str, ...]
    rpath: tuple[str, ...]
    runpath: tuple[str, ...]


def read(path: str) -> Elf:
    """The parts of an ELF file's headers the loader uses to find its libraries."""
    with open(path, "rb") as fh:
        if os.fstat(fh.fileno()).st_size < 64:
            raise NotElf(path)
        # Mapped, not read: a bundled BLAS is tens of megabytes and only headers matter.
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _parse(path, data)


def _parse(path: str, data) -> Elf:
    if len(data) < 64 or data[:4] != b"\x7fELF" or data[4] not in (1, 2) or data[5] not in (1, 2):
        raise NotElf(path)
    wide, order = data[4] == 2, "<" if data[5] == 1 else ">"
    try:
        if wide:
            machine, phoff, phentsize, phnum = (
                struct.unpack_from(order + "H", data, 18)[0],
                struct.unpack_from(order + "Q", data, 32)[0],
                *struct.unpack_from(order + "HH", data, 54),
            )
            ph_format, dyn_format = order + "IIQQQQQQ", order + "qQ"
        else:
            machine, phoff, phentsize, phnum = (
                struct.unpack_from(order + "H", data, 18)[0],
                struct.unpack_from(order + "I", data, 28)[0],
                *struct.unpack_from(order + "HH", data, 42),
            )
            ph_format, dyn_format = order + "IIIIIIII", order + "iI"
        loads, interp, dynamic = [], None, None
        for i in range(phnum):
            fields = struct.unpack_from(ph_format, data, phoff + i * phentsize)
            if wide:
                p_type, _, p_offset, p_vaddr, _, p_filesz, _, _ = fields
            else:
                p_type, p_offset, p_vaddr, _, p_filesz, _, _, _ = fields
            if p_type == PT_LOAD:
                loads.append((p_vaddr, p_offset, p_filesz))
            elif p_type == PT_INTERP:
                interp = data[p_offset : p_offset + p_filesz].split(b"\0", 1)[0].decode()
            elif p_type == PT_DYNAMIC:
                dynamic = (p_offset, p_filesz)
        entries = []
        if dynamic is not None:
            size = struct.calcsize(dyn_format)
            offset, end = dynamic[0], dynamic[0] + dynamic[1]
            while offset + size <= end:
                tag, value = struct.unpack_from(dyn_format, data, offset)
                if tag == DT_NULL:
                    break
                entries.append((tag, value))
                offset += size
    except struct.error as exc:
        raise NotElf(path) from exc
    strtab = next((v for t, v in entries if t == DT_STRTAB), None)
    base = None
    if strtab is not None:
        for vaddr, offset, filesz in loads:
            if vaddr <= strtab < vaddr + filesz:
                base = strtab - vaddr + offset
                break

    def string(index: int) -> str:
        if base is None:
            raise NotElf(path)
        end = data.find(b"\0", base + index)
        if end < 0:
            raise NotElf(path)
        return data[base + index : end].decode()

    def paths(tag: int) -> tuple[str, ...]:
        return tuple(p for t, v in entries if t == tag for p in string(v).split(":") if p)

    return Elf(
        ident=(data[4], data[5], machine),
        interp=interp,
        needed=tuple(string(v) for t, v in entries if t == DT_NEEDED),
        rpath=paths(DT_RPATH),
        runpath=paths(DT_RUNPATH),
    )


def is_elf(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


@dataclass
class Closure:
    """Libraries to bind: {sandbox path: host file}, plus the loader."""

    binds: dict[str, str] = field(default_factory=dict)
    unresolved: set[str] = field(default_factory=set)


def system_search_path(loader: str) -> list[str]:
    """The loader's own search path (``ld.so --help``, glibc 2.33+), else the usual one."""
    try:
        out = subprocess.run(
            [loader, "--help"], capture_output=True, text=True, env={}, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    found = [
        line.split()[0]
        for line in out.splitlines()
        if line.strip().endswith("(system search path)")
    ]
    if found:
        return found
    return [d for d in ("/lib64", "/usr/lib64", "/lib", "/usr/lib") if os.path.isdir(d)]


def cache_dirs(conf: str = "/etc/ld.so.conf", _seen=None) -> list[str]:
    """The folders ``ldconfig`` indexes into ``/etc/ld.so.cache``, in order."""
    seen = _seen if _seen is not None else set()
    if conf in seen:
        return []
    seen.add(conf)
    dirs: list[str] = []
    try:
        lines = open(conf, encoding="utf-8", errors="replace").read().splitlines()
    except OSError:
        return dirs
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line.startswith("include"):
            pattern = line.split(None, 1)[1] if " " in line or "\t" in line else ""
            if pattern and not os.path.isabs(pattern):
                pattern = os.path.join(os.path.dirname(conf), pattern)
            for included in sorted(glob.glob(pattern)):
                dirs += cache_dirs(included, seen)
        elif line.startswith("/"):
            dirs.append(line.rstrip("/") or "/")
    return dirs


class Resolver:
    """Finds, for ELF objects at known sandbox paths, every library they load."""

    def __init__(self, loader: str, ident: tuple[int, int, int]):
        self.loader = loader
        self.ident = ident
        self.system = system_search_path(loader)
        self.cache = [d for d in cache_dirs() if d not in self.system]
        self._elf: dict[str, Elf | None] = {}

    def elf(self, path: str) -> Elf | None:
        real = os.path.realpath(path)
        if real not in self._elf:
            try:
                self._elf[real] = read(real)
            except (OSError, NotElf, UnicodeDecodeError):
                self._elf[real] = None
        return self._elf[real]

    def closure(self, objects: list[tuple[str, str]], covered: list[str]) -> Closure:
        """Libraries that ``objects`` ((host path, sandbox path) pairs) load, transitively.

        A library whose sandbox path lies under a folder in ``covered`` (already bound
        whole, such as a library's own ``numpy.libs``) is followed but not bound again.
        """
        result = Closure()
        soname_of_loader = os.path.basename(self.loader)
        done: set[tuple[str, str]] = set()
        pending = [(host, box, ()) for host, box in objects]
        while pending:
            host, box, inherited = pending.pop()
            if (host, box) in done:
                continue
            done.add((host, box))
            info = self.elf(host)
            if info is None or info.ident != self.ident:
                continue
            # DT_RPATH counts only for objects without DT_RUNPATH: first the object's own,
            # then those of the objects that loaded it, up the chain.
            chain = (() if info.runpath else tuple((d, host, box) for d in info.rpath)) + inherited
            rpath = () if info.runpath else chain
            names = list(info.needed)
            if (host, box) == objects[0]:  # the executable: what glibc dlopens for it
                names += [n for n in RUNTIME_LOADED if n not in names]
            for name in names:
                if name == soname_of_loader or "/" in name:
                    continue
                found = self._find(name, rpath, [(d, host, box) for d in info.runpath])
                if found is None:
                    result.unresolved.add(name)
                    continue
                lib_host, lib_box = found
                if not any(lib_box.startswith(folder.rstrip("/") + "/") for folder in covered):
                    result.binds.setdefault(lib_box, os.path.realpath(lib_host))
                pending.append((lib_host, lib_box, chain))
        return result

    def _find(self, name, rpath, runpath):
        for template, host, box in [*rpath, *runpath]:
            host_dir = _expand(template, os.path.dirname(host))
            candidate = os.path.join(host_dir, name)
            if self._loadable(candidate):
                return candidate, os.path.normpath(
                    os.path.join(_expand(template, os.path.dirname(box)), name)
                )
        for folder in self.cache:
            candidate = os.path.join(folder, name)
            if self._loadable(candidate):
                return candidate, os.path.join(self.system[0], name)
        for folder in self.system:
            candidate = os.path.join(folder, name)
            if self._loadable(candidate):
                return candidate, candidate
        return None

    def _loadable(self, path: str) -> bool:
        if not os.path.isfile(path):
            return False
        info = self.elf(path)
        return info is not None and info.ident == self.ident


def _expand(template: str, origin: str) -> str:
    return os.path.normpath(template.replace("${ORIGIN}", origin).replace("$ORIGIN", origin))
