"""Batch norm and softmax references agree with Keras's BatchNormalization, tf.nn.softmax, Keras's
from-logits cross-entropy and tf.GradientTape; the TensorFlow exercises agree with their
independent TF counterparts.

Batch-norm tolerances are relative to the conditioning of the row: with ``sd = sqrt(var + eps)``
the normalisation amplifies rounding of ``Z`` (size ``max|Z|``) by ``max|Z| / sd``, so every scale
below carries the factor ``cond = 1 + max|Z_row| / sd``.
"""

import numpy as np
import pytest
from tf_agreement_support import assert_close, assert_same_keys, rng_for

from course_lib.tf import tf
from solutions import batchnorm_softmax as ref
from solutions import batchnorm_softmax_tensorflow as ref_tf
from solutions.counterparts import batchnorm_softmax as tfc

keras = tf.keras
CASES = range(30)
F64_TINY = np.finfo(np.float64).tiny
F32_TINY = np.finfo(np.float32).tiny


def batch_case(case):
    """Z (n, m) with a per-unit offset, gamma, beta; n in 1..5, m in 1..8 (case 0: 1x1)."""
    rng = rng_for(40, case)
    n, m = (1, 1) if case == 0 else (int(rng.integers(1, 6)), int(rng.integers(1, 9)))
    offset = 10 ** rng.uniform(-1, 2) * rng.standard_normal((n, 1))
    Z = offset + 10 ** rng.uniform(-1, 1) * rng.standard_normal((n, m))
    if case == 1:
        Z[0, :] = 0.1  # a constant row: var = 0 up to the rounding of its mean
    gamma = rng.standard_normal((n, 1))
    beta = rng.standard_normal((n, 1))
    epsilon = float(rng.choice([1e-5, 1e-3, 1e-1]))
    return rng, Z, gamma, beta, epsilon


def row_condition(Z, var, epsilon):
    sd = np.sqrt(var + epsilon)
    return sd, 1 + np.max(np.abs(Z), axis=1, keepdims=True) / sd


@pytest.mark.parametrize("case", CASES)
def test_batchnorm_forward_matches_keras_training_mode(case):
    _, Z, gamma, beta, epsilon = batch_case(case)
    Z_before = Z.copy()
    exp_Z, exp_cache = ref.batchnorm_forward(Z, gamma, beta, epsilon)
    got_Z, got_cache = tfc.batchnorm_forward(Z, gamma, beta, epsilon)
    np.testing.assert_array_equal(Z, Z_before)
    assert_same_keys(got_cache, exp_cache, "cache")
    m = Z.shape[1]
    maxZ = np.max(np.abs(Z), axis=1, keepdims=True)
    sd, cond = row_condition(Z, exp_cache["var"], epsilon)
    # mu: sums of m <= 8 terms in a different order: 1e-13 of max|Z|.
    assert_close(got_cache["mu"], exp_cache["mu"], rtol=1e-13, scale=maxZ, what="mu")
    # var: rounding of Z - mu (~1e-16 * max|Z|) times |Z - mu| <= sqrt(m*var), plus the square of
    # the mean's rounding (a constant row has var ~ 1e-34, not 0).
    var_scale = maxZ * np.sqrt(m * exp_cache["var"]) + (1e-15 * maxZ) ** 2
    assert_close(got_cache["var"], exp_cache["var"], rtol=1e-13, scale=var_scale, what="var")
    # Z_norm: TF computes Z*inv - mu*inv (inv = 1/sd): rounding of size cond, plus var's rounding
    # carried through 1/sd (relative var error ~ 1e-16*cond**2 when var << max|Z|**2).
    zn_scale = cond * (1 + cond * np.abs(exp_cache["Z_norm"]))
    assert_close(
        got_cache["Z_norm"], exp_cache["Z_norm"], rtol=1e-13, scale=zn_scale, what="Z_norm"
    )
    assert_close(
        got_Z, exp_Z, rtol=1e-13, scale=np.abs(gamma) * zn_scale + np.abs(beta), what="Z_tilde"
    )
    np.testing.assert_array_equal(got_cache["gamma"], gamma)
    assert got_cache["epsilon"] == epsilon
    for key in ("Z_norm", "mu", "var", "gamma"):
        assert got_cache[key].dtype == np.float64 and got_cache[key].shape == exp_cache[key].shape


