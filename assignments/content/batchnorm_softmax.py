# %% [markdown]
# # Batch Normalisation and Softmax
#
# This assignment covers two pieces of machinery that sit inside almost every modern network, and the
# numerical care each one needs.
#
# **Batch normalisation** (sections 1 to 3). You will write
#
# - `batchnorm_forward`: normalise a layer's pre-activations over the mini-batch, then scale and shift
#   them with the learnable $\gamma$ and $\beta$;
# - `batchnorm_backward`: its exact gradients;
# - `update_running_averages` and `batchnorm_inference`: the statistics kept during training and the
#   test-time path that uses them.
#
# **Softmax and the cross-entropy** (sections 4 to 6), in NumPy:
#
# - `softmax`, which must stay finite for logits of any size;
# - `softmax_cross_entropy_cost`, computed from the logits with the log-sum-exp trick;
# - `softmax_cross_entropy_backward`, the gradient with respect to the logits.
#
# **The same in TensorFlow** (sections 7 and 8): `compute_total_loss`, with Keras's
# `from_logits=True`, and `one_hot_matrix`.
#
# **Conventions.** As in the course, examples are columns: a layer's pre-activations `Z` have shape
# $(n, m)$ for $n$ units and $m$ examples, logits and one-hot labels have shape $(C, m)$ for $C$
# classes. Everything on the NumPy side is float64.
#
# **How this notebook works.** Write your code between `# YOUR CODE HERE` and the end of the cell,
# replacing `raise NotImplementedError()`. The cell after each exercise runs `check(...)` on a few
# visible cases; the autograder runs more, hidden, cases. The demonstrations call your own
# functions: until those are written, they only tell you which exercise to complete.

# %% imports
import matplotlib.pyplot as plt

from course_lib import demos, plots

# %% [markdown]
# ## 1. Batch normalisation at training time
#
# Normalising the input features (mean 0, variance 1 for each feature) makes the cost easier to
# minimise: no direction of the cost is much steeper than another. Batch normalisation applies the same
# idea to every hidden layer. The inputs of layer $l$ are the outputs of layer $l-1$, and their
# distribution keeps changing while the earlier layers learn: each layer chases a moving target.
# Normalising each unit's pre-activations keeps their mean and variance fixed, whatever the earlier
# layers do, so the later layers see a steadier distribution and can learn more independently.
#
# For a layer with $n$ units and a mini-batch of $m$ examples, `Z` has shape $(n, m)$. Batch norm works
# **per unit (row), over the examples of the mini-batch (columns)**:
#
# $$ \mu = \frac{1}{m} \sum_{i=1}^{m} z^{(i)}, \qquad
#    \sigma^2 = \frac{1}{m} \sum_{i=1}^{m} \left(z^{(i)} - \mu\right)^2, $$
# $$ z^{(i)}_{norm} = \frac{z^{(i)} - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \qquad
#    \tilde z^{(i)} = \gamma \, z^{(i)}_{norm} + \beta. $$
#
# - $\mu$ and $\sigma^2$ have shape $(n, 1)$, one value per unit (`axis=1` with `keepdims=True` keeps
#   them as columns, which broadcast against `Z`). The variance divides by $m$, not $m - 1$: it is the
#   variance of this batch, as Keras computes it too.
# - $\varepsilon$ (here $10^{-5}$) goes **inside** the square root; it keeps the division safe when a
#   unit has the same value on every example ($\sigma^2 = 0$).
# - After normalisation every unit has mean 0 and variance 1 over the batch. That is not always what
#   the next layer needs (a sigmoid would only ever see its almost linear middle part), so $\gamma$
#   and $\beta$, of shape $(n, 1)$, give each unit a learnable spread and mean. They are learnt like
#   the weights. With $\gamma = \sqrt{\sigma^2 + \varepsilon}$ and $\beta = \mu$ the layer would undo the
#   normalisation exactly: batch norm takes nothing away from what the layer can represent. (It makes
#   the bias $b^{[l]}$ useless, though: $\mu$ removes any constant, and $\beta$ takes its place.)
#
# **Exercise.** Implement `batchnorm_forward`. The line that builds the cache is given: it needs
# your `Z_norm`, `mu` and `var` (with those names), which the backward pass and the running averages
# will use.

