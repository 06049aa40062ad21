"""``autograder new-exercise``: what it refuses, and the registration it writes (in process; the
whole path, files and commands, is proven in a scratch kit by ``test_authoring_proof``)."""

from __future__ import annotations

import pytest

from autograder.build import scaffold
from autograder.build.scaffold import ScaffoldError, plan_exercise


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"name": "zoom_range"}, "hyperparameter_tuning already has an exercise called zoom_range."),
    ({"name": "2fast"}, "'2fast' is not a function name."),
    ({"name": "lambda"}, "'lambda' is not a function name."),
    ({"name": "zoom_more", "like": "nothing"}, "hyperparameter_tuning has no exercise nothing to copy."),
    ({"name": "zoom_more", "after": "nothing"}, "hyperparameter_tuning has no exercise nothing to follow."),
    ({"name": "zoom_more", "points": 0}, "An exercise is worth points > 0; 0 was asked."),
])
def test_a_request_that_cannot_be_met_is_refused_with_the_reason(kwargs, message):
    with pytest.raises(ScaffoldError) as error:
        plan_exercise(assignment="hyperparameter_tuning", **kwargs)
    assert str(error.value).startswith(message), str(error.value)


def test_like_takes_the_signature_points_and_counterpart_of_the_exercise_copied():
    plan = plan_exercise("update_parameters_with_adagrad", "optimization_methods",
                         like="update_parameters_with_rmsprop")
    assert plan.signature == "parameters, grads, s, beta2, learning_rate, epsilon=1e-08"
    assert plan.points == 11 and plan.tensorflow and plan.after == "update_parameters_with_rmsprop"
    assert "\n    points=4,\n" in scaffold.declaration_text(
        plan_exercise("update_parameters_with_adagrad", "optimization_methods",
                      like="update_parameters_with_rmsprop", points=4))


def test_the_template_declares_every_case_group_and_the_counterpart_when_asked():
    plan = plan_exercise("l1_cost", "regularization", signature="A, Y, parameters, lambd",
                         tensorflow=True)
    text = scaffold.declaration_text(plan)
    compile(text, "l1_cost.py", "exec")
    for piece in ('"fixed"', '"random"', '"edge"', '"tensorflow"', 'tensorflow=TF + "l1_cost"',
                  "visible=True))",  # the check cell shows the edge case
                  "def mistake_TODO(A, Y, parameters, lambd):", "points=10,"):
        assert piece in text, piece


def test_registration_imports_the_module_and_places_it_in_teaching_order(tmp_path):
    init = tmp_path / "__init__.py"
    init.write_text('"""Doc."""\n\nfrom pkg import (\n    a,\n    c,\n)\nfrom x import Y\n\n'
                    "MODULES = (\n    c,\n    a,\n)\n\nASSIGNMENT = Y(MODULES)\n")
    scaffold.register(init, "pkg", "b", after="c")
    assert init.read_text() == ('"""Doc."""\n\nfrom pkg import (\n    a,\n    b,\n    c,\n)\n'
                                "from x import Y\n\nMODULES = (\n    c,\n    b,\n    a,\n)\n\n"
                                "ASSIGNMENT = Y(MODULES)\n")
    scaffold.register(init, "pkg", "d", after=None)
    assert "MODULES = (\n    c,\n    b,\n    a,\n    d,\n)" in init.read_text()


def test_registration_without_modules_says_what_to_write(tmp_path):
    init = tmp_path / "__init__.py"
    init.write_text("from pkg import a\n\nEXERCISES = (a.EXERCISE,)\n")
    with pytest.raises(ScaffoldError, match="has no 'from pkg import"):
        scaffold.register(init, "pkg", "b", after=None)


@pytest.mark.parametrize("like", [None, "zoom_range"])
def test_an_optional_extra_is_declared_optional_and_taught_in_cells_of_its_own(like):
    plan = plan_exercise("zoom_twice", "hyperparameter_tuning", like=like, optional=True)
    declaration = scaffold.declaration_text(plan)
    compile(declaration, "zoom_twice.py", "exec")
    assert declaration.count("\n    optional=True,") == 1
    assert scaffold.teaching_text(plan).startswith("# %% [markdown] if zoom_twice\n")
    plain = plan_exercise("zoom_twice", "hyperparameter_tuning", like=like)
    assert "optional=True" not in scaffold.declaration_text(plain)
    assert scaffold.teaching_text(plain).startswith("# %% [markdown]\n")


def test_an_optional_extra_can_be_copied_and_followed():
    """The extras are off in the default course, but the authoring tools see them."""
    plan = plan_exercise("tanh_backward", "initialization", like="sigmoid_backward")
    assert plan.after == "sigmoid_backward" and plan.tensorflow
    assert "\n    optional=True," in scaffold.declaration_text(plan)
