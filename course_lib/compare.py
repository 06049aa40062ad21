"""Compare an exercise's output with the expected one and say, in plain words, what differs.

Pure functions on plain data (NumPy arrays, numbers, tuples, lists, dicts); used both by the public
checks in the student's notebook and by the autograder, outside the student's process. Nothing here
knows a solution: it only compares values it is given.

Shapes of the rules:
- a tuple or list must have the same length, compared element by element;
- a dict must have every expected key; extra keys are an error unless the expected dict is a
  :class:`Subset` (for example a cache, of which only some entries are graded);
- an array must have the same shape; values agree when ``|got - expected| <= atol + rtol*|expected|``
  element-wise, where ``atol`` is relative to the largest expected entry (see :class:`Tolerance`);
  a NaN or inf where a finite value is expected is named as such;
- a number (Python or NumPy scalar, or a 0-d array) stands for a number: a float and a NumPy float
  are the same answer.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from course_lib.places import ItemLabel, Place, count_words, entry_words, number, shape_words
from course_lib.values import Opaque, TensorValue


class Subset(dict):
    """An expected dict of which only these keys are graded; the answer may hold more."""


@dataclass(frozen=True)
class Tolerance:
    """How close is equal, and why.

    Values agree when ``|got - expected| <= atol + atol_scale * max|expected| + rtol * |expected|``
    (``max|expected|`` is the largest expected entry of that array, or 1 when all are zero). The
    absolute part is relative to the array's scale, so it stays far below the quantity checked,
    however small, while allowing the rounding by which equivalent formulas differ near zero
    entries (cancellation can lift it well above 1e-16 of the largest entry).
    """

    rtol: float = 1e-7
    atol_scale: float = 1e-10
    atol: float = 0.0  # an absolute floor, only where the reason says why the scale is elsewhere
    reason: str = "float64 formulas that are equal in exact arithmetic differ only by rounding"
    #: when > 0, an array is compared as a sample of a distribution, within this many standard
    #: errors, not entry by entry (see :mod:`course_lib.distributions`)
    sample_sigmas: float = 0.0


@dataclass(frozen=True)
class Mismatch:
    """One difference between the answer and the expected value."""

    path: str  # where, e.g. "v_corrected['dW1']" or "output"
    kind: str  # "type", "shape", "keys", "length", "nonfinite", "value"
    message: str  # a sentence without the values (safe for hidden cases)
    detail: str = ""  # expected vs got, only shown for visible cases


def is_number(x) -> bool:
    """A real number as a value: Python/NumPy int or float (not bool), or a 0-d numeric array."""
    if isinstance(x, (bool, np.bool_)):
        return False
    if isinstance(x, numbers.Real):
        return True
    return isinstance(x, np.ndarray) and x.ndim == 0 and np.issubdtype(x.dtype, np.number)


def describe(x) -> str:
    """A short name for the kind of a value, as a student would say it."""
    if isinstance(x, TensorValue):
        return f"a tf.Tensor of shape {x.value.shape}"
    if isinstance(x, Opaque):
        return f"an object of type {x.type_name}"
    if isinstance(x, np.ndarray):
        if x.ndim == 0:
            return f"a NumPy {x.dtype} scalar"
        return f"an array of shape {x.shape}"
    if isinstance(x, (bool, np.bool_)):
        return f"the boolean {bool(x)}"
    if is_number(x):
        return f"the number {x!r}"
    if x is None:
        return "None"
    if isinstance(x, tuple):
        return f"a tuple of {len(x)} values"
    if isinstance(x, list):
        return f"a list of {len(x)} values"
    if isinstance(x, dict):
        return f"a dict with keys {sorted(map(str, x))}"
    return f"a {type(x).__name__}"


def format_value(x, limit: int = 400) -> str:
    """Print a value compactly for a message (arrays with a few significant digits, in lines
    short enough for the feedback's width)."""
    if isinstance(x, TensorValue):
        return f"tf.Tensor({format_value(x.value, limit)}, dtype={x.dtype})"
    if is_number(x) and not isinstance(x, np.ndarray):
        if isinstance(x, numbers.Integral):
            return str(int(x))
        text = f"{float(x):.8g}"
        return text if any(c in text for c in ".eni") else text + ".0"  # 1.0 stays a float
    if isinstance(x, np.ndarray) or is_number(x):
        text = np.array2string(
            np.asarray(x), precision=8, threshold=40, edgeitems=3, max_line_width=72
        )
    else:
        text = repr(x)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def compare(expected, got, tol: Tolerance = Tolerance(), path: str | Place = "output",
            items: ItemLabel | None = None) -> list[Mismatch]:
    """Every difference between ``got`` and ``expected`` (empty when they agree).

    ``path`` names the result in messages; ``items`` names the items of a result that is a list
    (``mini-batch 3 of 3``) and their parts."""
    place = path if isinstance(path, Place) else Place(path)
    if isinstance(expected, TensorValue):
        if not isinstance(got, TensorValue):
            return [
                Mismatch(place.path, "type", f"{place.words} should be a tf.Tensor; it is "
                         f"{describe(got)}. Keep the computation in TensorFlow (tf.* operations) "
                         "and return its result without converting it to NumPy.")
            ]
        return compare(expected.value, got.value, tol, place)
    if isinstance(expected, (tuple, list)):
        return _compare_sequence(expected, got, tol, place, items)
    if isinstance(expected, dict):
        return _compare_dict(expected, got, tol, place)
    if is_number(expected) and not isinstance(expected, np.ndarray):
        return _compare_number(expected, got, tol, place)
    if isinstance(expected, np.ndarray):
        return _compare_array(expected, got, tol, place)
    if expected is None or isinstance(expected, (str, bool, np.bool_)):
        if type(got) is type(expected) and got == expected:
            return []
        return [Mismatch(place.path, "value",
                         f"{place.words} should be {expected!r}; it is {describe(got)}.")]
    raise TypeError(f"cannot compare expected values of type {type(expected).__name__}")


def _compare_sequence(expected, got, tol, place: Place, items: ItemLabel | None = None):
    kind = "tuple" if isinstance(expected, tuple) else "list"
    if not isinstance(got, (tuple, list)):
        return [Mismatch(place.path, "type", f"{place.words} should be a {kind} of "
                         f"{len(expected)} values; it is {describe(got)}.")]
    if len(got) != len(expected):
        if items is not None:
            return [Mismatch(place.path, "length", f"{place.words} should hold "
                             f"{count_words(len(expected), items.noun, items.plural)}; "
                             f"it holds {len(got)}.")]
        return [Mismatch(place.path, "length", f"{place.words} should hold {len(expected)} "
                         f"values; it holds {len(got)}.")]
    out = []
    for i, (e, g) in enumerate(zip(expected, got)):
        if items is None:
            out += compare(e, g, tol, place.index(i))
            continue
        item = place.item(i, expected, items)
        if isinstance(e, tuple) and items.parts and isinstance(g, (tuple, list)) and \
                len(g) == len(e):
            for j, (ep, gp) in enumerate(zip(e, g)):
                out += compare(ep, gp, tol, item.part(j, items))
        else:
            out += compare(e, g, tol, item)
    return out


def _compare_dict(expected, got, tol, place: Place):
    if not isinstance(got, dict):
        return [Mismatch(place.path, "type", f"{place.words} should be a dict with the keys "
                         f"{sorted(expected)}; it is {describe(got)}.")]
    out = []
    missing = [k for k in expected if k not in got]
    if missing:
        out.append(Mismatch(place.path, "keys", f"{place.words} is missing the keys {missing}."))
    if not isinstance(expected, Subset):
        extra = [k for k in got if k not in expected]
        if extra:
            out.append(Mismatch(place.path, "keys", f"{place.words} has keys that do not belong "
                                f"there: {sorted(map(str, extra))}."))
    for key, e in expected.items():
        if key in got:
            out += compare(e, got[key], tol, place.key(key))
    return out


def _compare_number(expected, got, tol, place: Place):
    if isinstance(got, np.ndarray) and got.ndim > 0:
        return [Mismatch(place.path, "type", f"{place.words} should be a single number; it is "
                         f"{describe(got)}. Return a float (for example with float(...)).")]
    if not is_number(got):
        return [Mismatch(place.path, "type",
                         f"{place.words} should be a number; it is {describe(got)}.")]
    return _compare_array(np.asarray(expected, dtype=np.float64), np.asarray(got), tol, place)


def _compare_array(expected, got, tol, place: Place):
    where = place.words
    if is_number(got) and not isinstance(got, np.ndarray):
        got = np.asarray(got)
    if not isinstance(got, np.ndarray):
        return [Mismatch(place.path, "type", f"{where} should be an array of "
                         f"{shape_words(expected.shape)}; it is {describe(got)}.")]
    if got.shape != expected.shape:
        return [Mismatch(place.path, "shape", _shape_message(where, expected.shape, got.shape))]
    if not (np.issubdtype(got.dtype, np.number) or got.dtype == np.bool_):
        return [Mismatch(place.path, "type",
                         f"{where} should hold numbers; it holds values of type {got.dtype}.")]
    if got.dtype == expected.dtype and np.array_equal(got, expected):
        return []  # the common case, and the cheapest to decide
    e = expected.astype(np.float64)
    g = got.astype(np.float64)
    finite = np.isfinite(e)
    bad_nonfinite = finite & ~np.isfinite(g)
    if bad_nonfinite.any():
        return [Mismatch(place.path, "nonfinite", _nonfinite_message(where, g, bad_nonfinite),
                         detail=_detail(e, g))]
    if tol.sample_sigmas:
        problems = _sample_problems(e, g, tol.sample_sigmas)
        if problems is not None:
            return [Mismatch(place.path, "value", f"{where} is not distributed like the expected "
                             "sample: " + "; ".join(problems) + ".",
                             detail=_detail(e, g))] if problems else []
    # Where the expected value is itself inf or NaN, the answer must be the same.
    same_special = np.where(finite, True, (np.isnan(e) & np.isnan(g)) | (e == g))
    scale = float(np.max(np.abs(e[finite]), initial=0.0))
    atol = tol.atol + tol.atol_scale * (scale if scale > 0 else 1.0)
    with np.errstate(invalid="ignore", over="ignore"):
        close = np.where(finite, np.abs(g - e) <= atol + tol.rtol * np.abs(e), same_special)
    if close.all():
        return []
    bad = np.argwhere(~close)
    first = tuple(int(i) for i in bad[0])
    if not finite[first]:
        return [Mismatch(place.path, "value",
                         f"{where} differs where the expected value is itself inf or NaN: "
                         f"{len(bad)} of its {e.size} values differ, the first at "
                         f"{entry_words(first)}.", detail=_detail(e, g))]
    with np.errstate(invalid="ignore", over="ignore"):
        worst = float(np.max(np.abs(g - e)[finite]))
    if e.size == 1:
        if scale == 0:
            message = f"{where} differs from the expected value by {number(worst)}."
        else:
            message = (f"{where} differs from the expected value by {number(worst)}, which is "
                       f"{_percent(worst / scale)} of the expected value.")
        return [Mismatch(place.path, "value", message, detail=_detail(e, g))]
    if scale == 0:
        message = (f"{where} has {len(bad)} of {e.size} values that differ from the expected "
                   f"ones, the first at {entry_words(first)}. The largest difference is "
                   f"{number(worst)}, where every expected value is 0.")
    else:
        message = (f"{where} has {len(bad)} of {e.size} values that differ from the expected "
                   f"ones, the first at {entry_words(first)}. The largest difference is "
                   f"{number(worst)}, which is {_percent(worst / scale)} of the largest expected "
                   "value.")
    return [Mismatch(place.path, "value", message, detail=_detail(e, g))]


def _shape_message(where: str, expected: tuple, got: tuple) -> str:
    if len(got) == 2 and got == expected[::-1]:
        return (f"{where} has {shape_words(got)}; it should have {shape_words(expected)}. It is "
                "transposed: examples are columns, units are rows.")
    if math.prod(got) == math.prod(expected):
        return (f"{where} has {shape_words(got)}; it should have {shape_words(expected)}. It has "
                "the right number of values: check keepdims=True and the axis.")
    return f"{where} has {shape_words(got)}; it should have {shape_words(expected)}."


def _nonfinite_message(where: str, got, bad) -> str:
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    nan = bool(np.isnan(got[bad]).any())
    if got.size == 1:
        if nan:
            return f"{where} holds NaN where a finite value is expected (NaN: not a number)."
        return f"{where} holds inf where a finite value is expected (inf: infinity)."
    if nan:
        return (f"{where} holds NaN where a finite value is expected (NaN: not a number): "
                f"{int(bad.sum())} of its {got.size} values, the first at {entry_words(first)}.")
    return (f"{where} holds inf where a finite value is expected (inf: infinity): "
            f"{int(bad.sum())} of its {got.size} values, the first at {entry_words(first)}.")


def _percent(fraction: float) -> str:
    """``98%``, ``0.0012%``: a fraction as a percentage a learner reads at a glance."""
    percent = 100 * fraction
    return f"{percent:.0f}%" if percent >= 1 else f"{percent:.2g}%"


def _sample_problems(expected, got, sigmas):
    from course_lib.distributions import sample_differences

    return sample_differences(expected, got, sigmas)


def _detail(expected, got) -> str:
    """What was expected and what came back, each on its own lines."""
    return f"expected:\n{_indent(format_value(expected))}\nyours:\n{_indent(format_value(got))}"


def _indent(text: str) -> str:
    return "  " + text.replace("\n", "\n  ")


def compare_named(names, expected, got, tol: Tolerance = Tolerance(),
                  items: ItemLabel | None = None) -> list[Mismatch]:
    """Compare a whole output, naming it (one name) or the parts of a tuple (one name each) so
    that messages say ``v_corrected["dW1"]`` rather than ``output[4]["dW1"]``; ``items`` names
    the items of an output that is a list (see :class:`course_lib.places.ItemLabel`)."""
    names = tuple(names)
    if len(names) == 1:
        return compare(expected, got, tol, names[0], items)
    if names and isinstance(expected, tuple) and len(expected) == len(names):
        if not isinstance(got, tuple) or len(got) != len(names):
            return compare(expected, got, tol, "the result")
        return [m for name, e, g in zip(names, expected, got) for m in compare(e, g, tol, name)]
    return compare(expected, got, tol, "the result", items)


def agrees(expected, got, tol: Tolerance = Tolerance()) -> bool:
    """True when ``got`` has no mismatch with ``expected``."""
    return not compare(expected, got, tol)


def matches_mistake(cases) -> bool:
    """Whether answers are explained by a known mistake.

    ``cases`` holds ``(expected, mistake_output, got, tolerance)`` for every case the answer
    completed; ``mistake_output`` is None where the mistake raised. True when the answer agrees
    with the mistake on every case and at least one case tells the mistake from the expected.
    """
    telling = False
    for expected, produced, got, tol in cases:
        if produced is None or compare(produced, got, tol):
            return False
        telling = telling or bool(compare(expected, produced, tol))
    return telling


def structure_mismatches(expected, got, path: str = "output") -> list[Mismatch]:
    """Only the differences of type, length, keys and shape (values and NaN are not looked at)."""
    return [m for m in compare(expected, got, Tolerance(rtol=math.inf, atol_scale=math.inf), path)
            if m.kind in ("type", "shape", "keys", "length")]
