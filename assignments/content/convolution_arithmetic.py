# %% [markdown]
# # Convolution arithmetic
#
# The next course builds networks for images out of **convolutional layers**: a small filter slides
# over the image, and at every position the layer computes one number, the sum of the filter's
# weights times the pixels under it, plus a bias. This assignment is the bridge: the arithmetic of
# that sliding window, and the trick that makes it fast, written in NumPy.
#
# Images come in batches **channels first**, as in the learners' notes: `X` of shape
# $(N, C, H, W)$, $N$ images of $C$ channels (3 for colour), each $H$ pixels high and $W$ wide.
# A layer has $FN$ filters, `W` of shape $(FN, C, FH, FW)$, one bias per filter, `b` of shape
# $(FN,)$, a **stride** $S$ (how far the window moves at each step) and a **padding** $P$ (how many
# rings of zeros surround the image).
#
# You will write
#
# 1. `conv_output_size`, the height and width of the output,
# 2. `zero_pad`, the zeros around the images,
# 3. `im2col`, every window's pixels as one row of a matrix,
# 4. `col2im`, its adjoint, which the backward pass needs,
# 5. `conv_forward`, the forward pass of a convolutional layer as one matrix product,
#
# each checked against TensorFlow (`tf.nn.conv2d`, `tf.image.extract_patches`), which keeps images
# channels last, $(N, H, W, C)$.
#
# **How this notebook works.** Write your code between `# YOUR CODE HERE` and the end of the cell,
# replacing `raise NotImplementedError()`. The cell after each exercise runs `check(...)`, which
# tries your function on a few visible cases and tells you what is wrong, if anything; the autograder
# runs more, hidden, cases. The demonstrations use **your** functions: until those are written, they
# only tell you which exercise to complete.

# %% imports
import matplotlib.pyplot as plt

from course_lib import demos

# %% [markdown] if conv_output_size
# ## 1. The output size
#
# Padded with $P$ zeros on every side, the image is $H + 2P$ pixels high. An $F \times F$ filter
# fits first at row 0, then every $S$ rows, as long as it does not stick out: its top row can be
# $0, S, 2S, \dots$ up to $H + 2P - F$. So the output has
#
# $$ OH = \left\lfloor \frac{H + 2P - F}{S} \right\rfloor + 1, \qquad
#    OW = \left\lfloor \frac{W + 2P - F}{S} \right\rfloor + 1 $$
#
# rows and columns (in Python, `//` rounds down). For example LeNet's first layer, a $5 \times 5$
# filter on a $32 \times 32$ image with $S = 1$ and $P = 0$, gives $28 \times 28$; "same" padding,
# $P = (F - 1)/2$ with $S = 1$, keeps the size. When the filter is larger than the padded image,
# $F > H + 2P$ (or $F > W + 2P$), there is no position at all: raise a `ValueError` that says so.
#
# **Exercise.** Return `(OH, OW)`, two Python ints.

# %% exercise conv_output_size

# %% [markdown] if zero_pad
# ## 2. Zero padding
#
# Without padding, every layer shrinks the image and the pixels at the border are seen by fewer
# windows than those in the middle. Padding surrounds each channel of each image with `pad` rings of
# zeros: the batch $(N, C, H, W)$ becomes $(N, C, H + 2\,\text{pad}, W + 2\,\text{pad})$, and
#
# $$ X_{\text{pad}}[n, c, \text{pad} + i, \text{pad} + j] = X[n, c, i, j] $$
#
# with zeros everywhere else. The images ($N$) and the channels ($C$) are not padded.
#
# **Exercise.** Write `zero_pad` (`np.pad` takes one `(before, after)` pair per axis).

# %% exercise zero_pad

# %% [markdown] if im2col
# ## 3. im2col: every window a row
#
# A convolution computed window by window runs a Python loop over every position, which is slow.
# `im2col` ("image to columns") copies each window's pixels into one **row** of a matrix, so that
# the whole layer becomes a single matrix product. For output position $(n, oh, ow)$ the window is
#
# $$ X_{\text{pad}}[n,\ :,\ oh \cdot S : oh \cdot S + FH,\ ow \cdot S : ow \cdot S + FW] $$
#
# of shape $(C, FH, FW)$, flattened **channel first** (all of channel 0's $FH \cdot FW$ pixels, row
# by row, then channel 1's, ...), exactly as `.reshape(-1)` flattens it. The rows go in the order
# $n$, then $oh$, then $ow$ ($ow$ changing fastest), so
#
# $$ \text{col} \text{ has shape } (N \cdot OH \cdot OW,\ C \cdot FH \cdot FW). $$
#
# The picture of the check cell shows which pixels of the input each row of `col` copies.
#
# **Exercise.** Write `im2col`, padding `X` with `P` zeros first.

