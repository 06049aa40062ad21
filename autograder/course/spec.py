"""How an exercise is declared: once, with everything the kit derives from it.

An :class:`Exercise` names the function the student writes, its points, the reference, the cases it
is graded on, how outputs are compared (with the tolerance and its reason), its TensorFlow
counterpart and the known mistakes. Notebooks, the CLI, nbgrader cells, reports and CI all read
these declarations; nothing else lists exercises.

Cases belong to check groups; the points of an exercise are split between the groups it has (see
:mod:`autograder.engine.scoring`). The ``shapes`` group has no cases of its own: it passes when every case
returns the right types and shapes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from course_lib.compare import Tolerance
from course_lib.places import ItemLabel

#: Check groups in report order, with their display names.
GROUPS: dict[str, str] = {
    "shapes": "returns the right types and shapes",
    "fixed": "fixed cases",
    "random": "random cases",
    "tensorflow": "agrees with TensorFlow",
    "edge": "edge and stability cases",
}

CASE_GROUPS = ("fixed", "random", "tensorflow", "edge")

#: A function, or ``"module:name"`` to import it only when needed (keeps TensorFlow out of
#: processes that only read cached expected values).
FunctionRef = Callable | str


def resolve(ref: FunctionRef) -> Callable:
    """The function a :data:`FunctionRef` names."""
    if callable(ref):
        return ref
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class Case:
    """One call of the student's function.

    ``args``/``kwargs`` are the inputs (each call gets fresh copies). ``rng_seed``, when set, seeds
    the global NumPy stream right before the call (for exercises whose result depends on it).
    Cases in the ``fixed`` group are visible by default: feedback may show their inputs and the
    expected values. Other cases are hidden: feedback names them and says what is wrong, not the
    numbers.
    """

    name: str
    group: str
    args: tuple = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    visible: bool | None = None
    rng_seed: int | None = None
    note: str = ""
    #: for an exercise with ``cache_from``: the (args, kwargs) of the forward call whose cache is
    #: this case's cache argument (the args hold the reference's cache, made from these inputs)
    forward: tuple[tuple, Mapping[str, Any]] | None = None

    def __post_init__(self):
        if self.group not in CASE_GROUPS:
            raise ValueError(f"case {self.name!r}: unknown group {self.group!r}")
        if self.visible is None:
            object.__setattr__(self, "visible", self.group == "fixed")

    @property
    def label(self) -> str:
        return f"{self.name} ({self.note})" if self.note else self.name


@dataclass(frozen=True)
class Mistake:
    """A typical wrong variant: an implementation with the exercise's signature, and what to say.

    ``message`` speaks to the student ("your Adam update ignores bias correction ...") and says
    what to fix. A student's output is diagnosed as this mistake when it agrees with this
    implementation on every case the student's function completed, and at least one of those
    cases tells the mistake apart from the reference; both comparisons use the exercise's
    tolerance for the case (``Exercise.tolerance_for``) on the graded view of the outputs.
    """

    name: str
    message: str
    implementation: FunctionRef


@dataclass(frozen=True)
class CacheFrom:
    """A backward exercise's cache argument comes from a forward exercise of the same assignment.

    A student may keep more (or other) entries in their cache than the reference does; their
    backward is then graded on the cache their own forward returns for ``Case.forward``, when that
    forward is right, and on the reference's cache otherwise.

    ``exercise`` is the forward's name, ``argument`` the position of the cache among this
    exercise's positional arguments, ``part`` the index of the cache in the forward's output
    tuple (``None`` when the output is the cache itself).
    """

    exercise: str
    argument: int
    part: int | None = None


@dataclass(frozen=True)
class Exercise:
    """One graded function.

    ``returns`` names the parts of a tuple result, for messages ("v_corrected["dW1"] is wrong");
    ``items`` names the items of a result that is a list ("X of mini-batch 3 of 3 (the tail)").
    ``expected_view`` turns a reference (or counterpart, or mistake) output into what is graded,
    e.g. only ``mu`` and ``var`` of a cache; the student's output is compared with that view.
    ``uses_tensorflow`` marks exercises where the student writes TensorFlow code, so the student's
    process imports TensorFlow. ``needs`` lists other exercises of the assignment that this one
    calls (the student's own versions are used). ``cache_from`` says where a backward's cache
    argument comes from (see :class:`CacheFrom`).
    """

    name: str
    points: float
    reference: FunctionRef
    cases: Callable[[], Sequence[Case]]
    summary: str
    tolerance: Tolerance = Tolerance()
    tensorflow: FunctionRef | None = None
    tensorflow_tolerance: Tolerance | None = None
    mistakes: Sequence[Mistake] = ()
    returns: tuple[str, ...] = ()
    items: ItemLabel | None = None
    expected_view: Callable[[Any], Any] | None = None
    uses_tensorflow: bool = False
    needs: tuple[str, ...] = ()
    cache_from: CacheFrom | None = None
    #: an extra beyond the Coursera course's own set: off (``false``) in the default course file
    #: (``autograder.course.course_file``), graded in a term whose course file gives it points
    optional: bool = False

    def view(self, output):
        """The graded part of an output of the reference, the counterpart or a mistake."""
        return self.expected_view(output) if self.expected_view else output

    def tolerance_for(self, case: Case) -> Tolerance:
        if case.group == "tensorflow" and self.tensorflow_tolerance is not None:
            return self.tensorflow_tolerance
        return self.tolerance


@dataclass(frozen=True)
class Assignment:
    """A notebook's worth of exercises, in the order the notebook teaches them."""

    name: str
    title: str
    exercises: tuple[Exercise, ...]
    #: modules whose source holds the reference functions (the notebook and stubs come from them)
    solution_modules: tuple[str, ...] = ()
    #: exercises of the notebook that a term's course file makes ``"given"``: shown as worked
    #: code, not graded; the graded ones that call them (``needs``, ``cache_from``) still can
    given: tuple[Exercise, ...] = ()

    @property
    def max_score(self) -> float:
        return sum(e.points for e in self.exercises)

    @property
    def uses_tensorflow(self) -> bool:
        return any(e.uses_tensorflow for e in self.exercises)

    def exercise(self, name: str) -> Exercise:
        for e in (*self.exercises, *self.given):
            if e.name == name:
                return e
        raise KeyError(f"assignment {self.name!r} has no exercise {name!r}; "
                       f"it has {[e.name for e in self.exercises]}")