# %% exercise batchnorm_forward

# %% [markdown]
# Here is a layer whose four units live on very different scales: means from $-3$ to $20$, spreads
# from $0.5$ to $8$, and a skewed last unit. Each panel shows one unit's 256 values before and after
# your batch norm (with $\gamma = 1$, $\beta = 0$): afterwards all four are centred on 0 with a spread
# of 1. Normalisation shifts and rescales; it does not change the shape of the distribution (the last
# unit stays skewed).

# %% demo
with demos.guard("batchnorm_forward", what="the histograms before and after batch norm"):
    Z = demos.layer_inputs(m=256, seed=0)
    Z_tilde, cache = batchnorm_forward(Z, np.ones((4, 1)), np.zeros((4, 1)))
    fig, axes = plt.subplots(1, 4, figsize=(20, 3.5))
    for unit, ax in enumerate(axes):
        plots.plot_activation_histograms(Z[unit], Z_tilde[unit], ax=ax, bins=30)
        ax.set_title(f"unit {unit}")
    plt.tight_layout()
    plt.show()
    print("unit   mean before   std before   mean after   std after")
    for unit in range(4):
        print(f"{unit:4d}   {Z[unit].mean():11.2f}   {Z[unit].std():10.2f}   "
              f"{Z_tilde[unit].mean():10.2f}   {Z_tilde[unit].std():9.2f}")
    gamma_demo, beta_demo = np.array([[2.0], [1.0], [0.5], [1.0]]), np.array([[1.0], [0.0], [0.0], [-3.0]])
    Z_scaled, _ = batchnorm_forward(Z, gamma_demo, beta_demo)
    print("\nWith gamma =", gamma_demo.ravel(), "and beta =", beta_demo.ravel(), "the units get")
    print("  means", Z_scaled.mean(axis=1).round(2), "and standard deviations", Z_scaled.std(axis=1).round(2))

# %% [markdown]
# ## 2. The backward pass
#
# Given $d\tilde z = \frac{\partial \mathcal{J}}{\partial \tilde z}$, of shape $(n, m)$, the backward
# pass returns the gradients with respect to `Z`, $\gamma$ and $\beta$. The last step,
# $\tilde z = \gamma z_{norm} + \beta$, is done example by example, and $\gamma$ and $\beta$ are shared
# by all the examples, so their gradients add up over the batch:
#
# $$ d\beta = \sum_{i=1}^{m} d\tilde z^{(i)}, \qquad
#    d\gamma = \sum_{i=1}^{m} d\tilde z^{(i)} \, z^{(i)}_{norm}, \qquad
#    dz_{norm} = \gamma \, d\tilde z. $$
#
# The normalisation is different: each $z^{(i)}_{norm}$ depends on **every** example of the batch,
# through $\mu$ and $\sigma^2$. Following the three paths (directly, through $\mu$, through $\sigma^2$)
# and simplifying gives, per unit:
#
# $$ dz^{(i)} = \frac{1}{m\sqrt{\sigma^2 + \varepsilon}}
#    \left( m \, dz^{(i)}_{norm} - \sum_{j=1}^{m} dz^{(j)}_{norm} -
#    z^{(i)}_{norm} \sum_{j=1}^{m} dz^{(j)}_{norm} \, z^{(j)}_{norm} \right). $$
#
# The second term removes the part of the gradient that would only move the unit's mean, and the
# third the part that would only change its spread: batch norm undoes any such change anyway. All the
# sums run over the examples (`axis=1`, `keepdims=True`); everything you need is in the cache.
#
# **Exercise.** Implement `batchnorm_backward`. It returns `dZ`, `dgamma` and `dbeta`, shaped like
# `Z`, $\gamma$ and $\beta$.

# %% exercise batchnorm_backward

# %% [markdown]
# You can see those two removed parts in any gradient your function returns: for every unit, the
# gradient `dZ` sums to zero over the batch (moving all of a unit's values by the same amount changes
# nothing after normalisation), and so does `dZ` times $z_{norm}$ (neither does stretching them).

