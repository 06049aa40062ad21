"""The authoring rules every exercise follows, checked without grading anything.

Until these were checked here, only failing tests revealed them. Two kinds:

- wiring (:func:`wiring_problems`, per assignment, no case is built): every declaration module
  imports and is registered in its package's ``__init__.py``, every registered exercise has one
  ``# %% exercise NAME`` line in the teaching text and no other cell defines it;
- declarations (:func:`exercise_problems`, per exercise): the reference, the cases (at least one
  fixed, ten random and one edge case, TensorFlow cases if and only if there is a counterpart, a
  note on each, only fixed cases visible, float64 inputs), the known mistakes (at least five, each
  with the reference's exact signature and defaults, reading only what a submission imports) and
  at least three correct alternatives in ``tests/autograder/alternatives/<assignment>.py``.

Each :class:`Problem` says what is wrong and how to fix it, in whole sentences.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import pkgutil
import re
import traceback
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from autograder.build.notebooks import CONTENT_DIR, parse_content
from autograder.course.expected import KIT_ROOT
from autograder.course.registry import ASSIGNMENT_MODULES, get_assignment
from autograder.course.sources import BEGIN, END, module_imports
from autograder.course.spec import Assignment, Exercise, resolve

ALTERNATIVES_DIR = KIT_ROOT / "tests" / "autograder" / "alternatives"
MIN_RANDOM, MIN_MISTAKES, MIN_ALTERNATIVES = 10, 5, 3


@dataclass(frozen=True)
class Problem:
    """One broken rule: where (``assignment`` and ``exercise``, empty for the whole assignment) and
    the message (what is wrong and the fix)."""

    assignment: str
    exercise: str
    message: str


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(KIT_ROOT))
    except ValueError:
        return str(path)


def _where(exc: BaseException) -> str:
    """``path:line`` of the kit's last frame in the exception's traceback."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if Path(f.filename).resolve().is_relative_to(KIT_ROOT)]
    if isinstance(exc, SyntaxError) and exc.filename:
        return f"{_relative(Path(exc.filename))}:{exc.lineno}"
    return f"{_relative(Path(frames[-1].filename))}:{frames[-1].lineno}" if frames else "an unknown place"


# ------------------------------------------------------------------------------------------------
# Wiring: modules, registration, teaching text
# ------------------------------------------------------------------------------------------------


def package_init(assignment: str) -> Path:
    spec = importlib.util.find_spec(ASSIGNMENT_MODULES[assignment])
    return Path(spec.origin)


def wiring_problems(name: str) -> list[Problem]:
    """Unregistered or broken declaration modules, and teaching text that does not match."""
    problems: list[Problem] = []
    init = _relative(package_init(name))
    try:
        assignment = get_assignment(name)
    except Exception as exc:  # noqa: BLE001 (any error in a declaration is the author's to read)
        return [Problem(name, "", f"The declarations of {name} do not import: "
                                  f"{type(exc).__name__}: {exc}, at {_where(exc)}. Fix it there, "
                                  "then run the command again.")]
    registered = {id(e) for e in assignment.exercises}
    package = importlib.import_module(ASSIGNMENT_MODULES[name])
    for info in pkgutil.iter_modules(getattr(package, "__path__", [])):
        module_name = f"{package.__name__}.{info.name}"
        try:
            module = importlib.import_module(module_name)
        except Exception as exc:  # noqa: BLE001
            problems.append(Problem(name, info.name, f"The declaration module {module_name} does "
                                    f"not import: {type(exc).__name__}: {exc}, at {_where(exc)}. "
                                    "Fix it, or delete the file if it is not an exercise."))
            continue
        exercise = getattr(module, "EXERCISE", None)
        if exercise is None:
            continue
        if id(exercise) not in registered:
            problems.append(Problem(name, exercise.name, f"The module {module_name} declares the "
                                    f"exercise {exercise.name}, but {init} does not register it. "
                                    f"Import the module there and add it to MODULES in teaching "
                                    "order."))
        if info.name != exercise.name:
            problems.append(Problem(name, exercise.name, f"The module {module_name} declares "
                                    f"{exercise.name}: name the module after its exercise, "
                                    f"{exercise.name}.py."))
    return problems + teaching_problems(assignment)