@pytest.mark.parametrize("case", CASES)
def test_batchnorm_backward_matches_gradient_tape(case):
    rng, Z, gamma, beta, epsilon = batch_case(case)
    dZ_tilde = rng.standard_normal(Z.shape)
    _, cache = ref.batchnorm_forward(Z, gamma, beta, epsilon)
    exp = ref.batchnorm_backward(dZ_tilde, cache)
    got = tfc.batchnorm_backward(dZ_tilde, cache)
    sd, cond = row_condition(Z, cache["var"], epsilon)
    row_sum = np.sum(np.abs(dZ_tilde), axis=1, keepdims=True)
    # The tape differentiates the layer at Z rebuilt from the cache (rounding ~1e-16*cond in
    # Z_norm); dZ ~ |gamma|*sum|dZ_tilde|/sd, dgamma ~ sum|dZ_tilde|*|Z_norm|,
    # dbeta ~ sum|dZ_tilde|.
    # All within 1e-12 of those sizes times cond (measured: below 1e-16).
    scales = [
        np.abs(gamma) * row_sum / sd * cond,
        row_sum * cond,
        row_sum,
    ]
    for name, g, e, sc in zip(["dZ", "dgamma", "dbeta"], got, exp, scales, strict=True):
        assert g.dtype == np.float64
        assert_close(g, e, rtol=1e-12, scale=sc, what=name)


@pytest.mark.parametrize("case", CASES)
def test_update_running_averages_is_the_layers_moving_update(case):
    rng, Z, _, _, _ = batch_case(case)
    n = Z.shape[0]
    running_mean, running_var = rng.standard_normal((n, 1)), rng.uniform(0.1, 3, (n, 1))
    batch_mean, batch_var = rng.standard_normal((n, 1)), rng.uniform(0, 3, (n, 1))
    momentum = float(rng.choice([0.9, 0.99, 0.0, rng.uniform(0, 1)]))
    args = (running_mean, running_var, batch_mean, batch_var, momentum)
    exp = ref.update_running_averages(*[np.copy(a) for a in args[:4]], momentum)
    got = tfc.update_running_averages(*args)
    # Keras: moving*momentum + batch*(1 - momentum); the reference: the same two products and one
    # sum: bit-identical.
    for name, g, e in zip(["running_mean", "running_var"], got, exp, strict=True):
        assert g.shape == (n, 1) and g.dtype == np.float64
        np.testing.assert_array_equal(g, e, err_msg=name)


@pytest.mark.parametrize("case", range(10))
def test_running_averages_of_a_real_batch(case):
    """A standard BatchNormalization(momentum=m) step on Z.T moves its statistics like
    update_running_averages with the reference forward's mu and var."""
    rng, Z, _, _, epsilon = batch_case(case)
    n = Z.shape[0]
    running_mean, running_var = rng.standard_normal((n, 1)), rng.uniform(0.1, 3, (n, 1))
    momentum = 0.9
    _, cache = ref.batchnorm_forward(Z, np.ones((n, 1)), np.zeros((n, 1)), epsilon)
    exp = ref.update_running_averages(
        running_mean, running_var, cache["mu"], cache["var"], momentum
    )
    layer = keras.layers.BatchNormalization(epsilon=epsilon, momentum=momentum, dtype="float64")
    layer.build((None, n))
    layer.moving_mean.assign(running_mean.ravel())
    layer.moving_variance.assign(running_var.ravel())
    layer(tf.constant(Z.T), training=True)
    maxZ = np.max(np.abs(Z), axis=1, keepdims=True)
    # The batch moments differ by rounding (see the forward test), scaled by 1 - momentum.
    assert_close(
        layer.moving_mean.numpy().reshape(n, 1),
        exp[0],
        rtol=1e-13,
        scale=np.abs(running_mean) + maxZ,
        what="moving_mean",
    )
    assert_close(
        layer.moving_variance.numpy().reshape(n, 1),
        exp[1],
        rtol=1e-13,
        scale=running_var + maxZ * np.sqrt(Z.shape[1] * cache["var"]) + 1e-30 * maxZ**2,
        what="moving_variance",
    )


