"""course_lib.demos: the guard of the demonstration cells, and the helpers the demonstrations use.

The guard must never let the student's exception out of a demonstration cell, must say which
exercise to complete or fix, and must write nothing to stderr (nbgrader scores a cell with stderr
output as zero). The helpers must run the student's functions (here the reference solutions stand
in for them) and compute nothing of an exercise themselves.
"""

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import solutions.optimization_methods as reference  # noqa: E402
from course_lib import demos, plots  # noqa: E402
from course_lib.data import load_moons  # noqa: E402
from course_lib.training import model  # noqa: E402

EXERCISES = vars(reference)


def notebook(source):
    """A namespace like a notebook's globals, with the functions ``source`` defines."""
    namespace = {"__name__": "__main__"}
    exec(compile(source, "<notebook cell>", "exec"), namespace)
    return namespace


STUB = notebook(
    "def update_lr(learning_rate0, epoch_num, decay_rate):\n"
    "    # YOUR CODE HERE\n"
    "    raise NotImplementedError()\n"
    "def update_parameters_with_gd(parameters, grads, learning_rate):\n"
    "    # YOUR CODE HERE\n"
    "    raise NotImplementedError()\n"
)


# ------------------------------------------------------------------------------------------------
# guard
# ------------------------------------------------------------------------------------------------


def test_guard_lets_a_working_block_run(capsys):
    with demos.guard("update_lr", what="the plot", namespace={}) as g:
        value = 1 + 1
    assert value == 2 and g.ok is True and g.message is None
    assert capsys.readouterr() == ("", "")


def test_an_unfinished_exercise_becomes_one_line_of_advice(capsys):
    ns = STUB
    with demos.guard("update_lr", what="the schedules", namespace=ns) as g:
        ns["update_lr"](0.1, 3, 1.0)
        raise AssertionError("not reached")
    out, err = capsys.readouterr()
    assert out == "Complete update_lr above to see the schedules.\n"
    assert err == "" and g.ok is False


def test_the_advice_names_the_function_that_raised_not_the_first_needed(capsys):
    ns = notebook(
        "def update_lr(a, i, r):\n    return a / (1 + r * i)\n"
        "def sqrt_lr_decay(a, i, k=1.0):\n    raise NotImplementedError()\n"
    )
    with demos.guard("update_lr", "sqrt_lr_decay", what="the schedules", namespace=ns):
        ns["update_lr"](0.1, 3, 1.0)
        ns["sqrt_lr_decay"](0.1, 3)
    assert capsys.readouterr().out == "Complete sqrt_lr_decay above to see the schedules.\n"


def test_the_culprit_is_found_through_library_code(capsys):
    # The student's function raises inside course_lib's model: the advice still names it.
    ns = notebook(
        "def random_mini_batches(X, Y, mini_batch_size=64, seed=0):\n"
        "    raise NotImplementedError()\n"
    )
    X, Y = load_moons(m=20)
    with demos.guard("random_mini_batches", "update_parameters_with_gd", what="the run",
                     namespace=ns):
        model(X, Y, [2, 3, 1], "gd", {**EXERCISES, **ns}, num_epochs=2, progress=False)
    assert capsys.readouterr().out == "Complete random_mini_batches above to see the run.\n"


def test_a_bug_is_reported_with_its_function_and_the_check_to_run(capsys):
    ns = notebook("def helper(x):\n    return x.shape[5]\n")
    with demos.guard("update_lr", what="the plot", namespace=ns) as g:
        ns["helper"](np.zeros(3))
    out, err = capsys.readouterr()
    assert out.startswith("Could not show the plot: your helper raised IndexError: ")
    assert "check cell of helper" in out and err == "" and g.ok is False


def test_an_exception_outside_the_students_code_names_the_needed_exercises(capsys):
    with demos.guard("update_lr", "schedule_lr_decay", what="the plot", namespace={}):
        {}["missing"]
    out = capsys.readouterr().out
    assert out.startswith("Could not show the plot (it uses update_lr and schedule_lr_decay): KeyError")


def test_an_undefined_name_asks_to_run_the_cells_above(capsys):
    with demos.guard("update_lr", what="the plot", namespace={}):
        train_X  # noqa: B018, F821
    out = capsys.readouterr().out
    assert "name 'train_X' is not defined" in out and "run the cells above first" in out