# %% demo
with demos.guard("batchnorm_forward", "batchnorm_backward", what="the properties of the gradient"):
    Z = demos.layer_inputs(m=64, seed=1)
    # A tiny epsilon here, so that the second sum is 0 up to rounding (epsilon makes it slightly off).
    _, cache = batchnorm_forward(Z, np.ones((4, 1)), np.zeros((4, 1)), epsilon=1e-12)
    dZ_tilde = np.random.default_rng(2).standard_normal(Z.shape)
    dZ, dgamma, dbeta = batchnorm_backward(dZ_tilde, cache)
    print("dZ:", dZ.shape, " dgamma:", dgamma.shape, " dbeta:", dbeta.shape)
    print("sum of dZ over the batch, per unit:         ", np.sum(dZ, axis=1).round(9) + 0.0)
    print("sum of dZ * Z_norm over the batch, per unit:", np.sum(dZ * cache["Z_norm"], axis=1).round(9) + 0.0)
    print("for comparison, the sum of |dZ| per unit:   ", np.sum(np.abs(dZ), axis=1).round(2))

# %% [markdown]
# ## 3. Batch norm at test time
#
# At test time the network often sees **one example at a time**. The batch statistics of a single
# example are useless: its mean is the example itself and its variance is 0, so $z_{norm} = 0$ and the
# layer outputs $\beta$, whatever the input. Even with a batch of test examples, the prediction for one
# example would depend on which other examples happen to share its batch. The test-time path must not
# use the batch's statistics.
#
# Instead, training keeps estimates of each unit's mean and variance over the whole training set:
# exponentially weighted averages of the $\mu$ and $\sigma^2$ of successive mini-batches,
#
# $$ \mu_{running} = \text{momentum} \cdot \mu_{running} + (1 - \text{momentum}) \cdot \mu_{batch}, $$
# $$ \sigma^2_{running} = \text{momentum} \cdot \sigma^2_{running} +
#    (1 - \text{momentum}) \cdot \sigma^2_{batch}, $$
#
# where `momentum` plays the role of $\beta$ in the exponentially weighted averages of week 2 (0.9
# here; Keras's `BatchNormalization` uses the same formula with a default of 0.99). Keras starts the
# running mean at 0 and the running variance at 1 and applies no bias correction: after a few dozen
# batches the starting values are forgotten.
#
# **Exercise.** Implement `update_running_averages`: return the updated running mean and variance,
# both of shape $(n, 1)$.

# %% exercise update_running_averages

# %% [markdown]
# At test time, normalise with the running statistics in place of the batch's, then scale and shift
# with the learnt $\gamma$ and $\beta$:
#
# $$ \tilde z = \gamma \, \frac{z - \mu_{running}}{\sqrt{\sigma^2_{running} + \varepsilon}} + \beta. $$
#
# Each example is now treated on its own, with the same numbers for every example: a batch of one
# works, and the output no longer depends on the rest of the batch.
#
# **Exercise.** Implement `batchnorm_inference`.

# %% exercise batchnorm_inference

# %% [markdown]
# First, the running averages during "training": 100 mini-batches of 32 examples of the layer of
# section 1, each normalised by your `batchnorm_forward`, whose cache gives the batch's $\mu$ and
# $\sigma^2$ to your `update_running_averages`. The averages start at 0 (mean) and 1 (variance),
# climb to the units' true values (dashed) within a few dozen batches, then follow the batches'
# noisy statistics smoothly.

