"""Expected outputs: computed once per version of the kit, never per student.

For every case of every exercise the table holds the pickled inputs, the expected output (from the
reference, or from the TensorFlow counterpart for the ``tensorflow`` group) and every known
mistake's output, all normalised the way a student's output is (encoded and decoded) and reduced
to the graded view. The table is cached on disk under a key made of the sources it depends on and
the versions of NumPy and TensorFlow, so TensorFlow is imported only when the cache is cold.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import importlib.metadata
import inspect
import io
import json
import os
import pickle
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from autograder.course.spec import Assignment, Case, Exercise, resolve
from course_lib.codec import decode, encode
from course_lib.compare import format_value
from course_lib.values import materialize

KIT_ROOT = Path(__file__).resolve().parents[2]
CACHE_FORMAT = 3


@dataclass
class CaseRecord:
    case: Case
    inputs: bytes  # pickle of (args, kwargs)
    expected: object
    mistakes: dict[str, object] = field(default_factory=dict)  # None where the mistake raised
    shown_inputs: str = ""  # the inputs as feedback may show them (visible cases only)
    #: for a backward with ``cache_from`` and a case with ``forward``: the forward call's pickled
    #: inputs and the graded view of the reference forward's output on them
    forward_inputs: bytes | None = None
    forward_expected: object = None


@dataclass
class ExpectedTable:
    assignment: str
    version: str
    records: dict[str, list[CaseRecord]]


def default_cache_dir() -> Path:
    env = os.environ.get("AUTOGRADER_CACHE_DIR")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "improving-dnn-kit"


def _package_version(*names: str) -> str:
    for name in names:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "absent"


def version_key(assignment: Assignment) -> str:
    """A hash of everything the expected values depend on."""
    h = hashlib.sha256(f"format {CACHE_FORMAT}".encode())
    folders = [KIT_ROOT / "solutions", KIT_ROOT / "autograder" / "course" / "exercises",
               KIT_ROOT / "autograder" / "engine" / "sandbox", KIT_ROOT / "course_lib"]
    files = sorted(p for folder in folders for p in folder.rglob("*.py"))
    files.append(KIT_ROOT / "autograder" / "course" / "spec.py")
    for path in files:
        h.update(str(path.relative_to(KIT_ROOT)).encode())
        h.update(path.read_bytes())
    h.update(assignment.name.encode())
    # a term's course file may grade fewer of the assignment's exercises (a table per selection)
    h.update(",".join(e.name for e in assignment.exercises).encode())
    h.update(np.__version__.encode())
    h.update(_package_version("tensorflow-cpu", "tensorflow").encode())
    return h.hexdigest()[:20]


def normalise(output):
    """An output as the grader sees a student's: through the same encoding."""
    return decode(json.loads(json.dumps(encode(output))))


def run_case(fn, case: Case, inputs: bytes):
    """Call ``fn`` on fresh copies of the case's inputs, as the sandbox does.

    What ``fn`` prints is dropped: the grader's stdout may be a channel (the nbgrader hidden
    tests' grader process talks JSON on it), and a reference or mistake with ``print_msg=True``
    must not write into it.
    """
    args, kwargs = materialize(pickle.loads(inputs))
    if case.rng_seed is not None:
        np.random.seed(case.rng_seed)
    with contextlib.redirect_stdout(io.StringIO()):
        return fn(*args, **kwargs)


def describe_inputs(fn, case: Case) -> str:
    """``name = value`` for each of the case's arguments, named after ``fn``'s parameters, and
    for each parameter the case leaves to its default (the default's value, said so)."""
    try:
        bound = inspect.signature(fn).bind(*case.args, **case.kwargs)
        given = dict(bound.arguments)
        bound.apply_defaults()
        items = [(name, value, name not in given) for name, value in bound.arguments.items()]
    except (TypeError, ValueError):
        items = [(f"argument {i + 1}", a, False) for i, a in enumerate(case.args)]
        items += [(name, value, False) for name, value in case.kwargs.items()]
    lines = []
    for name, value, default in items:
        if isinstance(value, dict) and value:  # a dict of arrays: one entry per line
            lines += [_input_line(f'{name}["{key}"]' if isinstance(key, str) else
                                  f"{name}[{key!r}]", entry, False)
                      for key, entry in value.items()]
        else:
            lines.append(_input_line(str(name), value, default))
    return "\n".join(lines)


def _input_line(name: str, value, default: bool) -> str:
    # continuation lines of a printed array line up under its first line
    shown = format_value(value, 600).replace("\n", "\n" + " " * (len(name) + 3))
    return f"{name} = {shown} (the default)" if default else f"{name} = {shown}"


def _records(exercise: Exercise, assignment: Assignment | None = None) -> list[CaseRecord]:
    reference = resolve(exercise.reference)
    forward = None
    if exercise.cache_from is not None and assignment is not None:
        forward = assignment.exercise(exercise.cache_from.exercise)
    counterpart = resolve(exercise.tensorflow) if exercise.tensorflow else None
    mistakes = {m.name: resolve(m.implementation) for m in exercise.mistakes}
    records = []
    for case in exercise.cases():
        inputs = pickle.dumps((copy.deepcopy(case.args), dict(case.kwargs)))
        source = counterpart if case.group == "tensorflow" else reference
        if source is None:
            raise ValueError(f"{exercise.name}: case {case.name!r} is in the tensorflow group "
                             "but the exercise has no TensorFlow counterpart")
        try:
            expected = exercise.view(normalise(run_case(source, case, inputs)))
        except Exception as exc:
            which = "counterpart" if source is counterpart else "reference"
            raise RuntimeError(f"{exercise.name}: the {which} fails on case {case.name!r}: "
                               f"{exc!r}") from exc
        record = CaseRecord(case, inputs, expected,
                            shown_inputs=describe_inputs(reference, case) if case.visible else "")
        for name, fn in mistakes.items():
            try:
                record.mistakes[name] = exercise.view(normalise(run_case(fn, case, inputs)))
            except Exception:
                record.mistakes[name] = None
        if forward is not None and case.forward is not None:
            args, kwargs = case.forward
            record.forward_inputs = pickle.dumps((copy.deepcopy(args), dict(kwargs)))
            record.forward_expected = forward.view(normalise(run_case(
                resolve(forward.reference), case, record.forward_inputs)))
        records.append(record)
    return records


def compute_expected(assignment: Assignment) -> ExpectedTable:
    """Run the references, counterparts and mistakes on every case (no cache)."""
    state = np.random.get_state()
    try:
        # mistakes overflow and divide by zero on purpose; their warnings are noise here
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            records = {e.name: _records(e, assignment) for e in assignment.exercises}
    finally:
        np.random.set_state(state)
    return ExpectedTable(assignment.name, version_key(assignment), records)


def expected_table(assignment: Assignment, cache_dir: Path | None = None,
                   use_cache: bool = True) -> ExpectedTable:
    """The expected table, from the cache when it matches this version of the kit."""
    key = version_key(assignment)
    path = (cache_dir or default_cache_dir()) / f"expected-{assignment.name}-{key}.pickle"
    if use_cache and path.exists():
        try:
            with open(path, "rb") as f:
                table = pickle.load(f)
            if isinstance(table, ExpectedTable) and table.version == key:
                return table
        except Exception:
            pass  # a damaged cache file is recomputed
    table = compute_expected(assignment)
    if use_cache:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".expected-")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(table, f)
            os.chmod(tmp, 0o600)
            os.replace(tmp, path)
        except OSError:
            pass  # an unwritable cache only costs time
    return table
