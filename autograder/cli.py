"""The ``autograder`` command: a thin layer over the Python API.

    autograder grade PATH... --assignment NAME [--format table|json|gradescope] [--jobs N]
                             [--out DIR] [--time-limit S] [--memory-limit MIB] [--execute all]
                             [--dask tcp://HOST:PORT] [--nbgrader-assignment FOLDER]
    autograder validate [--assignment NAME]
    autograder demo [--summary] [--feedback]
    autograder stub --assignment NAME [--output FILE]
    autograder list
    autograder gradescope-bundle --assignment NAME [--output autograder.zip]
    autograder release --assignment NAME --output DIR
    autograder export RESULTS_DIR [--format csv] [--output FILE] [--id-from auto|name|folder|regex]
                      [--gradebook URL|PATH]
    autograder report RESULTS_DIR [--output report.html] [--gradebook URL|PATH]
    autograder course new DIR --course-id ID [--assignments A,B] [--exchange DIR]
    autograder course sources
    autograder new-exercise NAME --assignment NAME [--like EXISTING] [--tensorflow]
    autograder regenerate [--assignment NAME] [--check]
    autograder check-exercise NAME

``--course DIR`` (or a course.toml in the current folder) runs any command with a term's
course file (autograder.course.course_file).

Defaults come from the API's own defaults (``Limits``), so the two cannot drift.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from autograder.course.registry import (
    UnknownAssignment,
    assignment_names,
    built_names,
    declared_assignment,
    get_assignment,
)
from autograder.engine.sandbox.runner import Limits
from autograder.engine.selection import SelectionError

DEFAULTS = Limits()
#: the exit status of ``autograder grade`` when the grader failed on some submission
GRADER_ERROR_STATUS = 3


def _grade(args) -> int:
    from autograder.engine.batch import grade_many
    from autograder.engine.report import format_summary, format_table, to_gradescope

    assignment = get_assignment(args.assignment)
    limits = Limits(time_seconds=args.time_limit,
                    item_seconds=min(DEFAULTS.item_seconds, args.time_limit),
                    memory_bytes=args.memory_limit * 1024**2)
    options = dict(out=args.out, output_format=args.format, limits=limits, execute=args.execute,
                   progress=not args.no_progress and sys.stderr.isatty() or args.progress,
                   nbgrader_assignment=args.nbgrader_assignment)
    if args.dask:
        from autograder.engine.distributed import KitMismatch, grade_on_dask

        try:
            results = grade_on_dask(args.paths, assignment, args.dask, **options)
        except KitMismatch as exc:
            print(f"autograder: {exc}", file=sys.stderr)
            return 2
    else:
        results = grade_many(args.paths, assignment, jobs=args.jobs, **options)
    if args.format == "table":
        if len(results) == 1:
            print(format_table(results[0]))
        else:
            print(format_summary(results))
    else:
        render = (lambda r: r.to_dict()) if args.format == "json" else to_gradescope
        data = [render(r) for r in results]
        print(json.dumps(data[0] if len(data) == 1 else data, indent=1))
    if args.out and args.format == "gradescope" and len(results) == 1:
        Path(args.out, "results.json").write_text(json.dumps(to_gradescope(results[0]), indent=1))
    from autograder.engine.selection import print_selection

    status = print_selection(results.selection, sys.stderr)
    failed = [r.submission for r in results if r.grader_error]
    if failed:
        print(f"autograder: the grader could not grade {len(failed)} submission(s), flagged "
              f"\"grader_error\" in their results (grade them again): {', '.join(failed[:10])}",
              file=sys.stderr)
        return GRADER_ERROR_STATUS
    return status


def _validate(args) -> int:
    from autograder.build.validate import validate

    names = [args.assignment] if args.assignment else built_names()
    return 0 if validate(names, verbose=not args.quiet) else 1


def _demo(args) -> int:
    from autograder.build.examples import EXAMPLES_DIR
    from autograder.engine.batch import grade_many
    from autograder.engine.report import format_table

    if args.summary:
        from autograder.build.demo_summary import print_summary

        return print_summary(args.jobs)
    for name in assignment_names():
        folder = EXAMPLES_DIR / name
        if not folder.is_dir():
            continue
        assignment = get_assignment(name)
        print(f"== {assignment.title} ({name}): the bundled example submissions ==\n")
        for result in grade_many([folder], assignment, jobs=args.jobs, progress=False):
            # the example with typical mistakes shows what students read
            print(format_table(result, feedback=args.feedback or "mistakes" in result.submission))
            print()
    return 0


def _stub(args) -> int:
    from autograder.course.sources import stub_module

    text = stub_module(get_assignment(args.assignment))
    if args.output:
        Path(args.output).write_text(text)
    else:
        print(text)
    return 0


def _list(args) -> int:
    # the course's assignments; with --files (where to author), the optional assignments too
    course = assignment_names()
    for name in built_names() if args.files else course:
        a = get_assignment(name)
        extra = "" if name in course else ", an optional assignment: off in the default course"
        print(f"{name}: {a.title} ({a.max_score:g} points{extra})")
        if args.files:
            from autograder.course.locations import exercise_files

            for f in exercise_files(name):
                extra = declared_assignment(name).exercise(f.exercise).optional
                print(f"  {f.exercise}" + ("  (optional extra)" if extra else ""))
                for label in ("reference", "declaration", "teaching", "alternatives"):
                    print(f"    {label:<12} {getattr(f, label) or 'MISSING'}")
                print(f"    {'counterpart':<12} "
                      f"{'none' if f.counterpart == '' else f.counterpart or 'MISSING'}")
                print(f"    {'tests':<12} {', '.join(f.tests) or 'MISSING'}")
            continue
        for e in a.exercises:
            print(f"  {e.name:<34} {e.points:>5g}  {e.summary}")
        for e in a.given:  # a term's course file gives these: worked code, not graded
            print(f"  {e.name:<34} given  {e.summary}")
        shown = {e.name for e in (*a.exercises, *a.given)}
        for e in declared_assignment(name).exercises:  # optional extras this course leaves out
            if e.name not in shown:
                print(f"  {e.name:<34}   off  {e.summary} (an optional extra)")
    return 0


def _gradescope_bundle(args) -> int:
    from autograder.deliver.gradescope_bundle import build_bundle

    print(f"wrote {build_bundle(args.assignment, args.output)}")
    return 0


def _release(args) -> int:
    from autograder.deliver.student_bundle import build_release

    try:
        print(f"wrote {build_release(args.assignment, args.output)}")
    except FileExistsError as exc:
        print(f"autograder: {exc}", file=sys.stderr)
        return 2
    return 0


def _export(args) -> int:
    from autograder.deliver.export import ExportError, export_csv

    try:
        text = export_csv(args.results, id_from=args.id_from, id_regex=args.id_regex,
                          gradebook=args.gradebook)
    except ExportError as exc:
        print(f"autograder: {exc}", file=sys.stderr)
        return 2
    if args.output:
        Path(args.output).write_text(text)
    else:
        sys.stdout.write(text)
    return 0


def _report(args) -> int:
    from autograder.deliver.class_report import write_report
    from autograder.deliver.export import ExportError

    try:
        path = write_report(args.results, args.output, id_from=args.id_from,
                            id_regex=args.id_regex, gradebook=args.gradebook)
    except ExportError as exc:
        print(f"autograder: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {path}")
    return 0


def _student_ids(p: argparse.ArgumentParser) -> None:
    from autograder.deliver.export import ID_FROM

    p.add_argument("results", metavar="RESULTS_DIR", help="the --out folder of autograder grade")
    p.add_argument("--id-from", choices=ID_FROM, default="auto",
                   help="the student id: the submission's file name without suffix (name), the "
                   "folder above it, skipping a folder named after the assignment (folder), the "
                   "first group of --id-regex on its path (regex); auto: folder for nbgrader's "
                   "submitted/<student>/<assignment>/ layout, else name")
    p.add_argument("--id-regex", help="with --id-from regex: a pattern searched in the "
                   "submission's path; its first group (or the group named id) is the id")
    p.add_argument("--gradebook", metavar="URL|PATH", help="apply nbgrader's late penalties "
                   "from this gradebook: a database URL, gradebook.db, or the course folder")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="autograder", description=__doc__.split("\n\n")[0])
    p.add_argument("--course", metavar="DIR", help="the term's course folder (default: the "
                   "current folder if it has a course.toml)")
    sub = p.add_subparsers(dest="command", required=True)
    from autograder.deliver.course_folder import add_commands

    add_commands(sub)

    g = sub.add_parser("grade", help="grade submissions (.ipynb or .py, or folders of them)")
    g.add_argument("paths", nargs="+", metavar="PATH")
    g.add_argument("--assignment", "-a", required=True, choices=assignment_names())
    g.add_argument("--format", "-f", choices=("table", "json", "gradescope"), default="table")
    g.add_argument("--jobs", "-j", type=int, default=2, help="parallel workers (default 2)")
    g.add_argument("--out", "-o", help="folder for one result file per submission; a rerun "
                   "grades only the submissions without a result")
    g.add_argument("--time-limit", type=float, default=DEFAULTS.time_seconds,
                   help=f"seconds per submission (default {DEFAULTS.time_seconds:g})")
    g.add_argument("--memory-limit", type=int, default=DEFAULTS.memory_bytes // 1024**2,
                   help=f"MiB per submission (default {DEFAULTS.memory_bytes // 1024**2})")
    g.add_argument("--execute", choices=("definitions", "all"), default="definitions",
                   help="notebook cells to run: all but demonstrations and checks (default), "
                   "or all")
    g.add_argument("--dask", metavar="tcp://HOST:PORT", help="grade on the workers of this Dask "
                   "scheduler (same results; --jobs is then the cluster's business)")
    g.add_argument("--nbgrader-assignment", metavar="FOLDER", help="the assignment's folder "
                   "name in nbgrader's submitted/<student>/<FOLDER>/ when not --assignment")
    g.add_argument("--progress", action="store_true", help="always show the progress bar")
    g.add_argument("--no-progress", action="store_true", help="never show the progress bar")
    g.set_defaults(run=_grade)

    v = sub.add_parser("validate", help="prove the references score full marks, the stubs "
                       "zero, and every known mistake is caught and named")
    v.add_argument("--assignment", "-a", choices=built_names())
    v.add_argument("--quiet", "-q", action="store_true")
    v.set_defaults(run=_validate)

    d = sub.add_parser("demo", help="grade the bundled example submissions")
    d.add_argument("--jobs", "-j", type=int, default=2)
    d.add_argument("--feedback", action="store_true", help="print every message, not only the "
                   "scores")
    d.add_argument("--summary", action="store_true", help="one line per assignment, then "
                   "whether every example scored as expected (exit 1 if not)")
    d.set_defaults(run=_demo)

    s = sub.add_parser("stub", help="write the student's starting module of an assignment")
    s.add_argument("--assignment", "-a", required=True, choices=assignment_names())
    s.add_argument("--output", "-o")
    s.set_defaults(run=_stub)

    ls = sub.add_parser("list", help="list assignments and exercises")
    ls.add_argument("--files", action="store_true", help="where each part of every exercise is "
                    "(file:line): reference, declaration, teaching text, alternatives, "
                    "counterpart, tests")
    ls.set_defaults(run=_list)

    b = sub.add_parser("gradescope-bundle", help="write the autograder zip Gradescope takes")
    b.add_argument("--assignment", "-a", required=True, choices=assignment_names())
    b.add_argument("--output", "-o", default="autograder.zip")
    b.set_defaults(run=_gradescope_bundle)

    r = sub.add_parser("release", help="write what students receive: the release notebook, "
                       "course_lib with its public check data, requirements.txt")
    r.add_argument("--assignment", "-a", required=True, choices=assignment_names())
    r.add_argument("--output", "-o", required=True, metavar="DIR")
    r.set_defaults(run=_release)

    x = sub.add_parser("export", help="grades as CSV: one row per student, one column per "
                       "exercise and the total")
    _student_ids(x)
    x.add_argument("--format", choices=("csv",), default="csv")
    x.add_argument("--output", "-o", help="file to write (default: standard output)")
    x.set_defaults(run=_export)

    c = sub.add_parser("report", help="a class report as one HTML page: score distributions, "
                       "the mistakes most students made, timeouts and crashes, the slowest work")
    _student_ids(c)
    c.add_argument("--output", "-o", default="report.html")
    c.set_defaults(run=_report)

    from autograder.build.authoring_cli import add_commands

    add_commands(sub)  # new-exercise, regenerate, check-exercise
    return p


def main(argv: list[str] | None = None) -> int:
    from autograder.deliver.course_folder import ERRORS, activate_from

    try:
        argv = activate_from(sys.argv[1:] if argv is None else list(argv))
    except ERRORS as exc:
        print(f"autograder: {exc}", file=sys.stderr)
        return 2
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (UnknownAssignment, FileNotFoundError, SelectionError, *ERRORS) as exc:
        print(f"autograder: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
