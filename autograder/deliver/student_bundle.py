"""What students receive, and nothing else: ``autograder release -a NAME -o DIR`` writes

- ``DIR/<NAME>.ipynb``: the release notebook (``assignments/release/<NAME>/``, made by nbgrader's
  generate_assignment: no solution, no hidden test);
- ``DIR/course_lib/``: the course's library with the public check data of this assignment only
  (visible cases, no reference code: the tests scan it);
- ``DIR/requirements.txt``: what the notebook and the parts of course_lib it uses import, with
  the kit's version bounds, plus JupyterLab to open it;
- ``DIR/INSTRUCTIONS.md``: how to work, how to submit, which file name to keep
  (:mod:`autograder.deliver.student_instructions`).

A student then needs neither this repository nor the kit: ``pip install -r requirements.txt``
and ``jupyter lab <NAME>.ipynb`` in that folder (course_lib is found beside the notebook).
"""

from __future__ import annotations

import ast
import importlib.metadata
import json
import shutil
import sys
from pathlib import Path

from autograder.course.expected import KIT_ROOT

COURSE_LIB = KIT_ROOT / "course_lib"
RELEASE_DIR = KIT_ROOT / "assignments" / "release"

#: import name -> the distribution pip installs for it (the TensorFlow is the CPU build)
DISTRIBUTIONS = {"numpy": "numpy", "matplotlib": "matplotlib", "sklearn": "scikit-learn",
                 "tqdm": "tqdm", "tensorflow": "tensorflow-cpu", "IPython": "ipython"}
#: to open and run the notebook
FRONT_END = ("jupyterlab", "ipykernel", "nbclient")


def _imports(source: str) -> set[str]:
    """Top-level names of the modules ``source`` imports (anywhere, lazily too)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            if node.module == "course_lib":
                names |= {f"course_lib.{a.name}" for a in node.names}
    return names


def notebook_code(path: Path) -> str:
    nb = json.loads(path.read_text())
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    return "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                     for c in cells)


def needed_modules(notebook: Path, uses_tensorflow: bool) -> set[str]:
    """Third-party top-level modules the notebook needs, following course_lib's imports.

    ``course_lib.tf`` (TensorFlow) counts only when the assignment uses TensorFlow or the
    notebook imports it: elsewhere course_lib imports it lazily, for TensorFlow cases only.
    """
    todo = _imports(notebook_code(notebook))
    seen, third_party = set(), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        if name.startswith("course_lib"):
            module = name.split(".")[1] if "." in name else "__init__"
            path = COURSE_LIB / f"{module}.py"
            if module == "tf" and not (uses_tensorflow or "course_lib.tf" in _imports(
                    notebook_code(notebook))):
                continue
            if path.exists():
                todo |= _imports(path.read_text()) - seen
            continue
        top = name.split(".")[0]
        if top not in sys.stdlib_module_names and top != "__future__":
            third_party.add(top)
    return third_party


def _kit_requirement(distribution: str) -> str:
    """The kit's own requirement for ``distribution`` (its version bound), from pyproject."""
    for req in importlib.metadata.requires("improving-dnn-kit") or []:
        spec = req.split(";")[0].strip()
        if spec.lower().startswith(distribution.lower()) and spec[len(distribution):][:1] in (
                "", ">", "<", "=", "!", "~", "["):
            return spec
    return distribution


def requirements(name: str) -> list[str]:
    """The lines of the release's requirements.txt."""
    from autograder.course.registry import get_assignment

    assignment = get_assignment(name)
    modules = needed_modules(release_dir() / name / f"{name}.ipynb", assignment.uses_tensorflow)
    unknown = modules - set(DISTRIBUTIONS)
    if unknown:
        raise ValueError(f"the release of {name} imports {sorted(unknown)}: add them to "
                         f"autograder.deliver.student_bundle.DISTRIBUTIONS")
    dists = sorted(DISTRIBUTIONS[m] for m in modules)
    return [_kit_requirement(d) for d in [*dists, *FRONT_END]]


def copy_course_lib(lib: Path, name: str) -> None:
    """Write the course's library into ``lib`` with the public check data of assignment
    ``name`` only (what a student's notebook imports beside it)."""
    shutil.copytree(COURSE_LIB, lib, ignore=lambda folder, names: [
        n for n in names if n in ("__pycache__", "public_cases") or n.endswith(".pyc")
        or n.startswith(".")])
    (lib / "public_cases").mkdir()
    shutil.copy(COURSE_LIB / "public_cases" / f"{name}.json", lib / "public_cases" / f"{name}.json")


def release_dir() -> Path:
    """Where nbgrader's release notebooks are: the term's course folder when one is being run
    (``--course``), else the kit's ``assignments/release``."""
    from autograder.course.course_file import active_course

    course = active_course()
    return course.path.parent / "release" if course else RELEASE_DIR


def build_release(name: str, out: str | Path) -> Path:
    """Write the student bundle of assignment ``name`` into the folder ``out``."""
    from autograder.course.registry import get_assignment
    from autograder.deliver.student_instructions import instructions

    assignment = get_assignment(name)
    notebook = release_dir() / name / f"{name}.ipynb"
    if not notebook.is_file():
        raise FileNotFoundError(f"{notebook} is missing: run nbgrader generate_assignment {name}")
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty: the bundle must hold nothing else")
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(notebook, out / notebook.name)
    copy_course_lib(out / "course_lib", name)
    (out / "requirements.txt").write_text("\n".join(requirements(name)) + "\n")
    (out / "INSTRUCTIONS.md").write_text(instructions(assignment))
    return out
