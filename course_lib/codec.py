"""Turn a student's return value into plain JSON and back, safely.

The student's process encodes (:func:`encode`); the grader decodes (:func:`decode`). The public
checks store their cases in the same form. Nothing the
student's process sends is ever unpickled: the grader only reads JSON, and rebuilds arrays from raw
bytes with a whitelisted dtype. Whatever is not plain data arrives as an
:class:`~course_lib.compare.Opaque` naming its type, so a custom object with an ``__eq__`` that
always says yes has nothing to say in the grader. An ndarray subclass arrives as its plain data.
"""

from __future__ import annotations

import base64
import math
import numbers

import numpy as np

from course_lib.compare import Subset
from course_lib.values import Opaque, TensorArg, TensorValue

ALLOWED_DTYPES = {
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float16", "float32", "float64",
}
MAX_DEPTH = 20
MAX_ITEMS = 10_000
MAX_STR = 2_000


class DecodeError(ValueError):
    """What came back is not a value the grader accepts."""


_DTYPE_NAMES = {np.dtype(name): name for name in ALLOWED_DTYPES}  # dtype.name is slow


def _encode_array(a: np.ndarray) -> dict:
    a = np.asarray(a).view(np.ndarray)
    name = _DTYPE_NAMES.get(a.dtype)
    if name is None:
        return {"__other__": f"numpy array of dtype {a.dtype}", "text": ""}
    return {
        "__ndarray__": base64.b64encode(a.tobytes()).decode("ascii"),  # C order, any layout
        "dtype": name,
        "shape": list(a.shape),
    }


def _encode_float(x: float):
    if math.isfinite(x):
        return x
    return {"__float__": "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")}


def _is_tensor(x) -> bool:
    module = type(x).__module__ or ""
    return module.startswith(("tensorflow", "tf_keras", "keras")) and hasattr(x, "numpy")


def encode(x, depth: int = 0):
    """A JSON-ready description of ``x`` (runs in the student's process)."""
    if depth > MAX_DEPTH:
        return {"__other__": "a value nested too deeply", "text": ""}
    if x is None or isinstance(x, (bool, str)):
        return x if not isinstance(x, str) else x[:MAX_STR]
    if isinstance(x, np.bool_):
        return bool(x)
    if isinstance(x, TensorArg):
        return {"__tensor_input__": _encode_array(x.value)}
    if isinstance(x, TensorValue):
        return {"__tensor__": _encode_array(x.value), "dtype": x.dtype}
    if isinstance(x, Subset):
        return {"__subset__": [[str(k)[:MAX_STR], encode(v, depth + 1)] for k, v in x.items()]}
    if isinstance(x, np.ndarray):
        return _encode_array(x)
    if isinstance(x, np.generic) and x.dtype in _DTYPE_NAMES:
        return {"__scalar__": _encode_array(np.asarray(x))}
    if type(x) is int:
        return x if abs(x) < 2**63 else _encode_float(float(x))
    if type(x) is float:
        return _encode_float(x)
    if isinstance(x, numbers.Real) and type(x).__module__ == "builtins":
        return _encode_float(float(x))
    if _is_tensor(x):
        try:
            value = np.asarray(x.numpy())
            dtype = str(getattr(getattr(x, "dtype", None), "name", value.dtype.name))
            return {"__tensor__": _encode_array(value), "dtype": dtype[:40]}
        except Exception as exc:  # a tensor that cannot be read (symbolic, for example)
            return {"__other__": type(x).__name__, "text": f"could not read its value: {exc}"}
    if type(x) in (tuple, list):
        items = [encode(v, depth + 1) for v in list(x)[:MAX_ITEMS]]
        return {"__tuple__": items} if type(x) is tuple else {"__list__": items}
    if isinstance(x, dict) and type(x).__module__ in ("builtins", "collections"):
        items = []
        for k, v in list(x.items())[:MAX_ITEMS]:
            key = k if type(k) is str else f"<{type(k).__name__} key {k!r}>"
            items.append([key[:MAX_STR], encode(v, depth + 1)])
        return {"__dict__": items}
    return {"__other__": type(x).__qualname__[:200], "text": _safe_repr(x)}


def _safe_repr(x) -> str:
    try:
        return repr(x)[:200]
    except Exception:
        return ""


def decode(data, depth: int = 0):
    """Rebuild a value from :func:`encode`'s JSON (runs in the grader; trusts nothing)."""
    if depth > MAX_DEPTH + 1:
        raise DecodeError("value nested too deeply")
    if data is None or isinstance(data, (bool, str)):
        return data
    if type(data) is int:
        return data
    if type(data) is float:
        return data
    if isinstance(data, dict):
        if "__ndarray__" in data:
            return _decode_array(data)
        if "__scalar__" in data:
            return _decode_array(data["__scalar__"])[()]
        if "__float__" in data:
            return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}[data["__float__"]]
        if "__tensor_input__" in data:
            return TensorArg(_decode_array(data["__tensor_input__"]))
        if "__tensor__" in data:
            return TensorValue(_decode_array(data["__tensor__"]), str(data.get("dtype", ""))[:40])
        if "__tuple__" in data:
            return tuple(decode(v, depth + 1) for v in _items(data["__tuple__"]))
        if "__list__" in data:
            return [decode(v, depth + 1) for v in _items(data["__list__"])]
        if "__dict__" in data or "__subset__" in data:
            out = Subset() if "__subset__" in data else {}
            for pair in _items(data.get("__dict__", data.get("__subset__"))):
                if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)):
                    raise DecodeError("malformed dict entry")
                out[pair[0]] = decode(pair[1], depth + 1)
            return out
        if "__other__" in data:
            return Opaque(str(data["__other__"])[:200], str(data.get("text", ""))[:200])
    raise DecodeError(f"unexpected value of type {type(data).__name__}")


def _items(value) -> list:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise DecodeError("malformed or oversized sequence")
    return value


def _decode_array(data: dict) -> np.ndarray:
    try:
        dtype = data["dtype"]
        shape = tuple(int(n) for n in data["shape"])
        raw = base64.b64decode(data["__ndarray__"], validate=True)
    except Exception as exc:
        raise DecodeError(f"malformed array: {exc}") from None
    if dtype not in ALLOWED_DTYPES or any(n < 0 for n in shape) or len(shape) > 32:
        raise DecodeError("array with a dtype or shape that is not allowed")
    dt = np.dtype(dtype)
    if len(raw) != dt.itemsize * math.prod(shape):
        raise DecodeError("array data does not match its shape")
    return np.frombuffer(raw, dtype=dt).reshape(shape).copy()
