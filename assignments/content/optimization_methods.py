# %% [markdown]
# # Optimization Methods
#
# Plain gradient descent takes one step per pass over the training set, and every step goes straight
# down the current gradient. In this assignment you will write the methods that make training faster
# and steadier, and watch each of them work:
#
# 1. **gradient descent**, the update every other method builds on;
# 2. **mini-batches**: shuffle the training set and cut it into small batches, one step per batch;
# 3. **exponentially weighted averages**, with and without bias correction, the tool behind the
#    next three methods;
# 4. **momentum**, which averages the gradients to damp oscillations;
# 5. **RMSProp**, which gives each parameter its own step size;
# 6. **Adam**, which combines the two, with bias correction;
# 7. **learning-rate decay**, four schedules that shrink the step size as training goes on.
#
# You will then train the same small network on the same data with each optimizer, with and without
# decay, and compare the cost curves and the decision boundaries.
#
# **Conventions.** As in the course, data is column-major: `X` has shape $(n_x, m)$, one example per
# column. `parameters` is a dictionary with the keys `"W1", "b1", ..., "WL", "bL"`, where
# $W^{[l]}$ has shape $(n^{[l]}, n^{[l-1]})$ and $b^{[l]}$ has shape $(n^{[l]}, 1)$; `grads` has the
# keys `"dW1", "db1", ...` with the same shapes, and so do the optimizers' own dictionaries (`v`, `s`).
# The number of layers is `L = len(parameters) // 2`.
#
# **How this notebook works.** Write your code between `# YOUR CODE HERE` and the end of the cell,
# replacing `raise NotImplementedError()`. The cell after each exercise runs `check(...)`, which
# tries your function on a few visible cases and tells you what is wrong, if anything; the autograder
# runs more, hidden, cases. The demonstrations (training runs and plots) call your own functions:
# until those are written, they only tell you which exercise to complete.

# %% imports
import matplotlib.pyplot as plt

from course_lib import demos, plots
from course_lib.data import load_moons
from course_lib.network import predict, predict_dec
from course_lib.training import model

# %% [markdown]
# ## 0. The data and the network
#
# The data set is two interleaving half-moons: 300 points in the plane, labelled 0 (red) or 1 (blue).
# No straight line separates them, so the classifier is a small neural network with three layers,
# LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID, of sizes `layers_dims = [2, 5, 2, 1]` and with He
# initialisation. `course_lib` provides the forward pass, the cost and the backward pass; the part of
# the training that this assignment is about, how the parameters move once the gradients are known,
# is yours to write.

# %% demo
train_X, train_Y = load_moons()
print("train_X:", train_X.shape, " train_Y:", train_Y.shape)

fig, ax = plt.subplots(figsize=(6, 4))
ax.scatter(train_X[0], train_X[1], c=train_Y.ravel(), s=30, cmap=plt.cm.Spectral, edgecolors="k")
ax.set_title("The two-moons training set")
plt.show()

# %% [markdown]
# ## 1. Gradient descent
#
# One step of gradient descent moves every parameter against its gradient, scaled by the learning
# rate $\alpha$. For every layer $l = 1, \dots, L$:
#
# $$ W^{[l]} = W^{[l]} - \alpha \; dW^{[l]} \qquad\qquad b^{[l]} = b^{[l]} - \alpha \; db^{[l]} $$
#
# The loop over the layers is already there: `parameters[f"W{l}"]` is $W^{[l]}$ and `grads[f"dW{l}"]`
# is $dW^{[l]}$ (the loop runs `p` over `"W"` and `"b"`, so `f"{p}{l}"` and `f"d{p}{l}"` name both).
# When all $m$ examples are used for each step this is *batch* gradient descent; with one example per
# step it is *stochastic* gradient descent. The update is the same: only the gradient it is given
# changes.
#
# **Exercise.** Implement `update_parameters_with_gd`.

# %% exercise update_parameters_with_gd