def teaching_problems(assignment: Assignment) -> list[Problem]:
    """The ``# %% exercise NAME`` lines of the teaching text against the registry."""
    name = assignment.name
    path = CONTENT_DIR / f"{name}.py"
    where = _relative(path)
    if not path.exists():
        return [Problem(name, "", f"The teaching text {where} is missing. Write it in the percent "
                                  "format, with one '# %% exercise NAME' line per exercise.")]
    try:
        cells = parse_content(path.read_text())
    except ValueError as exc:
        return [Problem(name, "", f"The teaching text {where} cannot be read: {exc}.")]
    lines = [d.split()[1] for d, _ in cells if d.split()[:1] == ["exercise"] and len(d.split()) == 2]
    problems = []
    known = {e.name for e in assignment.exercises}
    for exercise_name in sorted(set(lines) - known):
        problems.append(Problem(name, exercise_name, f"{where} has a '# %% exercise "
                                f"{exercise_name}' line, but {name} has no such exercise. Register "
                                f"its declaration module in {_relative(package_init(name))}, or "
                                "remove the line."))
    for exercise in assignment.exercises:
        count = lines.count(exercise.name)
        if count == 0:
            problems.append(Problem(name, exercise.name, f"{where} has no '# %% exercise "
                                    f"{exercise.name}' line. Add it where the exercise is taught: "
                                    "it generates the solution cell (the reference with its "
                                    "solution markers), the check cell and the hidden test cell "
                                    "worth the exercise's points."))
        elif count > 1:
            problems.append(Problem(name, exercise.name, f"{where} has {count} '# %% exercise "
                                    f"{exercise.name}' lines. Keep one: each generates the "
                                    "exercise's three cells."))
        definition = re.compile(rf"^\s*def\s+{re.escape(exercise.name)}\s*\(", re.MULTILINE)
        if any(definition.search(body) for directive, body in cells
               if directive != "[markdown]"):
            problems.append(Problem(name, exercise.name, f"A code cell of {where} defines "
                                    f"{exercise.name}. Remove that definition: the solution cell "
                                    f"comes from the reference in solutions/, through the "
                                    f"'# %% exercise {exercise.name}' line."))
    return problems


# ------------------------------------------------------------------------------------------------
# Declarations: reference, cases, mistakes, alternatives
# ------------------------------------------------------------------------------------------------


def _leaves(x):
    if isinstance(x, dict):
        x = list(x.values())
    if isinstance(x, (tuple, list)):
        for item in x:
            yield from _leaves(item)
    else:
        yield x


def reference_problems(assignment: Assignment, exercise: Exercise) -> list[str]:
    out = []
    try:
        reference = resolve(exercise.reference)
    except Exception as exc:  # noqa: BLE001
        return [f"The reference of {exercise.name} cannot be found ({exc}). Point reference= at "
                "the function in solutions/."]
    if reference.__name__ != exercise.name:
        out.append(f"The reference of {exercise.name} is the function {reference.__name__}. The "
                   "reference must have the exercise's name: the notebook's solution cell is its "
                   "source.")
    if reference.__module__ not in assignment.solution_modules:
        out.append(f"The reference of {exercise.name} is in {reference.__module__}, which is not "
                   f"among the assignment's solution modules {list(assignment.solution_modules)}. "
                   "Move it there, or add its module to solution_modules in the package's "
                   "__init__.py.")
    source = inspect.getsource(reference)
    if BEGIN not in source or END not in source:
        out.append(f"The reference of {exercise.name} has no '{BEGIN}' / '{END}' lines. Put them "
                   "around the part the student writes: the stub and the released notebook clear "
                   "what is between them.")
    if exercise.points <= 0:
        out.append(f"{exercise.name} is worth {exercise.points:g} points. Give it points > 0.")
    if not exercise.summary.strip():
        out.append(f"{exercise.name} has no summary. Write one line saying what the function does.")
    if exercise.tensorflow is not None and not isinstance(exercise.tensorflow, str):
        out.append(f"The counterpart of {exercise.name} is a function object. Name it by a "
                   "'module:name' string so that reading the declarations never imports TensorFlow.")
    return out