# %% demo
with demos.guard("batchnorm_forward", "update_running_averages",
                 what="the running averages over the mini-batches"):
    gamma_demo, beta_demo = np.ones((4, 1)), np.zeros((4, 1))
    running_mean, running_var = np.zeros((4, 1)), np.ones((4, 1))
    means, stds = [], []
    for k in range(100):
        Z_batch = demos.layer_inputs(m=32, seed=100 + k)
        _, cache = batchnorm_forward(Z_batch, gamma_demo, beta_demo)
        running_mean, running_var = update_running_averages(
            running_mean, running_var, cache["mu"], cache["var"], momentum=0.9)
        means.append(running_mean.ravel())
        stds.append(np.sqrt(running_var.ravel()))
    fig, axes = plt.subplots(1, 2, figsize=(14, 4))
    for ax, values, truth, name in [(axes[0], means, demos.UNIT_MEANS, "running mean"),
                                    (axes[1], stds, demos.UNIT_STDS, "sqrt(running variance)")]:
        lines = ax.plot(np.arange(1, 101), np.array(values))
        for line, true_value in zip(lines, truth.ravel()):
            ax.axhline(true_value, color=line.get_color(), linestyle="--", linewidth=1)
        ax.set_xlabel("mini-batch")
        ax.set_title(name + " of each unit (dashed: the true value)")
    plt.show()

# %% [markdown]
# Then three test examples, one at a time. Normalised with their own "batch" statistics (a batch of
# one), all three come out as $\beta = 0$ for every unit: the layer forgets its input. Your test-time
# path tells them apart.

# %% demo
with demos.guard("batchnorm_forward", "update_running_averages", "batchnorm_inference",
                 what="the test-time comparison"):
    Z_test = demos.layer_inputs(m=3, seed=999)
    for i in range(3):
        z = Z_test[:, [i]]  # one example, shape (4, 1)
        with_batch_stats, _ = batchnorm_forward(z, gamma_demo, beta_demo)
        with_running_stats = batchnorm_inference(z, gamma_demo, beta_demo, running_mean, running_var)
        print(f"example {i}: z = {z.ravel().round(2)}")
        print(f"    batch statistics of one example: {with_batch_stats.ravel().round(2)}")
        print(f"    running statistics:              {with_running_stats.ravel().round(2)}")

# %% [markdown]
# ## 4. Softmax
#
# For a classification into $C$ classes, the last layer outputs $C$ numbers per example, the
# *logits* $z$, and softmax turns each column into probabilities:
#
# $$ a_c = \frac{e^{z_c}}{\sum_{j=1}^{C} e^{z_j}} \qquad (c = 1, \dots, C). $$
#
# Written like that, it breaks down on large logits. In float64, $e^{z}$ overflows to `inf` as soon
# as $z > 709.78$ ($e^{709.78}$ is the largest float64, about $1.8 \times 10^{308}$): with a logit of
# 1000 the numerator and the denominator are both `inf`, and `inf / inf` is `nan`. At the other end, if
# every logit of a column is below about $-745$, every $e^{z_j}$ rounds to 0 and the result is $0/0$.
#
# The fix comes from a property of softmax: **adding the same constant to every logit of a column
# changes nothing**, because the factor $e^{-k}$ appears above and below and cancels:
#
# $$ \frac{e^{z_c - k}}{\sum_j e^{z_j - k}} = \frac{e^{-k} e^{z_c}}{e^{-k}\sum_j e^{z_j}}
#    = \frac{e^{z_c}}{\sum_j e^{z_j}}. $$
#
# Choose $k = \max_j z_j$, the largest logit **of each column**. Then every exponent is $\le 0$, so
# nothing overflows, and the largest term of the sum is $e^0 = 1$, so the denominator is at least 1
# and never 0. The result is the same softmax, now exact for logits of any size.
#
# **Exercise.** Implement `softmax(Z)` for `Z` of shape $(C, m)$, column by column: the maximum and
# the sum run over the classes, `axis=0` (with `keepdims=True`). Every column of the result sums to 1.

# %% exercise softmax

# %% [markdown]
# The logits $(s, 0, -s)$ of one example, for a scale $s$ from 0.01 to 3000 (on a logarithmic axis),
# through the formula without the shift (computed here in the demonstration, not by you) and through
# your softmax. Both give the same probabilities, rising from $1/3$ to 1, until $s = 709.78$; past it
# the unshifted formula returns `nan` (the red crosses mark where), while yours keeps the right answer,
# a probability of 1 for the first class.

