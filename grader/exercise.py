"""Loading exercise folders (content/README.md) in the trusted process.

``cases.py`` and ``solution.py`` are imported here, never in the sandbox. The cases are
generated once with ``np.random.default_rng(SEED)`` and their inputs encoded once; the
result is cached per process and reloaded when any file in the folder changes.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from grader import codec
from grader.cases import Case
from grader.errors import ExerciseError
from grader.schema import FILES, IDENTIFIER, LIBRARIES, PASS_MARK, POINTS, SLUG, TIME_LIMIT


@dataclass(frozen=True)
class Exercise:
    """An exercise ready to grade. ``cases`` hold expected values: never send them out."""

    slug: str
    path: Path
    title: str
    entry: str
    points: int
    pass_mark: int  # percent
    time_limit: float
    imports: tuple[str, ...]
    starter: str
    solution: str
    cases: tuple[Case, ...]
    meta: dict = field(repr=False)
    # The libraries bound into the sandbox: ``imports`` plus what the inputs need.
    libraries: tuple[str, ...] = ()
    _payloads: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def visible_cases(self) -> tuple[Case, ...]:
        return tuple(c for c in self.cases if c.visible)

    def payload(self, visible_only: bool = False) -> bytes:
        """The sandbox's stdin: the entry name, imports and the cases' inputs only."""
        return self._payloads[bool(visible_only)]


# The content loader also ends front matter at YAML's "..." document end: accept both, so
# a file it syncs is a file the grader can read.
_CLOSING = ("---", "...")
_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


@dataclass(frozen=True)
class FrontMatter:
    """An ``exercise.md`` split into its YAML header and Markdown body."""

    path: Path
    meta: dict
    body: str
    key_lines: dict[str, int]  # file line of each top-level key, found by a cheap scan

    def error(self, key: str, message: str) -> ExerciseError:
        """An error at ``key``'s line, or at the opening ``---`` when the key is missing."""
        return ExerciseError(message, path=str(self.path), line=self.key_lines.get(key, 1))


def read_front_matter(path: Path) -> FrontMatter:
    """Read ``---``, a YAML mapping, ``---`` (each delimiter on a line of its own), a body.

    The grader imports nothing from the project, so this is its own small reader; it
    accepts what the content loader's does.
    """
    import yaml

    where = str(path)
    lines = path.read_text(encoding="utf-8").removeprefix("\ufeff").split("\n")
    if lines[0].rstrip() != "---":
        raise ExerciseError("must start with a '---' front matter block", path=where, line=1)
    for close in range(1, len(lines)):
        if lines[close].rstrip() in _CLOSING:
            break
    else:
        raise ExerciseError(
            "the front matter is never closed with a '---' line", path=where, line=1
        )
    header = lines[1:close]
    try:
        meta = yaml.safe_load("\n".join(header))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or exc
        raise ExerciseError(
            f"the front matter is not valid YAML: {problem}",
            path=where,
            line=2 + mark.line if mark is not None else 1,  # the header starts on line 2
        ) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ExerciseError("the front matter must be a mapping", path=where, line=2)
    key_lines = {}
    for number, line in enumerate(header, start=2):
        if match := _TOP_LEVEL_KEY.match(line):
            key_lines[match.group(1)] = number
    body = "\n".join(lines[close + 1 :]).lstrip("\n")
    return FrontMatter(path=path, meta=meta, body=body, key_lines=key_lines)


def discover_exercises(content_dir) -> dict[str, Path]:
    """Every exercise folder under ``content_dir/courses/*/exercises/``, by slug."""
    found: dict[str, Path] = {}
    for marker in sorted(Path(content_dir).glob("courses/*/exercises/*/exercise.md")):
        folder = marker.parent
        if folder.name in found:
            raise ExerciseError(
                f"exercise slug {folder.name!r} is used twice (also by {found[folder.name]})",
                path=str(folder.resolve()),
            )
        found[folder.name] = folder
    return found


_cache: dict[Path, tuple[tuple, Exercise]] = {}
_cache_lock = threading.Lock()


def _fingerprint(folder: Path) -> tuple:
    stamps = []
    for name in FILES:
        try:
            info = (folder / name).stat()
        except FileNotFoundError:
            raise ExerciseError(f"{name} is missing", path=str(folder / name)) from None
        stamps.append((info.st_mtime_ns, info.st_size))
    return tuple(stamps)


def load_exercise(path) -> Exercise:
    """Load (or reuse from the per-process cache) the exercise in folder ``path``."""
    folder = Path(path).resolve()
    if folder.name == "exercise.md":
        folder = folder.parent
    stamp = _fingerprint(folder)
    with _cache_lock:
        cached = _cache.get(folder)
        if cached and cached[0] == stamp:
            return cached[1]
    exercise = _load(folder)
    with _cache_lock:
        _cache[folder] = (stamp, exercise)
    return exercise


