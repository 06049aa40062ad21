"""``autograder regenerate``: every generated file, release notebooks included, is up to date, and
one that is not is named with the command that fixes it."""

from __future__ import annotations

import shutil

from autograder.build import release
from autograder.build.regenerate import regenerate, run
from autograder.course.registry import built_names


def test_every_generated_file_of_every_assignment_is_up_to_date():
    stale = regenerate(built_names(), check=True)
    assert not stale, [s.message for s in stale]


def test_a_stale_release_notebook_is_named_and_rewritten(tmp_path, monkeypatch, capsys):
    name = "hyperparameter_tuning"
    shutil.copytree(release.RELEASE_DIR / name, tmp_path / name)
    path = tmp_path / name / f"{name}.ipynb"
    path.write_text(path.read_text().replace("zoom_range", "zoom_rang", 1))
    monkeypatch.setattr(release, "RELEASE_DIR", tmp_path)
    assert run([name], check=True) == 1
    out = capsys.readouterr().out
    assert "is out of date (release notebook). Run autograder regenerate" in out, out
    assert "`zoom_rang`" in path.read_text()  # --check writes nothing
    assert run([name], check=False) == 0
    assert path.read_text() == (release.COURSE_DIR / "release" / name / f"{name}.ipynb").read_text()
    assert run([name], check=True) == 0
