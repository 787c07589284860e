"""Mechanics, robotics and lattice physics as simulation scripts write them (re-imagined, none
copied): a serial chain's forward kinematics by homogeneous transforms appended then multiplied,
a SCARA arm, a 3-D arm by axis-angle (Rodrigues) joints, a manipulability measure through
``np.linalg.det(J @ J.T)``, a two-link arm's inverse dynamics (mass matrix, Coriolis, gravity),
a pendulum by semi-implicit Euler and its energy drift, a double pendulum by RK4 with the state
in a tuple, a rigid body's rotation by quaternion integration, a mass-spring-damper by the exact
matrix exponential (``scipy.linalg.expm``), 1-D shallow water by Lax-Friedrichs with ghost cells
written by slices, an Ising mean-field fixed point, a Heisenberg chain's classical energy by
``np.roll``, an elastic rod's bending energy by discrete curvature, a Bezier curve's length by
de Casteljau, a Catmull-Rom path's smoothness, a tyre's Pacejka magic formula, a quarter-car
suspension run with a Python list of states, orbital elements to position by a Kepler solve in
a ``while``, a projectile with quadratic drag until it lands (an early return).
``tests/test_idioms20.py`` differentiates each."""

import numpy as np
import scipy.linalg


def _transform(theta, length):
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s, length * c], [s, c, length * s], [0.0, 0.0, 1.0]])


def serial_chain_fk(q, lengths):
    frames = []
    for theta, length in zip(q, lengths, strict=True):
        frames.append(_transform(theta, length))
    T = np.eye(3)
    for F in frames:
        T = T @ F
    return np.sum((T[:2, 2] - np.array([1.0, 1.5])) ** 2)


def scara_reach(q, l1=0.6, l2=0.4):
    x = l1 * np.cos(q[0]) + l2 * np.cos(q[0] + q[1])
    y = l1 * np.sin(q[0]) + l2 * np.sin(q[0] + q[1])
    z = 0.5 - q[2]
    return x ** 2 + y ** 2 + z ** 2 + q[3] * 0.1


def _rodrigues(axis, angle):
    k = axis / np.linalg.norm(axis)
    K = np.array([[0.0, -k[2], k[1]], [k[2], 0.0, -k[0]], [-k[1], k[0], 0.0]])
    return np.eye(3) + np.sin(angle) * K + (1 - np.cos(angle)) * K @ K


def arm3d_tip(q, axes, link=0.5):
    R = np.eye(3)
    p = np.zeros(3)
    for angle, axis in zip(q, axes, strict=True):
        R = R @ _rodrigues(axis, angle)
        p = p + R @ np.array([link, 0.0, 0.0])
    return p @ p + p[2]


def manipulability(q, lengths=(1.0, 0.8, 0.5)):
    cum = np.cumsum(q)
    J = np.zeros((2, len(q)))
    for j in range(len(q)):
        J[0, j] = -np.sum([lengths[k] * np.sin(cum[k]) for k in range(j, len(q))])
        J[1, j] = np.sum([lengths[k] * np.cos(cum[k]) for k in range(j, len(q))])
    return np.sqrt(np.linalg.det(J @ J.T))


def two_link_torques(q, dq, ddq, m=(1.0, 0.8), l=(1.0, 0.7), g=9.81):  # noqa: E741
    m1, m2 = m
    l1, l2 = l
    c2 = np.cos(q[1])
    M = np.array([[m1 * l1 ** 2 + m2 * (l1 ** 2 + 2 * l1 * l2 * c2 + l2 ** 2), m2 * (l1 * l2 * c2 + l2 ** 2)],
                  [m2 * (l1 * l2 * c2 + l2 ** 2), m2 * l2 ** 2]])
    h = m2 * l1 * l2 * np.sin(q[1])
    C = np.array([-h * (2 * dq[0] * dq[1] + dq[1] ** 2), h * dq[0] ** 2])
    G = np.array([(m1 + m2) * l1 * g * np.cos(q[0]) + m2 * g * l2 * np.cos(q[0] + q[1]),
                  m2 * g * l2 * np.cos(q[0] + q[1])])
    tau = M @ ddq + C + G
    return tau @ tau


