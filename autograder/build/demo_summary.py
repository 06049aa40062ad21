"""The short form of ``autograder demo`` (what ``python3 dev.py main`` prints): one line per
assignment with the score of each bundled example submission, then a summary of the grades.

Each example has a known outcome (:data:`EXPECTED`): the correct submission full marks, the stub
zero, the one with typical mistakes some points but not all. The summary says whether every
example met it; one that did not is named, and the command exits with 1.
"""

from __future__ import annotations

from pathlib import Path

from autograder.build.examples import EXAMPLES_DIR
from autograder.course.registry import assignment_names, get_assignment
from autograder.engine.batch import grade_many
from autograder.engine.results import Result

#: example kind (its file name without suffix) -> (what it must score, as said in the summary)
EXPECTED = {"correct": "full marks", "mistakes": "some points but not all", "stub": "zero"}


def met(result: Result) -> bool:
    """Whether an example's result is its kind's expected outcome."""
    kind = Path(result.submission).stem
    if kind == "correct":
        return result.score == result.max_score
    if kind == "stub":
        return result.score == 0
    return 0 < result.score < result.max_score


def assignment_line(name: str, results: list[Result]) -> str:
    """``name``: each example's score, in one line."""
    scores = "  ".join(f"{Path(r.submission).name} {r.score:g}/{r.max_score:g}"
                       for r in sorted(results, key=lambda r: Path(r.submission).name))
    return f"{name:<22} {scores}"


def summary(results: list[Result]) -> tuple[str, bool]:
    """The closing lines, and whether every example scored as its kind must."""
    wrong = [r for r in results if not met(r)]
    assignments = len({r.assignment for r in results})
    if not wrong:
        return (f"Summary: {len(results)} example submissions of {assignments} assignments "
                f"graded; every correct one has full marks, every stub zero, every one with "
                f"mistakes some points but not all.", True)
    lines = [f"Summary: {len(wrong)} of {len(results)} example submissions did not score as "
             f"expected:"]
    for r in wrong:
        lines.append(f"  {r.assignment} {Path(r.submission).name}: {r.score:g} / "
                     f"{r.max_score:g}, expected {EXPECTED[Path(r.submission).stem]}")
    return "\n".join(lines), False


def print_summary(jobs: int = 2) -> int:
    """Grade every assignment's examples, print a line per assignment as it is done, then the
    summary; 0 when every example scored as expected, else 1."""
    graded = []
    for name in assignment_names():
        results = list(grade_many([EXAMPLES_DIR / name], get_assignment(name), jobs=jobs,
                                  progress=False))
        print(assignment_line(name, results), flush=True)
        graded += results
    text, ok = summary(graded)
    print(f"\n{text}")
    return 0 if ok else 1
