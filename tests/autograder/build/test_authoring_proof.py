"""The proof of the authoring tools: a new exercise added to a scratch copy of the kit.

The copy holds only what the kit's commands read (``autograder``, ``solutions``, ``course_lib``,
``assignments``, ``examples``, the alternatives of the tests). In it, as an instructor would:
``autograder new-exercise`` writes every part, the parts marked TODO are filled in (the reference,
the cases, the mistakes, the teaching text, the alternatives), ``autograder regenerate`` rewrites
the generated files, and ``autograder validate`` passes; no other file of the kit was edited.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.course.expected import KIT_ROOT

pytestmark = pytest.mark.slow

ASSIGNMENT = "hyperparameter_tuning"
NAME = "best_trial"
COPIED = ("autograder", "solutions", "course_lib", "assignments", "examples",
          "tests/autograder/alternatives")
GENERATED = (f"assignments/source/{ASSIGNMENT}/", f"assignments/release/{ASSIGNMENT}/",
             f"course_lib/public_cases/{ASSIGNMENT}.json", f"examples/{ASSIGNMENT}/")


def copy_kit(root: Path) -> Path:
    for part in COPIED:
        shutil.copytree(KIT_ROOT / part, root / part,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "gradebook.db"))
    return root


def kit_command(root: Path, cache: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m autograder ARGS`` run on the scratch kit (it comes first on the path)."""
    env = {**os.environ, "PYTHONPATH": str(root), "AUTOGRADER_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "autograder", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)


def fill(path: Path, replacements: dict[str, str]) -> None:
    """Replace each placeholder the scaffold wrote (it must be there) by the instructor's text."""
    text = path.read_text()
    for old, new in replacements.items():
        assert old in text, f"{path.name} has no {old!r}"
        text = text.replace(old, new)
    path.write_text(text)


def changed_files(root: Path) -> set[str]:
    """Files of the scratch kit that differ from the kit's, or are new (relative paths)."""
    out = set()
    for part in COPIED:
        for path in (root / part).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                relative = path.relative_to(root)
                original = KIT_ROOT / relative
                if not original.exists() or not filecmp.cmp(path, original, shallow=False):
                    out.add(str(relative))
    return out


REFERENCE = '''def best_trial(values, scores):
    """The value of the trial with the highest score (of tied trials, the earliest).

    Arguments:
    values -- array of shape (n,): the hyperparameter value of each trial, n >= 1
    scores -- array of shape (n,): the score of each trial (higher is better)

    Returns:
    value -- Python float, the value of the best trial
    """
    ### BEGIN SOLUTION
    best = int(np.argmax(scores))
    value = float(values[best])
    ### END SOLUTION
    return value
'''
TEMPLATE_REFERENCE_START = "def best_trial(values, scores):\n    \"\"\"TODO"

DECLARATION = {
    '"""``best_trial``: TODO one line saying what the exercise asks.':
        '"""``best_trial``: the value of the best trial of a search.',
    '    raise NotImplementedError("TODO: draw the inputs of best_trial")':
        "    n = int(rng.integers(2, 20))\n"
        "    values = 10 ** rng.uniform(-4, 0, n)\n"
        "    scores = np.round(rng.uniform(0.5, 1.0, n), 2)\n"
        "    scores[int(rng.integers(0, n))] = 1.0  # one clear winner\n"
        "    return values, scores",
    '"TODO_fixed"': '"small_search"',
    'note="TODO: what this visible case shows (feedback shows its numbers)"':
        'note="a few trials, one best score"',
    'note="TODO: what varies (sizes, magnitudes)"': 'note="2 to 19 trials"',
    'Case("TODO_edge", "edge", visible=True,\n                      args=_random_args(inputs.generator(':
        'Case("tie_for_best", "edge", visible=True,\n                      args=_tied(inputs.generator(',
    'note="TODO: where a typical mistake or a numerical trap shows"':
        'note="two trials tie for the best score: the earlier one is kept"',
    'def mistake_TODO(values, scores):\n    raise NotImplementedError('
    '"TODO: a typical wrong version of best_trial")':
        "def mistake_argmin(values, scores):\n    return float(values[int(np.argmin(scores))])\n\n\n"
        "def mistake_returns_score(values, scores):\n    return float(np.max(scores))\n\n\n"
        "def mistake_returns_index(values, scores):\n    return float(np.argmax(scores))\n\n\n"
        "def mistake_largest_value(values, scores):\n    return float(np.max(values))\n\n\n"
        "def mistake_last_of_ties(values, scores):\n"
        "    return float(values[len(scores) - 1 - int(np.argmax(scores[::-1]))])\n\n\n"
        "def _tied(rng):\n    values, scores = _random_args(rng)\n"
        "    scores[-1] = 1.0  # ties with the winner, later\n    return values, scores",
    'summary="TODO: one line with the formula",':
        'summary="values[argmax(scores)]: the value of the best trial, the earliest of ties.",',
    '        Mistake("TODO",\n                "TODO: what is wrong and how to fix it, in whole '
    'sentences.",\n                mistake_TODO),':
        '        Mistake("argmin", "You return the value of the worst trial. Take the trial '
        'with the highest score: np.argmax(scores).", mistake_argmin),\n'
        '        Mistake("returns_score", "You return the best score, not the value of the best '
        'trial. Index values with the best trial: values[np.argmax(scores)].", '
        "mistake_returns_score),\n"
        '        Mistake("returns_index", "You return the index of the best trial. Return its '
        'value: values[np.argmax(scores)].", mistake_returns_index),\n'
        '        Mistake("largest_value", "You return the largest value, whatever its score. '
        'Return the value of the trial with the highest score.", mistake_largest_value),\n'
        '        Mistake("last_of_ties", "Of tied trials you keep the last one. Keep the '
        'earliest, as np.argmax does.", mistake_last_of_ties),',
}

TEACHING = {
    "# ## TODO: the title of best_trial": "# ## The best trial",
    "# TODO: what the student computes, with its formula in LaTeX ($...$), the shapes of the "
    "inputs\n# and the outputs.": "# Return the value of the trial with the highest score, "
    "$v_{\\arg\\max_i s_i}$: the earliest\n# of tied trials.",
}

ALTERNATIVES = {
    'def best_trial__TODO_first(values, scores):\n    raise NotImplementedError("TODO: a correct '
    'best_trial, written differently from the reference")':
        "def best_trial__loop(values, scores):\n    best = 0\n    for i in range(len(scores)):\n"
        "        if scores[i] > scores[best]:\n            best = i\n    return float(values[best])",
    'def best_trial__TODO_second(values, scores):\n    raise NotImplementedError("TODO: a correct '
    'best_trial, written differently from the reference")':
        "def best_trial__first_of_max(values, scores):\n"
        "    return float(values[np.flatnonzero(scores == np.max(scores))[0]])",
    'def best_trial__TODO_third(values, scores):\n    raise NotImplementedError("TODO: a correct '
    'best_trial, written differently from the reference")':
        "def best_trial__stable_sort(values, scores):\n"
        "    return float(values[np.argsort(-scores, kind='stable')[0]])",
}


def fill_reference(path: Path) -> None:
    text = path.read_text()
    start = text.index(TEMPLATE_REFERENCE_START)
    end = text.index("### END SOLUTION\n", start) + len("### END SOLUTION\n")
    path.write_text(text[:start] + REFERENCE + text[end:])


def test_a_new_exercise_from_the_scaffold_to_validate_touches_only_its_own_parts(tmp_path):
    root, cache = copy_kit(tmp_path / "kit"), tmp_path / "cache"

    done = kit_command(root, cache, "new-exercise", NAME, "-a", ASSIGNMENT,
                       "--signature", "values, scores", "--points", "5")
    assert done.returncode == 0, done.stdout + done.stderr
    scaffolded = changed_files(root)
    hand_written = {"solutions/hyperparameter_tuning.py",
                    f"autograder/course/exercises/{ASSIGNMENT}/{NAME}.py",
                    f"assignments/content/{ASSIGNMENT}.py",
                    f"tests/autograder/alternatives/{ASSIGNMENT}.py"}
    assert scaffolded == hand_written | {f"autograder/course/exercises/{ASSIGNMENT}/__init__.py"}

    # before it is filled in, the rules say what is left, each with its fix; nothing crashes
    todo = kit_command(root, cache, "check-exercise", NAME)
    assert todo.returncode == 1, todo.stdout + todo.stderr
    assert "still says TODO" in todo.stdout and "Traceback" not in todo.stderr, todo.stderr
    early = kit_command(root, cache, "regenerate", "-a", ASSIGNMENT)
    assert early.returncode == 1 and "Traceback" not in early.stderr, early.stderr
    assert (f"The public check data of {ASSIGNMENT} cannot be computed (NotImplementedError: "
            "TODO: draw the inputs of best_trial).") in early.stdout, early.stdout
    assert changed_files(root) == scaffolded, "nothing is written until every file can be made"

    fill_reference(root / "solutions" / "hyperparameter_tuning.py")
    fill(root / "autograder" / "course" / "exercises" / ASSIGNMENT / f"{NAME}.py", DECLARATION)
    fill(root / "assignments" / "content" / f"{ASSIGNMENT}.py", TEACHING)
    fill(root / "tests" / "autograder" / "alternatives" / f"{ASSIGNMENT}.py", ALTERNATIVES)

    rules = kit_command(root, cache, "check-exercise", NAME)
    assert rules.returncode == 0, rules.stdout + rules.stderr

    stale = kit_command(root, cache, "regenerate", "-a", ASSIGNMENT, "--check")
    assert stale.returncode == 1 and "is out of date" in stale.stdout, stale.stdout + stale.stderr

    regenerated = kit_command(root, cache, "regenerate", "-a", ASSIGNMENT)
    assert regenerated.returncode == 0, regenerated.stdout + regenerated.stderr
    validated = kit_command(root, cache, "validate", "-a", ASSIGNMENT)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "every check passed" in validated.stdout
    for mistake in ("argmin", "returns_score", "returns_index", "largest_value", "last_of_ties"):
        assert f"{ASSIGNMENT}.{NAME}: mistake '{mistake}'" in validated.stdout

    edited = changed_files(root) - scaffolded
    assert all(path.startswith(GENERATED) for path in edited), sorted(edited)
    assert {p for p in changed_files(root) if not p.startswith(GENERATED)} == scaffolded
    release = (root / "assignments" / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
    assert "def best_trial(values, scores)" in release
    assert "best = int(np.argmax(scores))" not in release  # the solution is cleared


def test_an_unregistered_module_and_a_teaching_line_without_exercise_are_named_with_the_fix(
        tmp_path):
    root, cache = copy_kit(tmp_path / "kit"), tmp_path / "cache"
    package = root / "autograder" / "course" / "exercises" / ASSIGNMENT
    source = (package / "zoom_range.py").read_text()
    (package / "zoom_copy.py").write_text(source.replace('name="zoom_range"', 'name="zoom_copy"'))
    content = root / "assignments" / "content" / f"{ASSIGNMENT}.py"
    content.write_text(content.read_text() + "\n# %% exercise zoom_copy\n")

    done = kit_command(root, cache, "regenerate", "-a", ASSIGNMENT)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert (f"The module autograder.course.exercises.{ASSIGNMENT}.zoom_copy declares the exercise "
            f"zoom_copy, but autograder/course/exercises/{ASSIGNMENT}/__init__.py does not "
            "register it.") in done.stdout, done.stdout
    assert "'# %% exercise zoom_copy' line, but hyperparameter_tuning has no such exercise" in \
        done.stdout, done.stdout
    assert not changed_files(root) - {f"autograder/course/exercises/{ASSIGNMENT}/zoom_copy.py",
                                      f"assignments/content/{ASSIGNMENT}.py"}, "nothing written"


def test_like_copies_every_part_renamed_in_place_with_todo_marks(tmp_path):
    root, cache = copy_kit(tmp_path / "kit"), tmp_path / "cache"
    like, name = "update_parameters_with_rmsprop", "update_parameters_with_adagrad"
    done = kit_command(root, cache, "new-exercise", name, "-a", "optimization_methods",
                       "--like", like)
    assert done.returncode == 0, done.stdout + done.stderr
    assert changed_files(root) == {
        "solutions/optimization_methods.py", "solutions/counterparts/optimization_methods.py",
        f"autograder/course/exercises/optimization_methods/{name}.py",
        "autograder/course/exercises/optimization_methods/__init__.py",
        "assignments/content/optimization_methods.py",
        "tests/autograder/alternatives/optimization_methods.py"}
    init = (root / "autograder/course/exercises/optimization_methods/__init__.py").read_text()
    assert f"    {like},\n    {name},\n    initialize_adam,\n" in init  # taught right after it
    content = (root / "assignments/content/optimization_methods.py").read_text()
    assert content.index(f"# %% exercise {like}\n") < content.index(f"# %% exercise {name}\n") \
        < content.index("# %% exercise initialize_adam\n")
    alternatives = (root / "tests/autograder/alternatives/optimization_methods.py").read_text()
    assert alternatives.count(f"def {name}__") == alternatives.count(f"def {like}__") >= 3

    todo = kit_command(root, cache, "check-exercise", name)
    assert todo.returncode == 1, todo.stdout + todo.stderr
    for part in ("The declaration", "The reference of", "The text that introduces",
                 "The counterpart of", "The alternative"):
        assert any(line.startswith(f"FAIL  {part}") and "still says TODO" in line
                   for line in todo.stdout.splitlines()), (part, todo.stdout)
    untouched = kit_command(root, cache, "check-exercise", like)
    assert untouched.returncode == 0, untouched.stdout
