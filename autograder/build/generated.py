"""Files the kit generates from its sources: write them, or check that they are up to date.

Each generator (examples, source notebooks, public check data) lists the files it would write;
:func:`sync` writes the ones that differ (or, with ``check``, only reports them) and :func:`main`
is the command line every generator shares: ``python -m autograder.<generator> [--check]``.

Generated numbers depend on the CPU in their last bits (NumPy picks SIMD kernels, and so summation
orders, by processor), so a file of numbers is "up to date" when it equals the regenerated one in
everything but its floating-point values, and those agree within a few units in the last place
(:func:`same_json_numbers`). Text files are compared exactly.
"""

from __future__ import annotations

import base64
import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

from autograder.course.expected import KIT_ROOT

#: How far two machines' float64 results may be apart: this many units in the last place of the
#: larger magnitude in the same array (so that a value that cancels to about 0 on one CPU and to
#: 1e-17 on another is the same number, as it is in the grader's tolerances).
ULPS = 16


def sync(files: dict[Path, str], check: bool = False,
         same: Callable[[str, str], bool] | None = None) -> list[Path]:
    """Write every file whose text differs (unless ``check``); return those that differed.

    ``same(on_disk, regenerated)`` decides, when given, whether two texts are the same file (for
    instance :func:`same_json_numbers`); by default they must be identical.
    """
    same = same or str.__eq__
    stale = [path for path, text in files.items()
             if not path.exists() or not same(path.read_text(), text)]
    if not check:
        for path in stale:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(files[path])
    return stale


def same_json_numbers(a: str, b: str, ulps: int = ULPS) -> bool:
    """Whether two JSON texts hold the same data, floating-point numbers within ``ulps``.

    Arrays encoded by :mod:`course_lib.codec` (``{"__ndarray__": base64, "dtype", "shape"}``)
    are decoded and compared element-wise: same dtype, shape, NaN and infinity positions, finite
    values within ``ulps`` spacings of the array's largest magnitude. Everything else is exact.
    """
    try:
        return _same(json.loads(a), json.loads(b), ulps)
    except ValueError:
        return False


def _same(a, b, ulps: int) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        if "__ndarray__" in a and "__ndarray__" in b:
            return _same_arrays(a, b, ulps)
        return a.keys() == b.keys() and all(_same(a[k], b[k], ulps) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y, ulps) for x, y in zip(a, b))
    if type(a) is float and type(b) is float:
        return _close(np.array([a]), np.array([b]), ulps)
    return type(a) is type(b) and a == b


def _same_arrays(a: dict, b: dict, ulps: int) -> bool:
    if a.get("dtype") != b.get("dtype") or a.get("shape") != b.get("shape"):
        return False
    if a["__ndarray__"] == b["__ndarray__"]:
        return True
    dtype = np.dtype(a["dtype"])
    x, y = (np.frombuffer(base64.b64decode(d["__ndarray__"]), dtype) for d in (a, b))
    if x.shape != y.shape:
        return False
    if dtype.kind != "f":
        return bool(np.array_equal(x, y))
    return _close(x, y, ulps)


def _close(x: np.ndarray, y: np.ndarray, ulps: int) -> bool:
    nan_x, nan_y = np.isnan(x), np.isnan(y)
    if not np.array_equal(nan_x, nan_y):
        return False
    finite = np.isfinite(x) & np.isfinite(y)
    if not np.array_equal(x[~finite & ~nan_x], y[~finite & ~nan_y]):  # the same infinities
        return False
    x, y = x[finite], y[finite]
    if x.size == 0:
        return True
    scale = np.maximum(np.max(np.abs(x)), np.max(np.abs(y)))  # keeps the dtype's spacing
    return bool(np.all(np.abs(x - y) <= ulps * np.spacing(scale)))


def main(write: Callable[[bool], list[Path]]) -> None:
    """Run ``write(check)`` from the command line; with ``--check`` exit 1 when anything is stale."""
    check = "--check" in sys.argv
    stale = write(check)
    for path in stale:
        print(("out of date: " if check else "wrote ") + str(path.relative_to(KIT_ROOT)))
    sys.exit(1 if check and stale else 0)
