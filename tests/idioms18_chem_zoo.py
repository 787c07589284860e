"""Chemistry and molecular simulation as it is written in teaching code (re-imagined, none
copied): Lennard-Jones, Buckingham and Morse with pair loops and minimum images, Coulomb with a
cutoff switch, harmonic bonds and angles from index lists, torsions, a Debye-Hueckel screened
sum, Arrhenius and Michaelis-Menten kinetics integrated step by step, equations of state, mixing
free energies and Boltzmann averages.  ``tests/test_idioms18_chem.py`` differentiates each in
every mode."""

import itertools

import numpy as np

BOND_LIST = [(0, 1), (1, 2), (2, 3)]
ANGLE_LIST = [(0, 1, 2), (1, 2, 3)]
LJ_PARAMS = {"epsilon": 1.0, "sigma": 1.0}


def lj_pair_loop(pos, epsilon=1.0, sigma=1.0):
    pairs = list(itertools.combinations(range(len(pos)), 2))
    energies = []
    for i, j in pairs:
        r2 = np.dot(pos[i] - pos[j], pos[i] - pos[j])
        inv6 = (sigma * sigma / r2) ** 3
        energies.append(4 * epsilon * inv6 * (inv6 - 1.0))
    return np.sum(energies)


def lj_minimum_image(pos, box=4.0):
    e = 0.0
    for i in range(len(pos) - 1):
        d = pos[i + 1:] - pos[i]
        d -= box * np.round(d / box)
        r2 = np.sum(d * d, axis=1)
        inv6 = 1.0 / r2 ** 3
        e += np.sum(4.0 * (inv6 * inv6 - inv6))
    return e


def lj_dict_params(pos, params=LJ_PARAMS):
    eps, sig = params["epsilon"], params["sigma"]
    diff = pos[:, None, :] - pos[None, :, :]
    r = np.sqrt((diff ** 2).sum(-1) + np.eye(len(pos)))
    iu = np.triu_indices(len(pos), k=1)
    s6 = (sig / r[iu]) ** 6
    return np.sum(4 * eps * (s6 * s6 - s6))


def buckingham(pos, A=50.0, B=2.0, C=1.0):
    total = 0.0
    n = len(pos)
    for i in range(n):
        for j in range(n):
            if j <= i:
                continue
            r = np.sqrt(np.sum((pos[i] - pos[j]) ** 2))
            total += A * np.exp(-B * r) - C / r ** 6
    return total


def morse_bonds(pos, De=1.0, a=1.5, r0=1.0, bonds=BOND_LIST):
    e = 0.0
    for i, j in bonds:
        r = np.linalg.norm(pos[j] - pos[i])
        e += De * (1.0 - np.exp(-a * (r - r0))) ** 2
    return e


def harmonic_angles(pos, k=0.5, theta0=1.9, angles=ANGLE_LIST):
    energy = 0.0
    for i, j, l in angles:  # noqa: E741
        u = pos[i] - pos[j]
        v = pos[l] - pos[j]
        cos_t = u @ v / (np.linalg.norm(u) * np.linalg.norm(v))
        theta = np.arccos(np.clip(cos_t, -1.0, 1.0))
        energy += 0.5 * k * (theta - theta0) ** 2
    return energy


def torsion_energy(pos, k=(1.0, 0.5, 0.2)):
    b1 = pos[1] - pos[0]
    b2 = pos[2] - pos[1]
    b3 = pos[3] - pos[2]
    n1 = np.cross(b1, b2)
    n2 = np.cross(b2, b3)
    m1 = np.cross(n1, b2 / np.linalg.norm(b2))
    x = n1 @ n2
    y = m1 @ n2
    phi = np.arctan2(y, x)
    return sum(kn * (1 + np.cos((n + 1) * phi)) for n, kn in enumerate(k))


def coulomb_switched(pos, charges, r_on=1.0, r_off=3.0):
    e = 0.0
    for i in range(len(pos)):
        for j in range(i + 1, len(pos)):
            r = np.linalg.norm(pos[i] - pos[j])
            if r >= r_off:
                continue
            sw = 1.0
            if r > r_on:
                t = (r - r_on) / (r_off - r_on)
                sw = 1 - 3 * t ** 2 + 2 * t ** 3
            e += charges[i] * charges[j] / r * sw
    return e


def debye_huckel(pos, q, kappa=0.8):
    d = np.sqrt(((pos[:, None] - pos[None]) ** 2).sum(axis=-1))
    np.fill_diagonal(d, 1.0)
    pair = q[:, None] * q[None, :] * np.exp(-kappa * d) / d
    mask = ~np.eye(len(q), dtype=bool)
    return 0.5 * pair[mask].sum()


def arrhenius_rates(T, Ea, A=1e3, R=8.314):
    k = A * np.exp(-Ea / (R * T))
    return np.sum(np.log(k))


