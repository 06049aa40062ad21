"""Grades out (CSV) and the class report, on a batch with every kind of bundled example of every
assignment (correct, stub, mistakes; module and notebook) and a hostile timeout and crash."""

from __future__ import annotations

import base64
import csv
import importlib.util
import io
import json
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from autograder.build.examples import EXAMPLES_DIR, mistaken_exercises
from autograder.cli import main as cli
from autograder.course.registry import assignment_names, get_assignment
from autograder.deliver.export import ExportError, by_student, export_csv, student_id
from autograder.engine.batch import grade_many
from autograder.engine.results import Result
from autograder.engine.sandbox.runner import Limits

TESTS = Path(__file__).resolve().parents[2]
BY_FILE = r"(?P<id>[^/]+)$"  # the file name with its suffix: correct.py and correct.ipynb differ
HOSTILE = {"infinite_loop": "timeout", "segfault": "crash"}  # both in update_lr


def _corpus():
    spec = importlib.util.spec_from_file_location("hostile_corpus", TESTS / "hostile" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """results/<assignment>/ for each assignment, and results/all/ with every record."""
    root = tmp_path_factory.mktemp("class")
    corpus = _corpus()
    hostile = root / "hostile"
    hostile.mkdir()
    for name in HOSTILE:
        (hostile / f"{name}.py").write_text(corpus.render(corpus.by_name(name), {}))
    limits = Limits(time_seconds=60, item_seconds=3)
    everything = root / "results" / "all"
    everything.mkdir(parents=True)
    for name in assignment_names():
        examples = sorted(p for p in (EXAMPLES_DIR / name).iterdir()
                          if p.suffix in (".py", ".ipynb"))
        assert {p.stem for p in examples} == {"correct", "stub", "mistakes"}
        paths = examples + (sorted(hostile.iterdir()) if name == corpus.ASSIGNMENT.name else [])
        out = root / "results" / name
        grade_many(paths, get_assignment(name), out=out, limits=limits, progress=False,
                   output_format="gradescope")
        for record in out.glob("*.json"):
            shutil.copy(record, everything / f"{name}__{record.name}")
    return root / "results"


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


pytestmark = pytest.mark.slow


def test_export_has_one_row_per_student_and_a_column_per_exercise(batch):
    for name in assignment_names():
        assignment = get_assignment(name)
        table = rows(export_csv(batch / name, id_from="regex", id_regex=BY_FILE))
        header, body = table[0], {r[0]: r[1:] for r in table[1:]}
        assert header == ["student", *(e.name for e in assignment.exercises), "total"]
        points = [e.points for e in assignment.exercises]
        for kind in ("correct", "stub", "mistakes"):
            assert {f"{kind}.py", f"{kind}.ipynb"} <= set(body)
        for suffix in (".py", ".ipynb"):
            assert [float(x) for x in body[f"correct{suffix}"]] == pytest.approx(
                [*points, assignment.max_score])
            assert [float(x) for x in body[f"stub{suffix}"]] == [0.0] * (len(points) + 1)
            mistakes = dict(zip(header[1:], map(float, body[f"mistakes{suffix}"])))
            for exercise in mistaken_exercises(assignment):
                assert mistakes[exercise] < assignment.exercise(exercise).points
            assert mistakes["total"] == pytest.approx(sum(v for k, v in mistakes.items()
                                                          if k != "total"))
        if name == "optimization_methods":
            assert set(body) == {f"{k}{s}" for k in ("correct", "stub", "mistakes")
                                 for s in (".py", ".ipynb")} | {f"{h}.py" for h in HOSTILE}
            for hostile in HOSTILE:
                scores = dict(zip(header[1:], map(float, body[f"{hostile}.py"])))
                assert scores["update_lr"] == 0
                assert scores["total"] == assignment.max_score - assignment.exercise(
                    "update_lr").points


def test_several_assignments_give_prefixed_columns_and_one_row_per_student(batch):
    table = rows(export_csv(batch / "all", id_from="regex", id_regex=BY_FILE))
    header = table[0]
    for name in assignment_names():
        assert f"{name}:total" in header
        assert f"{name}:{get_assignment(name).exercises[0].name}" in header
    correct = next(r for r in table if r[0] == "correct.py")
    assert all(cell != "" for cell in correct)  # in both assignments
    hostile = next(r for r in table if r[0] == "segfault.py")
    assert hostile[header.index("batchnorm_softmax:total")] == ""


def test_two_submissions_with_one_id_are_refused_with_a_way_out(batch, capsys):
    with pytest.raises(ExportError, match="correct.ipynb and .*correct.py|correct.py and "):
        export_csv(batch / "optimization_methods")  # the default id: the file name stem
    assert cli(["export", str(batch / "optimization_methods")]) == 2
    assert "--id-regex" in capsys.readouterr().err


def test_the_cli_writes_the_csv(batch, tmp_path):
    out = tmp_path / "grades.csv"
    assert cli(["export", str(batch / "optimization_methods"), "--format", "csv", "--id-from",
                "regex", "--id-regex", BY_FILE, "-o", str(out)]) == 0
    assert out.read_text() == export_csv(batch / "optimization_methods", "regex", BY_FILE)


def _result(submission: str, assignment: str = "optimization_methods") -> Result:
    return Result(assignment, submission, 0.0, 1.0)


def test_student_ids_from_names_folders_and_patterns():
    nbgrader = _result("course/submitted/alice/optimization_methods/optimization_methods.ipynb")
    flat = _result("submissions/bob.ipynb")
    assert student_id(nbgrader) == "alice" and student_id(flat) == "bob"
    assert student_id(nbgrader, "name") == "optimization_methods"
    assert student_id(flat, "folder") == "submissions"
    assert student_id(_result("in/s123456_hw.py"), "regex", r"s(\d+)_") == "123456"
    with pytest.raises(ExportError, match="does not match"):
        student_id(flat, "regex", r"s(\d+)_")
    with pytest.raises(ExportError, match="two submissions"):
        by_student([_result("a/x.py"), _result("b/x.py")])


class Page(HTMLParser):
    """The tables (by class: rows of cell texts), images and section ids of the report."""

    def __init__(self):
        super().__init__()
        self.tables, self.images, self.sections = {}, [], []
        self._table = self._row = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.sections.append(attrs["id"])
        elif tag == "table":
            self._table = self.tables.setdefault(f"{self.sections[-1]}/{attrs['class']}", [])
        elif tag == "tr" and self._table is not None:
            self._row = []
            self._table.append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._row.append("")
        elif tag == "img":
            self.images.append((self.sections[-1], attrs["src"]))

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = self._row = None

    def handle_data(self, data):
        if self._row:
            self._row[-1] += data


@pytest.fixture(scope="module")
def page(batch, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert cli(["report", str(batch / "all"), "--id-from", "regex", "--id-regex", BY_FILE,
                "-o", str(out)]) == 0
    parser = Page()
    parser.feed(out.read_text())
    return parser


def test_the_report_has_a_section_and_embedded_figures_per_assignment(page):
    assert page.sections == assignment_names()
    for name in assignment_names():
        images = [src for section, src in page.images if section == name]
        assert len(images) == 2  # score distributions, named mistakes
        for src in images:
            assert src.startswith("data:image/png;base64,")
            png = base64.b64decode(src.split(",", 1)[1])
            assert png.startswith(b"\x89PNG") and len(png) > 5000
        exercises = page.tables[f"{name}/exercises"]
        assert [r[0] for r in exercises[1:]] == [e.name for e in get_assignment(name).exercises]


def test_the_named_mistakes_are_ranked_with_who_made_them(page):
    for name in assignment_names():
        table = page.tables[f"{name}/mistakes"]
        assert table[0] == ["students", "exercise", "mistake", "who"]
        counts = [int(r[0]) for r in table[1:]]
        assert counts == sorted(counts, reverse=True)
        found = {(r[1], r[2]): r for r in table[1:]}
        for exercise, mistake in mistaken_exercises(get_assignment(name)).items():
            row = found[(exercise, mistake.message)]
            assert int(row[0]) >= 2 and {"mistakes.py", "mistakes.ipynb"} <= set(
                row[3].split(", "))


def test_the_report_lists_the_timeout_and_the_crash(page):
    incidents = page.tables["optimization_methods/incidents"]
    listed = {(r[0], r[1], r[2]) for r in incidents[1:]}
    assert ("infinite_loop.py", "timeout", "update_lr") in listed
    assert ("segfault.py", "crash", "update_lr") in listed
    assert any("killed by SIGSEGV" in r[3] for r in incidents[1:])
    assert "batchnorm_softmax/incidents" not in page.tables  # none there: said in words
    assert page.tables["optimization_methods/timeouts"][1] == ["update_lr", "1"]
    slowest = page.tables["optimization_methods/slowest-submissions"]
    seconds = [float(r[1]) for r in slowest[1:]]
    assert seconds == sorted(seconds, reverse=True) and 0 < len(seconds) <= 10
    assert seconds[0] >= 3  # the infinite loop used up its 3 s


def test_the_slowest_exercises_are_ranked_by_the_time_of_their_calls(page):
    for name in assignment_names():
        table = page.tables[f"{name}/slowest-exercises"]
        assert table[0] == ["exercise", "mean", "longest", "longest for"]
        assert {r[0] for r in table[1:]} == {e.name for e in get_assignment(name).exercises}
        means = [float(r[1]) for r in table[1:]]
        assert means == sorted(means, reverse=True) and means[-1] >= 0
        assert all(float(r[2]) >= float(r[1]) for r in table[1:])
    # the infinite loop in update_lr ran for its whole 3 s limit: the slowest by far there
    top = page.tables["optimization_methods/slowest-exercises"][1]
    assert top[0] == "update_lr" and float(top[2]) >= 3 and top[3] == "infinite_loop.py"


def test_results_records_stay_readable_without_the_new_fields(batch):
    record = next(data for data in (json.loads(p.read_text()) for p in sorted(
        (batch / "optimization_methods").glob("*segfault*.json"))) if "result" in data)
    old = dict(record["result"])
    del old["incidents"]
    for e in old["exercises"]:
        del e["seconds"]
        for c in e["checks"]:
            del c["visible"]
    result = Result.from_dict(old)
    assert result.incidents == [] and all(c.visible for e in result.exercises for c in e.checks)