@pytest.mark.parametrize("case", CASES)
def test_batchnorm_inference_matches_keras_inference_mode(case):
    rng, Z, gamma, beta, epsilon = batch_case(case)
    if case % 3 == 0:
        Z = Z[:, :1]  # a single test example
    n = Z.shape[0]
    running_mean = np.mean(Z, axis=1, keepdims=True) + rng.standard_normal((n, 1))
    running_var = rng.uniform(0.01, 4, (n, 1))
    exp = ref.batchnorm_inference(Z, gamma, beta, running_mean, running_var, epsilon)
    got = tfc.batchnorm_inference(Z, gamma, beta, running_mean, running_var, epsilon)
    sd = np.sqrt(running_var + epsilon)
    # TF: Z*inv + (beta - mu*inv), inv = gamma/sd: rounding of |gamma|(|Z| + |mu|)/sd + |beta|.
    assert_close(
        got,
        exp,
        rtol=1e-13,
        scale=np.abs(gamma) * (np.abs(Z) + np.abs(running_mean)) / sd + np.abs(beta),
        what="Z_tilde",
    )
    assert got.dtype == np.float64


# ---- softmax and cross-entropy ------------------------------------------------------------------


def logits_case(case, dtype):
    rng = rng_for(50, case)
    C, m = (1, 1) if case == 0 else (int(rng.integers(1, 7)), int(rng.integers(1, 9)))
    scale = [1.0, 30.0, 1e3, 1e4][case % 4]
    ZL = (scale * rng.uniform(-1, 1, size=(C, m))).astype(dtype)
    Y = np.eye(C, dtype=dtype)[:, rng.integers(0, C, size=m)]
    return ZL, Y


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("case", CASES)
def test_softmax_matches_tf_nn_softmax(case, dtype):
    ZL, _ = logits_case(case, dtype)
    exp = ref.softmax(ZL)
    got = tfc.softmax(ZL)
    assert got.dtype == np.float64 and got.shape == ZL.shape
    if dtype == np.float64:
        # Different exp implementations and a multiply by 1/sum instead of a division: a few ulps,
        # 1e-14. TF flushes subnormal results to 0 (exp below -708), hence atol = tiny.
        assert_close(got, exp, rtol=1e-14, atol=F64_TINY, what="softmax")
    else:
        # The reference computes in float32 (the counterpart in float64 from the same values).
        # z - max is rounded to float32 (when not exact), an absolute error up to eps32*|z - max|/2
        # that exp turns into that relative error; plus a few float32 ulps for exp and the sum.
        # Results below tiny32 are subnormal or 0 in float32.
        eps32 = np.finfo(np.float32).eps
        shifted = np.abs(ZL.astype(np.float64) - np.max(ZL, axis=0))
        assert_close(
            got,
            exp,
            rtol=eps32,
            scale=np.abs(exp) * (16 + shifted),
            atol=F32_TINY,
            what="softmax (float32 input)",
        )
    np.testing.assert_allclose(np.sum(got, axis=0), 1.0, rtol=1e-15 * ZL.shape[0] + 1e-15)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("case", CASES)