# %% [markdown]
# ## 2. Mini-batches
#
# Batch gradient descent computes the gradient on all $m$ examples before it takes a single step: on a
# large training set, one step costs a whole pass over the data. Stochastic gradient descent steps
# after every example, but loses the speed of vectorised code and its steps are very noisy. Mini-batch
# gradient descent sits in between: cut the training set into batches of, say, 64 examples, and take
# one step per batch. One pass over the data (an *epoch*) then makes $\lceil m / 64 \rceil$ steps,
# each on a gradient that is noisy but cheap and still vectorised.
#
# Building the mini-batches takes two steps.
#
# 1. **Shuffle**: put the columns of `X` and `Y` in the same random order, so that the $i$-th column
#    of `X` keeps its label in the $i$-th column of `Y`. To get exactly the course's (and the
#    autograder's) batches, seed NumPy's global random stream (done for you) and draw one permutation
#    of the column indices:
#    `permutation = list(np.random.permutation(m))`; then index the columns, `X[:, permutation]`.
# 2. **Partition**: cut the shuffled columns into $\lfloor m / \text{mini\_batch\_size} \rfloor$
#    full batches of consecutive columns. If `m` is not a multiple of `mini_batch_size`, the last
#    $m - \text{mini\_batch\_size} \cdot \lfloor m / \text{mini\_batch\_size} \rfloor$ columns form
#    one smaller batch at the end. With $m = 148$ and a size of 64: two batches of 64, then one of 20.
#
# The columns of the $k$-th full batch are `k * mini_batch_size` to `(k + 1) * mini_batch_size`
# (excluded). `Y` may have more than one row (one-hot labels do), so slice its columns the same way.
# Batch sizes are usually powers of two (16, 32, 64, 128, ...), which suit the way memory is laid out.
#
# **Exercise.** Implement `random_mini_batches`. It returns a list of pairs
# `(mini_batch_X, mini_batch_Y)`.

# %% exercise random_mini_batches

# %% [markdown]
# The training loop calls `random_mini_batches` once per epoch with a new seed, so every epoch sees the
# examples in a different order. Here are the batches of the 300 moons, and a check that the shuffle
# kept every example with its own label:

# %% demo
with demos.guard("random_mini_batches", what="the mini-batches of the moons"):
    batches = random_mini_batches(train_X, train_Y, mini_batch_size=64, seed=0)
    for k, (mini_batch_X, mini_batch_Y) in enumerate(batches):
        print(f"mini-batch {k}: X {mini_batch_X.shape}, Y {mini_batch_Y.shape}")
    label_of = {tuple(x): y for x, y in zip(train_X.T, train_Y[0])}
    kept = all(label_of.get(tuple(x)) == y for mb_X, mb_Y in batches for x, y in zip(mb_X.T, mb_Y[0]))
    total = sum(mb_X.shape[1] for mb_X, _ in batches)
    print(f"{total} examples in all; every example kept its label: {kept}")

# %% [markdown]
# ## 3. Exponentially weighted averages
#
# Mini-batch gradients are noisy. Momentum, RMSProp and Adam all smooth a noisy sequence in the same
# way, with an *exponentially weighted average* (also called an exponential moving average). For a
# sequence $\theta_1, \theta_2, \dots, \theta_T$ (say, the temperature of each day):
#
# $$ v_0 = 0, \qquad v_t = \beta \, v_{t-1} + (1 - \beta)\, \theta_t \quad (t = 1, \dots, T). $$
#
# Each new value takes a share $1 - \beta$ of the average and the past keeps the rest, so $v_t$
# averages roughly the last $\frac{1}{1 - \beta}$ values: about 10 days for $\beta = 0.9$, 50 days for
# $\beta = 0.98$. A larger $\beta$ gives a smoother curve that reacts later to a change.
#
# **Bias correction.** Unrolled, the average is
# $v_t = (1-\beta)\left(\theta_t + \beta\,\theta_{t-1} + \beta^2\,\theta_{t-2} + \dots +
# \beta^{t-1}\theta_1\right)$,
# whose weights add up to $1 - \beta^t$, not 1. Because $v_0 = 0$, the first values are far too small.
# With $\beta = 0.98$ and a first day at $\theta_1 = 10$°C:
#
# $$ v_1 = 0.98 \cdot 0 + 0.02 \cdot 10 = 0.2 \text{°C}, \qquad
#    v_2 = 0.98 \cdot 0.2 + 0.02\,\theta_2 \approx 0.4 \text{°C if } \theta_2 \approx 10 \text{°C}. $$
#
# Nobody would call 0.2°C the average temperature of a 10°C day. Dividing by the sum of the weights
# fixes it:
#
# $$ \hat v_t = \frac{v_t}{1 - \beta^t}, \qquad \hat v_1 = \frac{0.2}{1 - 0.98} = 10 \text{°C}. $$
#
# As $t$ grows, $\beta^t$ goes to 0 and the correction fades away ($0.98^{200} \approx 0.018$): it
# matters only during the first $\frac{1}{1-\beta}$ or so steps. For an optimizer those first steps
# are exactly where it would otherwise crawl (or, as you will see with Adam, leap).
#
# **Exercise.** Implement `exponentially_weighted_average(thetas, beta, bias_correction=False)`. The
# values $\theta_1, \dots, \theta_T$ run along the first axis of `thetas` (`thetas[t - 1]` is
# $\theta_t$ and may itself be an array). Return all the averages $v_1, \dots, v_T$ in an array shaped
# like `thetas` (`averages[t - 1]` is $v_t$), or their corrected values $\hat v_t$ when
# `bias_correction` is true. Keep updating the uncorrected `v`: the correction is applied to what is
# returned, never fed back into the average.

