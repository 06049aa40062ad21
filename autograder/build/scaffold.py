"""``autograder new-exercise``: every part of a new exercise, with its markers, and its registration.

For an exercise NAME of the assignment A it writes (see ``docs/AUTHORING.md``):

- the reference ``def NAME`` in ``solutions/A.py``, with ``### BEGIN SOLUTION`` / ``### END
  SOLUTION`` around the student's part;
- the declaration ``autograder/course/exercises/A/NAME.py`` exporting ``EXERCISE``: a builder of
  inputs from which the fixed, ten random and edge cases are made, and a mistake to fill;
- the teaching text: a markdown cell and the ``# %% exercise NAME`` line in
  ``assignments/content/A.py``;
- three correct alternatives to fill in ``tests/autograder/alternatives/A.py``;
- with ``tensorflow``, the counterpart ``def NAME`` in ``solutions/counterparts/A.py`` and
  ``tensorflow`` cases;

and registers the module in ``autograder/course/exercises/A/__init__.py`` (its import and its
place in ``MODULES``). With ``like=EXISTING`` each part starts as a copy of that exercise's, renamed.
Every place left to fill says ``TODO``; :mod:`autograder.build.rules` reports each ``TODO`` left,
so ``autograder validate`` fails until the exercise is complete.
"""

from __future__ import annotations

import ast
import inspect
import keyword
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from autograder.build import alternatives, wiring
from autograder.build.notebooks import CONTENT_DIR
from autograder.course.expected import KIT_ROOT
from autograder.course.registry import ASSIGNMENT_MODULES, declared_assignment
from autograder.course.sources import function_source, renamed_source
from autograder.course.spec import Exercise, resolve

COUNTERPARTS_DIR = KIT_ROOT / "solutions" / "counterparts"


class ScaffoldError(ValueError):
    """The exercise cannot be added as asked; the message says why."""


@dataclass(frozen=True)
class Plan:
    name: str
    assignment: str
    signature: str  # the parameters, as written between the parentheses of the def
    points: float
    like: Exercise | None
    after: str | None  # the exercise the new one follows in teaching order (None: at the end)
    tensorflow: bool
    optional: bool = False  # an optional extra: off in the default course, on in a term's file


def _module_path(module: str) -> Path:
    return KIT_ROOT / Path(*module.split(".")).with_suffix(".py")


def _replace_name(text: str, old: str, new: str) -> str:
    return re.sub(rf"\b{re.escape(old)}\b", new, text)


def _signature_text(fn) -> str:
    """``fn``'s parameters as in its def line (``parameters, grads, learning_rate=0.01``)."""
    return str(inspect.signature(fn))[1:-1]


def _insert_after_function(path: Path, function: str | None, text: str) -> None:
    """Insert ``text`` after the top-level ``def function`` of ``path`` (or at the end)."""
    source = path.read_text()
    lines = source.splitlines(keepends=True)
    end = len(lines)
    if function is not None:
        for node in ast.parse(source).body:
            if isinstance(node, ast.FunctionDef) and node.name == function:
                end = node.end_lineno
    head = "".join(lines[:end]).rstrip("\n") + "\n"
    tail = "".join(lines[end:]).lstrip("\n")
    path.write_text(head + "\n\n" + text.strip("\n") + "\n" + ("\n\n" + tail if tail else ""))


# ------------------------------------------------------------------------------------------------
# The parts
# ------------------------------------------------------------------------------------------------


def reference_text(plan: Plan) -> str:
    if plan.like is not None:
        copy = _replace_name(function_source(resolve(plan.like.reference)), plan.like.name,
                             plan.name)
        return copy.replace('"""', f'"""TODO: adapt this copy of {plan.like.name}.\n\n    ', 1)
    return f'''def {plan.name}({plan.signature}):
    """TODO: one line saying what {plan.name} computes.

    Arguments:
    TODO -- each argument, with its shape

    Returns:
    TODO -- what it returns, with its shape
    """
    ### BEGIN SOLUTION
    raise NotImplementedError("TODO: write the reference solution of {plan.name}")
    ### END SOLUTION
'''


