"""NumPy written the way other projects write it (idioms30, part two): robot kinematics
(rotation matrices built with ``np.array([[c, -s], [s, c]])`` for every link at once, homogeneous
transforms written into ``np.eye(4)``, a geometric Jacobian by ``np.cross``, a damped
least-squares IK step by ``pinv``), interpolation and splines (``np.interp`` of knots that
move, a hand linear spline by ``np.searchsorted``, a natural cubic spline's tridiagonal
system, bilinear lookup by ``np.floor``), order statistics (``np.sort``, ``np.median``,
``np.percentile``, ``np.partition``, ``np.argsort`` to gather), scatter/gather
(``np.add.at``, ``np.bincount(weights=)``, fancy reads with repeated indices, a buffered
``+=`` through repeated indices) and graphs (message passing by index arrays, Laplacians)."""

from __future__ import annotations

import numpy as np

# robot kinematics


def planar_chain_tip(q, lengths, target):
    """Absolute link angles by ``np.cumsum``; all the rotations at once, (n, 2, 2)."""
    phi = np.cumsum(q)
    c, s = np.cos(phi), np.sin(phi)
    R = np.array([[c, -s], [s, c]]).transpose(2, 0, 1)
    links = np.einsum('nij,nj->ni', R, np.stack([lengths, np.zeros_like(lengths)], axis=1))
    joints = np.cumsum(links, axis=0)
    return np.sum((joints[-1] - target) ** 2) + 0.1 * np.sum(joints[:, 1] ** 2)


def _rotz(a):
    c, s = np.cos(a), np.sin(a)
    return np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])


def _rotx(a):
    c, s = np.cos(a), np.sin(a)
    return np.array([[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]])


def _transform(theta, d, a, alpha):
    T = np.eye(4)
    T[:3, :3] = _rotz(theta) @ _rotx(alpha)
    T[:3, 3] = [a * np.cos(theta), a * np.sin(theta), d]
    return T


def spatial_arm_manipulability(q):
    dh = [(0.3, 0.0, np.pi / 2), (0.0, 0.5, 0.0), (0.0, 0.4, 0.0)]
    T = np.eye(4)
    origins, axes = [T[:3, 3]], [T[:3, 2]]
    for qi, (d, a, alpha) in zip(q, dh):  # noqa: B905  (as people write it)
        T = T @ _transform(qi, d, a, alpha)
        origins.append(T[:3, 3])
        axes.append(T[:3, 2])
    tip = origins[-1]
    J = np.column_stack([np.cross(axes[i], tip - origins[i]) for i in range(len(q))])
    return np.sqrt(np.linalg.det(J @ J.T + 1e-9 * np.eye(3)))


def dls_ik_step(q, target, lam=0.1):
    l1, l2 = 1.0, 0.7
    x = l1 * np.cos(q[0]) + l2 * np.cos(q[0] + q[1])
    y = l1 * np.sin(q[0]) + l2 * np.sin(q[0] + q[1])
    J = np.array([[-l1 * np.sin(q[0]) - l2 * np.sin(q[0] + q[1]), -l2 * np.sin(q[0] + q[1])],
                  [l1 * np.cos(q[0]) + l2 * np.cos(q[0] + q[1]), l2 * np.cos(q[0] + q[1])]])
    err = target - np.array([x, y])
    dq = np.linalg.pinv(J.T @ J + lam ** 2 * np.eye(2)) @ J.T @ err
    q_new = q + dq
    tip = np.array([l1 * np.cos(q_new[0]) + l2 * np.cos(q_new.sum()),
                    l1 * np.sin(q_new[0]) + l2 * np.sin(q_new.sum())])
    return np.linalg.norm(tip - target)


def diff_drive_path(wheel_speeds, dt=0.1, base=0.4):
    v = wheel_speeds.mean(axis=1)
    w = (wheel_speeds[:, 1] - wheel_speeds[:, 0]) / base
    heading = np.cumsum(w * dt)
    xs = np.cumsum(v * np.cos(heading) * dt)
    ys = np.cumsum(v * np.sin(heading) * dt)
    return np.hypot(xs[-1] - 1.0, ys[-1] - 0.5) + 0.01 * np.sum(np.diff(heading) ** 2)


# interpolation and splines


def interp_moving_knots(increments, values, query):
    knots = np.concatenate([[0.0], np.cumsum(np.exp(increments))])
    return np.sum(np.interp(query, knots, values) ** 2)


def linear_spline_searchsorted(values, x, knots):
    idx = np.searchsorted(knots, x) - 1
    idx = np.clip(idx, 0, len(knots) - 2)
    h = np.diff(knots)
    t = (x - knots[idx]) / h[idx]
    y = (1 - t) * values[idx] + t * values[idx + 1]
    return np.sum(y * np.sin(x))


