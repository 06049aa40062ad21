"""The Gradescope bundle, unpacked into a simulated /autograder layout and run on submissions.

setup.sh is checked but not run (it installs from the network, as Gradescope's image build
does); run_autograder runs as Gradescope runs it, with this environment's Python standing in for
the virtual environment setup.sh makes and the kit's warm expected-value cache.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
from packaging.utils import canonicalize_name

from autograder.build.examples import EXAMPLES_DIR
from autograder.cli import main as cli
from autograder.course.expected import default_cache_dir
from autograder.course.registry import assignment_names, get_assignment

SCHEMA = json.loads((Path(__file__).parents[1] / "gradescope_results.schema.json").read_text())
NAME = "optimization_methods"  # no TensorFlow in the student's process: the quickest to run


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundle") / "autograder.zip"
    assert cli(["gradescope-bundle", "-a", NAME, "-o", str(out)]) == 0  # the README's command
    return out


def autograder_layout(bundle: Path, tmp: Path, files: dict[str, Path]) -> Path:
    """/autograder as Gradescope makes it: source/ (the zip), run_autograder, submission/."""
    root = tmp / "autograder"
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(root / "source")
        for info in zf.infolist():  # zipfile does not restore the modes
            mode = info.external_attr >> 16
            if mode:
                os.chmod(root / "source" / info.filename, mode & 0o777)
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    (root / "submission").mkdir()
    for name, path in files.items():
        shutil.copy(path, root / "submission" / name)
    return root


def run_autograder(root: Path) -> dict:
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "AUTOGRADER_PYTHON": sys.executable,
           "AUTOGRADER_CACHE_DIR": str(default_cache_dir())}
    done = subprocess.run([str(root / "run_autograder")], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    # the bundle's own copy of the kit graded, not this checkout's
    assert f"with the kit in {root / 'source' / 'kit'}" in done.stdout, done.stdout[:500]
    data = json.loads((root / "results" / "results.json").read_text())
    jsonschema.validate(data, SCHEMA)
    return data


def test_the_zip_holds_the_scripts_and_the_grading_kit_only(bundle):
    with zipfile.ZipFile(bundle) as zf:
        names = zf.namelist()
        modes = {i.filename: i.external_attr >> 16 for i in zf.infolist()}
        setup = zf.read("setup.sh").decode()
        run = zf.read("run_autograder").decode()
        requirements = zf.read("requirements.txt").decode().split()
    assert {"setup.sh", "run_autograder", "requirements.txt"} <= set(names)
    assert modes["setup.sh"] & 0o111 and modes["run_autograder"] & 0o111
    tops = {n.split("/")[1] for n in names if n.startswith("kit/")}
    assert tops == {"autograder", "course_lib", "solutions"}
    assert "kit/autograder/deliver/gradescope_bundle.py" in names
    assert "kit/course_lib/public_cases/optimization_methods.json" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert not [n for n in names if n.split("/")[0] not in ("kit", "setup.sh", "run_autograder",
                                                           "requirements.txt")]
    for forbidden in ("tests/", ".git/", "examples/", "assignments/"):
        assert not [n for n in names if f"/{forbidden}" in f"/{n}"], forbidden
    # setup.sh installs the requirements with pip into the venv run_autograder uses by default
    assert "pip install" in setup and "requirements.txt" in setup
    assert "/autograder/venv/bin/python" in setup and "$ROOT/venv/bin/python" in run
    assert f"--assignment {NAME}" in setup and f"--assignment {NAME}" in run
    subprocess.run(["bash", "-n", "-c", setup], check=True)
    subprocess.run(["bash", "-n", "-c", run], check=True)
    # every requirement pinned to the version installed here (the tested .venv)
    pins = dict(r.split("==") for r in requirements)
    assert all(len(r.split("==")) == 2 for r in requirements)
    for name, version in pins.items():
        assert importlib.metadata.version(name) == version, name
    packages = {canonicalize_name(n) for n in pins}
    assert {"numpy", "tensorflow-cpu", "nbformat", "scikit-learn"} <= packages
    # only what grading needs: no nbgrader, JupyterLab, kernels, PostgreSQL or Dask
    for unwanted in ("nbgrader", "jupyterlab", "ipykernel", "nbclient", "psycopg",
                     "psycopg-binary", "distributed", "dask", "psutil"):
        assert unwanted not in packages, unwanted
    # the Python version the pins were tested with is the one setup.sh installs
    assert f"PY=python{sys.version_info.major}.{sys.version_info.minor}" in setup


def test_the_zip_holds_this_assignments_references_only(bundle):
    with zipfile.ZipFile(bundle) as zf:
        names = zf.namelist()
    for other in assignment_names():
        mine = other == NAME
        for path in (f"kit/solutions/{other}.py", f"kit/course_lib/public_cases/{other}.json"):
            assert (path in names) == mine, path
        assert any(n.startswith(f"kit/autograder/course/exercises/{other}/")
                   for n in names) == mine, other
        assert any(n.startswith(f"kit/solutions/counterparts/{other}") for n in names) == (
            mine and other != "hyperparameter_tuning"), other
    assert not [n for n in names if n.startswith("kit/solutions/batchnorm_softmax")]


BLOCKER = """
# Written by the test: only the standard library, the kit and the distributions of
# requirements.txt can be imported, as on Gradescope after setup.sh; the others are logged.
import sys
from importlib.abc import MetaPathFinder