def counterpart_text(plan: Plan) -> str:
    if plan.like is not None and isinstance(plan.like.tensorflow, str):
        module, _, function = plan.like.tensorflow.partition(":")
        tree = ast.parse(_module_path(module).read_text())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name == function:
                source = ast.get_source_segment(_module_path(module).read_text(), node)
                copy = _replace_name(source, plan.like.name, plan.name)
                return copy.replace('"""', '"""TODO: adapt this copy of the counterpart of '
                                    f'{plan.like.name}.\n\n    ', 1) + "\n"
    return f'''def {plan.name}({plan.signature}):
    """{plan.name} with TensorFlow, by the curriculum's mapping: TODO (which Keras or tf function,
    and how its arguments and results map onto the exercise's)."""
    raise NotImplementedError("TODO: write the TensorFlow counterpart of {plan.name}")
'''


def declaration_text(plan: Plan) -> str:
    if plan.like is not None:
        module = _declaring_module(plan.assignment, plan.like)
        text = _replace_name(Path(inspect.getfile(module)).read_text(), plan.like.name, plan.name)
        text = re.sub(r'^"""', f'"""TODO: adapt this copy of the declaration of {plan.like.name}.\n\n',
                      text, count=1)
        if plan.points != plan.like.points:
            text = re.sub(r"(\n    points=)[^,\n]+,", rf"\g<1>{plan.points:g},", text, count=1)
        if plan.optional and "\n    optional=True," not in text:
            text = re.sub(r"(\n    points=[^,\n]+,)", r"\g<1>\n    optional=True,", text, count=1)
        return text
    seed = zlib.crc32(plan.name.encode()) % 9000 * 100 + 100000
    params = [p.strip() for p in plan.signature.split(",") if p.strip()]
    mistake_signature = plan.signature
    tf_import = f'\nTF = "solutions.counterparts.{plan.assignment}:"\n' if plan.tensorflow else ""
    tf_cases = f'''
    for i in range(3):
        rng = inputs.generator({seed + 50} + i)
        cases.append(Case(f"tensorflow_{{i}}", "tensorflow", args=_random_args(rng),
                          note="TODO: inputs where the counterpart's mapping holds"))''' \
        if plan.tensorflow else ""
    tf_field = f'\n    tensorflow=TF + "{plan.name}",' if plan.tensorflow else ""
    optional_field = "\n    optional=True," if plan.optional else ""
    return f'''"""``{plan.name}``: TODO one line saying what the exercise asks.

Reference: ``solutions/{plan.assignment}.py`` (``def {plan.name}``); teaching text:
``assignments/content/{plan.assignment}.py`` (``# %% exercise {plan.name}``); TensorFlow counterpart,
if any: ``solutions/counterparts/{plan.assignment}.py``. The ``mistake_*`` functions are
self-contained (only ``math`` and ``np``): the tests and the diagnosis transplant their source into
a submission under the exercise's name. Rules and fields: ``docs/AUTHORING.md``.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises import inputs
from autograder.course.spec import Case, Exercise, Mistake
from solutions import {plan.assignment} as sol
{tf_import}

def _random_args(rng: np.random.Generator) -> tuple:
    """The positional arguments of one call, drawn from ``rng``: float64 arrays, sizes that vary.

    Parameters of the reference: {", ".join(params)}.
    """
    raise NotImplementedError("TODO: draw the inputs of {plan.name}")


def _cases() -> list[Case]:
    cases = [
        Case("TODO_fixed", "fixed", args=_random_args(inputs.generator({seed})),
             note="TODO: what this visible case shows (feedback shows its numbers)"),
    ]
    for i in range(10):
        rng = inputs.generator({seed + 1} + i)
        cases.append(Case(f"random_{{i}}", "random", args=_random_args(rng),
                          note="TODO: what varies (sizes, magnitudes)")){tf_cases}
    # shown in the check cell (validate's check-cell rule): small inputs where a mistake shows
    cases.append(Case("TODO_edge", "edge", args=_random_args(inputs.generator({seed + 99})),
                      note="TODO: where a typical mistake or a numerical trap shows",
                      visible=True))
    return cases


def mistake_TODO({mistake_signature}):
    raise NotImplementedError("TODO: a typical wrong version of {plan.name}")


EXERCISE = Exercise(
    name="{plan.name}",
    points={plan.points:g},{optional_field}
    reference=sol.{plan.name},
    cases=_cases,
    summary="TODO: one line with the formula",{tf_field}
    mistakes=(
        Mistake("TODO",
                "TODO: what is wrong and how to fix it, in whole sentences.",
                mistake_TODO),
    ),
)
'''