def test_the_guard_takes_the_callers_globals_by_default(capsys):
    # No namespace given: the function is still named, found among the needs by its name.
    with demos.guard("update_parameters_with_gd", what="the paths"):
        STUB["update_parameters_with_gd"]({}, {}, 0.1)
    assert capsys.readouterr().out == "Complete update_parameters_with_gd above to see the paths.\n"


def test_half_drawn_figures_are_closed_and_finished_ones_kept():
    plt.close("all")
    kept = plt.figure()
    with demos.guard("update_lr", namespace=STUB):
        plt.subplots(1, 2)
        STUB["update_lr"](0.1, 1, 1.0)
    assert plt.get_fignums() == [kept.number]
    with demos.guard("update_lr", namespace=STUB):
        done = plt.figure()
    assert set(plt.get_fignums()) == {kept.number, done.number}
    plt.close("all")


def test_warnings_are_printed_on_stdout_not_stderr(capsys):
    with demos.guard(what="the plot", namespace={}):
        warnings.warn("something odd", UserWarning, stacklevel=1)
        with np.errstate(over="warn"):
            np.exp(np.array([1000.0]))
    out, err = capsys.readouterr()
    assert err == ""
    assert "Warning raised during the plot: UserWarning: something odd" in out
    assert "RuntimeWarning: overflow" in out


def test_keyboard_interrupt_is_not_swallowed():
    with pytest.raises(KeyboardInterrupt):
        with demos.guard(namespace={}):
            raise KeyboardInterrupt


# ------------------------------------------------------------------------------------------------
# quadratic_step: the student's optimizers on a 2-D point
# ------------------------------------------------------------------------------------------------


def test_gd_on_the_quadratic_is_the_gradient_step():
    _, grad_f = plots.elongated_quadratic()
    path = plots.optimizer_path(demos.quadratic_step("gd", EXERCISES, 0.18), [-4.0, 1.0], grad_f, 3)
    w = np.array([-4.0, 1.0])
    for point in path[1:]:
        w = w - 0.18 * grad_f(w)
        np.testing.assert_allclose(point, w, rtol=1e-12)


def test_momentum_keeps_its_velocity_between_steps():
    _, grad_f = plots.elongated_quadratic()
    path = plots.optimizer_path(demos.quadratic_step("momentum", EXERCISES, 0.1, beta=0.9),
                                [-4.0, 1.0], grad_f, 4)
    w, v = np.array([-4.0, 1.0]), np.zeros(2)
    for point in path[1:]:
        v = 0.9 * v + 0.1 * grad_f(w)
        w = w - 0.1 * v
        np.testing.assert_allclose(point, w, rtol=1e-12)


def test_rmsprop_and_adam_take_per_coordinate_steps():
    _, grad_f = plots.elongated_quadratic()
    w0 = np.array([-4.0, 1.0])
    adam = plots.optimizer_path(demos.quadratic_step("adam", EXERCISES, 0.2), w0, grad_f, 5)
    # Adam's first step is the learning rate along each coordinate (bias correction, t = 1).
    np.testing.assert_allclose(adam[1] - adam[0], [0.2, -0.2], rtol=1e-6)
    rmsprop = plots.optimizer_path(demos.quadratic_step("rmsprop", EXERCISES, 0.1, beta2=0.9), w0,
                                   grad_f, 2)
    g, s = grad_f(w0), (1 - 0.9) * grad_f(w0) ** 2
    np.testing.assert_allclose(rmsprop[1], w0 - 0.1 * g / (np.sqrt(s) + 1e-8), rtol=1e-12)
    g2 = grad_f(rmsprop[1])
    s = 0.9 * s + 0.1 * g2**2
    np.testing.assert_allclose(rmsprop[2], rmsprop[1] - 0.1 * g2 / (np.sqrt(s) + 1e-8), rtol=1e-12)


def test_quadratic_step_needs_the_students_functions():
    with pytest.raises(NameError, match="initialize_adam"):
        demos.quadratic_step("adam", {"update_parameters_with_adam": print}, 0.1)
    with pytest.raises(ValueError, match="optimizer"):
        demos.quadratic_step("sgd", EXERCISES, 0.1)


def test_an_unfinished_optimizer_in_the_path_demo_gives_advice(capsys):
    _, grad_f = plots.elongated_quadratic()
    with demos.guard("update_parameters_with_gd", what="the paths", namespace=STUB):
        plots.optimizer_path(demos.quadratic_step("gd", STUB, 0.1), [1.0, 1.0], grad_f, 3)
    assert capsys.readouterr().out == "Complete update_parameters_with_gd above to see the paths.\n"


