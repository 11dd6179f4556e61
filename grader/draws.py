"""Drawing an exercise's cases for one submission's seed, and encoding them for the sandbox.

An exercise's ``cases(rng, reference)`` is called with a NumPy generator. **Visible**
cases are the worked examples: they are always taken from the draw with the exercise's
own ``SEED``, so "Run visible tests" shows the same inputs every time (the curriculum is
public, so they are public anyway). **Hidden** cases are taken from a draw with the
submission's seed, so what one submission learns about them (which constant guess
passed, what it managed to print) says nothing about the next submission's cases. Every
draw must yield the same case names, visibility and points, in the same order.

An exercise whose hidden cases cannot vary declares ``hidden_cases: fixed`` in its front
matter; then every seed gets the ``SEED`` cases. An exercise that does not declare it
must draw at least one hidden case's inputs from ``rng`` (checked when it is loaded).

The inputs cross into the sandbox in two parts (see :mod:`grader.sandbox`): the visible
part first, and the hidden part only after the runner has reported the visible results
and the grader has stopped keeping the learner's output.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass

from grader import codec
from grader.cases import Case
from grader.errors import ExerciseError

SEEDED, FIXED = "seeded", "fixed"
HIDDEN_CASES = (SEEDED, FIXED)
# Two draws that must differ somewhere for an exercise to count as seeded.
PROBE_SEEDS = (1, 2)
# Seeds are stored with each submission in a signed 64-bit column.
MAX_SEED = 2**63 - 1
# Draws kept per exercise: a regrade, or the proofs under several seeds, reuse them.
CACHE_SIZE = 16


@dataclass(frozen=True)
class Draw:
    """One seed's cases and the two parts of the sandbox's stdin."""

    cases: tuple[Case, ...]  # in the exercise's order; expected values stay here
    visible_payload: bytes  # one line: entry, imports, preload and the visible inputs
    hidden_payload: bytes  # the hidden inputs, sent only once the output is closed
    libraries: tuple[str, ...]  # bound into the sandbox: imports plus what inputs need

    @property
    def visible_cases(self) -> tuple[Case, ...]:
        return tuple(c for c in self.cases if c.visible)

    @property
    def hidden_cases(self) -> tuple[Case, ...]:
        return tuple(c for c in self.cases if not c.visible)


def rng_for(base_seed: int, seed: int | None):
    """The generator for one draw: the exercise's SEED, mixed with a submission's seed."""
    import numpy as np

    return np.random.default_rng(base_seed if seed is None else [seed, base_seed])


def check_seed(seed) -> int | None:
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise ValueError(f"seed must be None or an int from 0 to {MAX_SEED}")
    return seed


def encode_inputs(cases, where: str) -> list[dict]:
    encoded = []
    for case in cases:
        try:
            encoded.append({"args": codec.encode(case.args), "kwargs": codec.encode(case.kwargs)})
        except codec.EncodeError as exc:
            raise ExerciseError(f"case {case.name!r} has inputs that {exc}", path=where) from None
    return encoded


def _preload(text: str) -> list[str]:
    preload = []
    if '"$ndarray"' in text or "$frame" in text or "$series" in text or "$index" in text:
        preload.append("numpy")
    if any(f'"{tag}"' in text for tag in ("$frame", "$series", "$index", "$timestamp")):
        preload.append("pandas")
    return preload


def assemble(cases, encoded, *, entry: str, imports) -> Draw:
    """The Draw for ``cases`` (exercise order) with their already encoded inputs."""
    visible = [e for e, c in zip(encoded, cases, strict=True) if c.visible]
    hidden = [e for e, c in zip(encoded, cases, strict=True) if not c.visible]
    preload = _preload(json.dumps(encoded, allow_nan=False))
    first = {"entry": entry, "imports": list(imports), "preload": preload, "cases": visible}
    return Draw(
        cases=tuple(cases),
        visible_payload=json.dumps(first, allow_nan=False).encode("ascii") + b"\n",
        hidden_payload=json.dumps({"cases": hidden}, allow_nan=False).encode("ascii"),
        libraries=tuple(dict.fromkeys([*imports, *preload])),
    )


def same_shape(canonical, drawn, where: str) -> None:
    """Every draw has the same cases, by name, visibility and points, in the same order."""
    shape = [(c.name, c.visible, c.points) for c in canonical]
    other = [(c.name, c.visible, c.points) for c in drawn]
    if shape != other:
        raise ExerciseError(
            "cases() must yield the same cases (names, visible, points, order) for every "
            "seed; only their inputs and answers may depend on rng",
            path=where,
        )


def unvaried(canonical_encoded, probes_encoded, cases) -> tuple[str, ...]:
    """Names of hidden cases whose inputs were the same in every probe draw."""
    names = []
    for i, case in enumerate(cases):
        if case.visible:
            continue
        first = json.dumps(canonical_encoded[i], sort_keys=True)
        if all(json.dumps(p[i], sort_keys=True) == first for p in probes_encoded):
            names.append(case.name)
    return tuple(names)


class Remembered:
    """The reference solution, remembering its answers for the canonical draw's inputs.

    Visible cases, and hidden ones that do not vary, have the same inputs in every draw,
    so a submission's draw reuses their answers instead of computing them again (a grid
    search or a cross-validation can take a second). Only answers computed before
    :meth:`freeze` are kept, so a long-running worker does not collect every seed's.
    """

    def __init__(self, reference):
        self._reference = reference
        self._answers: dict[str, object] = {}
        self._frozen = False

    def freeze(self) -> None:
        self._frozen = True

    def __call__(self, *args, **kwargs):
        try:
            key = hashlib.sha256(
                json.dumps([codec.encode(args), codec.encode(kwargs)], sort_keys=True).encode()
            ).hexdigest()
        except (codec.EncodeError, TypeError, ValueError):
            return self._reference(*args, **kwargs)
        if key in self._answers:
            return copy.deepcopy(self._answers[key])
        answer = self._reference(*args, **kwargs)
        if not self._frozen:
            self._answers[key] = copy.deepcopy(answer)
        return answer


class DrawCache:
    """A small per-exercise LRU of draws by seed (draws are deterministic)."""

    def __init__(self, size: int = CACHE_SIZE):
        self._size = size
        self._items: OrderedDict[int, Draw] = OrderedDict()

    def get(self, seed: int) -> Draw | None:
        draw = self._items.get(seed)
        if draw is not None:
            self._items.move_to_end(seed)
        return draw

    def put(self, seed: int, draw: Draw) -> None:
        self._items[seed] = draw
        self._items.move_to_end(seed)
        while len(self._items) > self._size:
            self._items.popitem(last=False)