def case_problems(exercise: Exercise) -> list[str]:
    try:
        cases = list(exercise.cases())
    except Exception as exc:  # noqa: BLE001
        return [f"Building the cases of {exercise.name} fails ({type(exc).__name__}: {exc}). "
                "Fill in the case builder of its declaration module."]
    out = []
    counts = {g: sum(c.group == g for c in cases) for g in ("fixed", "random", "tensorflow", "edge")}
    if counts["fixed"] < 1:
        out.append(f"{exercise.name} has no fixed case. Add at least one Case(..., 'fixed', ...): "
                   "fixed cases are the visible ones the check cell shows with their numbers.")
    if counts["random"] < MIN_RANDOM:
        out.append(f"{exercise.name} has {counts['random']} random cases. Add at least "
                   f"{MIN_RANDOM}, each drawn from its own inputs.generator(seed).")
    if counts["edge"] < 1:
        out.append(f"{exercise.name} has no edge case. Add at least one Case(..., 'edge', ...) "
                   "where a typical mistake or a numerical trap shows.")
    if exercise.tensorflow is not None and counts["tensorflow"] == 0:
        out.append(f"{exercise.name} has a TensorFlow counterpart but no 'tensorflow' case. Add "
                   "cases in the group 'tensorflow', on inputs where the curriculum's mapping "
                   "holds.")
    if exercise.tensorflow is None and counts["tensorflow"]:
        out.append(f"{exercise.name} has 'tensorflow' cases but no counterpart. Declare "
                   "tensorflow='solutions.counterparts.<assignment>:<name>', or move the cases "
                   "to another group.")
    names = [c.name for c in cases]
    for duplicate in sorted({n for n in names if names.count(n) > 1}):
        out.append(f"{exercise.name} has several cases called {duplicate}. Give each case its "
                   "own name.")
    for case in cases:
        if not case.note:
            out.append(f"The case {case.name} of {exercise.name} has no note. Add note='...' "
                       "saying what the case is (feedback names hidden cases by their note).")
        if case.visible != (case.group == "fixed"):
            out.append(f"The case {case.name} of {exercise.name} is in the group {case.group} but "
                       f"visible={case.visible}. Only fixed cases are visible: remove the "
                       "visible= argument.")
        wrong = sorted({str(leaf.dtype) for leaf in _leaves((case.args, dict(case.kwargs)))
                        if isinstance(leaf, np.ndarray) and leaf.dtype != np.float64
                        and leaf.dtype.kind == "f"})
        if wrong:
            out.append(f"The case {case.name} of {exercise.name} has {', '.join(wrong)} arrays. "
                       "Make every floating-point input float64, as the grader compares in "
                       "float64.")
    return out


def _parameters(fn) -> list[tuple[str, object]]:
    return [(p.name, p.default) for p in inspect.signature(fn).parameters.values()]


def submission_names(assignment: Assignment) -> set[str]:
    """The global names a transplanted function may read: the names the solution modules import
    (a submission has their imports) and the assignment's exercises (a submission defines them)."""
    names = {e.name for e in assignment.exercises}
    for module in assignment.solution_modules:
        for node in ast.parse(module_imports(module)).body:
            for alias in node.names:
                names.add((alias.asname or alias.name).split(".")[0])
    return names


def transplant_problems(fn, what: str, allowed: set[str]) -> list[str]:
    """A function that is renamed and pasted into a submission: module-level, self-contained."""
    out = []
    if fn.__closure__:
        out.append(f"{what} ({fn.__name__}) uses a closure. Write it as a plain module-level def: "
                   "it is pasted into a submission.")
    read = sorted(set(inspect.getclosurevars(fn).globals) - allowed)
    if read:
        out.append(f"{what} ({fn.__name__}) reads {', '.join(read)}, which a submission does "
                   f"not have. Use only {', '.join(sorted(allowed))} (the imports of the "
                   "solution module) and define anything else inside the function.")
    return out