def pendulum_energy_drift(theta0, dt=0.05, steps=40, g=9.81, L=1.0):
    th, om = theta0, 0.0
    e0 = 0.5 * om ** 2 - g / L * np.cos(th)
    for _ in range(steps):
        om -= dt * g / L * np.sin(th)
        th += dt * om
    return (0.5 * om ** 2 - g / L * np.cos(th) - e0) ** 2 + th


def _double_pendulum_rhs(state):
    t1, t2, w1, w2 = state
    d = t1 - t2
    den = 3 - np.cos(2 * d)
    a1 = (-3 * 9.81 * np.sin(t1) - 9.81 * np.sin(t1 - 2 * t2)
          - 2 * np.sin(d) * (w2 ** 2 + w1 ** 2 * np.cos(d))) / den
    a2 = 2 * np.sin(d) * (2 * w1 ** 2 + 2 * 9.81 * np.cos(t1) + w2 ** 2 * np.cos(d)) / den
    return (w1, w2, a1, a2)


def double_pendulum_rk4(init, dt=0.05, steps=4):
    s = tuple(init)
    for _ in range(steps):
        k1 = _double_pendulum_rhs(s)
        k2 = _double_pendulum_rhs(tuple(a + 0.5 * dt * b for a, b in zip(s, k1, strict=True)))
        k3 = _double_pendulum_rhs(tuple(a + 0.5 * dt * b for a, b in zip(s, k2, strict=True)))
        k4 = _double_pendulum_rhs(tuple(a + dt * b for a, b in zip(s, k3, strict=True)))
        s = tuple(a + dt / 6 * (b1 + 2 * b2 + 2 * b3 + b4)
                  for a, b1, b2, b3, b4 in zip(s, k1, k2, k3, k4, strict=True))
    return s[0] ** 2 + s[1] ** 2


def quaternion_integrate(omega, dt=0.1, steps=10):
    q = np.array([1.0, 0.0, 0.0, 0.0])
    for _ in range(steps):
        w, x, y, z = q
        ox, oy, oz = omega
        dq = 0.5 * np.array([-x * ox - y * oy - z * oz, w * ox + y * oz - z * oy,
                             w * oy - x * oz + z * ox, w * oz + x * oy - y * ox])
        q = q + dt * dq
        q /= np.linalg.norm(q)
    return q[0] + 2 * q[1] - q[3]


def msd_expm(params, x0, dt=0.1, steps=5):
    k, c = params
    A = np.array([[0.0, 1.0], [-k, -c]])
    Phi = scipy.linalg.expm(A * dt)
    x = x0
    cost = 0.0
    for _ in range(steps):
        x = Phi @ x
        cost += x @ x
    return cost


def shallow_water_lf(h0, dt=0.02, dx=0.1, steps=6, g=9.81):
    h = h0.copy()
    hu = np.zeros_like(h0)
    for _ in range(steps):
        hp = np.empty(len(h) + 2)
        hup = np.empty(len(h) + 2)
        hp[1:-1], hup[1:-1] = h, hu
        hp[0], hp[-1] = h[0], h[-1]
        hup[0], hup[-1] = -hu[0], -hu[-1]
        f1 = hup
        f2 = hup ** 2 / hp + 0.5 * g * hp ** 2
        h = 0.5 * (hp[2:] + hp[:-2]) - dt / (2 * dx) * (f1[2:] - f1[:-2])
        hu = 0.5 * (hup[2:] + hup[:-2]) - dt / (2 * dx) * (f2[2:] - f2[:-2])
    return np.sum(h ** 2) + np.sum(hu ** 2)