ALLOWED = set(@ALLOWED@)


class OnlyRequirements(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in ALLOWED or top in sys.stdlib_module_names or top.startswith("_"):
            return None
        with open(@LOG@, "a") as log:
            log.write(top + "\\n")
        raise ModuleNotFoundError(f"not in requirements.txt: {name}", name=name)


sys.meta_path.insert(0, OnlyRequirements())
"""


def test_grading_imports_nothing_beyond_the_requirements(bundle, tmp_path):
    root = autograder_layout(bundle, tmp_path, {
        f"{NAME}.ipynb": EXAMPLES_DIR / NAME / "mistakes.ipynb"})
    with zipfile.ZipFile(bundle) as zf:
        pinned = {canonicalize_name(r.split("==")[0])
                  for r in zf.read("requirements.txt").decode().split()}
    tops = {top for top, dists in importlib.metadata.packages_distributions().items()
            if any(canonicalize_name(d) in pinned for d in dists)}
    log = tmp_path / "blocked.txt"
    (root / "source" / "kit" / "sitecustomize.py").write_text(BLOCKER.replace(
        "@ALLOWED@", repr(sorted(tops | {"autograder", "course_lib", "solutions"}))).replace(
        "@LOG@", repr(str(log))))
    blocked = run_autograder(root)
    # libraries probe for optional modules (pandas, IPython...): those imports were refused
    assert "psutil" in log.read_text().split()
    (root / "source" / "kit" / "sitecustomize.py").unlink()
    everything = run_autograder(root)
    assert 0 < blocked["score"] < get_assignment(NAME).max_score
    assert [(t["name"], t["score"], t["status"], t["output"]) for t in blocked["tests"]] == [
        (t["name"], t["score"], t["status"], t["output"]) for t in everything["tests"]]


def test_run_autograder_grades_a_notebook_in_the_simulated_layout(bundle, tmp_path):
    root = autograder_layout(bundle, tmp_path, {
        f"{NAME}.ipynb": EXAMPLES_DIR / NAME / "mistakes.ipynb",
        "notes.txt": EXAMPLES_DIR / NAME / "stub.py",  # other uploaded files are ignored
    })
    data = run_autograder(root)
    assignment = get_assignment(NAME)
    assert data["score"] == pytest.approx(sum(t["score"] for t in data["tests"]))
    assert 0 < data["score"] < assignment.max_score
    assert sum(t["max_score"] for t in data["tests"]) == pytest.approx(assignment.max_score)
    visibilities = {t["name"].split(": ", 1)[1]: t["visibility"] for t in data["tests"]}
    assert visibilities["fixed cases"] == "visible"
    assert visibilities["returns the right types and shapes"] == "visible"
    assert visibilities["random cases"] == "after_published"
    assert {t["visibility"] for t in data["tests"]} == {"visible", "after_published"}
    # before publishing, the visible output must not give away the total
    assert "on the visible checks" in data["output"]
    assert f"{data['score']:g} / {assignment.max_score:g}" not in data["output"]
    failed = [t for t in data["tests"] if t["status"] == "failed"]
    assert any("Likely mistake" in t["output"] for t in failed)


def test_a_correct_module_scores_full_marks(bundle, tmp_path):
    root = autograder_layout(bundle, tmp_path, {"my_work.py": EXAMPLES_DIR / NAME / "correct.py"})
    data = run_autograder(root)
    assert data["score"] == get_assignment(NAME).max_score


def test_no_gradable_file_scores_zero_and_says_what_to_upload(bundle, tmp_path):
    root = autograder_layout(bundle, tmp_path, {
        "a.py": EXAMPLES_DIR / NAME / "correct.py", "b.py": EXAMPLES_DIR / NAME / "stub.py"})
    data = run_autograder(root)
    assert data["score"] == 0
    assert f"Upload your notebook {NAME}.ipynb" in data["output"]
    assert "a.py, b.py" in data["output"]


def test_hidden_groups_take_the_visibility_asked_for_and_the_output_says_when():
    from autograder.engine.report import to_gradescope
    from autograder.engine.results import Check, ExerciseResult, Result

    checks = [Check("fixed cases", True, 3.0, 3.0, "all 2 cases pass"),
              Check("random cases", False, 0.0, 3.0, "hidden case 'r1': wrong", visible=False)]
    result = Result(NAME, "x.py", 3.0, 6.0, [ExerciseResult("update_lr", 3.0, 6.0, checks)])
    for visibility, when in (("after_published", "when the grades are published"),
                             ("after_due_date", "after the due date"),
                             ("hidden", "to the instructors only")):
        data = to_gradescope(result, visibility)
        jsonschema.validate(data, SCHEMA)
        assert [t["visibility"] for t in data["tests"]] == ["visible", visibility]
        assert "3 / 3 on the visible checks" in data["output"] and when in data["output"]
    everything = to_gradescope(result, "visible")
    assert {t["visibility"] for t in everything["tests"]} == {"visible"}
    assert everything["output"].startswith(f"{NAME}: 3 / 6")
    with pytest.raises(ValueError):
        to_gradescope(result, "sometimes")
