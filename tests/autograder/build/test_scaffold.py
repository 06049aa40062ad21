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
    plan = plan_exercise("update_parameters_with_adadelta", "optimization_methods",
                         like="update_parameters_with_rmsprop")
    assert plan.signature == "parameters, grads, s, beta2, learning_rate, epsilon=1e-08"
    assert plan.points == 11 and plan.tensorflow and plan.after == "update_parameters_with_rmsprop"
    assert "\n    points=4,\n" in scaffold.declaration_text(
        plan_exercise("update_parameters_with_adadelta", "optimization_methods",
                      like="update_parameters_with_rmsprop", points=4))


def test_signature_with_like_is_given_to_every_copied_def():
    """--signature with --like: the reference, the counterpart, the mistakes and the
    alternatives all take the new parameters (the copies' bodies still say TODO)."""
    new = "parameters, grads, h, learning_rate, epsilon=1e-7"
    plan = plan_exercise("update_parameters_with_adadelta", "optimization_methods",
                         like="update_parameters_with_rmsprop", signature=new)
    assert scaffold.reference_text(plan).startswith(f"def update_parameters_with_adadelta({new}):")
    assert scaffold.counterpart_text(plan).startswith(
        f"def update_parameters_with_adadelta({new}):")
    declaration = scaffold.declaration_text(plan)
    assert f"def mistake_rmsprop_no_sqrt({new}):" in declaration
    assert "beta2, learning_rate, epsilon=1e-8):" not in declaration
    from autograder.build import alternatives
    copies = scaffold.alternatives_text(plan, alternatives.load_alternatives("optimization_methods"))
    assert copies.count(f"({new}):") == copies.count("def ") >= 3


def test_optional_declares_the_extra_and_conditions_its_text():
    for like in (None, "initialize_rmsprop"):
        plan = plan_exercise("initialize_adadelta", "optimization_methods", like=like,
                             optional=True)
        declaration = scaffold.declaration_text(plan)
        assert declaration.count("\n    optional=True,\n") == 1, declaration
        compile(declaration, "initialize_adadelta.py", "exec")
        assert scaffold.teaching_text(plan).startswith(
            "# %% [markdown] if initialize_adadelta\n")
    plain = plan_exercise("initialize_adadelta", "optimization_methods", like="initialize_rmsprop")
    assert "optional=" not in scaffold.declaration_text(plain)


def test_the_template_declares_every_case_group_and_the_counterpart_when_asked():
    plan = plan_exercise("l1_cost", "regularization", signature="A, Y, parameters, lambd",
                         tensorflow=True)
    text = scaffold.declaration_text(plan)
    compile(text, "l1_cost.py", "exec")
    for piece in ('"fixed"', '"random"', '"edge"', '"tensorflow"', 'tensorflow=TF + "l1_cost"',
                  '"edge", visible=True',  # the check cell shows the edge case
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


def test_a_new_assignment_with_no_module_yet_gains_its_first_import(tmp_path):
    init = tmp_path / "__init__.py"
    init.write_text('"""Doc."""\n\nfrom x import Y\n\n#: order\nMODULES = ()\n\nASSIGNMENT = Y(MODULES)\n')
    scaffold.register(init, "pkg", "a", after=None)
    assert init.read_text() == ('"""Doc."""\n\nfrom pkg import (\n    a,\n)\nfrom x import Y\n\n'
                                "#: order\nMODULES = (\n    a,\n)\n\nASSIGNMENT = Y(MODULES)\n")
    init.write_text("from x import Y\n\nMODULES = (a,)\n")
    with pytest.raises(ScaffoldError, match="has no 'from pkg import"):
        scaffold.register(init, "pkg", "b", after=None)


def test_optional_asked_or_implied_writes_an_optional_extra():
    plan = plan_exercise("l1_cost", "regularization", signature="A, Y", optional=True)
    assert "\n    optional=True,\n" in scaffold.declaration_text(plan)
    plain = plan_exercise("l1_cost", "regularization", signature="A, Y")
    assert not plain.optional and "optional=True" not in scaffold.declaration_text(plain)
    like = plan_exercise("l1_more", "regularization", like="compute_cost_with_regularization",
                         optional=True)
    text = scaffold.declaration_text(like)
    compile(text, "l1_more.py", "exec")
    assert text.count("optional=True,") == 1


def test_an_optional_extra_is_declared_optional_and_taught_in_its_own_cells():
    """``--optional``: ``optional=True`` in the declaration (copied or from the template) and the
    markdown cell ``# %% [markdown] if NAME``, so the default course's notebook does not change;
    ``--after`` an optional extra (absent from the default course) is accepted."""
    like = plan_exercise("l1_cost", "regularization", like="compute_cost_with_regularization",
                         optional=True)
    fresh = plan_exercise("l1_cost", "regularization", signature="A, Y, parameters, lambd",
                          optional=True)
    for plan in (like, fresh):
        text = scaffold.declaration_text(plan)
        compile(text, "l1_cost.py", "exec")
        assert "\n    optional=True,\n" in text
        assert scaffold.teaching_text(plan).startswith("# %% [markdown] if l1_cost\n")
    plain = plan_exercise("l1_cost", "regularization", signature="A, Y, parameters, lambd")
    assert "optional" not in scaffold.declaration_text(plain)
    assert scaffold.teaching_text(plain).startswith("# %% [markdown]\n")
    after = plan_exercise("l1_more", "regularization", after="compute_cost_with_l1")
    assert after.after == "compute_cost_with_l1"
    copied = plan_exercise("l1_more", "regularization", like="backward_propagation_with_l1")
    assert copied.optional  # a copy of an optional extra is one too
    with pytest.raises(ScaffoldError, match="already has an exercise called compute_cost_with_l1"):
        plan_exercise("compute_cost_with_l1", "regularization")


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
