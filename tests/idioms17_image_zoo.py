"""Image operations as outside code writes them (re-imagined, none copied): 2-D convolution and
correlation by slicing loops, ``np.pad`` in its modes, max and average pooling by reshape, strided
views, bilinear interpolation and resizing, Sobel edges, total variation, Gaussian blur by a
separable kernel, upsampling by ``np.repeat``/``np.kron``, im2col, a tiny CNN forward pass,
gamma correction and colour conversion.  ``tests/test_idioms17_image.py`` differentiates each in
every mode."""

import numpy as np


def conv2d_strided_bias(img, kernel, bias, stride=2):
    kh, kw = kernel.shape
    oh = (img.shape[0] - kh) // stride + 1
    ow = (img.shape[1] - kw) // stride + 1
    out = np.full((oh, ow), bias)
    for i in range(oh):
        for j in range(ow):
            r, c = i * stride, j * stride
            out[i, j] += np.sum(img[r:r + kh, c:c + kw] * kernel)
    return np.sum(out ** 2)


def conv2d_shift_sum(img, kernel):
    # the loop over kernel taps, each a shifted slice of the whole image
    kh, kw = kernel.shape
    H, W = img.shape
    out = 0.0
    for di in range(kh):
        for dj in range(kw):
            out = out + kernel[di, dj] * img[di:H - kh + 1 + di, dj:W - kw + 1 + dj]
    return np.sum(np.tanh(out))


def conv2d_same_padded(img, kernel):
    k = kernel.shape[0] // 2
    padded = np.pad(img, k)
    H, W = img.shape
    out = np.empty_like(img)
    for i in range(H):
        for j in range(W):
            out[i, j] = (padded[i:i + 2 * k + 1, j:j + 2 * k + 1] * kernel).sum()
    return np.mean(out ** 2)


def pad_modes(img):
    a = np.pad(img, ((1, 1), (2, 0)), mode="constant", constant_values=0.5)
    b = np.pad(img, 1, mode="edge")
    c = np.pad(img, 1, mode="reflect")
    d = np.pad(img, ((0, 1), (1, 0)), mode="wrap")
    return np.sum(a ** 2) + np.sum(b * 0.3) + np.sum(np.sin(c)) + np.sum(d ** 3)