# %% exercise exponentially_weighted_average

# %% [markdown]
# Two hundred days of made-up, noisy temperatures and three averages of them. With $\beta = 0.98$ the
# uncorrected curve (orange) starts near 0°C and needs a few dozen days to catch up with the data; the
# corrected one (green) follows the data from the first day, and the two become the same curve later
# on. $\beta = 0.9$ (blue) averages over fewer days: it starts closer but is noisier.

# %% demo
with demos.guard("exponentially_weighted_average", what="the averaged temperatures"):
    thetas = demos.noisy_temperatures()
    averages = {
        "β = 0.9": exponentially_weighted_average(thetas, 0.9),
        "β = 0.98, no bias correction": exponentially_weighted_average(thetas, 0.98),
        "β = 0.98, bias-corrected": exponentially_weighted_average(thetas, 0.98, bias_correction=True),
    }
    fig, ax = plt.subplots(figsize=(10, 4))
    plots.plot_ewa(thetas, averages, ax=ax)
    ax.set_ylabel("temperature (°C)")
    ax.set_title("Exponentially weighted averages of daily temperatures")
    plt.show()
    print("day   data   β=0.98 raw   β=0.98 corrected")
    for t in (1, 2, 3, 10, 50, 200):
        raw = averages["β = 0.98, no bias correction"][t - 1]
        corrected = averages["β = 0.98, bias-corrected"][t - 1]
        print(f"{t:3d}  {thetas[t - 1]:5.1f}   {raw:10.2f}   {corrected:16.2f}")

# %% [markdown]
# ## 4. Momentum
#
# Picture the cost as a long, narrow valley. The gradient points mostly *across* the valley, where
# the walls are steep, and only a little *along* it, towards the minimum. Gradient descent therefore
# zig-zags from wall to wall; a larger learning rate would move faster along the valley, but makes the
# zig-zag grow until the steps overshoot and diverge.
#
# Momentum steps along an exponentially weighted average of the gradients, the *velocity* $v$,
# instead of the latest gradient. Across the valley the gradients alternate in sign from one step to
# the next, so they cancel out in the average and the oscillation is damped; along the valley they
# all point the same way, so they add up and the average keeps its full size. (Mini-batch noise is
# averaged out in the same way.) For every layer:
#
# $$ v_{dW^{[l]}} = \beta \, v_{dW^{[l]}} + (1 - \beta)\, dW^{[l]}, \qquad
#    W^{[l]} = W^{[l]} - \alpha \, v_{dW^{[l]}} $$
# $$ v_{db^{[l]}} = \beta \, v_{db^{[l]}} + (1 - \beta)\, db^{[l]}, \qquad
#    b^{[l]} = b^{[l]} - \alpha \, v_{db^{[l]}} $$
#
# $\beta = 0.9$ works well in most cases (an average over about the last 10 gradients); $\beta = 0$
# is plain gradient descent. Momentum is usually run without bias correction: after about 10 steps
# the velocity has warmed up.
#
# The velocity starts at zero. `v` is a dictionary with the gradient keys: `v["dW1"]` is
# $v_{dW^{[1]}}$, an array of zeros with the shape of `parameters["W1"]`, and so on.
#
# **Exercise.** Implement `initialize_velocity`.

# %% exercise initialize_velocity

# %% [markdown]
# **Exercise.** Implement `update_parameters_with_momentum`: update the velocity of each parameter
# first, then the parameter with the updated velocity. Return both dictionaries.

# %% exercise update_parameters_with_momentum

# %% [markdown]
# ## 5. RMSProp
#
# Momentum still uses one learning rate for every parameter. In the narrow valley the parameter that
# moves across the valley has large gradients and the one that moves along it has small ones, so a
# single $\alpha$ is too big for the first and too small for the second.
#
# RMSProp (root mean square propagation) keeps, for every parameter, an exponentially weighted
# average $s$ of its **squared** gradients, element-wise: a running estimate of how large that
# parameter's gradients are. It then divides each gradient by the square root of that estimate:
#
# $$ s_{dW^{[l]}} = \beta_2 \, s_{dW^{[l]}} + (1 - \beta_2)\, \left(dW^{[l]}\right)^2, \qquad
#    W^{[l]} = W^{[l]} - \alpha \, \frac{dW^{[l]}}{\sqrt{s_{dW^{[l]}}} + \varepsilon} $$
#
# and the same for $b^{[l]}$ with $db^{[l]}$. The square, the square root and the division are all
# element-wise. A parameter with large gradients is divided by a large number and takes smaller steps;
# one with small gradients takes larger steps: every parameter moves at a pace of roughly $\alpha$
# per step, whatever the scale of its gradient. Across the valley the steps shrink, along it they grow.
#
# $\varepsilon$ (about $10^{-8}$) keeps the division safe when $s$ is 0. In the course's formula it is
# added **outside** the square root, to $\sqrt{s}$; Keras's `RMSprop` adds it inside, to $s$. The two
# differ only where $s$ is tiny, and the autograder tests where you put it.
#
# **Exercise.** Implement `initialize_rmsprop`: `s` holds zeros with the shape of each parameter,
# under the gradient keys, like the velocity.