def test_cross_entropy_and_its_gradient_match_keras_from_logits(case, dtype):
    ZL, Y = logits_case(case, dtype)
    m = ZL.shape[1]
    exp_cost = ref.softmax_cross_entropy_cost(ZL, Y)
    got_cost = tfc.softmax_cross_entropy_cost(ZL, Y)
    exp_grad = ref.softmax_cross_entropy_backward(ZL, Y)
    got_grad = tfc.softmax_cross_entropy_backward(ZL, Y)
    assert type(got_cost) is float
    assert got_grad.dtype == np.float64 and got_grad.shape == ZL.shape
    if dtype == np.float64:
        # Both compute (z - max) identically and differ in log/exp by ulps and in summation order:
        # 1e-13 relative, plus 1e-15 absolute for costs that are 0 up to rounding.
        assert_close(got_cost, exp_cost, rtol=1e-13, atol=1e-15, what="cost")
        # (softmax - Y)/m: softmax to a few ulps; where softmax ~ 1 = Y the difference cancels, so
        # an absolute 4 ulps of 1, over m.
        assert_close(got_grad, exp_grad, rtol=1e-13, atol=1e-15 / m, what="dZL")
    else:
        # The reference runs in float32: its per-example loss is accurate to float32 rounding of
        # (z - max) and of the log-sum-exp: 1e-6 relative, 1e-6 absolute near zero.
        assert_close(got_cost, exp_cost, rtol=1e-6, atol=1e-6, what="cost (float32 input)")
        assert_close(
            got_grad,
            exp_grad,
            rtol=2e-6,
            atol=4 * np.finfo(np.float32).eps / m,
            what="dZL (float32 input)",
        )


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_from_logits_stability_case(dtype):
    """[[1000], [0], [-1000]] with the last class correct: the from-logits loss is 2000 exactly;
    Keras's probability-based loss clips probabilities at 1e-7 and is capped at -log(1e-7) ~ 16.12;
    softmax-then-log in NumPy gives inf."""
    ZL = np.array([[1000.0], [0.0], [-1000.0]], dtype=dtype)
    Y = np.array([[0.0], [0.0], [1.0]], dtype=dtype)
    assert ref.softmax_cross_entropy_cost(ZL, Y) == 2000.0
    assert tfc.softmax_cross_entropy_cost(ZL, Y) == 2000.0
    np.testing.assert_array_equal(
        tfc.softmax_cross_entropy_backward(ZL, Y), ref.softmax_cross_entropy_backward(ZL, Y)
    )
    np.testing.assert_array_equal(tfc.softmax(ZL), [[1.0], [0.0], [0.0]])
    probabilities = tf.nn.softmax(tf.constant(ZL.T), axis=-1)
    capped = keras.losses.categorical_crossentropy(
        tf.constant(Y.T), probabilities, from_logits=False
    )
    assert float(capped[0]) == pytest.approx(-np.log(1e-7), rel=1e-5)
    assert 16.11 < float(capped[0]) < 16.13
    with np.errstate(divide="ignore"):
        naive = -np.log(ref.softmax(ZL)[2, 0])  # the correct class's probability underflows to 0
    assert np.isinf(naive)


# ---- the TensorFlow exercises against their independent counterparts ----------------------------


# Keras warns (a SyntaxWarning, on stderr) for C = 1 class; case 0 is 1x1 on purpose.
@pytest.mark.filterwarnings("ignore:In loss categorical_crossentropy:SyntaxWarning")
@pytest.mark.parametrize("dtype", [tf.float64, tf.float32])
@pytest.mark.parametrize("case", range(20))
def test_compute_total_loss_matches_summed_softmax_cross_entropy_with_logits(case, dtype):
    ZL, Y = logits_case(case, np.float64)
    logits, labels = tf.constant(ZL, dtype=dtype), tf.constant(Y, dtype=dtype)
    exp = ref_tf.compute_total_loss(logits, labels)
    assert isinstance(exp, tf.Tensor) and exp.shape == ()
    got = tfc.compute_total_loss(logits, labels)
    assert type(got) is float
    if dtype == tf.float64:
        # Keras's loss is the same op (transposed) in float64; summation over m <= 8: 1e-13.
        assert_close(got, float(exp), rtol=1e-13, atol=1e-15, what="total loss")
    else:
        # The reference runs in float32 on the same float32 values; the counterpart in float64.
        assert_close(got, float(exp), rtol=1e-6, atol=1e-6, what="total loss (float32)")
    # And it is m times the mean cost.
    assert_close(
        got,
        ZL.shape[1] * ref.softmax_cross_entropy_cost(logits.numpy().astype(np.float64), Y),
        rtol=1e-13,
        atol=1e-15,
        what="sum = m * mean",
    )


@pytest.mark.parametrize("C", [1, 2, 6, 10])
def test_one_hot_matrix_matches_eye_lookup(C):
    for label in range(C):
        exp = ref_tf.one_hot_matrix(label, C)
        got = tfc.one_hot_matrix(label, C)
        assert tuple(exp.shape) == (C,) and got.shape == (C,) and got.dtype == np.float64
        # 0s and a 1: exact.
        np.testing.assert_array_equal(got, exp.numpy(), err_msg=f"label {label}, C {C}")
        assert got[label] == 1.0 and got.sum() == 1.0