# ------------------------------------------------------------------------------------------------
# train
# ------------------------------------------------------------------------------------------------


def test_train_is_model_after_a_silent_rehearsal(capsys):
    X, Y = load_moons()
    kwargs = dict(learning_rate=0.01, num_epochs=200, decay="schedule_lr_decay", time_interval=50,
                  progress=False)
    np.random.seed(123)
    parameters, history = demos.train(X, Y, [2, 5, 2, 1], "adam", EXERCISES, **kwargs)
    after_train = np.random.rand()
    np.random.seed(123)
    expected_parameters, expected_history = model(X, Y, [2, 5, 2, 1], "adam", EXERCISES, **kwargs)
    assert np.random.rand() == after_train  # the rehearsal leaves the global stream as it was
    assert history == expected_history
    for key, value in expected_parameters.items():
        np.testing.assert_array_equal(parameters[key], value)
    assert capsys.readouterr() == ("", "")


def test_train_stops_before_any_output_when_an_exercise_is_unfinished(capsys):
    X, Y = load_moons()
    with pytest.raises(NotImplementedError):
        demos.train(X, Y, [2, 5, 2, 1], "gd", {**EXERCISES, **STUB}, num_epochs=100, progress=True)
    assert capsys.readouterr() == ("", "")


# ------------------------------------------------------------------------------------------------
# data
# ------------------------------------------------------------------------------------------------


def test_the_demonstration_data_is_reproducible_and_leaves_the_global_stream_alone():
    np.random.seed(5)
    first = np.random.rand()
    np.random.seed(5)
    thetas = demos.noisy_temperatures(T=200, seed=1)
    Z = demos.layer_inputs(m=500, seed=0)
    assert np.random.rand() == first
    assert thetas.shape == (200,) and thetas.dtype == np.float64
    np.testing.assert_array_equal(thetas, demos.noisy_temperatures(T=200, seed=1))
    assert Z.shape == (4, 500) and Z.dtype == np.float64
    np.testing.assert_array_equal(Z, demos.layer_inputs(m=500, seed=0))
    np.testing.assert_allclose(Z.mean(axis=1, keepdims=True), demos.UNIT_MEANS,
                               atol=0.2 * demos.UNIT_STDS.max())
    np.testing.assert_allclose(Z.std(axis=1, keepdims=True), demos.UNIT_STDS, rtol=0.15)


def test_a_wrong_return_value_is_named_in_the_advice(capsys):
    ns = notebook(
        "def initialize_velocity(parameters):\n"
        "    return {'dW1': 0 * parameters['W1'], 'db1': 0 * parameters['b1']}\n"
        "def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):\n"
        "    return parameters\n"  # forgets v
    )
    _, grad_f = plots.elongated_quadratic()
    with demos.guard("initialize_velocity", "update_parameters_with_momentum", what="the paths",
                     namespace=ns):
        plots.optimizer_path(demos.quadratic_step("momentum", ns, 0.1), [1.0, 1.0], grad_f, 3)
    out = capsys.readouterr().out
    assert "update_parameters_with_momentum must return (parameters, v); it returned dict" in out


def test_an_imported_function_is_not_taken_for_the_students(capsys):
    ns = notebook("from course_lib.training import model\n")
    X, Y = load_moons(m=20)
    with demos.guard("update_parameters_with_gd", what="the run", namespace=ns):
        ns["model"](X, Y, [2, 3, 1], "gd", {**EXERCISES, "update_parameters_with_gd": len},
                    num_epochs=1, progress=False)
    out = capsys.readouterr().out
    assert out.startswith("Could not show the run (it uses update_parameters_with_gd): TypeError")
    assert "your model" not in out


def test_the_advice_reads_well_without_named_exercises(capsys):
    with demos.guard(what="the plot", namespace={}):
        raise NotImplementedError()
    with demos.guard(what="the plot", namespace={}):
        train_X  # noqa: B018, F821
    with demos.guard(what="the plot", namespace={}):
        raise ValueError("bad")
    assert capsys.readouterr().out.splitlines() == [
        "Complete the exercises above to see the plot.",
        "name 'train_X' is not defined: run the cells above first (the data), then this one, "
        "to see the plot.",
        "Could not show the plot: ValueError: bad",
    ]