# %% exercise initialize_rmsprop

# %% [markdown]
# **Exercise.** Implement `update_parameters_with_rmsprop`.

# %% exercise update_parameters_with_rmsprop

# %% [markdown] if initialize_adagrad
# ### AdaGrad, RMSProp's ancestor (beyond the course)
#
# AdaGrad (adaptive gradient) came first. Like RMSProp it gives every parameter its own step size,
# but instead of an exponentially weighted *average* of the squared gradients it keeps their *sum*,
# $h$, element-wise, from zeros:
#
# $$ h_{dW^{[l]}} = h_{dW^{[l]}} + \left(dW^{[l]}\right)^2, \qquad
#    W^{[l]} = W^{[l]} - \alpha \, \frac{dW^{[l]}}{\sqrt{h_{dW^{[l]}}} + \varepsilon} $$
#
# and the same for $b^{[l]}$ with $db^{[l]}$. On the first step $h = (dW)^2$, so every parameter
# moves by about $\alpha$ in the direction of its gradient's sign, as with RMSProp. But $h$ only
# grows: after $t$ steps with gradients of about the same size $g$, $\sqrt{h} \approx g\sqrt{t}$ and
# the step is about $\alpha / \sqrt{t}$. AdaGrad decays its own learning rate, which suits sparse
# problems (rare features keep large steps) and stalls long runs. RMSProp's fix was to forget the
# old gradients: replace the sum by an average.
#
# $\varepsilon$ (here $10^{-7}$, Keras's default) is added **outside** the square root, as in RMSProp.
# Keras's `Adagrad` class adds it inside, $\sqrt{h + \varepsilon}$, and starts $h$ at 0.1 rather than
# 0; TensorFlow's raw operation `ResourceApplyAdagradV2` computes exactly the formula above.
#
# **Exercise.** Implement `initialize_adagrad`: `h` holds zeros with the shape of each parameter,
# under the gradient keys (`h["dW1"]`, `h["db1"]`, ...), like RMSProp's `s`.

# %% exercise initialize_adagrad

# %% [markdown] if update_parameters_with_adagrad
# **Exercise.** Implement `update_parameters_with_adagrad`: add each squared gradient to `h` first,
# then step with the updated `h`. Return both dictionaries.

# %% exercise update_parameters_with_adagrad

# %% [markdown]
# ## 6. Adam
#
# Adam (adaptive moment estimation) combines the two: the velocity of momentum, $v$ with weight
# $\beta_1$, gives the direction; the squared-gradient average of RMSProp, $s$ with weight $\beta_2$,
# scales each parameter's step. Both averages start at zero, so Adam corrects both for their bias.
# With $t$ the number of steps taken so far, this one included ($t = 1$ on the first step):
#
# $$ v_{dW} = \beta_1 v_{dW} + (1 - \beta_1)\, dW, \qquad
#    v^{corrected}_{dW} = \frac{v_{dW}}{1 - \beta_1^t} $$
# $$ s_{dW} = \beta_2 s_{dW} + (1 - \beta_2)\, (dW)^2, \qquad
#    s^{corrected}_{dW} = \frac{s_{dW}}{1 - \beta_2^t} $$
# $$ W = W - \alpha \, \frac{v^{corrected}_{dW}}{\sqrt{s^{corrected}_{dW}} + \varepsilon} $$
#
# for $W^{[l]}$ and $b^{[l]}$ of every layer. The usual values are $\beta_1 = 0.9$,
# $\beta_2 = 0.999$, $\varepsilon = 10^{-8}$; the learning rate $\alpha$ is the one to tune.
#
# **Why the bias correction matters here.** On the first step, $v_{dW} = 0.1\, dW$ and
# $s_{dW} = 0.001\, dW^2$, so without the correction the step would be
# $\alpha \cdot 0.1\, dW / (0.0316\, |dW|) \approx 3.16\,\alpha$ per parameter instead of $\alpha$, and
# the mismatch grows to about $6.5\,\alpha$ around step 10 (the two averages warm up at different
# speeds, $1 - 0.9^{10} = 0.65$ against $\sqrt{1 - 0.999^{10}} = 0.10$) before it fades over the
# first thousand steps. With the corrections the first step is exactly $\alpha$ in the direction of the
# gradient's sign.
#
# The function returns the corrected estimates of the step too (for the checks), in dictionaries with
# the gradient keys. Use `t` as you receive it: the training loop counts the steps and adds one before
# each call.
#
# **Exercise.** Implement `initialize_adam`: `v` and `s`, both dictionaries of zeros under the
# gradient keys.