def max_pool_reshape(img):
    H, W = img.shape
    pooled = img.reshape(H // 2, 2, W // 2, 2).max(axis=(1, 3))
    return np.sum(pooled ** 2)


def avg_pool_reshape_batch(x):
    n, c, h, w = x.shape
    pooled = x.reshape(n, c, h // 2, 2, w // 2, 2).mean(axis=(3, 5))
    return np.sum(np.tanh(pooled))


def max_pool_loops(img, size=2):
    H, W = img.shape
    out = np.zeros((H // size, W // size))
    for i in range(0, H, size):
        for j in range(0, W, size):
            out[i // size, j // size] = np.max(img[i:i + size, j:j + size])
    return np.sum(out * np.arange(out.size).reshape(out.shape))


def global_avg_pool(x, w):
    feats = x.mean(axis=(-2, -1))
    return np.sum(feats @ w)


def bilinear_sample(img, xs, ys):
    x0 = np.floor(xs).astype(int)
    y0 = np.floor(ys).astype(int)
    x1, y1 = x0 + 1, y0 + 1
    wx, wy = xs - x0, ys - y0
    Ia, Ib = img[y0, x0], img[y1, x0]
    Ic, Id = img[y0, x1], img[y1, x1]
    val = (1 - wx) * (1 - wy) * Ia + (1 - wx) * wy * Ib + wx * (1 - wy) * Ic + wx * wy * Id
    return np.sum(val ** 2)


def bilinear_resize(img, out_h=5, out_w=5):
    H, W = img.shape
    ys = np.linspace(0, H - 1, out_h)
    xs = np.linspace(0, W - 1, out_w)
    y0 = np.clip(np.floor(ys).astype(int), 0, H - 2)
    x0 = np.clip(np.floor(xs).astype(int), 0, W - 2)
    fy = (ys - y0)[:, None]
    fx = (xs - x0)[None, :]
    top = img[y0][:, x0] * (1 - fx) + img[y0][:, x0 + 1] * fx
    bot = img[y0 + 1][:, x0] * (1 - fx) + img[y0 + 1][:, x0 + 1] * fx
    return np.sum(np.sin(top * (1 - fy) + bot * fy))


def sobel_edges(img):
    gx = (img[1:-1, 2:] - img[1:-1, :-2]) * 2 + img[:-2, 2:] - img[:-2, :-2] + img[2:, 2:] - img[2:, :-2]
    gy = (img[2:, 1:-1] - img[:-2, 1:-1]) * 2 + img[2:, :-2] - img[:-2, :-2] + img[2:, 2:] - img[:-2, 2:]
    return np.sum(np.sqrt(gx ** 2 + gy ** 2 + 1e-6))


def total_variation(img, beta=1e-3):
    dx = np.diff(img, axis=1)
    dy = np.diff(img, axis=0)
    return np.sum(np.sqrt(dx[:-1, :] ** 2 + dy[:, :-1] ** 2 + beta))


def anisotropic_tv_denoise(u, f, lam=0.2):
    fidelity = 0.5 * np.sum((u - f) ** 2)
    tv = np.abs(u[1:, :] - u[:-1, :]).sum() + np.abs(u[:, 1:] - u[:, :-1]).sum()
    return fidelity + lam * tv


def separable_gaussian(img, sigma):
    r = np.arange(-2, 3)
    k = np.exp(-r ** 2 / (2 * sigma ** 2))
    k = k / k.sum()
    p = np.pad(img, ((0, 0), (2, 2)), mode="edge")
    rows = sum(k[i] * p[:, i:i + img.shape[1]] for i in range(5))
    p = np.pad(rows, ((2, 2), (0, 0)), mode="edge")
    cols = sum(k[i] * p[i:i + img.shape[0], :] for i in range(5))
    return np.sum((cols - img) ** 2)


def upsample_repeat(img, w):
    up = np.repeat(np.repeat(img, 2, axis=0), 2, axis=1)
    return np.sum(up * w)


def upsample_kron(img):
    up = np.kron(img, np.ones((2, 2)))
    return np.sum(up[1:-1, 1:-1] ** 2)


def im2col_conv(img, kernel):
    kh, kw = kernel.shape
    H, W = img.shape
    cols = np.array([img[i:i + kh, j:j + kw].ravel()
                     for i in range(H - kh + 1) for j in range(W - kw + 1)])
    out = cols @ kernel.ravel()
    return np.sum(np.maximum(out, 0.0) ** 2)


def stride_tricks_windows(img, kernel):
    windows = np.lib.stride_tricks.sliding_window_view(img, kernel.shape)
    out = np.einsum("ijkl,kl->ij", windows, kernel)
    return np.sum(out ** 2)


def tiny_cnn(x, k1, w_fc):
    # one channel conv (valid), relu, 2x2 max pool, flatten, dense, log-softmax
    windows = np.lib.stride_tricks.sliding_window_view(x, k1.shape)
    fmap = np.maximum(np.tensordot(windows, k1, axes=([2, 3], [0, 1])), 0.0)
    h, w = fmap.shape
    pooled = fmap[:h // 2 * 2, :w // 2 * 2].reshape(h // 2, 2, w // 2, 2).max(axis=(1, 3))
    logits = pooled.flatten() @ w_fc
    return logits[0] - np.log(np.sum(np.exp(logits)))


def multichannel_conv(x, w, b):
    # x (C, H, W), w (F, C, 3, 3), valid
    F, C, kh, kw = w.shape
    _, H, W = x.shape
    out = np.zeros((F, H - kh + 1, W - kw + 1))
    for f in range(F):
        for i in range(H - kh + 1):
            for j in range(W - kw + 1):
                out[f, i, j] = np.sum(x[:, i:i + kh, j:j + kw] * w[f]) + b[f]
    return np.sum(np.tanh(out))


def gamma_and_gray(rgb, gamma=2.2):
    lin = np.clip(rgb, 0.0, 1.0) ** gamma
    gray = lin @ np.array([0.2126, 0.7152, 0.0722])
    return np.mean(gray ** (1 / gamma))


def normalise_channels(x, mean, std):
    z = (x - mean[:, None, None]) / std[:, None, None]
    return np.sum(z ** 2) / z.size


def laplacian_of_image(img):
    lap = -4 * img[1:-1, 1:-1] + img[:-2, 1:-1] + img[2:, 1:-1] + img[1:-1, :-2] + img[1:-1, 2:]
    return np.sum(lap ** 2)


def ssim_like(a, b, c1=0.01, c2=0.03):
    mu_a, mu_b = a.mean(), b.mean()
    va, vb = a.var(), b.var()
    cov = np.mean((a - mu_a) * (b - mu_b))
    return ((2 * mu_a * mu_b + c1) * (2 * cov + c2)) / ((mu_a ** 2 + mu_b ** 2 + c1) * (va + vb + c2))


def flip_rotate_augment(img):
    return np.sum(img * np.fliplr(img)) + np.sum(np.rot90(img) * img.T) + np.sum(img[::-1, ::-1] ** 2)


def softargmax_2d(heat, beta=3.0):
    H, W = heat.shape
    p = np.exp(beta * (heat - heat.max()))
    p /= p.sum()
    ys, xs = np.mgrid[0:H, 0:W]
    return np.sum(p * xs) + 2.0 * np.sum(p * ys)
