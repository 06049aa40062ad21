"""course_lib is given to students: it must define none of the graded exercises.

Checked on the syntax tree of every module in course_lib: no function, class or assigned name may
carry an exercise's name, and no module may import the reference solutions.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COURSE_LIB = sorted((ROOT / "course_lib").glob("*.py"))
SOLUTIONS = sorted((ROOT / "solutions").glob("*.py"))

# The exercises of CURRICULUM.md, and the course's names of the planned week-1 exercises.
# (course_lib.network's He initialisation for the training loops is called he_initialization, so
# that it cannot be mistaken for the week-1 exercise initialize_parameters_he.)
CURRICULUM = {
    "update_parameters_with_gd",
    "random_mini_batches",
    "exponentially_weighted_average",
    "initialize_velocity",
    "update_parameters_with_momentum",
    "initialize_rmsprop",
    "update_parameters_with_rmsprop",
    "initialize_adam",
    "update_parameters_with_adam",
    "update_lr",
    "schedule_lr_decay",
    "exponential_lr_decay",
    "sqrt_lr_decay",
    "batchnorm_forward",
    "batchnorm_backward",
    "update_running_averages",
    "batchnorm_inference",
    "softmax",
    "softmax_cross_entropy_cost",
    "softmax_cross_entropy_backward",
    "compute_total_loss",
    "one_hot_matrix",
    "initialize_parameters_zeros",
    "initialize_parameters_random",
    "initialize_parameters_he",
    "compute_cost_with_regularization",
    "backward_propagation_with_regularization",
    "forward_propagation_with_dropout",
    "backward_propagation_with_dropout",
    "gradient_check",
    "gradient_check_n",
    "sample_log_uniform",
    "sample_beta",
    "zoom_range",
    "im2col",
}


#: Library functions that share a name with an exercise of another assignment, and do something
#: else: the week-2 network's forward and backward passes are named like the 1-D warm-up of
#: gradient_checking (the course's names for both). Allowed only with a different signature.
NAMESAKES = {("network.py", "forward_propagation"): "solutions/gradient_checking.py",
             ("network.py", "backward_propagation"): "solutions/gradient_checking.py"}


def defined_names(path):
    """Names a module defines: functions and classes at any depth, and assigned names."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names


def imported_modules(path):
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def exercise_names():
    """The curriculum's names and every function the reference solutions define."""
    from_solutions = set()
    for path in SOLUTIONS:
        tree = ast.parse(path.read_text(), filename=str(path))
        from_solutions |= {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    return CURRICULUM | from_solutions


def test_the_check_sees_the_exercises_where_they_are_defined():
    # Guards the guard: the detector must find the exercises in the solutions themselves.
    found = set().union(*(defined_names(p) for p in SOLUTIONS))
    assert {"update_parameters_with_adam", "random_mini_batches", "softmax"} <= found
    assert "batchnorm_forward" in found
    assert len(exercise_names()) >= len(CURRICULUM)


@pytest.mark.parametrize("path", COURSE_LIB, ids=lambda p: p.name)
def test_course_lib_defines_no_exercise(path):
    clash = {n for n in defined_names(path) & exercise_names() if (path.name, n) not in NAMESAKES}
    assert not clash, f"course_lib/{path.name} defines exercise(s) {sorted(clash)}"


@pytest.mark.parametrize("path", COURSE_LIB, ids=lambda p: p.name)
def test_course_lib_does_not_import_the_solutions(path):
    leaks = {m for m in imported_modules(path) if m == "solutions" or m.startswith("solutions.")}
    assert not leaks, f"course_lib/{path.name} imports {sorted(leaks)}"


def _parameters(path, name):
    tree = ast.parse(path.read_text(), filename=str(path))
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    return [a.arg for a in fn.args.args]


def test_namesakes_are_other_functions():
    for (module, name), solution in NAMESAKES.items():
        library = _parameters(ROOT / "course_lib" / module, name)
        exercise = _parameters(ROOT / solution, name)
        assert library != exercise, f"course_lib/{module} defines the exercise {name}{exercise}"


def test_the_modules_of_this_task_are_checked():
    names = {p.name for p in COURSE_LIB}
    assert {"data.py", "network.py", "training.py", "plots.py"} <= names
