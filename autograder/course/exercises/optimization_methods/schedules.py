"""What the four learning-rate decay exercises share: the tolerance of a rate, the epochs every
schedule is graded on and the layout of their cases.
"""

from __future__ import annotations

from autograder.course.exercises import inputs
from autograder.course.spec import Case
from course_lib.compare import Tolerance

#: A learning rate is one positive number that may be tiny (0.95**10000 is about 1e-223), so it is
#: compared relatively: an absolute allowance of 1e-10 would accept any answer below 1e-10.
RATE_TOLERANCE = Tolerance(
    rtol=1e-7,
    atol_scale=0.0,
    reason="a learning rate is a single positive number, possibly tiny, so it is compared "
    "relatively; equivalent float64 formulas (**, math.pow, exp of a log) differ by far less "
    "than 1e-7 relative",
)

TF_SCHEDULE_NOTE = "against the Keras schedule"


def decay_cases(fixed, random_draw, tensorflow, edge) -> list[Case]:
    """Cases from ``(name, args, note)`` lists; ``random_draw(rng, i)`` gives ``(args, note)``.

    The first edge case is visible: the check cell shows the edge of the schedule (epoch 0, or
    the first epoch it is defined for) that the typical mistakes get wrong."""
    cases = [Case(name, "fixed", args=args, note=note) for name, args, note in fixed]
    for i in range(12):
        args, note = random_draw(inputs.generator(800 + i), i)
        cases.append(Case(f"random_{i}", "random", args=args, note=note))
    cases += [Case(name, "tensorflow", args=args, note=note) for name, args, note in tensorflow]
    cases += [Case(name, "edge", args=args, note=note, visible=i == 0)
              for i, (name, args, note) in enumerate(edge)]
    return cases


#: Epoch numbers that every schedule is graded on, around the default interval of 1000.
EPOCHS = [0, 1, 7, 500, 999, 1000, 1001, 1500, 2999, 10000]