# %% demo
with demos.guard("softmax", what="the overflow comparison"):
    scales = np.geomspace(0.01, 3000, 400)
    Z_scaled = np.outer([1.0, 0.0, -1.0], scales)  # (3, 400): one example per scale
    with np.errstate(over="ignore", invalid="ignore"):
        unshifted = np.exp(Z_scaled) / np.sum(np.exp(Z_scaled), axis=0, keepdims=True)
    shifted = softmax(Z_scaled)
    fig, ax = plt.subplots(figsize=(10, 4))
    ax.plot(scales, shifted[0], label="your softmax, shifted by the max", linewidth=4, alpha=0.5)
    ax.plot(scales, unshifted[0], label="without the shift", color="black")
    broken = np.isnan(unshifted[0])
    ax.plot(scales[broken], np.full(broken.sum(), 0.35), "rx", markersize=4,
            label="without the shift: nan")
    ax.axvline(np.log(np.finfo(np.float64).max), color="gray", linestyle=":", label="s = 709.78")
    ax.set_xscale("log")
    ax.set_xlabel("s (the logits are s, 0, -s)")
    ax.set_ylabel("probability of the first class")
    ax.set_ylim(0.3, 1.05)
    ax.legend(loc="center left")
    plt.show()
    Z_big = np.array([[1000.0], [0.0], [-1000.0]])
    with np.errstate(over="ignore", invalid="ignore"):
        print("logits (1000, 0, -1000): without the shift",
              (np.exp(Z_big) / np.sum(np.exp(Z_big), axis=0)).ravel(), "  yours", softmax(Z_big).ravel())
    Z_small = np.array([[1.0, -2.0], [2.0, 0.5], [3.0, 0.0]])
    print("softmax(Z + 100) equals softmax(Z):", np.allclose(softmax(Z_small + 100), softmax(Z_small)))

# %% [markdown]
# ## 5. The cross-entropy, from the logits
#
# With one-hot labels $Y$ of shape $(C, m)$ (a 1 in the row of the true class), the cost is the mean
# over the examples of minus the log of the probability given to the true class:
#
# $$ \mathcal{J} = -\frac{1}{m} \sum_{i=1}^{m} \sum_{c=1}^{C} y^{(i)}_c \log a^{(i)}_c, \qquad
#    a^{(i)} = \text{softmax}\left(z^{(i)}\right). $$
#
# Computing the softmax first and taking its log afterwards fails even with a stable softmax. Take
# the logits $z = (1000, 0, -1000)$ with the last class as the true one (class 2, counting from 0).
# The softmax is exactly $(1, 0, 0)$ in floating point: the true class's probability,
# $e^{-2000}$, underflows to 0, and $\log 0 = -\infty$. The cost comes out infinite (or `nan`,
# since $0 \cdot (-\infty)$ is `nan` for the
# other classes), while the true value is a perfectly ordinary 2000.
#
# The way out is to never form the probability: take the log of the softmax algebraically first.
# With $k = \max_j z_j$,
#
# $$ \log a_c = (z_c - k) - \log \sum_{j=1}^{C} e^{z_j - k}. $$
#
# This is the **log-sum-exp** trick. The sum is at least 1 (one of its terms is $e^0$), so its log is
# finite and $\ge 0$; nothing overflows and nothing is rounded to 0 before the log. For the example
# above: $\log a_2 = (-1000 - 1000) - \log(1 + e^{-1000} + e^{-2000}) = -2000$, a cost of 2000.
#
# **Exercise.** Implement `softmax_cross_entropy_cost(ZL, Y)`: compute $\log a$ with the log-sum-exp
# formula (per column, `axis=0`), multiply by `Y`, sum over classes and examples and divide by $m$.
# Return a Python float.

# %% exercise softmax_cross_entropy_cost

# %% [markdown]
# The example of the text: the cost computed as the log of your softmax, and your cost from the
# logits.

# %% demo
with demos.guard("softmax", "softmax_cross_entropy_cost", what="the two costs"):
    ZL = np.array([[1000.0], [0.0], [-1000.0]])
    Y = np.array([[0.0], [0.0], [1.0]])
    with np.errstate(divide="ignore", invalid="ignore"):
        log_of_softmax = -np.sum(Y * np.log(softmax(ZL))) / ZL.shape[1]
    print("softmax(ZL) =", softmax(ZL).ravel())
    print("log of the softmax, then the cost:", log_of_softmax)
    print("your cost from the logits:        ", softmax_cross_entropy_cost(ZL, Y))

