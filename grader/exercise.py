"""Loading exercise folders (content/README.md) in the trusted process.

``cases.py`` and ``solution.py`` are imported here, never in the sandbox. The cases drawn
with ``np.random.default_rng(SEED)`` are the exercise's canonical cases; a submission's
seed draws its hidden cases afresh (:mod:`grader.draws`). What does not depend on the
seed (the front matter, the reference, the visible cases and their encoded inputs) is
worked out once and cached per process, reloaded when any file in the folder changes;
each seed's draw is cached too.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from grader import draws
from grader.cases import Case
from grader.draws import FIXED, HIDDEN_CASES, SEEDED, Draw
from grader.errors import ExerciseError
from grader.schema import (
    FILES,
    IDENTIFIER,
    LIBRARIES,
    PASS_MARK,
    POINTS,
    SLUG,
    TIME_LIMIT,
    WRONG_DIR,
)


@dataclass(frozen=True)
class Exercise:
    """An exercise ready to grade. ``cases`` hold expected values: never send them out.

    ``cases`` are the canonical draw (``SEED``); :meth:`draw` gives a submission's.
    """

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
    # ``seeded`` (hidden cases drawn per submission) or ``fixed`` (front matter says so).
    hidden_cases: str = SEEDED
    # Hidden cases whose inputs came out the same in every probe draw (they cannot vary).
    unvaried: tuple[str, ...] = ()
    _canonical: Draw | None = field(default=None, repr=False, compare=False)
    _generate: object = field(default=None, repr=False, compare=False)
    _encoded: tuple = field(default=(), repr=False, compare=False)  # canonical inputs
    _draws: draws.DrawCache = field(default_factory=draws.DrawCache, repr=False, compare=False)
    _lock: object = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def visible_cases(self) -> tuple[Case, ...]:
        return tuple(c for c in self.cases if c.visible)

    @property
    def fixed(self) -> bool:
        """True when every submission gets the same hidden cases."""
        return self.hidden_cases == FIXED or all(c.visible for c in self.cases)

    def draw(self, seed: int | None = None) -> Draw:
        """The cases for ``seed``: visible ones from ``SEED``, hidden ones drawn from it.

        ``None`` (and any seed, for a fixed exercise) gives the canonical cases.
        """
        seed = draws.check_seed(seed)
        if seed is None or self.fixed:
            if self._canonical.cases is not self.cases:  # a copy with other cases
                return draws.assemble(
                    self.cases, self._encoded, entry=self.entry, imports=self.imports
                )
            return self._canonical
        with self._lock:
            cached = self._draws.get(seed)
        if cached is not None:
            return cached
        drawn = self._generate(seed)
        where = str(self.path / "cases.py")
        draws.same_shape(self.cases, drawn, where)
        merged = tuple(c if c.visible else d for c, d in zip(self.cases, drawn, strict=True))
        hidden = iter(draws.encode_inputs([c for c in merged if not c.visible], where))
        encoded = [
            e if c.visible else next(hidden) for c, e in zip(merged, self._encoded, strict=True)
        ]
        result = draws.assemble(merged, encoded, entry=self.entry, imports=self.imports)
        with self._lock:
            self._draws.put(seed, result)
        return result


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


def wrong_solutions(folder) -> list[Path]:
    """The exercise's wrong solutions (``wrong/*.py``), by name; [] without the folder.

    They are only graded by the proof: loading an exercise never reads them, so editing
    one does not reload the exercise.
    """
    wrong = Path(folder) / WRONG_DIR
    if not wrong.is_dir():
        return []
    return sorted(p for p in wrong.glob("*.py") if p.is_file() and not p.name.startswith("."))


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
    mode = meta.get("hidden_cases", SEEDED)
    if mode not in HIDDEN_CASES:
        raise front.error("hidden_cases", f"hidden_cases must be one of {', '.join(HIDDEN_CASES)}")
    base_seed = getattr(cases_module, "SEED", 0)
    where = str(cases_path)

    remembered = draws.Remembered(reference)

    def generate(seed):
        try:
            drawn = tuple(make_cases(draws.rng_for(base_seed, seed), remembered))
        except ExerciseError:
            raise
        except Exception as exc:
            raise _raised_in(cases_path, exc) from exc
        _validate_cases(drawn, points, front, cases_path)
        return drawn

    cases = generate(None)
    remembered.freeze()  # answers for the canonical inputs only: the cache stays small
    encoded = draws.encode_inputs(cases, where)
    canonical = draws.assemble(cases, encoded, entry=entry, imports=imports)
    unvaried = ()
    hidden_count = sum(not c.visible for c in cases)
    if mode == SEEDED and hidden_count:
        probes = []
        for seed in draws.PROBE_SEEDS:
            drawn = generate(seed)
            draws.same_shape(cases, drawn, where)
            probes.append(draws.encode_inputs(drawn, where))
        unvaried = draws.unvaried(encoded, probes, cases)
        if len(unvaried) == hidden_count:
            raise ExerciseError(
                "cases() draws the same hidden inputs for every seed: draw them from rng, "
                "or say `hidden_cases: fixed` in exercise.md if they cannot vary",
                path=where,
            )
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
        libraries=canonical.libraries,
        hidden_cases=mode,
        unvaried=unvaried,
        _canonical=canonical,
        _generate=generate,
        _encoded=tuple(encoded),
    )
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