def natural_cubic_spline(y, xq):
    n = len(y)
    h = 1.0
    A = np.zeros((n, n))
    rhs = np.zeros(n)
    A[0, 0] = A[-1, -1] = 1.0
    for i in range(1, n - 1):
        A[i, i - 1:i + 2] = [h, 4 * h, h]
        rhs[i] = 6 * (y[i + 1] - 2 * y[i] + y[i - 1]) / h
    M = np.linalg.solve(A, rhs)
    i = np.minimum(np.floor(xq).astype(int), n - 2)
    t = xq - i
    s = ((1 - t) ** 3 * M[i] + t ** 3 * M[i + 1]) / 6 + (y[i] - M[i] / 6) * (1 - t) + (
        y[i + 1] - M[i + 1] / 6) * t
    return np.sum(s ** 2)


def bilinear_lookup(grid, pts):
    i0 = np.floor(pts[:, 0]).astype(int)
    j0 = np.floor(pts[:, 1]).astype(int)
    fx = pts[:, 0] - i0
    fy = pts[:, 1] - j0
    v = (grid[i0, j0] * (1 - fx) * (1 - fy) + grid[i0 + 1, j0] * fx * (1 - fy)
         + grid[i0, j0 + 1] * (1 - fx) * fy + grid[i0 + 1, j0 + 1] * fx * fy)
    return v @ v


def inverse_cdf_sample(weights, u):
    cdf = np.cumsum(weights) / np.sum(weights)
    cdf = np.concatenate(([0.0], cdf))
    grid = np.linspace(0.0, 1.0, len(cdf))
    return np.sum(np.interp(u, cdf, grid))


# order statistics


def trimmed_and_mad(x, trim=1):
    s = np.sort(x)
    trimmed = s[trim:-trim].mean()
    mad = np.median(np.abs(x - np.median(x)))
    return trimmed + 1.4826 * mad


def iqr_scaled(x):
    q25, q75 = np.percentile(x, [25, 75])
    z = (x - np.median(x)) / (q75 - q25)
    return np.sum(np.tanh(z))


def k_smallest_energy(d, k=3):
    part = np.partition(d, k)[:k]
    return np.sum(part ** 2) + np.max(np.partition(d, -2)[-2:])


def argsort_pair_auc(scores, labels):
    order = np.argsort(-scores)
    s = scores[order]
    y = labels[order]
    pos = np.cumsum(y)
    gaps = s[:-1] - s[1:]
    return np.sum(pos[:-1] * (1 - y[1:]) * special_sigmoid(gaps))


def special_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def quantile_band(x, w):
    lo, hi = np.quantile(x * w, [0.1, 0.9])
    return hi - lo + np.median(x * w)


# scatter and gather


def segment_means_add_at(x, seg, n_seg=3):
    sums = np.zeros(n_seg)
    np.add.at(sums, seg, x)
    counts = np.bincount(seg, minlength=n_seg)
    means = sums / counts
    return np.sum((x - means[seg]) ** 2)


def weighted_bincount(values, bins):
    totals = np.bincount(bins, weights=values ** 2, minlength=4)
    return np.sum(np.sqrt(totals + 1.0))


def repeated_gather(emb, idx):
    rows = emb[idx]
    return np.sum(rows[:-1] * rows[1:])


def buffered_repeated_add(x, idx):
    """``out[idx] += v`` with repeated indices adds once per index (NumPy buffers the write)."""
    out = np.zeros(4)
    out[idx] += x
    return np.sum(out ** 2) + out @ np.arange(4.0)


def scatter_max_trick(x, seg):
    out = np.full(3, -np.inf)
    np.maximum.at(out, seg, x)
    return np.sum(np.exp(x - out[seg]))


# graphs


def gnn_two_rounds(h, src, dst, W1, W2):
    n = h.shape[0]
    deg = np.bincount(dst, minlength=n).astype(float)
    for W in (W1, W2):
        msg = h[src] @ W
        agg = np.zeros((n, W.shape[1]))
        np.add.at(agg, dst, msg)
        h = np.tanh(agg / np.maximum(deg, 1.0)[:, None] + h @ W)
    return np.sum(h ** 2)


def laplacian_quadratic(w, x, edges):
    n = len(x)
    A = np.zeros((n, n))
    A[edges[:, 0], edges[:, 1]] = w
    A = A + A.T
    L = np.diag(A.sum(axis=1)) - A
    fiedler = np.linalg.eigvalsh(L)[1]
    return x @ L @ x + fiedler


def label_propagation(w, y0, src, dst, steps=3):
    n = len(y0)
    A = np.zeros((n, n))
    A[src, dst] = np.exp(w)
    A[dst, src] = np.exp(w)
    d = A.sum(1)
    S = A / np.sqrt(np.outer(d, d))
    f = y0
    for _ in range(steps):
        f = 0.5 * S @ f + 0.5 * y0
    return np.sum(f[:2])


def edge_attention(h, src, dst, a):
    e = np.tanh(h[src] @ a[:2] + h[dst] @ a[2:])
    e = np.exp(e)
    denom = np.zeros(h.shape[0])
    np.add.at(denom, dst, e)
    alpha = e / denom[dst]
    out = np.zeros_like(h)
    np.add.at(out, dst, alpha[:, None] * h[src])
    return np.sum(out ** 2)
