"""The zip Gradescope takes as an autograder: ``setup.sh``, ``run_autograder`` and the kit.

    autograder gradescope-bundle -a optimization_methods -o autograder.zip

Gradescope unpacks the zip into ``/autograder/source``, runs ``setup.sh`` once as root when it
builds the image (Ubuntu), then, for every submission, ``run_autograder`` with the student's
files in ``/autograder/submission``; the score is what ``/autograder/results/results.json`` says.

The zip holds what grading needs and nothing else: ``kit/`` with the packages ``autograder``,
``course_lib`` and ``solutions`` with this assignment's references and declarations only (the
bundle stays on Gradescope's side, so they may be in it; the sandbox hides them from the
student's code), ``requirements.txt``, ``setup.sh`` and ``run_autograder``. No tests, no
examples, no source notebooks, no git history, no other assignment's references.

``requirements.txt`` pins every package grading installs, the dependencies of dependencies too, to
the version installed where the bundle is built (the kit's tested ``.venv``), for the platform
and Python version there: the kit's dependencies without what only the nbgrader course, the
gradebook on PostgreSQL, the Dask cluster or JupyterLab need (:data:`NOT_FOR_GRADING`).
``setup.sh`` installs that Python version (from Ubuntu, else the deadsnakes archive), so the pins
install as they were tested.

``run_autograder`` reads ``AUTOGRADER_ROOT`` (default ``/autograder``), ``AUTOGRADER_PYTHON``
(default the virtual environment ``setup.sh`` made) and ``AUTOGRADER_CACHE_DIR`` (default
``$AUTOGRADER_ROOT/cache``, where ``setup.sh`` computed the expected values), so that the same
script runs in a simulated layout in a temporary folder. It calls this module's ``run``, which
finds the submission and grades it with the kit's CLI (``--format gradescope``).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import io
import json
import sys
import zipfile
from pathlib import Path

from autograder.course.expected import KIT_ROOT

KIT_PACKAGES = ("autograder", "course_lib", "solutions")
#: the kit's dependencies that grading never imports: the nbgrader course and its kernels, the
#: gradebook on PostgreSQL, Dask clusters, JupyterLab, the benchmarks
NOT_FOR_GRADING = {"nbgrader", "jupyterlab", "psycopg", "distributed", "ipykernel", "nbclient",
                   "psutil"}
#: where the kit keeps each assignment's own files ({name}: the assignment)
PER_ASSIGNMENT = ("autograder/course/exercises/{name}/", "solutions/{name}.py",
                  "solutions/{name}_", "solutions/counterparts/{name}.py",
                  "course_lib/public_cases/{name}.json")

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (Ubuntu).
set -euo pipefail
SOURCE=/autograder/source
# requirements.txt pins the versions the kit was tested with, on Python @PYTHON@
PY=python@PYTHON@
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if ! apt-get install -y -qq "$PY" "$PY-venv"; then
    apt-get install -y -qq software-properties-common
    add-apt-repository -y ppa:deadsnakes/ppa
    apt-get update -qq
    apt-get install -y -qq "$PY" "$PY-venv"
fi
"$PY" -m venv /autograder/venv
/autograder/venv/bin/python -m pip install --quiet --upgrade pip
/autograder/venv/bin/python -m pip install --quiet -r "$SOURCE/requirements.txt"
# The expected values (TensorFlow's included) are computed once, here; each submission reads them.
if [ -f "$SOURCE/course.toml" ]; then export AUTOGRADER_COURSE="$SOURCE/course.toml"; fi
PYTHONPATH="$SOURCE/kit" AUTOGRADER_CACHE_DIR=/autograder/cache \\
    /autograder/venv/bin/python -m autograder.deliver.gradescope_bundle warm --assignment @ASSIGNMENT@
"""

RUN_AUTOGRADER = """\
#!/usr/bin/env bash
# Gradescope runs this for every submission; it writes $AUTOGRADER_ROOT/results/results.json.
set -uo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
PYTHON="${AUTOGRADER_PYTHON:-$ROOT/venv/bin/python}"
export PYTHONPATH="$ROOT/source/kit"
# a term's course file (autograder --course DIR gradescope-bundle): its exercises and points
if [ -f "$ROOT/source/course.toml" ]; then export AUTOGRADER_COURSE="$ROOT/source/course.toml"; fi
export AUTOGRADER_CACHE_DIR="${AUTOGRADER_CACHE_DIR:-$ROOT/cache}"
export TF_CPP_MIN_LOG_LEVEL=3 TF_ENABLE_ONEDNN_OPTS=0
mkdir -p "$ROOT/results"
exec "$PYTHON" -m autograder.deliver.gradescope_bundle run --assignment @ASSIGNMENT@ --root "$ROOT"
"""


def _needed(requirement, extras: tuple[str, ...]) -> bool:
    """Whether a dependency applies here (its marker, for the extras asked for)."""
    return requirement.marker is None or any(
        requirement.marker.evaluate({"extra": e}) for e in ("", *extras))


