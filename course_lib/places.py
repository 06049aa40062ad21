"""Where in a result a difference is, and the size of things, said as a learner would say it.

A :class:`Place` is a part of a function's result with two names: its Python path
(``v["dW1"]``, ``the result[2][0]``) and its name in words (``v["dW1"]``,
``X of mini-batch 3 of 3 (the tail)``). The words differ from the path only where the exercise
declares what the items of its result are (an :class:`ItemLabel`: a list of mini-batches, each a
tuple ``(X, Y)``).

These are noun phrases, which the messages of :mod:`course_lib.compare` put in whole sentences.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ItemLabel:
    """What the items of a result that is a list are called, for messages.

    ``noun``/``plural`` name one item and several ("mini-batch", "mini-batches"); ``parts``
    names the parts of an item that is a tuple (("X", "Y")); ``last`` is what the last item is
    called when its shape differs from the first one's ("the tail": a smaller last batch).
    """

    noun: str
    plural: str
    parts: tuple[str, ...] = ()
    last: str = ""


@dataclass(frozen=True)
class Place:
    """A part of a result: its Python ``path`` and the ``words`` that name it in a message."""

    path: str
    words: str = ""

    def __post_init__(self):
        if not self.words:
            object.__setattr__(self, "words", self.path)

    def key(self, key) -> Place:
        """The entry ``key`` of a dict at this place."""
        step = f'["{key}"]' if isinstance(key, str) else f"[{key!r}]"
        return Place(self.path + step, self.words + step if self.words == self.path else
                     f"{step} of {self.words}")

    def index(self, i: int) -> Place:
        """Element ``i`` of a tuple or list at this place."""
        step = f"[{i}]"
        return Place(self.path + step, self.words + step if self.words == self.path else
                     f"{step} of {self.words}")

    def item(self, i: int, expected: list, label: ItemLabel) -> Place:
        """Item ``i`` of a list whose items ``label`` names (counted from 1 in words)."""
        count = len(expected)
        if label.last and i == count - 1 and count > 1 and _shapes(expected[i]) != _shapes(
                expected[0]):
            words = f"{label.noun} {i + 1} of {count} ({label.last})"
        else:
            words = f"{label.noun} {i + 1} of {count}"
        return Place(f"{self.path}[{i}]", words)

    def part(self, j: int, label: ItemLabel) -> Place:
        """Part ``j`` of an item named by ``label`` (``X of mini-batch 3 of 3``)."""
        if j < len(label.parts):
            return Place(f"{self.path}[{j}]", f"{label.parts[j]} of {self.words}")
        return self.index(j)


def _shapes(value):
    if isinstance(value, (tuple, list)):
        return tuple(_shapes(v) for v in value)
    return getattr(value, "shape", None)


def count_words(n: int, one: str, many: str) -> str:
    """``1 column``, ``2 columns``."""
    return f"{n} {one if n == 1 else many}"


def shape_words(shape: tuple) -> str:
    """A shape as a learner says it: ``2 rows and 1 column``, ``5 values``, ``shape (2, 3, 4)``."""
    if len(shape) == 2:
        return (f"{count_words(shape[0], 'row', 'rows')} and "
                f"{count_words(shape[1], 'column', 'columns')}")
    if len(shape) == 1:
        return count_words(shape[0], "value", "values")
    return f"shape {tuple(shape)}"


def entry_words(index: tuple) -> str:
    """Where an entry of an array is: ``[1, 0] (row 2, column 1)``; the words count from 1."""
    python = "[" + ", ".join(str(i) for i in index) + "]"
    if len(index) == 2:
        return f"{python} (row {index[0] + 1}, column {index[1] + 1})"
    if len(index) == 1:
        return f"{python} (value {index[0] + 1})"
    return python


def number(x: float) -> str:
    """A difference or a size with three significant digits: 0.175, 2e-05, 1."""
    return f"{x:.3g}"