def teaching_text(plan: Plan) -> str:
    like = f" (as for {plan.like.name})" if plan.like is not None else ""
    # an optional extra's text appears only in a term that has it (its demonstrations too:
    # '# %% demo if NAME')
    condition = f" if {plan.name}" if plan.optional else ""
    return f'''# %% [markdown]{condition}
# ## TODO: the title of {plan.name}{like}
#
# TODO: what the student computes, with its formula in LaTeX ($...$), the shapes of the inputs
# and the outputs. The line below generates the solution cell (the reference with its solution
# cleared), the check cell and the hidden test cell.

# %% exercise {plan.name}
'''


def alternatives_text(plan: Plan, module) -> str:
    header = f"# --- {plan.name} " + "-" * max(3, 95 - len(plan.name)) + "\n"
    if plan.like is not None and module is not None:
        copies = [_replace_name(renamed_source(fn, plan.name + fn.__name__[len(plan.like.name):]),
                                plan.like.name, plan.name)
                  for fn in alternatives.alternatives_of(module, plan.like.name)]
        if copies:
            return header + "\n\n" + "\n\n".join(_marked(c, plan.like.name) for c in copies)
    stubs = [f'''def {plan.name}__{variant}({plan.signature}):
    raise NotImplementedError("TODO: a correct {plan.name}, written differently from the reference")
''' for variant in ("TODO_first", "TODO_second", "TODO_third")]
    return header + "\n\n" + "\n\n".join(stubs)


# ------------------------------------------------------------------------------------------------
# Placing them
# ------------------------------------------------------------------------------------------------


def _marked(function: str, like: str) -> str:
    """A copied function with a TODO comment as the first line of its body."""
    lines = function.splitlines(keepends=True)
    first = ast.parse(function).body[0].body[0].lineno - 1
    indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
    return "".join(lines[:first] + [f"{indent}# TODO: adapt this copy of an alternative of "
                                    f"{like}\n"] + lines[first:])


def _declaring_module(assignment: str, exercise: Exercise):
    package = __import__(ASSIGNMENT_MODULES[assignment], fromlist=["MODULES"])
    for module in getattr(package, "MODULES", ()):
        if module.EXERCISE is exercise:
            return module
    raise ScaffoldError(f"{exercise.name} has no module of its own in {package.__name__}. "
                        "Choose another exercise to copy with --like.")


def insert_teaching(path: Path, text: str, after: str | None) -> None:
    """Put ``text`` after the cells of the exercise ``after`` (up to the next markdown cell
    that follows its ``# %% exercise`` line), or at the end of the teaching text."""
    lines = path.read_text().splitlines(keepends=True)
    at = len(lines)
    if after is not None:
        start = next((i for i, line in enumerate(lines)
                      if re.match(rf"^# %%\s*exercise\s+{re.escape(after)}\s*$", line)), None)
        if start is not None:
            at = next((i for i in range(start + 1, len(lines))
                       if lines[i].startswith("# %% [markdown]")), len(lines))
    head = "".join(lines[:at]).rstrip("\n") + "\n\n"
    tail = "".join(lines[at:])
    path.write_text(head + text.rstrip("\n") + "\n" + ("\n" + tail if tail else ""))


def register(init: Path, package: str, name: str, after: str | None) -> None:
    """Import the module ``name`` in the package's ``__init__.py`` and put it in ``MODULES``."""
    source = init.read_text()
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    edits: list[tuple[int, int, str]] = []  # (first line index, end line index, new text)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == package:
            names = sorted({a.name for a in node.names} | {name})
            text = f"from {package} import (\n" + "".join(f"    {n},\n" for n in names) + ")\n"
            edits.append((node.lineno - 1, node.end_lineno, text))
        elif (isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple)
              and any(isinstance(t, ast.Name) and t.id == "MODULES" for t in node.targets)):
            order = [e.id for e in node.value.elts]
            order.insert(order.index(after) + 1 if after in order else len(order), name)
            text = "MODULES = (\n" + "".join(f"    {n},\n" for n in order) + ")\n"
            edits.append((node.lineno - 1, node.end_lineno, text))
    if len(edits) != 2:
        raise ScaffoldError(f"{init} has no 'from {package} import (...)' and 'MODULES = (...)' "
                            "to register the module in. Write both, as the other assignments' "
                            "__init__.py do.")
    for first, end, text in sorted(edits, reverse=True):
        lines[first:end] = [text]
    init.write_text("".join(lines))