# %% exercise initialize_adam

# %% [markdown]
# **Exercise.** Implement `update_parameters_with_adam`. It returns
# `parameters, v, s, v_corrected, s_corrected`.

# %% exercise update_parameters_with_adam

# %% [markdown]
# ## 7. The four optimizers in a narrow valley
#
# Before the network, a cost you can see: the elongated bowl
# $f(w) = \frac{1}{2}\left(w_1^2 + 10\, w_2^2\right)$, ten times steeper along $w_2$ than along $w_1$,
# with its minimum at $(0, 0)$. The demonstration below starts every optimizer at $(-4, 1)$ and lets it
# take 50 steps with the gradient $(w_1, 10\, w_2)$. The point is passed to **your** functions as the
# parameters of a one-layer network, `{"W1": array of shape (1, 2), "b1": array of shape (1, 1)}`.
#
# What to look for:
#
# - **gradient descent** ($\alpha = 0.18$, close to the largest rate it tolerates here, 0.2) zig-zags
#   across the valley, the steep $w_2$ direction;
# - **momentum** ($\alpha = 0.1$, $\beta = 0.9$) follows a smooth curve: the alternating $w_2$
#   gradients cancel in the velocity. The velocity also carries it past the minimum along $w_1$ before
#   it comes back, like a ball rolling in a bowl;
# - **RMSProp** ($\alpha = 0.1$, $\beta_2 = 0.9$) first moves diagonally, the same distance along both
#   axes whatever their gradients, then advances along $w_1$ at a steady pace of about $\alpha$ per
#   step, even where the gradient there is small;
# - **Adam** ($\alpha = 0.2$) has both behaviours: equal-sized steps per coordinate, and the smooth,
#   slightly overshooting curve of momentum.

# %% demo
optimizers = ["update_parameters_with_gd", "initialize_velocity", "update_parameters_with_momentum",
              "initialize_rmsprop", "update_parameters_with_rmsprop", "initialize_adam",
              "update_parameters_with_adam"]
with demos.guard(*optimizers, what="the optimizers' paths"):
    f, grad_f = plots.elongated_quadratic(a=1.0, b=10.0)
    w0 = [-4.0, 1.0]
    gd_and_momentum = {
        "gradient descent": plots.optimizer_path(
            demos.quadratic_step("gd", globals(), learning_rate=0.18), w0, grad_f, 50),
        "momentum": plots.optimizer_path(
            demos.quadratic_step("momentum", globals(), learning_rate=0.1, beta=0.9), w0, grad_f, 50),
    }
    rmsprop_and_adam = {
        "RMSProp": plots.optimizer_path(
            demos.quadratic_step("rmsprop", globals(), learning_rate=0.1, beta2=0.9), w0, grad_f, 50),
        "Adam": plots.optimizer_path(
            demos.quadratic_step("adam", globals(), learning_rate=0.2), w0, grad_f, 50),
    }
    fig, axes = plt.subplots(1, 2, figsize=(14, 4.5))
    for ax, paths in zip(axes, (gd_and_momentum, rmsprop_and_adam)):
        plots.plot_optimizer_paths(paths, ax=ax, f=f)
        ax.set_xlim(-4.4, 1.5)
        ax.set_ylim(-0.9, 1.15)
    axes[0].set_title("One learning rate for both coordinates")
    axes[1].set_title("A step size per coordinate")
    plt.show()
    for label, path in {**gd_and_momentum, **rmsprop_and_adam}.items():
        print(f"{label:17s} after 50 steps: w = ({path[-1, 0]:+.3f}, {path[-1, 1]:+.3f})")

# %% [markdown] if update_parameters_with_adagrad
# **AdaGrad** ($\alpha = 0.5$) beside RMSProp: the same diagonal first step (every coordinate moves by
# $\alpha$), then steps that keep shrinking, as $\sqrt{h}$ only grows: after 50 steps AdaGrad is
# still on its way along $w_1$, where RMSProp, which forgets old gradients, kept its pace.