# %% [markdown]
# ## 6. The gradient with respect to the logits
#
# Softmax and the cross-entropy together have a remarkably simple gradient. For one example whose true
# class is $c$, the loss is $-\log a_c = -z_c + \log \sum_j e^{z_j}$, and its derivative with respect
# to $z_k$ is $a_k - 1$ if $k = c$ and $a_k$ otherwise: $a - y$. For the mean over $m$ examples,
#
# $$ dZ^{[L]} = \frac{\partial \mathcal{J}}{\partial Z^{[L]}}
#    = \frac{1}{m}\left(\text{softmax}(Z^{[L]}) - Y\right). $$
#
# No log and no division by a probability appear in it, so it is finite for any logits: that is why
# frameworks fuse softmax and the cross-entropy into one operation instead of differentiating them
# separately.
#
# **Exercise.** Implement `softmax_cross_entropy_backward(ZL, Y)`, using your `softmax`.

# %% exercise softmax_cross_entropy_backward

# %% [markdown]
# On the extreme example the gradient is finite and says what to do: lower the first logit, raise the
# last one.

# %% demo
with demos.guard("softmax", "softmax_cross_entropy_backward", what="the gradient"):
    ZL = np.array([[1000.0], [0.0], [-1000.0]])
    Y = np.array([[0.0], [0.0], [1.0]])
    print("dZL =", softmax_cross_entropy_backward(ZL, Y).ravel())

# %% [markdown]
# ## 7. The total loss in TensorFlow
#
# In TensorFlow the same cost is one call, if the layouts and the options are right.
#
# **Layouts.** The course keeps examples as columns: `logits` and `labels` are tensors of shape
# $(C, m)$. Keras's losses expect one example per **row**, shape $(m, C)$ (examples first, the way Keras
# lays out batches), so transpose both with `tf.transpose` before calling
# `tf.keras.losses.categorical_crossentropy(y_true, y_pred, ...)`. Mind the order of its arguments:
# the labels first, then the predictions. It returns one loss per example, shape $(m,)$, and
# `compute_total_loss` returns their **sum**, `tf.reduce_sum(...)` (the course's training loop adds up
# the totals of the mini-batches and divides by $m$ once per epoch).
#
# **`from_logits=True`.** By default `categorical_crossentropy` takes *probabilities*: it clips them to
# $[10^{-7}, 1 - 10^{-7}]$ to avoid $\log 0$ and takes their log. Given the probabilities of the
# example of section 5, $(1, 0, 0)$ with the true class last, it returns
# $-\log 10^{-7} \approx 16.12$ instead of 2000: the loss is capped near 16.12 and its gradient is 0
# there, so a confidently wrong prediction teaches the network nothing. With `from_logits=True` you
# pass the logits (the output of the last LINEAR layer, **before** any softmax), and TensorFlow
# computes the loss with the log-sum-exp trick: exact, 2000.
#
# **Exercise.** Implement `compute_total_loss(logits, labels)`: the sum over the examples of the
# categorical cross-entropy of the logits, with `from_logits=True`.

# %% exercise compute_total_loss

# %% [markdown]
# The example of section 5 at every scale $s$ from 0 to 1000: the logits $(s, 0, -s)$ with the true
# class last. The loss of the softmax probabilities (Keras's default, `from_logits=False`, with the
# examples as rows as Keras expects) follows the true loss, about $2s$, only until the probability of
# the true class falls below $10^{-7}$, then stays at 16.12. Your `compute_total_loss` keeps going.