def grading_requirements() -> list[str]:
    """``name==version`` of every distribution grading installs, sorted: the kit's own
    dependencies (its installed metadata, i.e. pyproject.toml) but :data:`NOT_FOR_GRADING`,
    and theirs, as installed here."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    todo = [(Requirement(r), ()) for r in importlib.metadata.requires("improving-dnn-kit") or []]
    todo = [(r, e) for r, e in todo if _needed(r, e)
            and canonicalize_name(r.name) not in NOT_FOR_GRADING]
    pinned: dict[str, str] = {}
    while todo:
        req, _ = todo.pop()
        key = canonicalize_name(req.name)
        dist = importlib.metadata.distribution(req.name)
        if key not in pinned:
            pinned[key] = f"{dist.metadata['Name']}=={dist.version}"
        for dep in map(Requirement, dist.requires or []):
            if _needed(dep, tuple(req.extras)) and (canonicalize_name(dep.name) not in pinned
                                                    or dep.extras):
                todo.append((dep, ()))
    return sorted(pinned.values(), key=str.lower)


def _other_assignments(rel: str, assignment: str) -> bool:
    from autograder.course.registry import assignment_names

    return any(rel.startswith(pattern.format(name=other))
               for other in assignment_names() if other != assignment
               for pattern in PER_ASSIGNMENT)


def kit_files(assignment: str | None = None) -> dict[str, Path]:
    """Archive name -> file, for the packages grading needs (no caches, no compiled files);
    with ``assignment``, no other assignment's references, declarations or check data."""
    files = {}
    for package in KIT_PACKAGES:
        for path in sorted((KIT_ROOT / package).rglob("*")):
            rel = path.relative_to(KIT_ROOT)
            if (path.is_file() and "__pycache__" not in rel.parts and path.suffix != ".pyc"
                    and not any(part.startswith(".") for part in rel.parts)
                    and not (assignment and _other_assignments(rel.as_posix(), assignment))):
                files[f"kit/{rel.as_posix()}"] = path
    return files


def build_bundle(assignment: str, out: str | Path) -> Path:
    """Write the autograder zip of ``assignment`` to ``out``; returns its path."""
    from autograder.course.course_file import active_course, one_assignment_text
    from autograder.course.registry import get_assignment

    name = get_assignment(assignment).name  # raises UnknownAssignment with the list
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for arcname, text in (("setup.sh", SETUP_SH), ("run_autograder", RUN_AUTOGRADER)):
            info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o100755 << 16  # executable
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.replace("@ASSIGNMENT@", name).replace(
                "@PYTHON@", f"{sys.version_info.major}.{sys.version_info.minor}"))
        zf.writestr("requirements.txt", "\n".join(grading_requirements()) + "\n")
        course = active_course()
        if course is not None:  # the term's exercises and points, not the kit's default; only
            # this assignment's table (the bundle has no other assignment's exercises to read)
            zf.writestr("course.toml", one_assignment_text(course, name))
        for arcname, path in kit_files(name).items():
            zf.write(path, arcname)
    out.write_bytes(buffer.getvalue())
    return out


def find_submission(folder: Path, assignment: str) -> tuple[Path | None, str]:
    """The file to grade among the student's uploaded files, or None and why not."""
    from autograder.engine.batch import find_submissions

    found = find_submissions([folder]) if folder.is_dir() else []
    for wanted in (f"{assignment}.ipynb", f"{assignment}.py"):
        named = [p for p in found if p.name == wanted]
        if len(named) == 1:
            return named[0], ""
    for suffix in (".ipynb", ".py"):
        of_kind = [p for p in found if p.suffix == suffix]
        if len(of_kind) == 1:
            return of_kind[0], ""
    listing = ", ".join(str(p.relative_to(folder)) for p in found) or "no .ipynb or .py file"
    return None, (f"Upload your notebook {assignment}.ipynb (or one module {assignment}.py); "
                  f"the submission holds {listing}, so the autograder cannot tell which file "
                  f"to grade.")


def run(root: str | Path, assignment: str) -> int:
    """Grade the submission in ``root/submission`` into ``root/results/results.json``."""
    from autograder.cli import main as cli
    from autograder.course.registry import get_assignment
    from autograder.engine.grading import zero_result
    from autograder.engine.report import to_gradescope

    root = Path(root)
    results = root / "results"
    results.mkdir(parents=True, exist_ok=True)
    print(f"grading {assignment} with the kit in {KIT_ROOT}", flush=True)
    path, why = find_submission(root / "submission", assignment)
    if path is None:
        data = to_gradescope(zero_result(get_assignment(assignment), "", why))
        (results / "results.json").write_text(json.dumps(data, indent=1))
        return 0
    return cli(["grade", str(path), "--assignment", assignment, "--format", "gradescope",
                "--out", str(results), "--no-progress"])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m autograder.deliver.gradescope_bundle")
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="grade ROOT/submission into ROOT/results/results.json")
    r.add_argument("--assignment", "-a", required=True)
    r.add_argument("--root", default="/autograder")
    w = sub.add_parser("warm", help="compute the expected values into the cache")
    w.add_argument("--assignment", "-a", required=True)
    args = p.parse_args(argv)
    if args.command == "run":
        return run(args.root, args.assignment)
    from autograder.course.expected import expected_table
    from autograder.course.registry import get_assignment

    expected_table(get_assignment(args.assignment))
    return 0


if __name__ == "__main__":
    sys.exit(main())