# %% demo if update_parameters_with_adagrad
with demos.guard("initialize_adagrad", "update_parameters_with_adagrad", "initialize_rmsprop",
                 "update_parameters_with_rmsprop", what="AdaGrad's path beside RMSProp's"):
    f, grad_f = plots.elongated_quadratic(a=1.0, b=10.0)
    sum_and_average = {
        "AdaGrad": plots.optimizer_path(
            demos.quadratic_step("adagrad", globals(), learning_rate=0.5), [-4.0, 1.0], grad_f, 50),
        "RMSProp": plots.optimizer_path(
            demos.quadratic_step("rmsprop", globals(), learning_rate=0.1, beta2=0.9), [-4.0, 1.0],
            grad_f, 50),
    }
    fig, ax = plt.subplots(figsize=(7, 4.5))
    plots.plot_optimizer_paths(sum_and_average, ax=ax, f=f)
    ax.set_xlim(-4.4, 1.5)
    ax.set_ylim(-0.9, 1.15)
    ax.set_title("A sum of squared gradients (AdaGrad) against an average (RMSProp)")
    plt.show()
    for label, path in sum_and_average.items():
        print(f"{label:17s} after 50 steps: w = ({path[-1, 0]:+.3f}, {path[-1, 1]:+.3f})")

# %% [markdown]
# ## 8. Training the network with each optimizer
#
# Now the real thing. `model(train_X, train_Y, layers_dims, optimizer, globals(), ...)` from
# `course_lib.training` trains the three-layer network with mini-batches of 64 (four of 64 and one of
# 44 per epoch), drawn by **your** `random_mini_batches`, and updates the parameters with **your**
# functions for the chosen optimizer (`"gd"`, `"momentum"`, `"rmsprop"` or `"adam"`). It returns the
# trained parameters and a history of the cost every 100 epochs. The cells below call it through
# `demos.train`, which takes the same arguments and first rehearses one silent epoch on a few
# examples, so that an exercise still to finish is reported before the progress bar starts.
#
# All four use the course's learning rate, $\alpha = 0.0007$, and 1,000 epochs, so that each run takes
# less than a second. (The course trains for 5,000 to 10,000 epochs; the picture is the same, only
# sharper.) Gradient descent and momentum barely move in that time with such a small rate: their cost
# curves lie on top of each other, as momentum only averages the same tiny gradients. RMSProp and
# Adam, whose steps do not depend on how small the gradients are, fit the moons well.

# %% demo
histories, trained = {}, {}
needs = ["random_mini_batches", "update_parameters_with_gd", "initialize_velocity",
         "update_parameters_with_momentum", "initialize_rmsprop", "update_parameters_with_rmsprop",
         "initialize_adam", "update_parameters_with_adam"]
with demos.guard(*needs, what="the training runs and their decision boundaries"):
    for optimizer in ["gd", "momentum", "rmsprop", "adam"]:
        trained[optimizer], histories[optimizer] = demos.train(
            train_X, train_Y, [2, 5, 2, 1], optimizer, globals(),
            learning_rate=0.0007, num_epochs=1000, progress=True)
    fig, axes = plt.subplots(1, 5, figsize=(22, 4))
    plots.plot_costs(histories, ax=axes[0])
    for ax, (optimizer, parameters) in zip(axes[1:], trained.items()):
        _, accuracy = predict(train_X, train_Y, parameters)
        plots.plot_decision_boundary(lambda x: predict_dec(parameters, x.T), train_X, train_Y,
                                     ax=ax, title=f"{optimizer}: accuracy {accuracy:.1%}",
                                     resolution=200)
    fig.suptitle("1,000 epochs at learning rate 0.0007, without decay")
    plt.tight_layout()
    plt.show()

# %% [markdown]
# ## 9. Learning-rate decay
#
# With mini-batches, every step follows a noisy gradient. Far from the minimum that noise does not
# matter: large steps make fast progress. Close to the minimum, though, the steps keep the same size,
# so the parameters never settle: they wander around the minimum in a region whose size grows with
# $\alpha$. Learning-rate decay gets the best of both: start with a large $\alpha_0$ to make fast
# progress, then shrink $\alpha$ as the epochs go by so that the last steps are small and the
# parameters settle in the minimum. It also lets you start with a rate that would be too large for a
# whole run.
#
# You will write four schedules. Each returns the learning rate to use after epoch `epoch_num`
# (0 for the first epoch) given the initial rate $\alpha_0$ (`learning_rate0`):
#
# | schedule | formula |
# |---|---|
# | `update_lr` (inverse-time decay) | $\alpha = \dfrac{\alpha_0}{1 + \text{decay\_rate} \cdot \text{epoch\_num}}$ |
# | `schedule_lr_decay` (the same, in steps) | $\alpha = \dfrac{\alpha_0}{1 + \text{decay\_rate} \cdot \left\lfloor \frac{\text{epoch\_num}}{\text{time\_interval}} \right\rfloor}$ |
# | `exponential_lr_decay` | $\alpha = \text{base}^{\,\text{epoch\_num}} \cdot \alpha_0$ |
# | `sqrt_lr_decay` | $\alpha = \dfrac{k}{\sqrt{\text{epoch\_num}}} \cdot \alpha_0$ |
#
# **Exercise.** Implement `update_lr`. With $\alpha_0 = 0.5$ and `decay_rate = 1`, the rate is 0.5
# after epoch 0, 0.25 after epoch 1, about 0.167 after epoch 2, and so on.

