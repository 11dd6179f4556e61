"""The JSON encoding of values that cross the sandbox boundary, in both directions.

This module is bound read-only into the sandbox next to ``runner.py``, so it imports
only the standard library (NumPy and pandas are used when the value needs them). The
format is documented in content/README.md ("How values cross the sandbox").

Every JSON object in an encoded value is a tag with exactly one key:

    {"$float": "nan" | "inf" | "-inf"}        non-finite floats (finite ones are numbers)
    {"$tuple": [...]}   {"$set": [...]}       tuples, sets and frozensets
    {"$dict": [[key, value], ...]}            dicts (keys: scalars or tuples of scalars)
    {"$ndarray": {...}}                       NumPy arrays
    {"$index": {...}}  {"$series": {...}}  {"$frame": {...}}   pandas objects
    {"$timestamp": nanoseconds}               a time zone-naive pandas Timestamp

``decode`` is strict: unknown tags, wrong shapes, disallowed dtypes, too deep or too
large input all raise :class:`DecodeError`, so a forged or damaged frame can only fail.

Sets and dicts are where a forged frame could make decoding slow rather than wrong:
Python hashes an int to itself modulo 2**61 - 1, so a frame can list thousands of
distinct members that share one hash, and building that set takes time quadratic in
their number (64,000 such ints took about 30 s to decode). So a set or dict holds at
most ``MAX_MEMBERS`` items, each member or key a scalar (str, int, float, bool, None) or
a tuple of scalars, and no more than ``MAX_SAME_HASH`` of them may share a hash: honest
values never come close (only -1 and -2 share a hash among small ints), and with the
cap every insertion stays a few probes long. The encoder refuses the same sizes and
member types with a message for the learner, so an honest value always decodes.
``parse_json`` refuses non-finite numbers anywhere (``1e999`` reads as infinity, and
metadata such as a test's seconds must be a real number); a value that really is NaN or
infinite travels as a ``$float`` tag.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import sys

MAX_DEPTH = 64
MAX_NODES = 2_000_000
MAX_NDIM = 32
MAX_MEMBERS = 100_000  # items in one set or dict
MAX_SAME_HASH = 8  # members or keys of one set or dict that may share a hash

_NUMERIC_DTYPES = {
    "|b1", "|i1", "|u1", "<i2", "<u2", "<i4", "<u4", "<i8", "<u8", "<f2", "<f4", "<f8",
}  # fmt: skip
_TIME_DTYPE = re.compile(r"^<[Mm]8\[(Y|M|W|D|h|m|s|ms|us|ns)\]$")
_EXTENSION_DTYPES = {
    "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64",
    "Float32", "Float64", "boolean", "string",
}  # fmt: skip
_FLOAT_NAMES = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}
_SCALAR_KEY_TYPES = (str, int, float, bool, type(None))


class EncodeError(ValueError):
    """A value the learner returned cannot be sent as plain data (message is for them)."""


class DecodeError(ValueError):
    """Malformed, forged or oversized data: never a pass."""


# --- encoding (runs in the sandbox, on the learner's values) ----------------------------


class _Budget:
    __slots__ = ("nodes",)

    def __init__(self):
        self.nodes = 0


def encode(value):
    """Return a JSON-ready structure for ``value``, or raise :class:`EncodeError`."""
    return _enc(value, 0, _Budget())


def _enc_float(x: float):
    if math.isfinite(x):
        return x
    return {"$float": "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")}


def _enc(v, depth, budget):
    if depth > MAX_DEPTH:
        raise EncodeError(f"the value is nested more than {MAX_DEPTH} levels deep")
    budget.nodes += 1
    if budget.nodes > MAX_NODES:
        raise EncodeError(f"the value holds more than {MAX_NODES:,} items")
    t = type(v)
    if v is None or t is bool or t is str or t is int:
        return v
    if t is float:
        return _enc_float(v)
    np = sys.modules.get("numpy")
    pd = sys.modules.get("pandas")
    if np is not None:
        if isinstance(v, np.generic):
            return _enc_numpy_scalar(np, pd, v)
        if isinstance(v, np.ndarray):
            return {"$ndarray": _enc_array(np, v, budget, depth)}
    if pd is not None:
        if isinstance(v, pd.DataFrame):
            return {"$frame": _enc_frame(np, pd, v, budget, depth)}
        if isinstance(v, pd.Series):
            return {"$series": _enc_series(np, pd, v, budget, depth)}
        if isinstance(v, pd.Index):
            return {"$index": _enc_index(np, pd, v, budget, depth)}
        if isinstance(v, pd.Timestamp):
            return _enc_timestamp(v)
    if isinstance(v, bool):
        return bool(v)
    if isinstance(v, int):
        return int.__index__(v)
    if isinstance(v, float):
        return _enc_float(float.__float__(v))
    if isinstance(v, str):
        return str.__str__(v)
    if isinstance(v, list):
        return [_enc(x, depth + 1, budget) for x in list.__iter__(v)]
    if isinstance(v, tuple):
        return {"$tuple": [_enc(x, depth + 1, budget) for x in tuple.__iter__(v)]}
    if isinstance(v, set | frozenset):
        _enc_size(len(v), "a set")
        return {"$set": [_enc_key(x, depth, budget, "set members") for x in v]}
    if isinstance(v, dict):
        _enc_size(len(v), "a dict")
        items = []
        for key, item in dict.items(v):
            items.append([_enc_key(key, depth, budget), _enc(item, depth + 1, budget)])
        return {"$dict": items}
    raise EncodeError(
        f"a value of type {t.__name__} cannot be returned: return plain data (numbers, "
        "strings, lists, tuples, dicts, sets, NumPy arrays, pandas Series or DataFrames)"
    )


def _enc_size(size: int, what: str) -> None:
    if size > MAX_MEMBERS:
        raise EncodeError(f"{what} may hold at most {MAX_MEMBERS:,} items; this one has {size:,}")


def _enc_key(key, depth, budget, what="dict keys"):
    """A dict key or set member: a scalar, or a tuple of scalars (what decode accepts)."""
    refusal = f"{what} must be strings, numbers, booleans, None or tuples of those"
    np = sys.modules.get("numpy")
    if isinstance(key, tuple):
        items = [k.item() if np is not None and isinstance(k, np.generic) else k for k in key]
        if not all(type(k) in _SCALAR_KEY_TYPES for k in items):
            raise EncodeError(refusal)
        return _enc(tuple(items), depth + 1, budget)
    if np is not None and isinstance(key, np.generic):
        key = key.item()
    if type(key) not in _SCALAR_KEY_TYPES:
        raise EncodeError(refusal)
    return _enc(key, depth + 1, budget)


def _enc_numpy_scalar(np, pd, v):
    if isinstance(v, np.bool_):
        return bool(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return _enc_float(float(v))
    if isinstance(v, np.str_):
        return str(v)
    if isinstance(v, np.datetime64) and pd is not None:
        return _enc_timestamp(pd.Timestamp(v))
    raise EncodeError(f"NumPy scalars of type {type(v).__name__} cannot be returned")


def _enc_timestamp(ts):
    if ts.tzinfo is not None:
        raise EncodeError("time zone-aware timestamps cannot be returned; drop the zone first")
    if ts != ts:  # NaT
        return None
    return {"$timestamp": int(ts.value)}


def _enc_array(np, a, budget, depth):
    a = np.asarray(a)
    if type(a) is not np.ndarray:
        a = a.view(np.ndarray)
    if a.ndim > MAX_NDIM:
        raise EncodeError(f"arrays may have at most {MAX_NDIM} dimensions")
    budget.nodes += a.size
    if budget.nodes > MAX_NODES:
        raise EncodeError(f"the value holds more than {MAX_NODES:,} items")
    kind, shape = a.dtype.kind, [int(n) for n in a.shape]
    if kind == "f" and a.dtype.itemsize > 8:
        a, kind = a.astype(np.float64), "f"
    if kind in "biufMm":
        little = a.dtype.newbyteorder("<") if a.dtype.itemsize > 1 else a.dtype
        a = np.ascontiguousarray(a, dtype=little)
        data = base64.b64encode(a.tobytes()).decode("ascii")
        return {"dtype": a.dtype.str, "shape": shape, "b64": data}
    if kind == "U":
        return {"dtype": "<U", "shape": shape, "items": [str(x) for x in a.ravel().tolist()]}
    if kind == "O":
        items = [_enc(x, depth + 1, budget) for x in a.ravel()]
        return {"dtype": "|O", "shape": shape, "items": items}
    raise EncodeError(f"arrays of dtype {a.dtype} cannot be returned")


def _enc_column(np, pd, values, budget, depth):
    """The values of a Series or DataFrame column, keeping extension dtypes by name."""
    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        cat = pd.Categorical(values)
        return {
            "dtype": "category",
            "codes": _enc_array(np, np.asarray(cat.codes), budget, depth),
            "categories": _enc_index(np, pd, cat.categories, budget, depth),
            "ordered": bool(cat.ordered),
        }
    if isinstance(dtype, np.dtype):
        return {"dtype": dtype.str, "values": _enc_array(np, values.to_numpy(), budget, depth)}
    name = str(dtype)
    if name not in _EXTENSION_DTYPES:
        raise EncodeError(f"pandas columns of dtype {name} cannot be returned")
    plain = values.to_numpy(dtype=object, na_value=None)
    return {"dtype": name, "values": _enc_array(np, plain, budget, depth)}


def _enc_index(np, pd, index, budget, depth):
    if isinstance(index, pd.MultiIndex):
        return {
            "tuples": [_enc(tuple(t), depth + 1, budget) for t in index],
            "names": [_enc(n, depth + 1, budget) for n in index.names],
        }
    name = _enc(index.name, depth + 1, budget)
    if isinstance(index, pd.RangeIndex):
        return {"range": [index.start, index.stop, index.step], "name": name}
    column = _enc_column(np, pd, pd.Series(index, copy=False), budget, depth)
    return {"column": column, "name": name}


def _enc_series(np, pd, s, budget, depth):
    return {
        "index": _enc_index(np, pd, s.index, budget, depth),
        "name": _enc(s.name, depth + 1, budget),
        "column": _enc_column(np, pd, s, budget, depth),
    }


def _enc_frame(np, pd, df, budget, depth):
    return {
        "index": _enc_index(np, pd, df.index, budget, depth),
        "columns": _enc_index(np, pd, df.columns, budget, depth),
        "data": [_enc_column(np, pd, df.iloc[:, i], budget, depth) for i in range(df.shape[1])],
    }


# --- decoding (runs in trusted code on the sandbox's output, and in the runner) --------


def parse_json(text):
    """``json.loads`` that refuses NaN and Infinity literals and numbers too large for a
    float (``1e999``), and turns every failure into DecodeError."""
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except (ValueError, RecursionError, TypeError) as exc:
        raise DecodeError(f"not valid JSON ({type(exc).__name__})") from None


def _refuse_constant(name):
    raise ValueError(f"bare {name} is not allowed")


def _finite_float(text):
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("a number too large for a float is not allowed")
    return value


def decode(obj):
    return _dec(obj, 0, _Budget())


def _dec(obj, depth, budget):
    if depth > MAX_DEPTH:
        raise DecodeError("nested too deeply")
    budget.nodes += 1
    if budget.nodes > MAX_NODES:
        raise DecodeError("too many items")
    t = type(obj)
    if obj is None or t is bool or t is int or t is float or t is str:
        return obj
    if t is list:
        return [_dec(x, depth + 1, budget) for x in obj]
    if t is not dict or len(obj) != 1:
        raise DecodeError("unexpected JSON object")
    ((tag, body),) = obj.items()
    if tag == "$float":
        if body not in _FLOAT_NAMES:
            raise DecodeError("bad $float")
        return _FLOAT_NAMES[body]
    if tag == "$tuple":
        return tuple(_dec(x, depth + 1, budget) for x in _list(body))
    if tag == "$set":
        members = _Members(_list(body))
        return set(members.add(_dec(x, depth + 1, budget)) for x in body)
    if tag == "$dict":
        out, keys = {}, _Members(_list(body))
        for pair in body:
            if type(pair) is not list or len(pair) != 2:
                raise DecodeError("bad $dict item")
            key = keys.add(_dec(pair[0], depth + 1, budget))
            out[key] = _dec(pair[1], depth + 1, budget)
        return out
    if tag == "$ndarray":
        return _dec_array(body, depth, budget)
    if tag in ("$index", "$series", "$frame", "$timestamp"):
        pd = _import_pandas()
        if tag == "$timestamp":
            if type(body) is not int:
                raise DecodeError("bad $timestamp")
            return pd.Timestamp(body)
        decoder = {"$index": _dec_index, "$series": _dec_series, "$frame": _dec_frame}[tag]
        return decoder(pd, _obj(body), depth, budget)
    raise DecodeError(f"unknown tag {tag[:40]!r}")


def _list(body):
    if type(body) is not list:
        raise DecodeError("expected a list")
    return body


def _obj(body):
    if type(body) is not dict:
        raise DecodeError("expected an object")
    return body


def _field(body, key):
    try:
        return body[key]
    except KeyError:
        raise DecodeError(f"missing field {key!r}") from None


class _Spread:
    """Refuses more than ``MAX_SAME_HASH`` distinct values that share one hash.

    Hash tables (Python's sets and dicts, pandas' index engines and factorising) slow to
    a crawl when many distinct keys share a hash, and a frame can choose ints that do.
    Counting distinct values per hash costs one dict lookup each: the hashes are
    distinct ints, and Python's probing mixes in every bit of a hash, so keys whose
    hashes differ part ways within a few probes. Equal values (repeated index labels,
    say) are counted once, so honest data never comes near the cap.
    """

    __slots__ = ("groups",)

    def __init__(self):
        self.groups: dict[int, list] = {}

    def add(self, value):
        try:
            h = hash(value)
        except TypeError:
            return value  # unhashable: no hash table will hold it
        group = self.groups.setdefault(h, [])
        if not any(_same(other, value) for other in group):
            if len(group) >= MAX_SAME_HASH:
                raise DecodeError("too many distinct values share one hash")
            group.append(value)
        return value


def _same(a, b) -> bool:
    if a is b:
        return True
    try:
        return bool(a == b)
    except Exception:  # pd.NA, say, has no truth value: count it as distinct
        return False


class _Members(_Spread):
    """The members of one set or keys of one dict, checked before they are inserted."""

    __slots__ = ()

    def __init__(self, items: list):
        if len(items) > MAX_MEMBERS:
            raise DecodeError("too many members in a set or dict")
        super().__init__()

    def add(self, value):
        t = type(value)
        if t is tuple:
            if not all(type(x) in _SCALAR_KEY_TYPES for x in value):
                raise DecodeError("a set member or dict key holds a non-scalar")
        elif t not in _SCALAR_KEY_TYPES:
            raise DecodeError("a set member or dict key is not a scalar or tuple")
        return super().add(value)


def _spread_out(values) -> None:
    """Index labels (object dtype) go into pandas' hash tables: bound their collisions."""
    spread = _Spread()
    for value in values:
        spread.add(value)


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        raise DecodeError("unhashable key") from None
    return value


