"""Every generated file of the kit, from its sources, in one pass (or, with ``check``, compared).

In dependency order:

1. the source notebooks ``assignments/source/<a>/<a>.ipynb``, from the teaching text and the
   references (:mod:`autograder.build.notebooks`);
2. the release notebooks ``assignments/release/<a>/<a>.ipynb``, what nbgrader's
   ``generate_assignment`` makes of them (:mod:`autograder.build.release`);
3. the public check data ``course_lib/public_cases/<a>.json``: visible cases, their expected
   values, the mistakes' outputs and the check pictures' data (:mod:`autograder.build.public`);
4. the example submissions ``examples/<a>/`` (:mod:`autograder.build.examples`).

Before anything is written the assignment's wiring is checked (:func:`wiring.wiring_problems`):
an unregistered declaration module or a ``# %% exercise NAME`` line without an exercise stops the
run with the fix, instead of a traceback half-way.

    autograder regenerate [-a NAME] [--check]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from autograder.build import examples, notebooks, public, release
from autograder.build.generated import same_json_numbers, sync
from autograder.build.wiring import Problem, wiring_problems
from autograder.course.expected import KIT_ROOT
from autograder.course.registry import assignment_names, declared_assignment, get_assignment


class WiringError(Exception):
    """The sources cannot be generated from (yet): ``problems`` say why and how to fix it."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Stale:
    """A generated file that differed from its sources (and was rewritten, unless checking)."""

    path: Path
    generator: str

    @property
    def message(self) -> str:
        return (f"{shown(self.path)} is out of date ({self.generator}). Run autograder "
                "regenerate to rewrite every generated file.")


def shown(path: Path) -> str:
    """``path`` relative to the kit's root when it is inside."""
    return str(path.relative_to(KIT_ROOT)) if path.is_relative_to(KIT_ROOT) else str(path)


def regenerate(names: list[str] | None = None, check: bool = False) -> list[Stale]:
    """Write (or compare) every generated file of ``names`` (default: every assignment)."""
    names = list(names or assignment_names())
    problems = [p for name in names for p in wiring_problems(name)]
    if problems:
        raise WiringError(problems)
    stale: list[Stale] = []

    def step(generator: str, files: dict[Path, str], same=None) -> None:
        stale.extend(Stale(path, generator) for path in sync(files, check, same))

    with_content = [n for n in names if (notebooks.CONTENT_DIR / f"{n}.py").exists()]
    sources = {n: notebooks.render(notebooks.build_notebook(
        get_assignment(n), (notebooks.CONTENT_DIR / f"{n}.py").read_text())) for n in with_content}
    data = {}  # computed before anything is written: a declaration may not be ready
    for name in names:
        try:
            data[public.PUBLIC_DIR / f"{name}.json"] = public.render(
                public.public_cases(declared_assignment(name)))
        except Exception as exc:  # noqa: BLE001 (a declaration being written; say which)
            raise WiringError([Problem(name, "", f"The public check data of {name} cannot be "
                                       f"computed ({type(exc).__name__}: {exc}). Run autograder "
                                       "check-exercise on the exercise you are writing, fix what "
                                       "it says, then regenerate again.")]) from exc
    step("source notebook", {notebooks.notebook_path(n): text for n, text in sources.items()})
    step("release notebook", release.release_notebooks(sources))
    step("public check data", data, same_json_numbers)
    files = {}
    for name in names:  # after the source notebooks: the notebook examples are made from them
        assignment = get_assignment(name)
        for file_name, text in {**examples.example_modules(assignment),
                                **examples.example_notebooks(assignment)}.items():
            files[examples.EXAMPLES_DIR / name / file_name] = text
    step("example submission", files)
    return stale


def run(names: list[str] | None, check: bool) -> int:
    """The command line: print what was rewritten (or is stale); 1 when checking finds any."""
    try:
        stale = regenerate(names, check)
    except WiringError as exc:
        for problem in exc.problems:
            print(f"FAIL  {problem.message}")
        return 1
    for item in stale:
        print(item.message if check else f"wrote {shown(item.path)}")
    if check:
        print("regenerate: " + ("every generated file is up to date" if not stale
                                else f"{len(stale)} generated files are out of date"))
    else:
        print(f"regenerate: {len(stale)} files rewritten, the others were up to date")
    return 1 if check and stale else 0