# %% exercise update_lr

# %% [markdown]
# **Fixed-interval scheduling.** `update_lr` shrinks the rate after every epoch. When training runs
# for thousands of epochs that is much too fast: with `decay_rate = 1` the rate has lost a factor of
# 1,000 after 1,000 epochs, long before the network has learnt anything. `schedule_lr_decay` keeps
# the rate constant for `time_interval` epochs at a time and applies the inverse-time formula to the
# number of *intervals* that have passed, $\lfloor \text{epoch\_num} / \text{time\_interval} \rfloor$
# (whole intervals; use `math.floor` or `//`). With $\alpha_0 = 0.5$, `decay_rate = 0.3` and
# `time_interval = 100`: the rate is 0.5 for epochs 0 to 99, $0.5/1.3 \approx 0.385$ for epochs 100
# to 199, $0.5/1.6 = 0.3125$ for epochs 200 to 299, and so on: a staircase.
#
# **Exercise.** Implement `schedule_lr_decay`.

# %% exercise schedule_lr_decay

# %% [markdown]
# **Exponential decay** multiplies the rate by the same factor `base` (a little below 1) after every
# epoch: $\alpha = \text{base}^{\,\text{epoch\_num}} \cdot \alpha_0$. With `base = 0.95` the rate halves
# about every 14 epochs, so for long runs `base` must be very close to 1 (0.999 halves it every 693
# epochs).
#
# **Exercise.** Implement `exponential_lr_decay`.

# %% exercise exponential_lr_decay

# %% [markdown]
# **Square-root decay** divides by the square root of the epoch number:
# $\alpha = \frac{k}{\sqrt{\text{epoch\_num}}} \cdot \alpha_0$, with a constant $k$. It falls quickly
# at first and more and more slowly later on. It is defined from `epoch_num = 1` on ($1 / \sqrt{0}$
# is infinite), so the training loop passes it the number of epochs done, $i + 1$ after epoch $i$.
#
# **Exercise.** Implement `sqrt_lr_decay`.

# %% exercise sqrt_lr_decay

# %% [markdown]
# The four schedules over 2,000 epochs from $\alpha_0 = 0.1$, computed by your functions (the vertical
# axis is logarithmic). `schedule_lr_decay` is drawn with two values of `time_interval`: the interval
# sets the width of each step of the staircase, so with 1,000 instead of 200 the same `decay_rate`
# decays five times more slowly.

# %% demo
with demos.guard("update_lr", "schedule_lr_decay", "exponential_lr_decay", "sqrt_lr_decay",
                 what="the learning-rate schedules"):
    epochs = list(range(2000))
    schedules = {
        "update_lr, decay_rate=0.01": [update_lr(0.1, i, 0.01) for i in epochs],
        "schedule_lr_decay, decay_rate=1, time_interval=200":
            [schedule_lr_decay(0.1, i, 1.0, time_interval=200) for i in epochs],
        "schedule_lr_decay, decay_rate=1, time_interval=1000":
            [schedule_lr_decay(0.1, i, 1.0, time_interval=1000) for i in epochs],
        "exponential_lr_decay, base=0.999": [exponential_lr_decay(0.1, i, base=0.999) for i in epochs],
        "sqrt_lr_decay, k=1 (epoch_num = i + 1)": [sqrt_lr_decay(0.1, i + 1, k=1.0) for i in epochs],
    }
    fig, ax = plt.subplots(figsize=(10, 4.5))
    plots.plot_lr_schedules(schedules, ax=ax, epochs=epochs)
    ax.set_yscale("log")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title("Learning-rate schedules from α0 = 0.1")
    plt.show()

