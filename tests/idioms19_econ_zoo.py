"""Economics, audio synthesis and game-style simulation as people write them in NumPy
(re-imagined, none copied): a Solow growth path, CES and Cobb-Douglas production, logit demand
with BLP's share inversion by contraction, a Cournot equilibrium by best-response iteration, a
consumption path from the Euler equation, an input-output (Leontief) solve, an ADSR envelope
with ``np.concatenate`` of pieces, FM synthesis, a comb filter by a loop over a delay line, a
Karplus-Strong pluck with a list as the delay line, a cloth grid of springs with slicing,
particles bouncing off walls with ``np.where`` reflections, a rope's Verlet steps with distance
constraints projected in sweeps, differential-drive odometry, quaternion integration of an
angular velocity, an SE(2) pose-graph residual.  ``tests/test_idioms19_econ.py``
differentiates each in every mode."""

import numpy as np


def solow_path(params, k0=1.0, years=30):
    s, alpha, delta = params
    k = k0
    output = []
    for _ in range(years):
        y = k ** alpha
        k = k + s * y - delta * k
        output.append(y)
    return np.mean(np.log(output))


def ces_production(shares, inputs, rho=0.5):
    return np.sum(shares * inputs ** rho) ** (1.0 / rho)


def cobb_douglas_utility(alphas, prices, income=100.0):
    w = alphas / alphas.sum()
    demand = w * income / prices
    return np.sum(w * np.log(demand))


def blp_inversion(shares, X, beta, tol=1e-13, max_iter=500):
    delta = np.log(shares) - np.log(1 - shares.sum())
    for _ in range(max_iter):
        u = np.exp(delta + X @ beta)
        pred = u / (1.0 + u.sum())
        step = np.log(shares) - np.log(pred)
        delta = delta + step
        if np.max(np.abs(step)) < tol:
            break
    return np.sum(delta ** 2)


def cournot_best_response(costs, a=10.0, b=1.0, iters=60):
    n = len(costs)
    q = np.ones(n)
    for _ in range(iters):
        for i in range(n):
            others = q.sum() - q[i]
            q[i] = max((a - costs[i] - b * others) / (2 * b), 0.0)
    price = a - b * q.sum()
    return np.sum((price - costs) * q)


def euler_consumption(r, beta=0.96, sigma=2.0, c0=1.0, T=20):
    growth = (beta * (1 + r)) ** (1 / sigma)
    c = c0 * growth ** np.arange(T)
    discount = (1 + r) ** -np.arange(T)
    return np.sum(c * discount)


def leontief_output(A, demand):
    n = A.shape[0]
    x = np.linalg.solve(np.eye(n) - A, demand)
    return np.sum(x) + x @ A @ x


def adsr_envelope(times, sustain=0.6, n=(4, 3, 5, 3)):
    attack, decay, release = times
    a = np.linspace(0.0, 1.0, n[0]) ** (1.0 / attack)
    d = 1.0 - (1.0 - sustain) * np.linspace(0.0, 1.0, n[1]) ** decay
    s = np.full(n[2], sustain)
    r = sustain * np.exp(-np.linspace(0.0, 1.0, n[3]) / release)
    env = np.concatenate([a, d, s, r])
    return np.sum(env ** 2)


def fm_synthesis(params, t, target):
    carrier, mod_freq, index = params
    y = np.sin(2 * np.pi * carrier * t + index * np.sin(2 * np.pi * mod_freq * t))
    return np.mean((y - target) ** 2)


def comb_filter(signal, g=0.6, delay=3):
    out = np.zeros(len(signal))
    for n in range(len(signal)):
        fb = g * out[n - delay] if n >= delay else 0.0
        out[n] = signal[n] + fb
    return np.sum(out ** 2)


def karplus_strong(noise, decay=0.99, length=20):
    line = list(noise)
    out = []
    for _ in range(length):
        first = line.pop(0)
        new = decay * 0.5 * (first + line[0])
        line.append(new)
        out.append(first)
    return np.sum(np.array(out) ** 2)


def cloth_grid(pos, rest=1.0, k=50.0):
    dx = pos[:, 1:] - pos[:, :-1]
    dy = pos[1:, :] - pos[:-1, :]
    ex = np.linalg.norm(dx, axis=-1) - rest
    ey = np.linalg.norm(dy, axis=-1) - rest
    gravity = 9.81 * np.sum(pos[..., 1])
    return 0.5 * k * (np.sum(ex ** 2) + np.sum(ey ** 2)) + gravity


def bouncing_particles(vel, pos0, steps=25, dt=0.05, box=1.0):
    pos = pos0.copy()
    v = vel.copy()
    for _ in range(steps):
        pos = pos + dt * v
        hit_hi = pos > box
        hit_lo = pos < -box
        pos = np.where(hit_hi, 2 * box - pos, pos)
        pos = np.where(hit_lo, -2 * box - pos, pos)
        v = np.where(hit_hi | hit_lo, -v, v)
    return np.sum(pos ** 2)


def rope_verlet(pos, prev, steps=5, sweeps=3, seg=0.5, dt=0.05):
    for _ in range(steps):
        new = 2 * pos - prev
        new[:, 1] -= 9.81 * dt * dt
        new[0] = pos[0]  # pinned end
        prev, pos = pos, new
        for _ in range(sweeps):
            d = pos[1:] - pos[:-1]
            length = np.sqrt(np.sum(d ** 2, axis=1, keepdims=True))
            corr = 0.5 * (length - seg) / length * d
            pos[1:] -= corr
            pos[:-1] += corr
            pos[0] = prev[0]
    return np.sum(pos[:, 1])


def diff_drive_odometry(wheel_speeds, base=0.3, dt=0.1):
    x = y = theta = 0.0
    for vl, vr in wheel_speeds:
        v = 0.5 * (vl + vr)
        w = (vr - vl) / base
        x += v * np.cos(theta) * dt
        y += v * np.sin(theta) * dt
        theta += w * dt
    return (x - 1.0) ** 2 + (y - 0.2) ** 2 + 0.1 * theta ** 2


def quaternion_integrate(omegas, dt=0.1):
    q = np.array([1.0, 0.0, 0.0, 0.0])
    for w in omegas:
        Omega = np.array([[0, -w[0], -w[1], -w[2]], [w[0], 0, w[2], -w[1]],
                          [w[1], -w[2], 0, w[0]], [w[2], w[1], -w[0], 0]])
        q = q + 0.5 * dt * Omega @ q
        q = q / np.linalg.norm(q)
    return 1.0 - q[0] ** 2


def se2_pose_graph(poses, edges, measurements):
    total = 0.0
    for (i, j), (mx, my, mth) in zip(edges, measurements, strict=True):
        xi, yi, ti = poses[i]
        xj, yj, tj = poses[j]
        c, s = np.cos(ti), np.sin(ti)
        dx, dy = xj - xi, yj - yi
        ex = c * dx + s * dy - mx
        ey = -s * dx + c * dy - my
        eth = np.arctan2(np.sin(tj - ti - mth), np.cos(tj - ti - mth))
        total += ex ** 2 + ey ** 2 + eth ** 2
    return total