# %% exercise im2col

# %% [markdown] if im2col
# Neighbouring windows overlap when $S < FH$: a pixel is copied into several rows. Here is how many
# times each pixel of a $6 \times 6$ image is copied by a $3 \times 3$ window with stride 1 (the
# middle pixels 9 times, the corners once): `im2col` trades memory for speed.

# %% demo if im2col
with demos.guard("im2col", what="how often im2col copies each pixel"):
    image = np.arange(36.0).reshape(1, 1, 6, 6)
    col = im2col(image, 3, 3)
    copies = np.array([[np.sum(col == value) for value in row] for row in image[0, 0]])
    print("col has shape", col.shape, "for an image of 36 pixels; copies of each pixel:")
    print(copies)

# %% [markdown] if col2im
# ## 4. col2im: the adjoint
#
# Backpropagation through `im2col` needs the way back: given a gradient for every entry of `col`,
# the gradient of each pixel is the **sum** of the entries it was copied into. `col2im` starts from
# zeros of the padded shape $(N, C, H + 2P, W + 2P)$, adds every row, reshaped to $(C, FH, FW)$, onto
# the window it came from,
#
# $$ X_{\text{pad}}[n,\ :,\ oh \cdot S : oh \cdot S + FH,\ ow \cdot S : ow \cdot S + FW]
#    \mathrel{+}= \text{row}(n, oh, ow), $$
#
# and crops the padding at the end. It is the **adjoint** of `im2col`, not its inverse: where
# windows overlap the values add up, so `col2im(im2col(X))` is $X$ times the number of windows that
# cover each pixel (the counts above).
#
# **Exercise.** Write `col2im`, with `col` in `im2col`'s order and `X_shape` $= (N, C, H, W)$.

# %% exercise col2im

# %% [markdown] if col2im
# TensorFlow computes the same thing as the gradient of its `extract_patches`: the check cell
# compares your `col2im` with `tf.GradientTape`'s gradient. Here, `col2im` of a `col` full of ones
# gives the counts of the demonstration above, and `col2im(im2col(X))` is $X$ times those counts.

# %% demo if col2im
with demos.guard("im2col", "col2im", what="col2im(im2col(X))"):
    X_demo = np.random.default_rng(0).standard_normal((1, 1, 6, 6))
    counts = col2im(np.ones((16, 9)), (1, 1, 6, 6), 3, 3)
    print("col2im of ones:\n", counts)
    back = col2im(im2col(X_demo, 3, 3), X_demo.shape, 3, 3)
    print("col2im(im2col(X)) == X * counts:", np.allclose(back, X_demo * counts))

# %% [markdown] if conv_forward
# ## 5. The forward pass of a convolutional layer
#
# With the windows as rows, filter $f$'s output at every position is the row times the filter
# flattened the same way, channel first, plus its bias:
#
# $$ Z[n, f, oh, ow] = \sum_{c, i, j} X_{\text{pad}}[n, c, oh \cdot S + i, ow \cdot S + j]\,
#    W[f, c, i, j] + b[f]. $$
#
# All of it is one matrix product: `col = im2col(X, FH, FW, S, P)` of shape
# $(N \cdot OH \cdot OW,\ C \cdot FH \cdot FW)$ times `W.reshape(FN, -1).T` of shape
# $(C \cdot FH \cdot FW,\ FN)$, plus `b`, gives $(N \cdot OH \cdot OW,\ FN)$: one row per position,
# one column per filter. Reshape it to $(N, OH, OW, FN)$ and move the filters' axis forward to get
# $Z$ of shape $(N, FN, OH, OW)$. (Deep-learning "convolutions" do not flip the filter: strictly,
# they are cross-correlations.)
#
# **Exercise.** Write `conv_forward` with your `im2col`.

# %% exercise conv_forward

# %% [markdown] if conv_forward
# A filter that subtracts the pixel on the left from the pixel on the right responds where the
# brightness changes: applied to an image with a bright square, it lights up the square's left
# edge (positive) and its right edge (negative).

# %% demo if conv_forward
with demos.guard("im2col", "conv_forward", what="the edge detector"):
    square = np.zeros((1, 1, 12, 12))
    square[0, 0, 3:9, 3:9] = 1.0
    edges = conv_forward(square, np.array([[[[-1.0, 1.0]]]]), np.zeros(1))
    fig, axes = plt.subplots(1, 2, figsize=(8, 4))
    axes[0].imshow(square[0, 0], cmap="gray")
    axes[0].set_title("the image")
    axes[1].imshow(edges[0, 0], cmap="coolwarm", vmin=-1, vmax=1)
    axes[1].set_title("conv_forward with the filter [-1, 1]")
    plt.show()
