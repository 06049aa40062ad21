# %% [markdown]
# # Regularisation: L2 and dropout
#
# A network large enough to fit any training set can also fit its noise: it learns the training
# examples by heart and does worse on new ones. This is **overfitting** (high variance), and more
# data is its best cure. When more data is not to be had, **regularisation** helps. You will write
# the two kinds the course teaches, for a network with any number of layers:
#
# - **L2 regularisation** (sections 1 and 2): `compute_cost_with_regularization` and
#   `backward_propagation_with_regularization`;
# - **inverted dropout** (sections 3 and 4): `forward_propagation_with_dropout` and
#   `backward_propagation_with_dropout`.
#
# Section 5 trains the same large network three times, without regularisation, with L2 and with
# dropout, and compares their training and test accuracies and decision boundaries.
#
# **The network.** `course_lib.network`'s: LINEAR → RELU for every hidden layer, then
# LINEAR → SIGMOID. Its forward pass returns `AL` and a dict `cache` with `"A0"` (= `X`) and, for
# every layer `l = 1..L`, `"Z{l}"`, `"A{l}"`, `"W{l}"` and `"b{l}"`. As in the course, examples are
# columns: `X` has shape $(n_x, m)$, `Y` shape $(1, m)$; `W{l}` has shape $(n^{[l]}, n^{[l-1]})$.
# Your gradients go in a dict with `"dW1"`, `"db1"`, ..., `"dWL"`, `"dbL"` (you may keep the
# course's `"dA{l}"` and `"dZ{l}"` in it too).
#
# **How this notebook works.** Write your code between `# YOUR CODE HERE` and the end of the cell,
# replacing `raise NotImplementedError()`. The cell after each exercise runs `check(...)` on a few
# visible cases; the autograder runs more, hidden, cases. The demonstrations call your own
# functions: until those are written, they only tell you which exercise to complete.

# %% imports
import matplotlib.pyplot as plt

from course_lib import demos, plots
from course_lib.network import forward_propagation, predict, predict_dec
from course_lib.regularization_training import (
    LAYERS_DIMS,
    initialize_parameters,
    load_overfit_moons,
    model,
)

# %% [markdown]
# ## 0. A data set to overfit
#
# Two noisy half-moons again, but only **60 training examples**, against **1,000 test examples**
# from the same distribution (scikit-learn's `make_moons`, noise 0.3, fixed seeds). The network is
# much larger than the data needs: `layers_dims = [2, 64, 32, 1]`, over 2,000 parameters for 60
# points. Trained long enough, it can draw a boundary around every training point, noise included.

# %% demo
train_X, train_Y, test_X, test_Y = load_overfit_moons()
print("train_X:", train_X.shape, " test_X:", test_X.shape, " layers_dims:", list(LAYERS_DIMS))

fig, axes = plt.subplots(1, 2, figsize=(12, 4))
for ax, (X, Y, title) in zip(axes, [(train_X, train_Y, "the 60 training examples"),
                                    (test_X, test_Y, "the 1,000 test examples")]):
    ax.scatter(X[0], X[1], c=Y.ravel(), s=20, cmap=plt.cm.Spectral, edgecolors="k")
    ax.set_title(title)
plt.show()

# %% [markdown]
# ## 1. The L2-regularised cost
#
# L2 regularisation adds to the cost a penalty on the size of the weights:
#
# $$ J_{regularised} = \underbrace{-\frac{1}{m} \sum_{i=1}^{m} \left( y^{(i)} \log a^{[L](i)} +
#    (1 - y^{(i)}) \log\left(1 - a^{[L](i)}\right) \right)}_{\text{mean cross-entropy}} +
#    \underbrace{\frac{\lambda}{2m} \sum_{l=1}^{L} \sum_{k,j} \left(W^{[l]}_{k,j}\right)^2}_{
#    \text{L2 penalty}} $$
#
# - The penalty adds up the squares of **every weight of every layer**, `np.sum(np.square(W))` for
#   each `W{l}`; the biases are not penalised (they are few, and a large bias does not make the
#   function any less smooth).
# - $\lambda$ (`lambd`: `lambda` is a Python keyword) sets how much small weights matter against a
#   good fit. The course uses $\lambda = 0.7$.
# - The penalty is divided by $2m$: by $m$ so that it weighs the same against the *mean* cost
#   whatever the size of the training set, by 2 so that its gradient is simply $\frac{\lambda}{m} W$.
#
# `compute_cost` (from `course_lib.network`, already imported) returns the cross-entropy **summed**
# over the examples.
#
# **Exercise.** Implement `compute_cost_with_regularization` for any number of layers (`L` and `m`
# are given).

