"""The release notebooks (what students get), made by nbgrader's own ``generate_assignment``.

``assignments/release/<assignment>/<assignment>.ipynb`` is what ``nbgrader generate_assignment
NAME --force`` writes from the source notebook with the course's ``nbgrader_config.py`` (solutions
cleared, hidden tests removed, cells locked and checksummed). Here nbgrader's converter runs in
this process, in a temporary course folder and without a gradebook (nbgrader's ``--no-db``), so
the file is byte for byte what the command writes, and the course folder is not touched.

    python -m autograder.build.release          # rewrite assignments/release/*/*.ipynb
    python -m autograder.build.release --check  # exit 1 if they are out of date
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from autograder.build.generated import main, sync
from autograder.build.notebooks import COURSE_DIR, notebook_path
from autograder.course.registry import built_names

RELEASE_DIR = COURSE_DIR / "release"


def release_path(name: str) -> Path:
    return RELEASE_DIR / name / f"{name}.ipynb"


def release_notebooks(sources: dict[str, str]) -> dict[Path, str]:
    """Assignment name -> source notebook text, in; release path -> release notebook text, out."""
    from nbgrader.converters import GenerateAssignment
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    out: dict[Path, str] = {}
    with tempfile.TemporaryDirectory(prefix="autograder-release-") as tmp:
        config = PyFileConfigLoader("nbgrader_config.py", path=str(COURSE_DIR)).load_config()
        config.CourseDirectory.root = tmp
        config.GenerateAssignment.no_database = True
        config.SaveCells.enabled = False
        config.BaseConverter.force = True
        for name, text in sources.items():
            source = Path(tmp, "source", name, f"{name}.ipynb")
            source.parent.mkdir(parents=True)
            source.write_text(text)
            course = CourseDirectory(config=config)
            course.assignment_id = name
            converter = GenerateAssignment(coursedir=course, config=config)
            converter.log.setLevel(logging.WARNING)
            converter.start()
            out[release_path(name)] = Path(tmp, "release", name, f"{name}.ipynb").read_text()
    return out


def write_release(check: bool = False, names: list[str] | None = None) -> list[Path]:
    """Write (or, with ``check``, compare) the release notebooks from the committed sources."""
    names = [n for n in names or built_names() if notebook_path(n).exists()]
    return sync(release_notebooks({n: notebook_path(n).read_text() for n in names}), check)


if __name__ == "__main__":
    main(write_release)