# %% demo
with demos.guard("compute_total_loss", what="the capped loss and the loss from logits"):
    scales = np.unique(np.concatenate([np.linspace(0, 30, 61), np.linspace(0, 1000, 51)]))
    label = tf.constant([[0.0], [0.0], [1.0]], dtype=tf.float64)  # (C, m) = (3, 1): the last class
    from_logits, from_probabilities = [], []
    for s in scales:
        from_logits.append(float(compute_total_loss(tf.constant([[s], [0.0], [-s]], tf.float64), label)))
        probabilities = tf.nn.softmax(tf.constant([[s, 0.0, -s]], tf.float64), axis=1)  # one row
        capped = tf.keras.losses.categorical_crossentropy([[0.0, 0.0, 1.0]], probabilities)
        from_probabilities.append(float(capped[0]))
    fig, axes = plt.subplots(1, 2, figsize=(14, 4))
    for ax in axes:
        ax.plot(scales, from_logits, label="your compute_total_loss (from_logits=True)", linewidth=3)
        ax.plot(scales, from_probabilities, label="loss of the probabilities (from_logits=False)")
        ax.axhline(-np.log(1e-7), color="gray", linestyle=":", label="-log(1e-7) = 16.12")
        ax.set_xlabel("s (the logits are s, 0, -s; the true class is the last)")
        ax.set_ylabel("loss")
    axes[0].set_title("The whole range")
    axes[0].legend()
    axes[1].set_xlim(0, 30)
    axes[1].set_ylim(0, 40)
    axes[1].set_title("Zoomed in: the cap starts near s = 8")
    plt.show()
    print(f"logits (1000, 0, -1000), true class last: from logits {from_logits[-1]:.2f}, "
          f"from the probabilities {from_probabilities[-1]:.2f}")

# %% [markdown]
# ## 8. One-hot labels in TensorFlow
#
# Labels usually come as integers, one class number per example. The cross-entropy needs them one-hot:
# a vector of $C$ zeros with a single 1 at the position of the class. `tf.one_hot(indices, depth,
# axis=...)` builds them; for a single label the result should be a vector of shape $(C,)$ (use
# `tf.reshape` to make sure of it). Applied to every label of a data set (for example with
# `dataset.map`) and stacked as columns, these vectors give the $(C, m)$ label matrix of the course.
#
# **Exercise.** Implement `one_hot_matrix(label, C=6)`.

# %% exercise one_hot_matrix

# %% [markdown]
# Your one-hot vectors, stacked as the columns of a $(C, m)$ label matrix, and both TensorFlow
# exercises together: the total loss of random logits for these labels is $m$ times your NumPy mean
# cost of section 5 on the same numbers.

# %% demo
with demos.guard("one_hot_matrix", "compute_total_loss", "softmax_cross_entropy_cost",
                 what="the label matrix and the two losses"):
    labels = [1, 2, 3, 0, 2, 1]
    Y_tf = tf.stack([one_hot_matrix(label, C=4) for label in labels], axis=1)  # (4, 6)
    print("labels", labels, "->\n", Y_tf.numpy())
    logits = np.random.default_rng(0).standard_normal((4, len(labels))) * 3
    total = compute_total_loss(tf.constant(logits), tf.cast(Y_tf, tf.float64))
    print(f"compute_total_loss: {float(total):.6f}")
    mean_cost = softmax_cross_entropy_cost(logits, Y_tf.numpy().astype(np.float64))
    print(f"m * softmax_cross_entropy_cost: {len(labels) * mean_cost:.6f}")

# %% [markdown]
# ## Summary
#
# - **Batch norm** normalises each unit over the mini-batch (mean 0, variance 1), then gives it a
#   learnt mean $\beta$ and spread $\gamma$. Its backward pass accounts for every example's influence
#   on $\mu$ and $\sigma^2$.
# - **At test time** it uses running averages of the batch statistics, never the statistics of the
#   test batch: one example at a time would always give $\beta$.
# - **Softmax** is unchanged by adding a constant to a column: subtracting the column's maximum makes
#   it exact for logits of any size.
# - **The cross-entropy** must be computed from the logits (log-sum-exp), not as the log of
#   probabilities that may have rounded to 0. Its gradient is simply $(\text{softmax}(Z) - Y)/m$.
# - **In TensorFlow**, pass the logits with `from_logits=True`, and transpose the course's $(C, m)$
#   tensors to Keras's $(m, C)$.