# %% exercise compute_cost_with_regularization

# %% [markdown]
# ## 2. Backpropagation with L2
#
# Only the penalty is new, and it depends on the weights alone, so each `dW{l}` gets one more
# term and nothing else changes:
#
# $$ \frac{\partial}{\partial W^{[l]}} \left( \frac{\lambda}{2m} \sum \left(W^{[l]}\right)^2 \right)
#    = \frac{\lambda}{m} W^{[l]}, \qquad
#    dW^{[l]} = dZ^{[l]} A^{[l-1]T} + \frac{\lambda}{m} W^{[l]}. $$
#
# The rest is the backward pass you know:
#
# $$ dZ^{[L]} = \frac{1}{m}\left(A^{[L]} - Y\right), \quad
#    db^{[l]} = \sum_{i} dZ^{[l](i)}, \quad
#    dA^{[l-1]} = W^{[l]T} dZ^{[l]}, \quad
#    dZ^{[l-1]} = dA^{[l-1]} * \mathbb{1}\left(A^{[l-1]} > 0\right). $$
#
# This is why L2 is also called **weight decay**: a gradient step
# $W \leftarrow W - \alpha \left(dW_{plain} + \frac{\lambda}{m} W\right)$ first shrinks $W$ by the
# factor $1 - \frac{\alpha\lambda}{m}$, then takes the usual step.
#
# **Exercise.** Complete `backward_propagation_with_regularization`: the plain backward pass is
# given; write the line that computes `grads[f"dW{l}"]` with its new term. The cache is that of
# `course_lib.network.forward_propagation` (its `"W{l}"` are the weights).

# %% exercise backward_propagation_with_regularization

# %% [markdown] if compute_cost_with_l1
# ## 2a. The L1-regularised cost
#
# L1 regularisation penalises the **absolute values** of the weights instead of their squares:
#
# $$ J_{L1} = \underbrace{-\frac{1}{m} \sum_{i=1}^{m} \left( y^{(i)} \log a^{[L](i)} +
#    (1 - y^{(i)}) \log\left(1 - a^{[L](i)}\right) \right)}_{\text{mean cross-entropy}} +
#    \underbrace{\frac{\lambda}{m} \sum_{l=1}^{L} \sum_{k,j} \left|W^{[l]}_{k,j}\right|}_{
#    \text{L1 penalty}} $$
#
# - The penalty adds up `np.sum(np.abs(W))` for **every weight matrix** `W{l}`, l = 1..L; the
#   biases are not penalised, as for L2.
# - It is divided by $m$ only, not $2m$: L2's 2 is there to cancel the 2 of the square's
#   derivative, and $|w|$ has no square.
#
# `compute_cost` (from `course_lib.network`) returns the cross-entropy **summed** over the examples.
#
# **Exercise.** Implement `compute_cost_with_l1` for any number of layers (`L` and `m` are given).

# %% exercise compute_cost_with_l1

# %% [markdown] if backward_propagation_with_l1
# ## 2b. Backpropagation with L1
#
# The derivative of $|w|$ is its sign: $+1$ where $w > 0$, $-1$ where $w < 0$. At $w = 0$, $|w|$ has
# no derivative; the convention (NumPy's `np.sign`, and TensorFlow's gradient of `tf.abs`) is 0. So
# each `dW{l}` gets one more term:
#
# $$ dW^{[l]} = dZ^{[l]} A^{[l-1]T} + \frac{\lambda}{m} \, \text{sign}\left(W^{[l]}\right), $$
#
# and the rest of the backward pass is the one of section 2. Where L2 pulls a weight towards 0 in
# proportion to its size (large weights shrink fast, small ones slowly, and none reaches 0), L1
# pulls every weight by the same amount $\frac{\alpha\lambda}{m}$ per step, whatever its size: a
# weight that the cross-entropy does not need is pushed all the way to 0.
#
# Use `np.sign(W)`: `W / np.abs(W)` divides 0 by 0 where a weight is exactly 0.
#
# **Exercise.** Complete `backward_propagation_with_l1`: write the line that computes
# `grads[f"dW{l}"]` with its new term. The cache is that of `course_lib.network.forward_propagation`.

# %% exercise backward_propagation_with_l1

