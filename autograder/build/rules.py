"""The authoring rules every exercise follows, checked without grading anything.

Until these were checked here, only failing tests revealed them. First the wiring
(:mod:`autograder.build.wiring`: modules registered, teaching text matching the registry), then
the declarations (:func:`exercise_problems`, per exercise): the reference, the cases (at least
one fixed, ten random and one edge case, TensorFlow cases if and only if there is a counterpart, a
note on each, fixed cases visible, random and TensorFlow ones hidden, float64 inputs), the known
mistakes (at least five, each with the reference's exact signature and defaults, reading only what
a submission imports), at least three correct alternatives in
``tests/autograder/alternatives/<assignment>.py``, and no ``TODO`` left by ``autograder
new-exercise``.

Each :class:`Problem` says what is wrong and how to fix it, in whole sentences.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
from pathlib import Path

import numpy as np

from autograder.build.alternatives import ALTERNATIVES_DIR, alternatives_of, load_alternatives
from autograder.build.notebooks import CONTENT_DIR, parse_content
from autograder.build.wiring import Problem, _relative, wiring_problems
from autograder.course.expected import KIT_ROOT
from autograder.course.registry import ASSIGNMENT_MODULES, declared_assignment
from autograder.course.sources import BEGIN, END, module_imports
from autograder.course.spec import Assignment, Exercise, resolve

MIN_RANDOM, MIN_MISTAKES, MIN_ALTERNATIVES = 10, 5, 3


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
        # an edge case may be shown: the check cell shows one (validate's check-cell rule)
        if case.group != "edge" and case.visible != (case.group == "fixed"):
            out.append(f"The case {case.name} of {exercise.name} is in the group {case.group} but "
                       f"visible={case.visible}. Fixed cases are visible and {case.group} cases "
                       "hidden: remove the visible= argument (only an edge case may set it, "
                       "visible=True, to show it in the check cell).")
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


def assignment_problems(name: str, only: str | None = None) -> list[Problem]:
    """Wiring, then every exercise of ``name`` (or only the exercise ``only``)."""
    problems = wiring_problems(name)
    if any(not p.exercise for p in problems):
        return problems
    assignment = declared_assignment(name)
    alternatives = load_alternatives(name)
    for exercise in assignment.exercises:
        if only is None or exercise.name == only:
            problems += exercise_problems(assignment, exercise, alternatives)
    return [p for p in problems if only is None or p.exercise in ("", only)]

