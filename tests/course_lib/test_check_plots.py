"""The check cells' pictures: the student's result beside the expected one, from public data only.

Every picture is drawn for the reference (the student's curve lies on the expected one) and for a
known mistake (it does not), from the exercise's entry in the public check data alone; a
function that raises, returns nonsense or is not implemented yet never breaks a check; outside a
notebook no figure is made unless asked.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from autograder.course.registry import built_names, declared_assignment  # noqa: E402
from autograder.course.spec import resolve  # noqa: E402
from course_lib import check_plots  # noqa: E402
from course_lib.checks import check  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = ROOT / "course_lib" / "public_cases"

#: exercise -> (assignment, a known mistake whose picture must differ from the expected one)
PICTURES = {
    "update_parameters_with_momentum": ("optimization_methods", "steps_with_gradient"),
    "update_parameters_with_rmsprop": ("optimization_methods", "no_sqrt"),
    "update_parameters_with_adam": ("optimization_methods", "no_bias_correction"),
    "update_parameters_with_adagrad": ("optimization_methods", "not_accumulated"),
    "exponentially_weighted_average": ("optimization_methods", "never_corrects"),
    "update_lr": ("optimization_methods", "missing_parentheses"),
    "schedule_lr_decay": ("optimization_methods", "no_floor"),
    "exponential_lr_decay": ("optimization_methods", "times_epoch"),
    "sqrt_lr_decay": ("optimization_methods", "no_sqrt"),
    "softmax_cross_entropy_cost": ("batchnorm_softmax", "clipped_probabilities"),
    "compute_total_loss": ("batchnorm_softmax", "softmax_then_loss"),
    "im2col": ("convolution_arithmetic", "positions_column_major"),
}


def public_entry(name: str) -> dict:
    """The exercise's entry, read from the public JSON file itself (what students receive)."""
    assignment = PICTURES[name][0]
    return json.loads((PUBLIC / f"{assignment}.json").read_text())["exercises"][name]


def declared(name: str):
    return declared_assignment(PICTURES[name][0]).exercise(name)


def reference(name: str):
    return resolve(declared(name).reference)


def mistake(name: str, mistake_name: str):
    return resolve(next(m.implementation for m in declared(name).mistakes
                        if m.name == mistake_name))


def lines(fig) -> dict:
    """{label: (x, y)} of every labelled line of the figure, per axes: [{...}, ...]."""
    return [{line.get_label(): (np.asarray(line.get_xdata(), dtype=float),
                                np.asarray(line.get_ydata(), dtype=float))
             for line in ax.get_lines()} for ax in fig.axes]


def expected_label(axes_lines: dict) -> str:
    return next(label for label in axes_lines if label.startswith(("expected", "from the logits")))


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_every_exercise_with_a_picture_is_covered_here():
    with_picture = set()
    for assignment in built_names():
        data = json.loads((PUBLIC / f"{assignment}.json").read_text())
        with_picture |= {n for n, e in data["exercises"].items() if e.get("picture")}
    assert with_picture == set(PICTURES)