def ising_mean_field(J, h, beta=0.8, iters=40):
    m = np.full(len(h), 0.1)
    for _ in range(iters):
        m = np.tanh(beta * (J @ m + h))
    free = -0.5 * m @ J @ m - h @ m
    ent = np.sum((1 + m) / 2 * np.log((1 + m) / 2) + (1 - m) / 2 * np.log((1 - m) / 2))
    return free + ent / beta


def heisenberg_chain(angles, J=1.0, field=0.3):
    theta, phi = angles[:, 0], angles[:, 1]
    S = np.stack([np.sin(theta) * np.cos(phi), np.sin(theta) * np.sin(phi), np.cos(theta)], axis=1)
    exchange = -J * np.sum(S * np.roll(S, -1, axis=0))
    return exchange - field * np.sum(S[:, 2])


def rod_bending(points, stiffness=2.0):
    e = np.diff(points, axis=0)
    lengths = np.linalg.norm(e, axis=1)
    t = e / lengths[:, None]
    cos_turn = np.sum(t[1:] * t[:-1], axis=1)
    voronoi = 0.5 * (lengths[1:] + lengths[:-1])
    return stiffness * np.sum((1 - cos_turn) / voronoi)


def bezier_length(ctrl, n=24):
    ts = np.linspace(0.0, 1.0, n)
    pts = []
    for t in ts:
        P = ctrl
        while len(P) > 1:
            P = (1 - t) * P[:-1] + t * P[1:]
        pts.append(P[0])
    pts = np.array(pts)
    return np.sum(np.linalg.norm(np.diff(pts, axis=0), axis=1))


def catmull_rom_smoothness(P, samples=5):
    total = 0.0
    for i in range(1, len(P) - 2):
        p0, p1, p2, p3 = P[i - 1], P[i], P[i + 1], P[i + 2]
        for t in np.linspace(0.0, 1.0, samples):
            acc = (2 * p0 - 5 * p1 + 4 * p2 - p3) + 3 * t * (-p0 + 3 * p1 - 3 * p2 + p3)
            total += acc @ acc
    return total


def pacejka(slip, coeffs):
    B, C, D, E = coeffs
    Bx = B * slip
    force = D * np.sin(C * np.arctan(Bx - E * (Bx - np.arctan(Bx))))
    return np.sum(force ** 2)


def quarter_car(params, road, dt=0.01):
    ks, cs = params
    states = [np.zeros(4)]
    for r in road:
        zs, vs, zu, vu = states[-1]
        fs = ks * (zu - zs) + cs * (vu - vs)
        ft = 200.0 * (r - zu)
        acc = np.array([vs, fs / 250.0, vu, (ft - fs) / 40.0])
        states.append(states[-1] + dt * acc)
    S = np.stack(states)
    return np.sum(S[:, 1] ** 2) * 1e2


def kepler_position(elements, t, mu=1.0, tol=1e-13):
    a, e, M0 = elements
    n = np.sqrt(mu / a ** 3)
    M = M0 + n * t
    E = M
    delta = 1.0
    while abs(delta) > tol:
        delta = (E - e * np.sin(E) - M) / (1 - e * np.cos(E))
        E = E - delta
    x = a * (np.cos(E) - e)
    y = a * np.sqrt(1 - e ** 2) * np.sin(E)
    return x + 2 * y


def projectile_range(v0, angle, k=0.05, dt=0.02, g=9.81):
    vx, vy = v0 * np.cos(angle), v0 * np.sin(angle)
    x = y = 0.0
    for _ in range(2000):
        speed = np.sqrt(vx * vx + vy * vy)
        vx, vy = vx - dt * k * speed * vx, vy - dt * (g + k * speed * vy)
        x_new, y_new = x + dt * vx, y + dt * vy
        if y_new < 0.0:
            return x + (x_new - x) * y / (y - y_new)
        x, y = x_new, y_new
    return x
