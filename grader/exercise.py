"""Loading exercise folders (content/README.md) in the trusted process.

``cases.py`` and ``solution.py`` are imported here, never in the sandbox. The cases are
generated once with ``np.random.default_rng(SEED)`` and their inputs encoded once; the
result is cached per process and reloaded when any file in the folder changes.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import threading
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


def read_front_matter(path: Path) -> tuple[dict, str]:
    import yaml

    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        raise ExerciseError(f"{path}: must start with a '---' front matter block")
    try:
        _, header, body = text.split("---", 2)
        meta = yaml.safe_load(header) or {}
    except (ValueError, yaml.YAMLError) as exc:
        raise ExerciseError(f"{path}: unreadable front matter: {exc}") from None
    if not isinstance(meta, dict):
        raise ExerciseError(f"{path}: the front matter must be a mapping")
    return meta, body.lstrip("\n")


def discover_exercises(content_dir) -> dict[str, Path]:
    """Every exercise folder under ``content_dir/courses/*/exercises/``, by slug."""
    found: dict[str, Path] = {}
    for marker in sorted(Path(content_dir).glob("courses/*/exercises/*/exercise.md")):
        folder = marker.parent
        if folder.name in found:
            raise ExerciseError(
                f"exercise slug {folder.name!r} is used twice: {found[folder.name]} and {folder}"
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
            raise ExerciseError(f"{folder}: {name} is missing") from None
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


def _import_file(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise ExerciseError(f"{path}: {type(exc).__name__}: {exc}") from exc
    return module


def _number(meta, key, bounds, where):
    value = meta.get(key, bounds.default)
    problem = bounds.problem(key, value)
    if problem:
        raise ExerciseError(f"{where}: {problem}")
    return value


def _load(folder: Path) -> Exercise:
    import numpy as np

    slug = folder.name
    where = folder / "exercise.md"
    if not SLUG.match(slug):
        raise ExerciseError(f"{folder}: the folder name is not a valid slug")
    meta, _body = read_front_matter(where)
    for key in ("title", "entry", "points"):
        if key not in meta:
            raise ExerciseError(f"{where}: {key} is required")
    entry = meta["entry"]
    if not isinstance(entry, str) or not IDENTIFIER.match(entry):
        raise ExerciseError(f"{where}: entry must be a Python function name")
    points = _number(meta, "points", POINTS, where)
    pass_mark = _number(meta, "pass_mark", PASS_MARK, where)
    time_limit = _number(meta, "time_limit", TIME_LIMIT, where)
    imports = meta.get("imports") or []
    if not isinstance(imports, list) or not all(i in LIBRARIES for i in imports):
        raise ExerciseError(f"{where}: imports may list only {', '.join(LIBRARIES)}")

    starter = (folder / "starter.py").read_text(encoding="utf-8")
    solution = (folder / "solution.py").read_text(encoding="utf-8")
    unique = f"_grader_exercise_{slug.replace('-', '_')}"
    reference_module = _import_file(folder / "solution.py", f"{unique}_solution")
    reference = getattr(reference_module, entry, None)
    if not callable(reference):
        raise ExerciseError(f"{folder / 'solution.py'}: does not define {entry}()")
    cases_module = _import_file(folder / "cases.py", f"{unique}_cases")
    make_cases = getattr(cases_module, "cases", None)
    if not callable(make_cases):
        raise ExerciseError(f"{folder / 'cases.py'}: must define cases(rng, reference)")
    seed = getattr(cases_module, "SEED", 0)
    try:
        cases = tuple(make_cases(np.random.default_rng(seed), reference))
    except ExerciseError:
        raise
    except Exception as exc:
        raise ExerciseError(f"{folder / 'cases.py'}: {type(exc).__name__}: {exc}") from exc
    _validate_cases(cases, points, folder)

    encoded = []
    for case in cases:
        try:
            encoded.append({"args": codec.encode(case.args), "kwargs": codec.encode(case.kwargs)})
        except codec.EncodeError as exc:
            raise ExerciseError(f"{folder}: case {case.name!r} has inputs that {exc}") from None
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


def _validate_cases(cases, points, folder):
    if not cases:
        raise ExerciseError(f"{folder / 'cases.py'}: cases() yielded no cases")
    names = set()
    for case in cases:
        if not isinstance(case, Case):
            raise ExerciseError(f"{folder / 'cases.py'}: cases() must yield Case objects")
        if case.name in names:
            raise ExerciseError(f"{folder / 'cases.py'}: two cases are named {case.name!r}")
        names.add(case.name)
    total = sum(case.points for case in cases)
    if abs(total - points) > 1e-9:
        raise ExerciseError(
            f"{folder / 'exercise.md'}: points is {points} but the cases add up to {total}"
        )