def _line_in(exc: BaseException, path: Path) -> int | None:
    """The line of ``path`` closest to where ``exc`` was raised (its deepest frame there)."""
    if isinstance(exc, SyntaxError) and exc.filename == str(path):
        return exc.lineno
    line = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == str(path):
            line = lineno
    return line


def _raised_in(path: Path, exc: Exception) -> ExerciseError:
    message = f"{type(exc).__name__}: {exc}"
    return ExerciseError(message, path=str(path), line=_line_in(exc, path))


def _import_file(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise _raised_in(path, exc) from exc
    return module


def _number(front: FrontMatter, key, bounds):
    value = front.meta.get(key, bounds.default)
    problem = bounds.problem(key, value)
    if problem:
        raise front.error(key, problem)
    return value


def _load(folder: Path) -> Exercise:
    import numpy as np

    slug = folder.name
    if not SLUG.match(slug):
        raise ExerciseError("the folder name is not a valid slug", path=str(folder))
    front = read_front_matter(folder / "exercise.md")
    meta = front.meta
    for key in ("title", "entry", "points"):
        if key not in meta:
            raise front.error(key, f"{key} is required")
    entry = meta["entry"]
    if not isinstance(entry, str) or not IDENTIFIER.match(entry):
        raise front.error("entry", "entry must be a Python function name")
    points = _number(front, "points", POINTS)
    pass_mark = _number(front, "pass_mark", PASS_MARK)
    time_limit = _number(front, "time_limit", TIME_LIMIT)
    imports = meta.get("imports") or []
    if not isinstance(imports, list) or not all(i in LIBRARIES for i in imports):
        raise front.error("imports", f"imports may list only {', '.join(LIBRARIES)}")

    solution_path, cases_path = folder / "solution.py", folder / "cases.py"
    starter = (folder / "starter.py").read_text(encoding="utf-8")
    solution = solution_path.read_text(encoding="utf-8")
    unique = f"_grader_exercise_{slug.replace('-', '_')}"
    reference_module = _import_file(solution_path, f"{unique}_solution")
    reference = getattr(reference_module, entry, None)
    if not callable(reference):
        raise ExerciseError(f"does not define {entry}()", path=str(solution_path))
    cases_module = _import_file(cases_path, f"{unique}_cases")
    make_cases = getattr(cases_module, "cases", None)
    if not callable(make_cases):
        raise ExerciseError("must define cases(rng, reference)", path=str(cases_path))
    seed = getattr(cases_module, "SEED", 0)
    try:
        cases = tuple(make_cases(np.random.default_rng(seed), reference))
    except ExerciseError:
        raise
    except Exception as exc:
        raise _raised_in(cases_path, exc) from exc
    _validate_cases(cases, points, front, cases_path)

    encoded = []
    for case in cases:
        try:
            encoded.append({"args": codec.encode(case.args), "kwargs": codec.encode(case.kwargs)})
        except codec.EncodeError as exc:
            raise ExerciseError(
                f"case {case.name!r} has inputs that {exc}", path=str(cases_path)
            ) from None
    text = json.dumps(encoded, allow_nan=False)
    preload = []
    if '"$ndarray"' in text or "$frame" in text or "$series" in text or "$index" in text:
        preload.append("numpy")
    if any(f'"{tag}"' in text for tag in ("$frame", "$series", "$index", "$timestamp")):
        preload.append("pandas")
    libraries = tuple(dict.fromkeys([*imports, *preload]))
    exercise = Exercise(
        slug=slug,
        path=folder,
        title=str(meta["title"]),
        entry=entry,
        points=points,
        pass_mark=pass_mark,
        time_limit=float(time_limit),
        imports=tuple(imports),
        starter=starter,
        solution=solution,
        cases=cases,
        meta=meta,
        libraries=libraries,
    )
    for visible_only in (False, True):
        chosen = [e for e, c in zip(encoded, cases, strict=True) if c.visible or not visible_only]
        payload = {"entry": entry, "imports": list(imports), "preload": preload, "cases": chosen}
        exercise._payloads[visible_only] = json.dumps(payload, allow_nan=False).encode("ascii")
    # Keep the trusted modules out of sys.modules: nothing else should find them by name.
    sys.modules.pop(f"{unique}_solution", None)
    sys.modules.pop(f"{unique}_cases", None)
    return exercise


def _validate_cases(cases, points, front: FrontMatter, cases_path: Path):
    where = str(cases_path)
    if not cases:
        raise ExerciseError("cases() yielded no cases", path=where)
    names = set()
    for case in cases:
        if not isinstance(case, Case):
            raise ExerciseError("cases() must yield Case objects", path=where)
        if case.name in names:
            raise ExerciseError(f"two cases are named {case.name!r}", path=where)
        names.add(case.name)
    total = sum(case.points for case in cases)
    if abs(total - points) > 1e-9:
        raise front.error("points", f"points is {points} but the cases add up to {total}")