# %% [markdown] if backward_propagation_with_l1
# **L1 against L2.** The network of section 0 trained twice, with L2 ($\lambda = 0.7$) and with L1
# ($\lambda = 0.1$: L1's penalty is larger than L2's for the small weights, so it needs a smaller
# $\lambda$), the same initial weights and 5,000 steps. The histograms show every weight of the
# trained networks, and the fraction of weights within 0.01 of 0. L2 leaves a crowd of small,
# non-zero weights; L1 sets almost every weight to (about) 0 and keeps a few large ones: it
# chooses the inputs each unit uses. Plain gradient descent steps by $\frac{\alpha\lambda}{m}$
# across 0, so L1's "zeros" jitter within a few thousandths of it.

# %% demo if backward_propagation_with_l1
with demos.guard("compute_cost_with_regularization", "backward_propagation_with_regularization",
                 "compute_cost_with_l1", "backward_propagation_with_l1",
                 what="L1 against L2"):
    penalties = {"L2, lambd = 0.7": {"lambd": 0.7},
                 "L1, lambd = 0.1": {"lambd": 0.1, "penalty": "L1"}}
    fig, axes = plt.subplots(1, 2, figsize=(13, 4))
    for ax, (label, kwargs) in zip(axes, penalties.items()):
        weights_of, _ = model(train_X, train_Y, globals(), num_iterations=5000, **kwargs)
        weights = np.concatenate([weights_of[f"W{l}"].ravel() for l in range(1, len(LAYERS_DIMS))])
        near_zero = np.mean(np.abs(weights) < 0.01)
        print(f"{label}: test accuracy {predict(test_X, test_Y, weights_of)[1]:.3f}, "
              f"{near_zero:.1%} of the {weights.size} weights within 0.01 of 0, "
              f"largest |w| {np.abs(weights).max():.2f}")
        ax.hist(weights, bins=80, log=True)
        ax.set_title(f"{label}: {near_zero:.0%} of the weights within 0.01 of 0")
        ax.set_xlabel("weight")
    axes[0].set_ylabel("number of weights (log scale)")
    plt.show()

# %% [markdown]
# ## 3. Dropout, forward
#
# Dropout switches off, at every iteration, a random part of the hidden units: each unit is kept
# with probability `keep_prob` and otherwise set to 0. No unit can rely on any one input, since it
# may vanish, so the network spreads its weights out, much as L2 shrinks them. For each hidden
# layer $l = 1, \dots, L-1$, in order:
#
# $$ A^{[l]} = \text{relu}(Z^{[l]}), \qquad D^{[l]} = \left(\text{rand}(n^{[l]}, m) <
#    \text{keep\_prob}\right), \qquad A^{[l]} = \frac{A^{[l]} * D^{[l]}}{\text{keep\_prob}}. $$
#
# - `np.random.rand(*A.shape) < keep_prob` is `True` with probability `keep_prob`: a new mask for
#   each hidden layer, of the shape of its activations (each example drops its own units).
# - Dividing by `keep_prob` (**inverted** dropout) keeps the expected value of every activation
#   unchanged, so the network needs no rescaling at test time, where nothing is dropped.
# - The input `X` and the output layer are never dropped.
# - `np.random.seed(seed)` is called once, before the first mask, so that the masks are
#   reproducible (the checks depend on it). Store each mask in the cache as `"D{l}"`: the backward
#   pass needs it.
#
# **Exercise.** Complete `forward_propagation_with_dropout`: inside the loop, the three lines of a
# hidden layer (the rest is given).

# %% exercise forward_propagation_with_dropout

# %% [markdown]
# Your masks at work on the first hidden layer of the network of section 0: about `keep_prob` of
# the units are kept, and because the kept ones are divided by `keep_prob`, the layer's mean
# activation stays about the same whatever `keep_prob` is.

# %% demo
with demos.guard("forward_propagation_with_dropout", what="the effect of the masks"):
    demo_parameters = initialize_parameters(LAYERS_DIMS)
    _, plain = forward_propagation(test_X, demo_parameters)
    print(f"keep_prob   kept units   mean of A1   (without dropout: {plain['A1'].mean():.4f})")
    for keep in (1.0, 0.86, 0.5, 0.2):
        _, dropped = forward_propagation_with_dropout(test_X, demo_parameters, keep, seed=0)
        print(f"{keep:9.2f}   {dropped['D1'].mean():10.3f}   {dropped['A1'].mean():10.4f}")