def michaelis_menten_euler(S0, Vmax, Km, dt=0.1, steps=20):
    S = S0
    trace = []
    for _ in range(steps):
        rate = Vmax * S / (Km + S)
        S = S - dt * rate
        trace.append(S)
    return np.sum(np.array(trace))


def reaction_network_rk4(k, y0, dt=0.05, n=10):
    def rhs(y):
        a, b, c = y
        r1 = k[0] * a
        r2 = k[1] * b * b
        return np.array([-r1, r1 - 2 * r2, r2])

    y = y0.copy()
    for _ in range(n):
        k1 = rhs(y)
        k2 = rhs(y + 0.5 * dt * k1)
        k3 = rhs(y + 0.5 * dt * k2)
        k4 = rhs(y + dt * k3)
        y += dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    return y[2] + 0.1 * y[1]


def van_der_waals_pressure(V, T, a=3.59, b=0.0427, R=0.08314):
    return np.sum(R * T / (V - b) - a / V ** 2)


def redlich_kwong(V, T, a=1.56, b=0.0268, R=0.08314):
    P = R * T / (V - b) - a / (np.sqrt(T) * V * (V + b))
    return np.mean(P ** 2)


def ideal_mixing_free_energy(x, chi=1.5):
    x = np.clip(x, 1e-12, 1 - 1e-12)
    return np.sum(x * np.log(x) + (1 - x) * np.log(1 - x) + chi * x * (1 - x))


def boltzmann_average(energies, beta=2.0):
    w = np.exp(-beta * (energies - energies.min()))
    Z = w.sum()
    return np.sum(w * energies) / Z


def partition_function_levels(eps, g, T):
    kT = T
    Z = np.sum(g * np.exp(-eps / kT))
    U = np.sum(g * eps * np.exp(-eps / kT)) / Z
    return -kT * np.log(Z) + 0.1 * U


def antoine_fit_loss(params, T, logP):
    A, B, C = params
    pred = A - B / (C + T)
    return np.mean((pred - logP) ** 2)


def radial_distribution_soft(pos, bins=np.linspace(0.5, 2.5, 5), width=0.3):  # noqa: B008
    iu, ju = np.triu_indices(len(pos), 1)
    r = np.linalg.norm(pos[iu] - pos[ju], axis=1)
    hist = np.exp(-((r[:, None] - bins[None, :]) / width) ** 2).sum(axis=0)
    return np.sum(hist * np.log1p(hist))


def bond_forces_add_at(pos, bonds=np.array(BOND_LIST), k=2.0, r0=1.0):  # noqa: B008
    d = pos[bonds[:, 1]] - pos[bonds[:, 0]]
    r = np.linalg.norm(d, axis=1, keepdims=True)
    f = -k * (r - r0) * d / r
    forces = np.zeros_like(pos)
    np.add.at(forces, bonds[:, 1], f)
    np.subtract.at(forces, bonds[:, 0], f)
    return np.sum(forces ** 2)


class ForceField:
    def __init__(self, k_bond, r0, eps):
        self.k_bond = k_bond
        self.r0 = r0
        self.eps = eps

    def bonded(self, pos):
        r = np.linalg.norm(np.diff(pos, axis=0), axis=1)
        return 0.5 * self.k_bond * np.sum((r - self.r0) ** 2)

    def nonbonded(self, pos):
        e = 0.0
        for i in range(len(pos) - 2):
            r = np.linalg.norm(pos[i + 2:] - pos[i], axis=1)
            e = e + np.sum(self.eps * ((1 / r) ** 12 - 2 * (1 / r) ** 6))
        return e

    def energy(self, pos):
        return self.bonded(pos) + self.nonbonded(pos)


FF = ForceField(10.0, 1.1, 0.2)


def forcefield_energy(pos):
    return FF.energy(pos)


def gaussian_overlap(centers, alphas):
    S = 0.0
    for i in range(len(alphas)):
        for j in range(len(alphas)):
            p = alphas[i] + alphas[j]
            mu = alphas[i] * alphas[j] / p
            d2 = np.sum((centers[i] - centers[j]) ** 2)
            S += (np.pi / p) ** 1.5 * np.exp(-mu * d2)
    return S


def harmonic_oscillator_verlet(x0, v0, k, m=1.0, dt=0.05, steps=30):
    x, v = x0, v0
    a = -k * x / m
    energies = []
    for _ in range(steps):
        x = x + v * dt + 0.5 * a * dt ** 2
        a_new = -k * x / m
        v = v + 0.5 * (a + a_new) * dt
        a = a_new
        energies.append(0.5 * m * v ** 2 + 0.5 * k * x ** 2)
    return energies[-1] - energies[0] + x


def equilibrium_constant_solve(K, c0):
    # A <-> 2B with extent xi solving K = (2 xi)^2 / (c0 - xi) by Newton iteration
    xi = 0.5 * c0
    for _ in range(30):
        f = 4 * xi ** 2 - K * (c0 - xi)
        df = 8 * xi + K
        step = f / df
        xi = xi - step
        if abs(step) < 1e-14:
            break
    return xi