# %% [markdown]
# ## 10. Training with learning-rate decay
#
# The same four optimizers again, 1,000 epochs each, now with `schedule_lr_decay` (`decay_rate = 1`,
# `time_interval = 250`: the rate is $\alpha_0$, then $\alpha_0/2$, $\alpha_0/3$ and $\alpha_0/4$).
# Because the rate shrinks, the runs can start much larger: $\alpha_0 = 0.1$ for gradient descent and
# momentum, more than a hundred times the rate of section 8, and $\alpha_0 = 0.01$ for RMSProp and
# Adam, whose steps are already about $\alpha$ per parameter. (The course trains these for 5,000
# epochs with `time_interval = 1000`.)
#
# The figure puts the two sections side by side: the top row is section 8, without decay; the bottom
# row, with decay. Every optimizer now fits the moons, gradient descent included: it is not the method
# that was failing in section 8, but a rate too small to get anywhere in 1,000 epochs. With decay, a
# large rate was safe to start with.

# %% demo
histories_decay, trained_decay = {}, {}
with demos.guard(*needs, "schedule_lr_decay",
                 what="the training runs with decay and the comparison"):
    for optimizer, learning_rate0 in [("gd", 0.1), ("momentum", 0.1), ("rmsprop", 0.01),
                                      ("adam", 0.01)]:
        trained_decay[optimizer], histories_decay[optimizer] = demos.train(
            train_X, train_Y, [2, 5, 2, 1], optimizer, globals(), learning_rate=learning_rate0,
            num_epochs=1000, decay="schedule_lr_decay", decay_rate=1.0, time_interval=250,
            progress=True)
    fig, axes = plt.subplots(2, 5, figsize=(22, 8))
    for row, (runs, curves, label) in enumerate([
            (trained, histories, "no decay, α = 0.0007"),
            (trained_decay, histories_decay, "schedule_lr_decay, α0 = 0.1 / 0.01")]):
        plots.plot_costs(curves, ax=axes[row, 0])
        axes[row, 0].set_title(f"Cost: {label}")
        for ax, (optimizer, parameters) in zip(axes[row, 1:], runs.items()):
            _, accuracy = predict(train_X, train_Y, parameters)
            plots.plot_decision_boundary(lambda x: predict_dec(parameters, x.T), train_X, train_Y,
                                         ax=ax, title=f"{optimizer}, {label}: {accuracy:.1%}",
                                         resolution=200)
            ax.title.set_fontsize(9)
    plt.tight_layout()
    plt.show()
    for optimizer in [name for name in trained_decay if name in histories]:
        print(f"{optimizer:9s} final cost without decay {histories[optimizer]['costs'][-1]:.4f}, "
              f"with decay {histories_decay[optimizer]['costs'][-1]:.4f}")

# %% [markdown]
# **Same start, with and without decay.** The effect of the decay itself shows best with the same
# initial rate in both runs. Below, momentum with a large $\alpha = 0.5$: the cost after every 100th
# epoch, zoomed in on the end of training. Without decay the cost keeps jumping up and down as the
# large steps bounce around the minimum; with decay the steps shrink and the cost settles.

# %% demo
with demos.guard("random_mini_batches", "initialize_velocity", "update_parameters_with_momentum",
                 "schedule_lr_decay", what="the same start with and without decay"):
    same_start = {}
    for label, decay in [("momentum, α = 0.5, no decay", None),
                         ("momentum, α0 = 0.5, schedule_lr_decay", "schedule_lr_decay")]:
        _, same_start[label] = demos.train(
            train_X, train_Y, [2, 5, 2, 1], "momentum", globals(), learning_rate=0.5,
            num_epochs=2000, decay=decay, decay_rate=1.0, time_interval=500, progress=True)
    fig, ax = plt.subplots(figsize=(9, 4))
    plots.plot_costs(same_start, ax=ax)
    ax.set_xlim(400, 2000)
    ax.set_ylim(0.11, 0.145)
    ax.set_title("The last 1,600 epochs of two runs from the same initial rate")
    plt.show()

# %% [markdown]
# ## Summary
#
# - **Mini-batches** make a step per small batch instead of per pass over the data: many cheap, noisy
#   steps. Shuffle X and Y with the same permutation, then cut the columns into batches.
# - **Exponentially weighted averages** smooth a noisy sequence over about $1/(1-\beta)$ values;
#   dividing by $1 - \beta^t$ corrects the start, where the average is pulled towards its initial 0.
# - **Momentum** averages the gradients: oscillations cancel, consistent directions add up.
# - **RMSProp** divides each gradient by the root of the average of its squares: every parameter
#   moves at a pace of about $\alpha$, however large or small its gradients.
# - **Adam** does both, with bias correction, and is a good default.
# - **Learning-rate decay** takes large steps early and small ones later, so the parameters can settle
#   in the minimum; `time_interval` sets how often a scheduled decay steps down.