def mistake_problems(assignment: Assignment, exercise: Exercise) -> list[str]:
    out = []
    if len(exercise.mistakes) < MIN_MISTAKES:
        out.append(f"{exercise.name} declares {len(exercise.mistakes)} known mistakes. Declare at "
                   f"least {MIN_MISTAKES}, each a Mistake(name, message, mistake_function).")
    names = [m.name for m in exercise.mistakes]
    for duplicate in sorted({n for n in names if names.count(n) > 1}):
        out.append(f"{exercise.name} has several mistakes called {duplicate}. Give each its own "
                   "name.")
    try:
        signature = _parameters(resolve(exercise.reference))
    except Exception:  # noqa: BLE001 (reported by reference_problems)
        return out
    allowed = submission_names(assignment)
    for mistake in exercise.mistakes:
        what = f"The mistake {mistake.name} of {exercise.name}"
        if len(mistake.message) <= 30:
            out.append(f"{what} has a message of {len(mistake.message)} characters. Say what is "
                       "wrong and how to fix it, in whole sentences.")
        try:
            fn = resolve(mistake.implementation)
        except Exception as exc:  # noqa: BLE001
            out.append(f"{what} cannot be found ({exc}). Point it at a mistake_ function.")
            continue
        if not fn.__name__.startswith("mistake_"):
            out.append(f"{what} is the function {fn.__name__}. Name it mistake_<what it does>.")
        if _parameters(fn) != signature:
            out.append(f"{what} has the signature {inspect.signature(fn)}, the reference "
                       f"{inspect.signature(resolve(exercise.reference))}. Give it exactly the "
                       "reference's parameters and defaults: the grader calls it as a student's "
                       "function.")
        out += transplant_problems(fn, what, allowed)
    return out


def load_alternatives(assignment: str):
    """The module ``tests/autograder/alternatives/<assignment>.py``, or None when it is missing."""
    path = ALTERNATIVES_DIR / f"{assignment}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"alternatives_{assignment}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def alternatives_of(module, exercise: str) -> list:
    """The functions ``<exercise>__<variant>`` of an alternatives module."""
    prefix = exercise + "__"
    return [fn for name, fn in vars(module).items()
            if name.startswith(prefix) and inspect.isfunction(fn)
            and fn.__module__ == module.__name__]


def alternative_problems(assignment: Assignment, exercise: Exercise, module) -> list[str]:
    where = _relative(ALTERNATIVES_DIR / f"{assignment.name}.py")
    found = alternatives_of(module, exercise.name) if module is not None else []
    out = []
    if len(found) < MIN_ALTERNATIVES:
        out.append(f"{where} has {len(found)} correct alternatives of {exercise.name}. Write at "
                   f"least {MIN_ALTERNATIVES}, named {exercise.name}__<variant>, each written "
                   "differently from the reference; the tests prove each earns full marks.")
    try:
        signature = [name for name, _ in _parameters(resolve(exercise.reference))]
    except Exception:  # noqa: BLE001 (reported by reference_problems)
        return out
    allowed = submission_names(assignment) | {"math", "np"}
    for fn in found:
        what = f"The alternative {fn.__name__}"
        if "TODO" in inspect.getsource(fn):
            out.append(f"{what} in {where} still says TODO. Write a correct version, then delete "
                       "the marks.")
        if [name for name, _ in _parameters(fn)] != signature:
            out.append(f"{what} takes {inspect.signature(fn)}. Give it the reference's "
                       "parameters, in the same order.")
        out += transplant_problems(fn, what, allowed)
    return out


def _function_source_in_file(path: Path, function: str) -> str | None:
    """The source of a top-level ``def function`` read from ``path`` (nothing is imported)."""
    if not path.exists():
        return None
    text = path.read_text()
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return ast.get_source_segment(text, node)
    return None


def counterpart_source(exercise: Exercise) -> tuple[Path, str | None] | None:
    """Where the counterpart is and its source, read without importing TensorFlow."""
    if not isinstance(exercise.tensorflow, str):
        return None
    module, _, function = exercise.tensorflow.partition(":")
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        return KIT_ROOT / Path(*module.split(".")).with_suffix(".py"), None
    path = Path(spec.origin)
    return path, _function_source_in_file(path, function)


