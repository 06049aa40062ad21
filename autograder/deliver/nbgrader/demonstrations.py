"""The demonstration cells' printed output, for ``KitExecute.run_demonstrations = True``.

Demonstrations (cells tagged ``demo``: training runs, plots) grade nothing, so autograde skips
them. An instructor who wants their output in the feedback turns the switch on: the notebook then
runs a second time, every cell in the kit's sandbox with the same limits, and what each
demonstration prints comes back as text (plots are drawn on matplotlib's Agg backend and are not
returned). The scores never come from this run: a demonstration that hangs or uses up the time
limit costs its own output only.
"""

from __future__ import annotations

import pickle

from autograder.engine.sandbox.runner import Sandbox
from autograder.engine.submission import Unit, notebook_submission

OUTPUTS = "_kit_demonstration_outputs"
MAX_CHARS = 20_000

_HELPERS = f"""\
import io as _kit_io, sys as _kit_sys
_kit_printed = {{}}
def _kit_start():
    _kit_sys.stdout = _kit_io.StringIO()
def _kit_stop(number):
    buffer, _kit_sys.stdout = _kit_sys.stdout, _kit_sys.__stdout__
    if isinstance(buffer, _kit_io.StringIO):
        _kit_printed[number] = buffer.getvalue()[-{MAX_CHARS}:]
def {OUTPUTS}():
    return [[str(k), str(v)] for k, v in _kit_printed.items()]
"""


def demonstration_numbers(nb) -> dict[int, object]:
    """Code cell number (as the submission's unit file names count them) -> demo cell."""
    numbers, n = {}, 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        n += 1
        if "demo" in cell.metadata.get("tags", []):
            numbers[n] = cell
    return numbers


def demonstration_job(nb, path) -> dict:
    """Every cell of the notebook, each demonstration between capture helpers, then one call
    that returns what the demonstrations printed."""
    demos = demonstration_numbers(nb)
    units = [Unit("capture helpers", _HELPERS, "<kit helpers>")]
    for unit in notebook_submission(nb, path, "all").units:
        number = int(unit.filename.removeprefix("<code cell ").removesuffix(">"))
        if number in demos:
            units += [Unit("capture", "_kit_start()\n", "<kit helpers>"), unit,
                      Unit("capture", f"_kit_stop({number})\n", "<kit helpers>")]
        else:
            units.append(unit)
    return {"units": [{"label": u.label, "source": u.source, "filename": u.filename}
                      for u in units],
            "calls": [{"id": 0, "function": OUTPUTS, "inputs": pickle.dumps(((), {})),
                       "rng_seed": None}],
            "module_name": "__main__"}


def demonstration_outputs(nb, path, sandbox: Sandbox) -> dict[int, str]:
    """Code cell number -> the text to show under that demonstration."""
    job = demonstration_job(nb, path)
    run = sandbox.run(job)
    printed: dict[int, str] = {}
    call = run.calls.get(0)
    if call is not None and call.error is None and isinstance(call.output, list):
        for item in call.output:
            if isinstance(item, list) and len(item) == 2 and str(item[0]).isdigit():
                printed[int(item[0])] = str(item[1])
    for index, unit in enumerate(job["units"]):
        outcome = run.units.get(index)
        if unit["filename"].startswith("<code cell ") and outcome is not None and outcome.error:
            number = int(unit["filename"].removeprefix("<code cell ").removesuffix(">"))
            if number in demonstration_numbers(nb):
                err = outcome.error
                printed[number] = (printed.get(number, "") + f"\n(this demonstration failed in "
                                   f"the autograder: {err['type']}: {err['message']})").lstrip()
    for number in demonstration_numbers(nb):
        printed.setdefault(number, "(this demonstration did not run in the autograder: the "
                                   "notebook used up its time limit first)")
    return printed