def plan_exercise(name: str, assignment: str, like: str | None = None, after: str | None = None,
                  signature: str | None = None, points: float | None = None,
                  tensorflow: bool = False, optional: bool = False) -> Plan:
    """Check the request against the kit and settle every choice (nothing is written)."""
    if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_"):
        raise ScaffoldError(f"{name!r} is not a function name. Use lower_case_with_underscores.")
    declared = declared_assignment(assignment)
    if name in {e.name for e in declared.exercises}:
        raise ScaffoldError(f"{assignment} already has an exercise called {name}.")
    if (KIT_ROOT / "autograder" / "course" / "exercises" / assignment / f"{name}.py").exists():
        raise ScaffoldError(f"The declaration module of {name} exists already. Delete it, or "
                            "choose another name.")
    like_exercise = None
    if like is not None:
        like_exercise = next((e for e in declared.exercises if e.name == like), None)
        if like_exercise is None:
            raise ScaffoldError(f"{assignment} has no exercise {like} to copy. Choose one of "
                                f"{', '.join(e.name for e in declared.exercises)}.")
    after = after or like
    if after is not None and after not in {e.name for e in declared.exercises}:
        raise ScaffoldError(f"{assignment} has no exercise {after} to follow. Choose one of "
                            f"{', '.join(e.name for e in declared.exercises)}.")
    if signature is None:
        signature = _signature_text(resolve(like_exercise.reference)) if like_exercise else "x"
    if like_exercise is not None:
        tensorflow = like_exercise.tensorflow is not None
    if points is None:
        points = like_exercise.points if like_exercise is not None else 10
    if points <= 0:
        raise ScaffoldError(f"An exercise is worth points > 0; {points:g} was asked.")
    return Plan(name, assignment, signature, points, like_exercise, after, tensorflow, optional)


def write_exercise(plan: Plan) -> list[Path]:
    """Write every part of the planned exercise and register it; return the files touched."""
    assignment = declared_assignment(plan.assignment)
    solutions = _module_path(assignment.solution_modules[0])
    after_reference = plan.like.name if plan.like else None
    alternatives_module = alternatives.load_alternatives(plan.assignment)
    parts = {
        "declaration": KIT_ROOT / "autograder" / "course" / "exercises" / plan.assignment
        / f"{plan.name}.py",
        "reference": solutions,
        "teaching": CONTENT_DIR / f"{plan.assignment}.py",
        "alternatives": alternatives.ALTERNATIVES_DIR / f"{plan.assignment}.py",
        "registration": wiring.package_init(plan.assignment),
    }
    texts = {"declaration": declaration_text(plan), "reference": reference_text(plan),
             "teaching": teaching_text(plan),
             "alternatives": alternatives_text(plan, alternatives_module)}
    if plan.tensorflow:
        parts["counterpart"] = COUNTERPARTS_DIR / f"{plan.assignment}.py"
        texts["counterpart"] = counterpart_text(plan)
    # everything is computed before the first write, so a failure leaves the kit as it was
    parts["declaration"].write_text(texts["declaration"])
    _insert_after_function(solutions, after_reference, texts["reference"])
    insert_teaching(parts["teaching"], texts["teaching"], plan.after)
    if not parts["alternatives"].exists():
        parts["alternatives"].write_text(f'"""Correct implementations of the ``{plan.assignment}`` '
                                         'exercises, written differently."""\n\n'
                                         "import math\n\nimport numpy as np\n")
    _insert_after_function(parts["alternatives"], None, texts["alternatives"])
    if plan.tensorflow:
        if not parts["counterpart"].exists():
            parts["counterpart"].write_text(f'"""TensorFlow counterparts of the exercises of '
                                            f'``{plan.assignment}``."""\n\nimport numpy as np\n\n'
                                            "from course_lib.tf import tf\n")
        like_tf = plan.like.tensorflow.partition(":")[2] if plan.like and plan.like.tensorflow \
            else None
        _insert_after_function(parts["counterpart"], like_tf, texts["counterpart"])
    register(parts["registration"], ASSIGNMENT_MODULES[plan.assignment], plan.name, plan.after)
    return list(parts.values())
