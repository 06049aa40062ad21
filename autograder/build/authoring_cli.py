"""The authoring commands of ``autograder``: ``new-exercise``, ``regenerate``, ``check-exercise``.

:func:`add_commands` adds them to the CLI's sub-parsers; the work is done by
:mod:`autograder.build.scaffold`, :mod:`autograder.build.regenerate` and
:mod:`autograder.build.rules`. The guide is ``docs/AUTHORING.md``.
"""

from __future__ import annotations

import sys

from autograder.course.registry import assignment_names, declared_assignment


def _new_exercise(args) -> int:
    from autograder.build.scaffold import ScaffoldError, plan_exercise, write_exercise
    from autograder.course.expected import KIT_ROOT

    try:
        plan = plan_exercise(args.name, args.assignment, like=args.like, after=args.after,
                             signature=args.signature, points=args.points,
                             tensorflow=args.tensorflow, optional=args.optional)
        written = write_exercise(plan)
    except ScaffoldError as exc:
        print(f"autograder: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path.relative_to(KIT_ROOT)}")
    print(f"Next: fill in every place marked TODO, then run `autograder regenerate -a "
          f"{args.assignment}` and `autograder validate -a {args.assignment}` (docs/AUTHORING.md).")
    return 0


def _regenerate(args) -> int:
    from autograder.build.regenerate import run

    return run([args.assignment] if args.assignment else None, args.check)


def _check_exercise(args) -> int:
    from autograder.build.rules import assignment_problems
    from autograder.build.wiring import wiring_problems

    owners, broken = [], []
    for name in assignment_names():
        try:
            if args.name in {e.name for e in declared_assignment(name).exercises}:
                owners.append(name)
        except Exception:  # noqa: BLE001 (declarations that do not import: the rules say where)
            broken += wiring_problems(name)
    for problem in broken:
        print(f"FAIL  {problem.message}")
    if broken:
        return 1
    if args.assignment:
        owners = [n for n in owners if n == args.assignment]
    if not owners:
        print(f"autograder: no assignment has an exercise called {args.name}. Register its module "
              "in the assignment package's __init__.py (autograder list shows the exercises).",
              file=sys.stderr)
        return 2
    problems = [p for n in owners for p in assignment_problems(n, only=args.name)]
    for problem in problems:
        print(f"FAIL  {problem.message}")
    print(f"check-exercise: {args.name} " + ("follows every authoring rule" if not problems
                                             else f"breaks {len(problems)} rules"))
    return 1 if problems else 0


def add_commands(sub) -> None:
    """Add ``new-exercise``, ``regenerate`` and ``check-exercise`` to the CLI's sub-parsers."""
    n = sub.add_parser("new-exercise", help="write every part of a new exercise (reference, "
                       "declaration, teaching text, alternatives, counterpart) and register it")
    n.add_argument("name", metavar="NAME", help="the function the student writes")
    n.add_argument("--assignment", "-a", required=True, choices=assignment_names())
    n.add_argument("--like", metavar="EXISTING", help="start every part as a copy of this "
                   "exercise's, renamed")
    n.add_argument("--after", metavar="EXISTING", help="teach it after this exercise (default: "
                   "after --like, else at the end)")
    n.add_argument("--signature", help="the parameters, as in the def line (default: --like's, "
                   "else 'x')")
    n.add_argument("--points", type=float, help="its points (default: --like's, else 10)")
    n.add_argument("--tensorflow", action="store_true", help="with a TensorFlow counterpart to "
                   "write, and tensorflow cases")
    n.add_argument("--optional", action="store_true", help="an optional extra: off in the default "
                   "course, on in a term whose course.toml gives it points; its teaching text "
                   "in '# %% [markdown] if NAME' cells")
    n.set_defaults(run=_new_exercise)

    r = sub.add_parser("regenerate", help="rewrite every generated file: source and release "
                       "notebooks, public check data and pictures, examples")
    r.add_argument("--assignment", "-a", choices=assignment_names())
    r.add_argument("--check", action="store_true", help="write nothing; exit 1 if any is stale")
    r.set_defaults(run=_regenerate)

    c = sub.add_parser("check-exercise", help="the authoring rules one exercise breaks, each "
                       "with its fix (fast: nothing is graded)")
    c.add_argument("name", metavar="NAME")
    c.add_argument("--assignment", "-a", choices=assignment_names())
    c.set_defaults(run=_check_exercise)