def _import_numpy():
    try:
        import numpy
    except ImportError:  # pragma: no cover - numpy is a project dependency
        raise DecodeError("NumPy is not available to decode an array") from None
    return numpy


def _import_pandas():
    try:
        import pandas
    except ImportError:  # pragma: no cover - pandas is a project dependency
        raise DecodeError("pandas is not available to decode a pandas object") from None
    return pandas


def _shape(body):
    shape = _field(body, "shape")
    if (
        type(shape) is not list
        or len(shape) > MAX_NDIM
        or not all(type(n) is int and 0 <= n <= MAX_NODES for n in shape)
    ):
        raise DecodeError("bad array shape")
    size = 1
    for n in shape:
        size *= n
    if size > MAX_NODES * 8:
        raise DecodeError("array too large")
    return tuple(shape), size


def _dec_array(body, depth, budget):
    np = _import_numpy()
    body = _obj(body)
    dtype_name = _field(body, "dtype")
    shape, size = _shape(body)
    if dtype_name in _NUMERIC_DTYPES or (type(dtype_name) is str and _TIME_DTYPE.match(dtype_name)):
        dtype = np.dtype(dtype_name)
        data = _field(body, "b64")
        if type(data) is not str:
            raise DecodeError("bad array data")
        try:
            raw = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            raise DecodeError("bad base64 in array") from None
        if len(raw) != size * dtype.itemsize:
            raise DecodeError("array data does not match its shape")
        budget.nodes += size
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    items = _list(_field(body, "items"))
    if len(items) != size:
        raise DecodeError("array items do not match the shape")
    budget.nodes += size
    if budget.nodes > MAX_NODES:
        raise DecodeError("too many items")
    if dtype_name == "<U":
        if not all(type(x) is str for x in items):
            raise DecodeError("non-string item in a string array")
        # NumPy pads every item to the longest: one long string among many short ones
        # would make a small frame allocate gigabytes.
        if items and size * max(map(len, items)) > MAX_NODES * 8:
            raise DecodeError("string array too large")
        return np.array(items, dtype=str if items else "<U1").reshape(shape)
    if dtype_name == "|O":
        out = np.empty(size, dtype=object)
        for i, item in enumerate(items):
            out[i] = _dec(item, depth + 1, budget)
        return out.reshape(shape)
    raise DecodeError("disallowed array dtype")


