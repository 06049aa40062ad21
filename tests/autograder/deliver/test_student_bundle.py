"""The student bundle: exactly what students receive, runnable without the kit, with no solution.

The slow tests install the bundle's requirements.txt in a fresh virtual environment made by the
base Python (not the kit's venv; pip's cache is warm), then run the notebook top to bottom there.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder.cli import main as cli
from autograder.course.registry import assignment_names, get_assignment
from autograder.deliver.student_bundle import RELEASE_DIR, build_release, notebook_code, requirements

TESTS = Path(__file__).resolve().parents[2]
NAME = "optimization_methods"  # the assignment whose release needs the fewest packages


def _module(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: the scans of what students receive, reused on the bundle
materials = _module(TESTS / "assignments" / "test_student_materials.py")


def bundle_material(folder: Path, name: str) -> tuple[dict, dict]:
    """(statements of code, prose) of every file of the bundle."""
    code, prose = {}, {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        where = str(path.relative_to(folder))
        if path.suffix == ".ipynb":
            nb = json.loads(path.read_text())
            for i, cell in enumerate(nb["cells"]):
                text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                if cell["cell_type"] == "code":
                    code[f"{where} cell {i}"] = materials.statements(text)
                else:
                    prose[f"{where} cell {i}"] = text
        elif path.suffix == ".py":
            code[where] = materials.statements(path.read_text())
        else:
            prose[where] = path.read_text()
    return code, prose


@pytest.fixture(scope="module", params=assignment_names())
def release(request, tmp_path_factory):
    name = request.param
    folder = tmp_path_factory.mktemp(f"release-{name}") / "bundle"
    assert cli(["release", "-a", name, "-o", str(folder)]) == 0  # the README's command
    return name, folder


def test_a_release_into_a_folder_that_holds_something_is_refused(tmp_path, capsys):
    (tmp_path / "old.txt").write_text("from last year")
    assert cli(["release", "-a", NAME, "-o", str(tmp_path)]) == 2
    assert "is not empty" in capsys.readouterr().err


def test_the_bundle_holds_the_notebook_course_lib_and_requirements_only(release):
    name, folder = release
    files = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
    assert f"{name}.ipynb" in files and "requirements.txt" in files
    assert {f for f in files if not f.startswith("course_lib/")} == {
        f"{name}.ipynb", "requirements.txt", "INSTRUCTIONS.md"}
    assert {f for f in files if "public_cases" in f} == {f"course_lib/public_cases/{name}.json"}
    assert not [f for f in files if "__pycache__" in f or f.endswith(".pyc")]
    assert "course_lib/checks.py" in files


def test_the_instructions_say_how_to_work_submit_and_which_file_to_keep(release):
    name, folder = release
    text = (folder / "INSTRUCTIONS.md").read_text()
    assignment = get_assignment(name)
    assert text.startswith(f"# {assignment.title}: how to work and how to submit")
    assert f"Submit the notebook as `{name}.ipynb`" in text and "Do not rename it" in text
    assert f"upload `{name}.ipynb` alone" in text and "Assignments tab" in text
    assert "pip install -r requirements.txt" in text and "# YOUR CODE HERE" in text
    assert f"worth {assignment.max_score:g} points" in text
    assert not [other for other in assignment_names() if other != name and other in text]


def test_the_bundle_holds_no_solution_and_no_hidden_test(release):
    name, folder = release
    blocks = materials.solution_blocks(name)
    code, prose = bundle_material(folder, name)
    assert all(blocks) and sum(map(len, blocks)) >= 6 and len(code) > 5  # as test_student_materials
    assert not materials.leaks(blocks, code, prose)
    for path in folder.rglob("*"):
        if path.is_file():
            text = path.read_text()
            assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text, path
            assert not re.search(r"hidden_tests|\bautograder\.\w", text), path


def test_course_lib_in_the_bundle_never_imports_the_kit(release):
    _, folder = release
    for path in (folder / "course_lib").rglob("*.py"):
        assert not re.search(r"^\s*(from|import)\s+(solutions|autograder)\b", path.read_text(),
                             re.M), path


def test_the_scan_finds_a_planted_solution(release, tmp_path):
    name, folder = release
    blocks = materials.solution_blocks(name)
    planted = tmp_path / "planted"
    planted.mkdir()
    (planted / "helper.py").write_text("def f():\n    " + max(blocks, key=len)[0] + "\n")
    assert materials.leaks(blocks, *bundle_material(planted, name))


def test_requirements_follow_what_the_notebook_imports():
    for name in assignment_names():
        packages = {r.split(">")[0].split("=")[0] for r in requirements(name)}
        assert {"numpy", "matplotlib", "jupyterlab", "ipykernel"} <= packages
        notebook = RELEASE_DIR / name / f"{name}.ipynb"
        imports_tf = re.search(r"^\s*(import tensorflow|from course_lib.tf import)",
                               notebook_code(notebook), re.M)
        assert ("tensorflow-cpu" in packages) == bool(get_assignment(name).uses_tensorflow
                                                      or imports_tf)
        assert "nbgrader" not in packages
    assert "scikit-learn" in {r.split(">")[0] for r in requirements(NAME)}  # the two-moons data


@pytest.fixture(scope="module")
def student_env(tmp_path_factory):
    """A fresh venv of the base Python with only the bundle's requirements installed."""
    folder = build_release(NAME, tmp_path_factory.mktemp("student") / "bundle")
    venv = tmp_path_factory.mktemp("student-venv") / "venv"
    base = Path(sys.base_prefix) / "bin" / "python3"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    subprocess.run([str(base), "-m", "venv", str(venv)], check=True, env=env)
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                           "--disable-pip-version-check", "-r", str(folder / "requirements.txt")],
                          env=env, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return folder, venv / "bin" / "python", env


RUN_NOTEBOOK = """
import json, sys
import nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
nb.cells.append(nbformat.v4.new_code_cell(
    "import importlib.util, sys\\n"
    "print('KERNEL', sys.executable, [m for m in ('autograder', 'solutions') "
    "if importlib.util.find_spec(m)])"))
NotebookClient(nb, timeout=600, kernel_name="python3",
               resources={"metadata": {"path": sys.argv[2]}}).execute()
nbformat.write(nb, sys.argv[3])
"""


@pytest.mark.slow
def test_the_kit_is_not_installed_in_the_students_environment(student_env):
    folder, python, env = student_env
    done = subprocess.run([str(python), "-c", "import autograder"], cwd=folder, env=env,
                          capture_output=True, text=True)
    assert done.returncode != 0 and "No module named 'autograder'" in done.stderr


@pytest.mark.slow
def test_the_release_runs_top_to_bottom_in_the_students_environment(student_env, tmp_path):
    folder, python, env = student_env
    executed = tmp_path / "executed.ipynb"
    done = subprocess.run([str(python), "-c", RUN_NOTEBOOK, str(folder / f"{NAME}.ipynb"),
                           str(folder), str(executed)], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stderr[-3000:]
    nb = nbformat.read(executed, as_version=4)  # joins the multi-line texts
    kernel = "".join(o.get("text", "") for o in nb["cells"][-1]["outputs"])
    assert f"KERNEL {python.parent}" in kernel and "[]" in kernel, kernel
    checks = [c for c in nb["cells"] if "check" in c["metadata"].get("tags", [])]
    assert len(checks) == len(get_assignment(NAME).exercises)
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", cell["source"][:300]
            assert out.get("name") != "stderr", out.get("text", "")[:300]
    for cell in checks:
        assert "not implemented yet" in "".join(o.get("text", "") for o in cell["outputs"])