# %% [markdown]
# ## 4. Dropout, backward
#
# The dropped units did not take part in the forward pass, so they receive no gradient; the kept
# ones were multiplied by $\frac{1}{\text{keep\_prob}}$, so their gradient is too. For each hidden
# layer, apply the same mask and the same scaling to $dA^{[l]}$ before the RELU's derivative:
#
# $$ dA^{[l]} = W^{[l+1]T} dZ^{[l+1]}, \qquad
#    dA^{[l]} = \frac{dA^{[l]} * D^{[l]}}{\text{keep\_prob}}, \qquad
#    dZ^{[l]} = dA^{[l]} * \mathbb{1}\left(A^{[l]} > 0\right), $$
#
# and, as before, $dZ^{[L]} = \frac{1}{m}(A^{[L]} - Y)$, $dW^{[l]} = dZ^{[l]} A^{[l-1]T}$ (with the
# dropped-out $A^{[l-1]}$ of the cache, the one the next layer saw), $db^{[l]} = \sum_i dZ^{[l](i)}$.
#
# **Exercise.** Complete `backward_propagation_with_dropout`: the rest of the backward pass is
# given; write the two lines that compute `dA_prev` (the gradient reaching the activations of layer
# `l - 1`) and apply that layer's mask and scaling to it. The cache is the one your
# `forward_propagation_with_dropout` returns, with the masks `"D{l}"`.

# %% exercise backward_propagation_with_dropout

# %% [markdown]
# ## 5. Three networks, side by side
#
# The same network, the same initial weights (`W = randn / sqrt(n_prev)`, seed 3) and 5,000 steps
# of batch gradient descent at $\alpha = 0.3$, three times: without regularisation, with L2
# ($\lambda = 0.7$) and with dropout (`keep_prob = 0.86`). The training loop (`model`, from
# `course_lib.regularization_training`) calls your functions: your cost and backward pass for L2,
# your forward and backward passes with dropout (new masks every iteration: `seed` is the iteration
# number). Dropout is for training only: the accuracies and boundaries below come from the plain
# forward pass.

# %% demo
runs = {"no regularisation": {}, "L2, lambd = 0.7": {"lambd": 0.7},
        "dropout, keep_prob = 0.86": {"keep_prob": 0.86}}
trained, accuracies = {}, {}
with demos.guard("compute_cost_with_regularization", "backward_propagation_with_regularization",
                 "forward_propagation_with_dropout", "backward_propagation_with_dropout",
                 what="the three training runs"):
    for label, kwargs in runs.items():
        trained[label], _ = model(train_X, train_Y, globals(), num_iterations=5000, **kwargs)
        accuracies[label] = (predict(train_X, train_Y, trained[label])[1],
                             predict(test_X, test_Y, trained[label])[1])
        print(f"{label:26s}  training accuracy {accuracies[label][0]:.3f}   "
              f"test accuracy {accuracies[label][1]:.3f}")

    fig, ax = plt.subplots(figsize=(8, 3.5))
    positions = np.arange(len(runs))
    ax.bar(positions - 0.2, [a[0] for a in accuracies.values()], 0.4, label="training")
    ax.bar(positions + 0.2, [a[1] for a in accuracies.values()], 0.4, label="test")
    ax.set_xticks(positions, list(runs))
    ax.set_ylim(0.7, 1.08)
    ax.set_ylabel("accuracy")
    ax.legend(loc="upper center", ncol=2)
    ax.set_title("Training and test accuracy")
    plt.show()

    fig, axes = plt.subplots(1, 3, figsize=(18, 4.5))
    for ax, (label, parameters) in zip(axes, trained.items()):
        plots.plot_decision_boundary(lambda x, p=parameters: predict_dec(p, x.T), train_X,
                                     train_Y, ax=ax, resolution=150,
                                     title=f"{label}: test {accuracies[label][1]:.1%}")
    plt.tight_layout()
    plt.show()

# %% [markdown]
# Without regularisation the network classifies every training example correctly, with a boundary
# that bends around single noisy points: it has learnt the noise, and the test accuracy is the
# lowest of the three. L2 trades a little training accuracy for a much smoother boundary and the best
# test accuracy. Dropout keeps the training fit and still raises the test accuracy: no unit can
# count on any other, so the boundary cannot hang on a few specialised units.
#
# What to remember:
#
# - Regularisation lowers the training accuracy a little (or not at all) and raises the test
#   accuracy: it reduces variance.
# - L2 adds $\frac{\lambda}{2m}\sum \|W\|^2$ to the cost and $\frac{\lambda}{m} W$ to each $dW$;
#   $\lambda$ is a hyperparameter to tune on a dev set.
# - Dropout is used only in training, on the hidden layers, with the same masks in the forward and
#   backward passes, and divides by `keep_prob` in both. At test time, use the plain network.