def _dec_column(np, pd, body, depth, budget, length=None):
    body = _obj(body)
    dtype = _field(body, "dtype")
    if dtype == "category":
        codes = _dec_array(_field(body, "codes"), depth, budget)
        categories = _dec_index(pd, _field(body, "categories"), depth, budget)
        if codes.ndim != 1 or codes.dtype.kind not in "iu":
            raise DecodeError("bad category codes")
        if codes.size and (codes.min() < -1 or codes.max() >= len(categories)):
            raise DecodeError("category code out of range")
        try:
            values = pd.Categorical.from_codes(
                codes, categories=categories, ordered=_field(body, "ordered") is True
            )
        except (ValueError, TypeError):
            raise DecodeError("bad categorical column") from None
    else:
        array = _dec_array(_field(body, "values"), depth, budget)
        if array.ndim != 1:
            raise DecodeError("a column must be one-dimensional")
        if dtype in _EXTENSION_DTYPES:
            try:
                values = pd.array(array.tolist(), dtype=dtype)
            except (ValueError, TypeError):
                raise DecodeError(f"bad {dtype} column") from None
        elif type(dtype) is str and dtype == array.dtype.str:
            values = array
        else:
            raise DecodeError("column dtype does not match its data")
    if length is not None and len(values) != length:
        raise DecodeError("column length does not match the index")
    return values