@pytest.mark.parametrize("name", sorted(PICTURES))
def test_the_reference_lies_on_the_expected_curve(name):
    fig = check_plots.draw(name, reference(name), public_entry(name))
    assert fig is not None
    for axes_lines in lines(fig):
        assert "yours" in axes_lines, axes_lines.keys()
        x, y = axes_lines["yours"]
        ex, ey = axes_lines[expected_label(axes_lines)]
        np.testing.assert_allclose(x, ex, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(y, ey, rtol=1e-6, atol=1e-9)
    for ax in fig.axes:
        assert ax.get_title() and ax.get_legend() is not None
        assert "\n" not in ax.get_title()  # no problem reported under the title


@pytest.mark.parametrize("name", sorted(PICTURES))
def test_a_known_mistake_draws_a_different_curve(name):
    fig = check_plots.draw(name, mistake(name, PICTURES[name][1]), public_entry(name))
    differs = []
    for axes_lines in lines(fig):
        assert "yours" in axes_lines
        x, y = axes_lines["yours"]
        ex, ey = axes_lines[expected_label(axes_lines)]
        differs.append(x.shape != ex.shape or not np.allclose(np.c_[x, y], np.c_[ex, ey],
                                                              rtol=1e-3, atol=1e-6))
    assert any(differs)


def test_the_optimizer_picture_shows_the_contours_and_both_paths():
    entry = public_entry("update_parameters_with_adam")
    fig = check_plots.draw("update_parameters_with_adam",
                           mistake("update_parameters_with_adam", "no_bias_correction"), entry)
    (ax,) = fig.axes
    assert ax.collections, "no contour lines"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["expected", "yours"]
    x, y = lines(fig)[0]["yours"]
    assert len(x) == entry["picture"]["num_steps"] + 1
    assert (x[0], y[0]) == tuple(entry["picture"]["w0"])


def test_the_ewa_picture_has_a_panel_without_and_one_with_bias_correction():
    fig = check_plots.draw("exponentially_weighted_average",
                           mistake("exponentially_weighted_average", "never_corrects"),
                           public_entry("exponentially_weighted_average"))
    titles = [ax.get_title() for ax in fig.axes]
    assert "without bias correction" in titles[0] and "with bias correction" in titles[1]
    (raw, corrected) = lines(fig)
    assert np.allclose(raw["yours"][1], raw["expected"][1])  # right without correction
    assert not np.allclose(corrected["yours"][1], corrected["expected"][1])  # wrong with it


def test_the_loss_picture_shows_the_capped_loss_and_marks_infinite_losses():
    name = "softmax_cross_entropy_cost"
    entry = public_entry(name)
    fig = check_plots.draw(name, mistake(name, "softmax_then_log"), entry)
    (axes_lines,) = lines(fig)
    assert set(axes_lines) == {"from the logits (expected)", entry["picture"]["capped_label"],
                               "yours", "yours: inf or NaN"}
    capped = axes_lines[entry["picture"]["capped_label"]][1]
    assert capped.max() == pytest.approx(-np.log(1e-7), rel=1e-3)
    assert axes_lines["from the logits (expected)"][1].max() == pytest.approx(
        2 * max(entry["picture"]["margins"]), rel=1e-6)


def raises(*args, **kwargs):
    raise ValueError("a bug of the student's")


def returns_nonsense(*args, **kwargs):
    return "not a number"


def not_implemented(*args, **kwargs):
    raise NotImplementedError()


@pytest.mark.parametrize("name", sorted(PICTURES))
@pytest.mark.parametrize("student", [raises, returns_nonsense])
def test_a_broken_function_gets_the_expected_curve_and_the_reason(name, student):
    fig = check_plots.draw(name, student, public_entry(name))
    for axes_lines, ax in zip(lines(fig), fig.axes):
        assert "yours" not in axes_lines
        assert expected_label(axes_lines)
        reason = ax.get_title().split("\n", 1)[1]
        assert ("ValueError: a bug of the student's" in reason if student is raises
                else "str" in reason)


@pytest.mark.parametrize("name", sorted(PICTURES))
def test_no_picture_until_the_function_is_implemented(name):
    assert check_plots.draw(name, not_implemented, public_entry(name)) is None
    assert check_plots.draw(name, None, public_entry(name)) is None
    assert check_plots.draw(name, 3, public_entry(name)) is None


def test_an_exercise_without_a_picture_draws_nothing():
    data = json.loads((PUBLIC / "optimization_methods.json").read_text())
    entry = data["exercises"]["random_mini_batches"]
    assert entry["picture"] is None
    assert check_plots.draw("random_mini_batches", raises, entry) is None


def test_outside_a_notebook_check_makes_no_figure_unless_asked(monkeypatch, capsys):
    monkeypatch.delenv(check_plots.ENV, raising=False)
    namespace = {"update_lr": reference("update_lr")}
    check("update_lr", namespace)
    assert plt.get_fignums() == []
    check("update_lr", namespace, plot=True)
    assert len(plt.get_fignums()) == 1
    plt.close("all")
    monkeypatch.setenv(check_plots.ENV, "1")
    check("update_lr", namespace)
    assert len(plt.get_fignums()) == 1
    plt.close("all")
    check("update_lr", namespace, plot=False)
    monkeypatch.setenv(check_plots.ENV, "0")
    check("update_lr", namespace)
    assert plt.get_fignums() == []
    assert capsys.readouterr().out.count("✓ update_lr") == 5


def test_check_with_a_picture_never_raises(monkeypatch, capsys):
    monkeypatch.setattr(check_plots, "DRAWERS", {k: raises for k in check_plots.DRAWERS})
    check("update_lr", {"update_lr": reference("update_lr")}, plot=True)
    out = capsys.readouterr().out
    assert "✓ update_lr" in out
    assert "The picture of update_lr could not be drawn: ValueError" in out


PROBE = r"""
import json, os, sys
from pathlib import Path
import numpy as np
root = Path(sys.argv[1])
opened = []

def record(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.append(os.path.abspath(os.fsdecode(args[0])))

sys.addaudithook(record)
import matplotlib
matplotlib.use("Agg")
from course_lib import check_plots
entry = json.loads((root / "course_lib/public_cases/optimization_methods.json").read_text())
entry = entry["exercises"]["update_parameters_with_adam"]

def adam_without_bias_correction(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9,
                                 beta2=0.999, epsilon=1e-8):
    for key in grads:
        p = key[1:]
        v[key] = beta1 * v[key] + (1 - beta1) * grads[key]
        s[key] = beta2 * s[key] + (1 - beta2) * grads[key] ** 2
        parameters[p] = parameters[p] - learning_rate * v[key] / (np.sqrt(s[key]) + epsilon)
    return parameters, v, s, v, s

start = len(opened)
fig = check_plots.draw("update_parameters_with_adam", adam_without_bias_correction, entry)
assert fig is not None and len(fig.axes[0].get_lines()) == 2
code = str(root / "course_lib")  # its modules are imported while drawing: nothing else of the kit
kit = [p for p in opened[start:] if p.startswith(str(root)) and "/.venv/" not in p
       and not (p.startswith(code) and p.endswith((".py", ".pyc")))]
print(json.dumps({"kit_files": kit,
                  "modules": sorted(m for m in sys.modules
                                    if m.split(".")[0] in ("autograder", "solutions"))}))
"""


def test_drawing_reads_only_the_public_entry_it_is_given():
    """In a fresh process: drawing opens no file of the kit and imports no grader or reference."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", PROBE, str(ROOT)], capture_output=True,
                          text=True, env=env, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"kit_files": [], "modules": []}


def test_in_a_notebook_kernel_the_check_displays_its_picture_as_a_png(tmp_path):
    """A real IPython kernel with the default (inline) backend: the picture is an image/png
    output of the check cell, shown once; not implemented yet, the check shows no picture."""
    import inspect

    import nbformat
    from nbclient import NotebookClient

    source = inspect.getsource(reference("update_lr"))
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("from course_lib.checks import check"),
        nbformat.v4.new_code_cell("def update_lr(learning_rate0, epoch_num, decay_rate):\n"
                                  "    raise NotImplementedError()"),
        nbformat.v4.new_code_cell('check("update_lr")'),
        nbformat.v4.new_code_cell(source.replace(f"def {reference('update_lr').__name__}(",
                                                 "def update_lr(")),
        nbformat.v4.new_code_cell('check("update_lr")'),
    ])
    env_before = os.environ.pop(check_plots.ENV, None)
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(tmp_path)}}).execute()
    finally:
        if env_before is not None:
            os.environ[check_plots.ENV] = env_before
    unfinished, finished = nb.cells[2].outputs, nb.cells[4].outputs
    assert "not implemented yet" in "".join(o.get("text", "") for o in unfinished)
    assert not [o for o in unfinished if "image/png" in o.get("data", {})]
    assert "✓ update_lr" in "".join(o.get("text", "") for o in finished)
    assert len([o for o in finished if "image/png" in o.get("data", {})]) == 1
    assert not [o for c in nb.cells for o in c.outputs
                if o["output_type"] == "error" or o.get("name") == "stderr"]


def test_the_averages_picture_says_which_values_it_leaves_out():
    # bias correction with t - 1: v_1 / (1 - beta**0) is inf, which a line cannot show
    name = "exponentially_weighted_average"
    fig = check_plots.draw(name, mistake(name, "zero_based_t"), public_entry(name))
    raw, corrected = (ax.get_title() for ax in fig.axes)
    assert "Not drawn" not in raw
    assert corrected.endswith("\nNot drawn: your values at t = 1, which are inf or NaN.")


def test_the_schedule_picture_says_which_rates_it_leaves_out():
    def divided_by_epoch(learning_rate0, epoch_num, *args, **kwargs):
        return np.float64(learning_rate0) / np.float64(epoch_num)  # inf at epoch 0

    fig = check_plots.draw("schedule_lr_decay", divided_by_epoch,
                           public_entry("schedule_lr_decay"))
    (ax,) = fig.axes
    assert ax.get_title().endswith("\nNot drawn: your values at epoch = 0, which are inf or NaN.")
