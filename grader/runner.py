"""The program that runs inside the sandbox. It is the only project code there.

Started as ``python -I -S runner.py CONFIG_JSON`` with the exercise's inputs on stdin.
In order, before any learner code exists in the process, it:

1. mounts its private, capped, ``noexec`` /tmp, drops to the slot's unprivileged uid
   (root mode only; in user-namespace mode bubblewrap has already set it) and clears
   every capability, and checks the result, then stacks the learner seccomp filter
   (``grader.seccomp``) on bubblewrap's, so that the mount and uid calls this step
   needed are refused from here on;
2. sets the resource limits for itself and everything it starts;
3. reads every input from stdin and closes it, keeps a private duplicate of stdout for
   the result frame, and points fd 1 and ``sys.stdout``/``sys.stderr`` at the captured,
   size-capped output channel;
4. imports the learner's file as the module ``submission`` with an import guard, calls
   the entry function once per visible case, encodes each return value with ``codec``
   and writes one JSON frame (a line) to the private channel; only then does the grader
   send the hidden cases' inputs (stdin's second part, after the first line), having
   stopped keeping the output, and the runner writes a second frame for them and ends
   the process at once. So nothing derived from hidden inputs can reach the learner's
   output, however the learner tampers with this process.

A **warm** start (``"warm"`` in the config, :mod:`grader.warm`) does steps 1 and 2, then
imports its library set and waits on stdin, holding nothing of any learner, for one
submission; its first line sets the CPU limit from that moment (:func:`_warm_up`), and
steps 3 and 4 follow exactly as above. The process then exits: nothing is reused.

Nothing here is trusted by the grader: the frame is decoded strictly outside, and a
learner who tampers with this process can only change what their own function appears
to return. The import guard is a teaching rule (a clear message for a forbidden import),
not the security boundary; the sandbox is.
"""

import io
import json
import os
import resource
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
LEARNER_FILE = "submission.py"
# ``time`` is here so that a search can keep to a budget it is given (reading a clock or
# sleeping does nothing the run's own time limit does not already bound).
ALWAYS_ALLOWED = frozenset(
    "math statistics collections itertools functools operator typing dataclasses random "
    "re string heapq bisect decimal fractions copy enum numbers time".split()
)
THREAD_VARIABLES = (
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
)
EXIT_PRIVILEGES = 70  # the sandbox could not be made safe: an infrastructure failure
WARM, ARRIVED = b"W", b"A"  # a warm start: libraries imported; the submission has arrived

_write = os.write


