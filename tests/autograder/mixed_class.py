"""A class of mixed submissions, for the Dask tests and the scale benchmark.

Made from the single source of truth: correct, untouched stub and "typical mistakes" examples of
every assignment (modules and notebooks, as ``autograder.build.examples`` makes them), the reference
with one exercise replaced by one of its known mistakes, and a few hostile submissions of
``tests/hostile/corpus.py`` (fast ones: each costs at most a crash and a restart, not a time
limit, unless ``hanging`` is set). Every file differs from the others (a comment or a metadata
field names the student), so that no two share a hash.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from functools import cache
from pathlib import Path

from autograder.build.examples import example_modules, example_notebooks
from autograder.course.expected import KIT_ROOT, default_cache_dir
from autograder.course.registry import get_assignment
from autograder.course.sources import solution_module, strip_markers
from autograder.course.spec import resolve

#: hostile cases that end quickly (crash, exit, cheat, read what is hidden, broken files)
FAST_HOSTILE = ("recursion", "segfault", "sys_exit_in_function", "os_exit_at_import",
                "fake_score_print", "patch_numpy", "ndarray_eq_true", "read_solutions_file",
                "nan_output", "fake_events", "kill_parent", "invalid_json", "png_as_ipynb",
                "syntax_error", "non_utf8", "garbage_cells")
#: hostile cases that use up the per-item time limit
HANGING_HOSTILE = ("infinite_loop",)


@cache
def templates(assignment_name: str) -> dict[str, str]:
    """Template name -> content: the examples, and one module per (exercise, first mistake)."""
    assignment = get_assignment(assignment_name)
    files = {**example_modules(assignment), **example_notebooks(assignment)}
    for exercise in assignment.exercises:
        if exercise.mistakes:
            mistake = exercise.mistakes[0]
            files[f"mistake_{exercise.name}.py"] = strip_markers(solution_module(
                assignment, replace={exercise.name: resolve(mistake.implementation)}))
    return files


@cache
def hostile(names: tuple[str, ...]) -> dict[str, str | bytes]:
    """File name -> content of these cases of the hostile corpus (those this user can grade)."""
    sys.path.insert(0, str(KIT_ROOT / "tests" / "hostile"))
    try:
        from corpus import by_name, render
    finally:
        sys.path.pop(0)
    root = os.geteuid() == 0
    marks = tempfile.mkdtemp(prefix="hostile-marks-")
    env = {"KIT_ROOT": str(KIT_ROOT), "CACHE": str(default_cache_dir()), "MARKS": marks,
           "LOCK": marks, "HOME": str(Path.home()), "SITE": marks, "PORT": "9",
           "TOKEN": "hscale"}
    cases = [by_name(n) for n in names]
    return {c.filename: render(c, env) for c in cases if root or not c.needs_root}


def _personal(name: str, content: str | bytes, student: int) -> str | bytes:
    """The template made unique to one student without changing what it does."""
    if isinstance(content, bytes) or not content.strip():
        return content
    if name.endswith(".ipynb"):
        try:
            nb = json.loads(content)
        except ValueError:
            return content
        if isinstance(nb, dict) and isinstance(nb.get("metadata"), dict):
            nb["metadata"]["student"] = student
            return json.dumps(nb, indent=1)
        return content
    return content + f"\n# student {student}\n"


def write_class(folder: Path, n: int, assignment_name: str, *, hostile_every: int = 20,
                hanging: bool = False, start: int = 0) -> list[Path]:
    """Write ``n`` submissions of one assignment into ``folder/student<k>/``; their paths.

    Every ``hostile_every``-th is hostile (optimization_methods only: the corpus is written for
    it); the others go through the templates in turn, so each kind recurs evenly.
    """
    files = templates(assignment_name)
    names = sorted(files)
    bad = {}
    if assignment_name == "optimization_methods" and hostile_every:
        bad = hostile(FAST_HOSTILE + (HANGING_HOSTILE if hanging else ()))
    bad_names = sorted(bad)
    written = []
    for k in range(start, start + n):
        if bad and k % hostile_every == hostile_every - 1:
            name = bad_names[(k // hostile_every) % len(bad_names)]
            content = bad[name]
        else:
            name = names[k % len(names)]
            content = files[name]
        path = folder / f"student{k:05d}" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        content = _personal(name, content, k)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
        written.append(path)
    return written