def todo_problems(assignment: Assignment, exercise: Exercise) -> list[str]:
    """Places the scaffold left to fill (they say TODO) and the counterpart that is missing."""
    out = []
    package = importlib.import_module(ASSIGNMENT_MODULES[assignment.name])
    for module in getattr(package, "MODULES", ()):
        if getattr(module, "EXERCISE", None) is exercise and "TODO" in inspect.getsource(module):
            out.append(f"The declaration {_relative(Path(module.__file__))} still says TODO. Fill "
                       "in every place marked TODO (cases, notes, mistakes, summary), then delete "
                       "the marks.")
    try:
        if "TODO" in inspect.getsource(resolve(exercise.reference)):
            out.append(f"The reference of {exercise.name} still says TODO. Write the solution and "
                       "its docstring, then delete the marks.")
    except Exception:  # noqa: BLE001 (reported by reference_problems)
        pass
    path = CONTENT_DIR / f"{assignment.name}.py"
    if path.exists():
        previous = ""
        for directive, body in parse_content(path.read_text()):
            if directive.split() == ["exercise", exercise.name] and "TODO" in previous:
                out.append(f"The text that introduces {exercise.name} in {_relative(path)} still "
                           "says TODO. Write what the student computes, with its formula, then "
                           "delete the marks.")
            if directive == "[markdown]":
                previous = body
    found = counterpart_source(exercise)
    if found is not None:
        where, source = found
        if source is None:
            out.append(f"The counterpart {exercise.tensorflow} of {exercise.name} is not in "
                       f"{_relative(where)}. Write it there, with the exercise's signature.")
        elif "TODO" in source:
            out.append(f"The counterpart of {exercise.name} in {_relative(where)} still says "
                       "TODO. Write it by the curriculum's mapping, then delete the marks.")
    return out


def exercise_problems(assignment: Assignment, exercise: Exercise, alternatives=None) -> list[Problem]:
    """Every rule one declared exercise breaks (``alternatives``: its loaded module, if any)."""
    messages = (todo_problems(assignment, exercise) + reference_problems(assignment, exercise)
                + case_problems(exercise)
                + mistake_problems(assignment, exercise)
                + alternative_problems(assignment, exercise, alternatives))
    return [Problem(assignment.name, exercise.name, m) for m in messages]


def alternative_failures(name: str) -> list[Problem]:
    """The alternatives that do not earn full marks, run in this process on every case.

    As the grader compares a student's output: normalised through the codec, against the expected
    value of the case (the reference's, or the counterpart's on ``tensorflow`` cases), with the
    exercise's tolerance for the case. The alternatives are the kit's own code, so no sandbox.
    """
    from autograder.course.expected import expected_table, normalise, run_case
    from course_lib.compare import compare

    assignment = get_assignment(name)
    module = load_alternatives(name)
    if module is None:
        return []
    table = expected_table(assignment)
    out = []
    for exercise in assignment.exercises:
        for fn in alternatives_of(module, exercise.name):
            for record in table.records[exercise.name]:
                try:
                    with np.errstate(all="ignore"):
                        got = normalise(run_case(fn, record.case, record.inputs))
                except Exception as exc:  # noqa: BLE001 (an alternative that raises is wrong)
                    wrong = f"raises {type(exc).__name__}: {exc}"
                else:
                    mismatches = compare(record.expected, got, exercise.tolerance_for(record.case))
                    wrong = "; ".join(m.message for m in mismatches[:3])
                if wrong:
                    out.append(Problem(name, exercise.name, f"The alternative {fn.__name__} is "
                                       f"wrong on the case {record.case.label} ({wrong}). Fix it: "
                                       "an alternative must earn full marks, or it proves "
                                       "nothing about the cases."))
                    break
    return out


def assignment_problems(name: str, only: str | None = None) -> list[Problem]:
    """Wiring, then every exercise of ``name`` (or only the exercise ``only``)."""
    problems = wiring_problems(name)
    if any(not p.exercise for p in problems):
        return problems
    assignment = get_assignment(name)
    alternatives = load_alternatives(name)
    for exercise in assignment.exercises:
        if only is None or exercise.name == only:
            problems += exercise_problems(assignment, exercise, alternatives)
    return [p for p in problems if only is None or p.exercise in ("", only)]