def _load_codec():
    import importlib.util

    spec = importlib.util.spec_from_file_location("_grader_codec", f"{HERE}/codec.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- 1. privileges ----------------------------------------------------------------------


def _libc():
    import ctypes

    return ctypes, ctypes.CDLL(None, use_errno=True)


MS_NOSUID, MS_NODEV, MS_NOEXEC, MNT_DETACH, CLONE_NEWNS = 2, 4, 8, 2, 0x20000
SYSV_IPC_LIMITS = {  # all zero: no System V shared memory, message queue or semaphore
    "shmmax": "0",
    "shmall": "0",
    "shmmni": "0",
    "msgmni": "0",
    "msgmax": "0",
    "msgmnb": "0",
    "sem": "0 0 0 0",
}


def _prepare_private_tmp(ctypes, libc, tmp):
    """Step 1: the sandbox's only writable place, capped in bytes and inodes, noexec.

    bwrap leaves an empty, read-only ``/tmp`` folder and this process with CAP_SYS_ADMIN
    (over the sandbox's own namespaces only). In user-namespace mode the mount namespace
    belongs to bwrap's outer user namespace, so the runner first makes one of its own.
    In root mode it also sets the IPC namespace's System V limits to zero, through a
    fresh procfs (bwrap's ``/proc/sys`` is read-only); in user-namespace mode those
    files belong to another user namespace, and the run's memory cgroup charges any
    System V segment instead. Every capability is dropped right after this.
    """

    def check(result, what):
        if result != 0:
            raise OSError(ctypes.get_errno(), what)

    if tmp.get("new_mount_namespace"):
        check(libc.unshare(CLONE_NEWNS), "unshare the mount namespace")
    if tmp.get("zero_sysv_ipc"):
        flags = MS_NOSUID | MS_NODEV | MS_NOEXEC
        check(libc.mount(b"proc", b"/tmp", b"proc", flags, None), "mount a procfs")
        try:
            for name, value in SYSV_IPC_LIMITS.items():
                with open(f"/tmp/sys/kernel/{name}", "w") as fh:
                    fh.write(value)
        finally:
            check(libc.umount2(b"/tmp", MNT_DETACH), "unmount the procfs")
    options = f"size={tmp['bytes']},nr_inodes={tmp['inodes']},mode=1777".encode()
    flags = MS_NOSUID | MS_NODEV | MS_NOEXEC
    check(libc.mount(b"tmpfs", b"/tmp", b"tmpfs", flags, options), "mount /tmp")
    os.chdir("/tmp")


def _drop_privileges(uid, gid, tmp):
    ctypes, libc = _libc()
    if tmp:
        _prepare_private_tmp(ctypes, libc, tmp)
    pr_capbset_drop = 24
    for cap in range(64):
        libc.prctl(pr_capbset_drop, cap, 0, 0, 0)  # EINVAL past the last cap is expected
    if uid is not None:  # root mode; in a user namespace bwrap already set the uid
        os.setgroups([])
        os.setresgid(gid, gid, gid)
        os.setresuid(uid, uid, uid)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [(n, ctypes.c_uint32) for n in ("effective", "permitted", "inheritable")]

    header, data = Header(0x20080522, 0), (Data * 2)()  # _LINUX_CAPABILITY_VERSION_3
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def _check_privileges(uid):
    status = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            status[key] = value.strip()
    caps = ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")
    problems = [k for k in caps if int(status.get(k, "1"), 16) != 0]
    if status.get("NoNewPrivs") != "1":
        problems.append("NoNewPrivs")
    if os.getuid() == 0 or os.geteuid() == 0 or (uid is not None and os.getuid() != uid):
        problems.append("uid")
    return problems


def _install_learner_filter(program):
    """Stack the trusted side's compiled learner filter (base64 BPF) on bubblewrap's.

    Runs after the prologue (mount /tmp, drop privileges) and before any learner code;
    exits as a broken sandbox when bubblewrap's filter is missing or this one cannot be
    installed. Filters stack and only add restrictions; every later thread and child
    inherits both. The process is single-threaded here, so PR_SET_SECCOMP, which
    applies to the calling thread, covers all of it.
    """
    import base64
    import ctypes

    with open("/proc/self/status") as fh:
        status = dict(line.rstrip("\n").split(":\t", 1) for line in fh if ":\t" in line)
    problem = None
    if status.get("Seccomp") != "2":
        problem = "bubblewrap's seccomp filter is not in force"
    elif status.get("Threads") != "1":
        problem = "the runner is not single-threaded"
    elif not program:
        problem = "no learner filter was handed over"
    else:
        code = base64.b64decode(program)

        class SockFprog(ctypes.Structure):
            _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

        instructions = ctypes.create_string_buffer(code, len(code))
        fprog = SockFprog(len(code) // 8, ctypes.addressof(instructions))
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_no_new_privs, pr_set_seccomp, seccomp_mode_filter = 38, 22, 2
        one, zero = ctypes.c_ulong(1), ctypes.c_ulong(0)
        if libc.prctl(pr_set_no_new_privs, one, zero, zero, zero) != 0 or (
            libc.prctl(pr_set_seccomp, ctypes.c_ulong(seccomp_mode_filter), ctypes.byref(fprog))
            != 0
        ):
            problem = f"cannot install the learner filter: {os.strerror(ctypes.get_errno())}"
    if problem:
        os.write(2, f"grader runner: unsafe sandbox: {problem}\n".encode())
        os._exit(EXIT_PRIVILEGES)


# --- 2. limits --------------------------------------------------------------------------


def _set_limits(limits):
    names = {
        "cpu": resource.RLIMIT_CPU,
        "as": resource.RLIMIT_AS,
        "nproc": resource.RLIMIT_NPROC,
        "fsize": resource.RLIMIT_FSIZE,
        "nofile": resource.RLIMIT_NOFILE,
        "core": resource.RLIMIT_CORE,
        "memlock": resource.RLIMIT_MEMLOCK,
        "msgqueue": resource.RLIMIT_MSGQUEUE,
    }
    for name, value in limits.items():
        soft, hard = (value, value) if isinstance(value, int) else value
        resource.setrlimit(names[name], (soft, hard))


# --- 3. channels ------------------------------------------------------------------------


class CappedOutput(io.TextIOBase):
    """sys.stdout/sys.stderr for the learner: writes to fd 2 until the cap, then drops."""

    def __init__(self, fd, cap):
        self._fd, self._left, self.dropped = fd, cap, False

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if self._left > 0:
            data = text.encode("utf-8", "backslashreplace")[: self._left]
            self._left -= len(data)
            while data:
                data = data[_write(self._fd, data) :]
        elif text:
            self.dropped = True
        return len(text)

    def writable(self):
        return True

    def fileno(self):
        return self._fd

    @property
    def encoding(self):
        return "utf-8"


def _read_line(fd, raw=b""):
    """Bytes up to the first newline, and whatever came after it (``raw``: read already)."""
    while b"\n" not in raw and (chunk := os.read(fd, 1 << 20)):
        raw += chunk
    line, _, rest = raw.partition(b"\n")
    return line, rest


def _read_all(fd, raw=b""):
    while chunk := os.read(fd, 1 << 20):
        raw += chunk
    os.close(fd)
    return raw


def _send(fd, frame):
    data = (json.dumps(frame, allow_nan=False, separators=(",", ":")) + "\n").encode("ascii")
    view = memoryview(data)
    while view:
        view = view[_write(fd, view) :]


# --- 4. the learner's code --------------------------------------------------------------


def _learner_line(tb, filename):
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _describe(exc, filename):
    try:
        message = str(exc)[:500]
    except BaseException:  # a learner's exception may refuse to become a string
        message = ""
    return {
        "type": type(exc).__name__[:100],
        "message": message,
        "line": _learner_line(exc.__traceback__, filename),
    }


def _import_guard(allowed, filename, real_import):
    def refuse(name):
        listed = ", ".join(sorted(allowed))
        return ImportError(
            f"importing {name!r} is not allowed in this exercise; you may import: {listed}",
            name=name,
        )

    def guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0 and name.partition(".")[0] not in allowed:
            raise refuse(name)
        return real_import(name, globals, locals, fromlist, level)

    class LearnerImportFinder:
        """Refuses top-level imports (e.g. via importlib) whose caller is the learner."""

        @staticmethod
        def find_spec(name, path=None, target=None):
            if name.partition(".")[0] in allowed:
                return None
            frame = sys._getframe(1)
            while frame is not None:
                code_file = frame.f_code.co_filename
                if not (code_file.startswith("<frozen importlib") or "importlib" in code_file):
                    break
                frame = frame.f_back
            if frame is not None and frame.f_code.co_filename == filename:
                raise refuse(name)
            return None

    return guarded_import, LearnerImportFinder


def _load_learner(path, allowed):
    import builtins
    import types

    with open(path, "rb") as fh:
        source = fh.read()
    if b"\x00" in source:
        raise SyntaxError("the file contains a NUL byte", (path, 1, 1, "", 1, 1))
    code = compile(source, path, "exec", dont_inherit=True)
    guarded_import, finder = _import_guard(allowed, path, builtins.__import__)
    module = types.ModuleType("submission")
    module.__file__ = path
    module.__dict__["__builtins__"] = dict(builtins.__dict__, __import__=guarded_import)
    sys.meta_path.insert(0, finder)
    sys.modules["submission"] = module
    exec(code, module.__dict__)
    return module


def _fatal(kind, message, line=None, **extra):
    return {"protocol": 1, "fatal": dict(kind=kind, message=message[:1000], line=line, **extra)}


def run(payload, codec, path, exchange):
    allowed = ALWAYS_ALLOWED | frozenset(payload["imports"])
    entry_name = payload["entry"]
    try:
        module = _load_learner(path, allowed)
    except SyntaxError as exc:
        return _fatal("syntax", f"{type(exc).__name__}: {exc.msg}", exc.lineno)
    except MemoryError:
        return _fatal("memory", "MemoryError while loading the code")
    except SystemExit:
        return _fatal("exit", "the code called exit() while it was being loaded")
    except BaseException as exc:  # the learner's code may raise anything at import
        return _fatal("exception", "", **{"exception": _describe(exc, path)})
    entry = module.__dict__.get(entry_name)
    if not callable(entry):
        return _fatal("no_entry", f"no function named {entry_name!r} is defined")
    visible = _run_cases(entry, payload["cases"], codec, path)
    if "fatal" in visible:
        return visible
    # The hidden cases' inputs arrive only now, after the grader has stopped keeping output.
    return _run_cases(entry, exchange(visible), codec, path)


def _run_cases(entry, cases, codec, path):
    results = []
    for case in cases:
        args = codec.decode(case["args"])
        kwargs = codec.decode(case["kwargs"])
        started = time.perf_counter()
        try:
            value = entry(*args, **kwargs)
        except MemoryError:
            return _fatal("memory", "MemoryError while running a test")
        except SystemExit:
            outcome = {
                "ok": False,
                "error": {
                    "type": "SystemExit",
                    "line": None,
                    "message": "the code called exit() during the test",
                },
            }
        except BaseException as exc:
            outcome = {"ok": False, "error": _describe(exc, path)}
        else:
            try:
                outcome = {"ok": True, "value": codec.encode(value)}
            except MemoryError:
                return _fatal("memory", "MemoryError while sending the result")
            except BaseException as exc:
                message = (
                    str(exc)
                    if isinstance(exc, codec.EncodeError)
                    else (f"{type(exc).__name__} while converting it")
                )
                outcome = {
                    "ok": False,
                    "error": {"type": "unsendable", "line": None, "message": message[:500]},
                }
        outcome["seconds"] = round(time.perf_counter() - started, 6)
        results.append(outcome)
    return {"protocol": 1, "results": results}


def _warm_up(config, output_fd):
    """A warm start: import the library set, say so, then wait for ONE submission.

    Nothing of any learner exists here yet: no code (``/code`` is empty), no inputs
    (stdin is empty until the submission arrives). Whatever the imports print goes to
    /dev/null, never into the learner's output. The first line that arrives is the
    trusted side's limits for this submission: CPU counts from now (RLIMIT_CPU is
    cumulative, so it becomes the CPU used so far plus the run's own budget; it can only
    be lowered) and, in user-namespace mode, the process count is the one measured at
    arrival. Then ARRIVED goes out on the frame channel, before any learner code runs,
    which is how the trusted side tells a sandbox that died while waiting from a
    submission that crashed. End of input instead of a line: recycled, exit quietly.
    """
    import importlib

    quiet = os.open(os.devnull, os.O_WRONLY)
    saved = os.dup(2)
    os.dup2(quiet, 2)
    os.close(quiet)
    try:
        for name in config["warm"]["imports"]:
            importlib.import_module(name)
    finally:
        os.dup2(saved, 2)
        os.close(saved)
    _write(output_fd, WARM)
    line, early = _read_line(0)
    if not line:
        os._exit(0)
    arrival = json.loads(line)
    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = int(used.ru_utime + used.ru_stime) + 1  # whole seconds, rounded up
    soft, hard = arrival["cpu"]
    _lower(resource.RLIMIT_CPU, spent + soft, spent + hard)
    if "nproc" in arrival:
        _lower(resource.RLIMIT_NPROC, arrival["nproc"], arrival["nproc"])
    _write(output_fd, ARRIVED)
    return early


def _lower(which, soft, hard):
    """Set a limit no higher than it already is (an unprivileged process cannot raise it)."""
    _, current = resource.getrlimit(which)
    if current != resource.RLIM_INFINITY:
        hard = min(hard, current)
    resource.setrlimit(which, (min(soft, hard), hard))


def main():
    config = json.loads(sys.argv[1])
    uid = config.get("uid")
    if uid is not None or config.get("tmp"):
        try:
            _drop_privileges(uid, config.get("gid"), config.get("tmp"))
        except OSError as exc:
            os.write(2, f"grader runner: cannot drop privileges: {exc}\n".encode())
            os._exit(EXIT_PRIVILEGES)
    if config.get("check_privileges", True):
        problems = _check_privileges(uid)
        if problems:
            os.write(2, f"grader runner: unsafe sandbox: {', '.join(problems)}\n".encode())
            os._exit(EXIT_PRIVILEGES)
        _install_learner_filter(config.get("seccomp"))
    _set_limits(config["limits"])
    _write(1, b"R")  # READY: the grader treats a run without it as a broken sandbox
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"  # one BLAS thread: predictable memory and CPU accounting
    # joblib (under scikit-learn) probes for shared memory to run in parallel, finds a
    # read-only /dev/shm and warns in the learner's output; say serial from the start.
    os.environ["JOBLIB_MULTIPROCESSING"] = "0"
    early = b""
    if config.get("warm"):
        sys.path[:] = [p for p in sys.path if p] + config.get("site", [])
        early = _warm_up(config, 1)

    raw, early = _read_line(0, early)  # the visible part; the hidden part comes later
    cases_fd = os.dup(0)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    result_fd = os.dup(1)
    os.dup2(2, 1)
    output = CappedOutput(2, config["output_cap"])
    sys.stdout = sys.stderr = output
    sys.stdin = io.StringIO()
    if not config.get("warm"):
        sys.path[:] = [p for p in sys.path if p] + config.get("site", [])
    sys.argv[:] = [LEARNER_FILE]

    codec = _load_codec()
    payload = json.loads(raw)
    del raw
    for module in payload.get("preload", []):
        __import__(module)  # the libraries the inputs need, imported before the learner
    exchanged = []

    def exchange(visible_frame):
        visible_frame["output_dropped"] = output.dropped
        _send(result_fd, visible_frame)
        exchanged.append(True)
        return json.loads(_read_all(cases_fd, early))["cases"]

    try:
        frame = run(payload, codec, config["code"], exchange)
    except MemoryError:
        frame = _fatal("memory", "MemoryError")
    if not exchanged:
        frame["output_dropped"] = output.dropped
    try:
        _send(result_fd, frame)
    except MemoryError:
        _send(result_fd, _fatal("memory", "MemoryError while sending the results"))
    os._exit(0)


if __name__ == "__main__":
    main()
