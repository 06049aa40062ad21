"""Solutions written to the course's own contract earn every point that contract covers.

The course's week-2 notebook pre-writes a shuffle that reshapes Y to ``(1, m)`` (right for its
labels, which have one row); older versions of the course name parameters differently
(``one_hot_matrix(label, depth=6)``), and its tests call the functions positionally. Such a
solution loses at most the group of the kit's extension (labels of several rows), with a message
that names the reshape.
"""

from __future__ import annotations

import re

from autograder.course.registry import get_assignment
from autograder.course.sources import solution_module, strip_markers
from autograder.course.spec import resolve

COURSE_SHUFFLE = "autograder.course.exercises.optimization_methods.random_mini_batches:" \
    "mistake_mb_reshapes_y_to_one_row"

#: the course's older parameter names, as a student's notebook may have them
RENAMED = {
    "update_lr": ("learning_rate0, epoch_num, decay_rate", "lr0, epoch, rate"),
    "schedule_lr_decay": ("learning_rate0, epoch_num, decay_rate, time_interval=1000",
                          "lr0, epoch, rate, time_interval_in_epochs=1000"),
    "random_mini_batches": ("X, Y, mini_batch_size=64, seed=0", "X, Y, size=64, s=0"),
}


def rename_parameters(source: str, name: str, old: str, new: str) -> str:
    """``def name(old)`` becomes ``def name(new)``, and the body uses the new names."""
    start = source.index(f"def {name}(")
    end = source.find("\ndef ", start + 1)
    end = len(source) if end < 0 else end
    body = source[start:end].replace(f"def {name}({old})", f"def {name}({new})")
    for o, n in zip(old.split(", "), new.split(", ")):
        o, n = o.split("=")[0], n.split("=")[0]
        body = re.sub(rf"(?<![.\w]){o}\b", n, body)
    return source[:start] + body + source[end:]


def test_course_style_week_2_loses_only_the_several_label_rows_group(graders):
    grader = graders("optimization_methods")
    a = grader.assignment
    source = strip_markers(solution_module(
        a, replace={"random_mini_batches": resolve(COURSE_SHUFFLE)}))
    for name, (old, new) in RENAMED.items():
        source = rename_parameters(source, name, old, new)
    assert "def random_mini_batches(X, Y, size=64, s=0)" in source
    assert ".reshape((1, m))" in source
    result = grader.grade_source(source)
    for e in result.exercises:
        if e.name != "random_mini_batches":
            assert e.score == e.max_score, (e.name, e.feedback)
    shuffle = result.exercise("random_mini_batches")
    failed = [c for c in shuffle.checks if not c.passed]
    assert [c.name for c in failed] == ["edge and stability cases"], shuffle.feedback
    assert shuffle.score == round(shuffle.max_score - failed[0].max_score, 6)
    assert "reshape((1, m))" in shuffle.diagnosis
    assert "reshape" in failed[0].message


def test_older_parameter_names_of_week_3_cost_nothing(graders):
    grader = graders("batchnorm_softmax")
    a = get_assignment("batchnorm_softmax")
    source = strip_markers(solution_module(a))
    source = rename_parameters(source, "one_hot_matrix", "label, C=6", "label, depth=6")
    assert "def one_hot_matrix(label, depth=6)" in source
    result = grader.grade_source(source)
    assert result.score == result.max_score, result.exercise("one_hot_matrix").feedback