def _dec_index(pd, body, depth, budget):
    np = _import_numpy()
    body = _obj(body)
    if "tuples" in body:
        names = [_hashable(_dec(n, depth + 1, budget)) for n in _list(_field(body, "names"))]
        if not names:
            raise DecodeError("bad MultiIndex")
        levels, tuples = [_Spread() for _ in names], []
        for item in _list(body["tuples"]):
            labels = _dec(item, depth + 1, budget)
            if type(labels) is not tuple or len(labels) != len(names):
                raise DecodeError("bad MultiIndex")
            for level, label in zip(levels, labels, strict=True):
                level.add(label)  # pandas factorises each level with a hash table
            tuples.append(labels)
        if not tuples:
            return pd.MultiIndex.from_arrays([[] for _ in names], names=names)
        return pd.MultiIndex.from_tuples(tuples, names=names)
    name = _hashable(_dec(_field(body, "name"), depth + 1, budget))
    if "range" in body:
        bounds = _list(body["range"])
        if len(bounds) != 3 or not all(type(n) is int for n in bounds) or bounds[2] == 0:
            raise DecodeError("bad RangeIndex")
        return pd.RangeIndex(*bounds, name=name)
    values = _dec_column(np, pd, _field(body, "column"), depth, budget)
    if (isinstance(values, np.ndarray) and values.dtype.kind == "O") or str(
        values.dtype
    ) == "string":
        _spread_out(values)
    try:
        return pd.Index(values, name=name, tupleize_cols=False)
    except (ValueError, TypeError):
        raise DecodeError("bad Index") from None


def _dec_series(pd, body, depth, budget):
    np = _import_numpy()
    index = _dec_index(pd, _field(body, "index"), depth, budget)
    name = _hashable(_dec(_field(body, "name"), depth + 1, budget))
    values = _dec_column(np, pd, _field(body, "column"), depth, budget, len(index))
    return pd.Series(values, index=index, name=name, copy=False)


def _dec_frame(pd, body, depth, budget):
    np = _import_numpy()
    index = _dec_index(pd, _field(body, "index"), depth, budget)
    columns = _dec_index(pd, _field(body, "columns"), depth, budget)
    data = _list(_field(body, "data"))
    if len(data) != len(columns):
        raise DecodeError("column count does not match the columns")
    arrays = [_dec_column(np, pd, c, depth, budget, len(index)) for c in data]
    frame = pd.DataFrame(dict(enumerate(arrays)), index=index)
    if not arrays:
        frame = pd.DataFrame(index=index, columns=range(0))
    frame.columns = columns
    return frame
