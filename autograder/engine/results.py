"""One results model for a graded submission; reports render it (table, JSON, Gradescope)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from course_lib import wrap as feedback_width
from course_lib.wrap import wrap


@dataclass
class Check:
    """One check group of one exercise."""

    name: str
    passed: bool
    score: float
    max_score: float
    message: str = ""
    #: False when the group has hidden cases (Gradescope then shows it only after publishing)
    visible: bool = True


@dataclass
class ExerciseResult:
    name: str
    score: float
    max_score: float
    checks: list[Check] = field(default_factory=list)
    diagnosis: str | None = None
    summary: str = ""
    message: str = ""  # a problem of the whole exercise (not defined, not implemented, ...)
    seconds: float = 0.0  # the time of its calls, measured by the grader

    @property
    def status(self) -> str:
        if self.score >= self.max_score:
            return "passed"
        return "partial" if self.score > 0 else "failed"

    @property
    def feedback(self) -> str:
        """Everything a student should read about this exercise, in plain text, each message on
        one line (the text formats show it wrapped: :meth:`feedback_text`)."""
        return self.feedback_text(wrapped=False)

    def feedback_text(self, indent: int = 0, wrapped: bool = True) -> str:
        """The feedback wrapped at word boundaries to fit :data:`course_lib.wrap.WIDTH` once
        indented by ``indent`` spaces."""
        lines = [self.message] if self.message else []
        if self.diagnosis:
            lines.append(f"Likely mistake: {self.diagnosis}")
        for check in self.checks:
            mark = "PASS" if check.passed else "FAIL"
            lines.append(f"[{mark}] {check.name} ({check.score:g}/{check.max_score:g})")
            if check.message:
                lines += ["    " + line for line in check.message.splitlines()]
        text = "\n".join(lines)
        return wrap(text, feedback_width.WIDTH - indent) if wrapped else text


@dataclass
class Result:
    assignment: str
    submission: str
    score: float
    max_score: float
    exercises: list[ExerciseResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    isolation: list[str] = field(default_factory=list)  # what the sandbox enforced
    #: what stopped the student's code: {"kind": "timeout" | "crash", "where", "message"}
    incidents: list[dict] = field(default_factory=list)
    #: not "" when the grader itself failed on this submission (its score says nothing of the
    #: student's work): why, for the instructor, who grades it again
    grader_error: str = ""

    def exercise(self, name: str) -> ExerciseResult:
        for e in self.exercises:
            if e.name == name:
                return e
        raise KeyError(name)

    def to_dict(self) -> dict:
        data = asdict(self)
        for exercise, source in zip(data["exercises"], self.exercises):
            exercise["status"] = source.status
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Result:
        exercises = []
        for e in data["exercises"]:
            e = {k: v for k, v in e.items() if k != "status"}
            e["checks"] = [Check(**c) for c in e["checks"]]
            exercises.append(ExerciseResult(**e))
        return cls(**{**data, "exercises": exercises})
