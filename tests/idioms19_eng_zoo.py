"""Engineering, hydrology and climate models as engineers write them in NumPy (re-imagined, none
copied): a linear-reservoir cascade and Muskingum routing, a bucket soil-moisture model with
``np.minimum``/``np.maximum`` spills, a zero-dimensional energy-balance climate model by Euler
steps, the Colebrook friction factor by fixed-point iteration, a DC power flow by a solve, an RC
ladder by implicit steps, a truss's strain energy from node coordinates, a cantilever by the
finite-element stiffness assembled with slice ``+=``, a thermal-resistance network, a catenary
cable length, a Godunov step for traffic flow (LWR), a heat exchanger by the effectiveness-NTU
formula, a Darcy pressure field by Jacobi sweeps with slicing, a PID loop with anti-windup, a
tank draining under Torricelli with ``while``, a beam's Euler buckling, a Wöhler fatigue sum.
``tests/test_idioms19_eng.py`` differentiates each in every mode."""

import math

import numpy as np


def linear_reservoir_cascade(k, rain, n_res=3, dt=1.0):
    storage = np.zeros(n_res)
    outflow = []
    for r in rain:
        inflow = r
        for j in range(n_res):
            q = storage[j] / k
            storage[j] += dt * (inflow - q)
            inflow = q
        outflow.append(inflow)
    return np.sum(np.array(outflow) ** 2)


def muskingum_routing(params, inflow):
    K, X = params
    dt = 1.0
    denom = 2 * K * (1 - X) + dt
    c0 = (dt - 2 * K * X) / denom
    c1 = (dt + 2 * K * X) / denom
    c2 = (2 * K * (1 - X) - dt) / denom
    out = np.empty_like(inflow)
    out[0] = inflow[0]
    for t in range(1, len(inflow)):
        out[t] = c0 * inflow[t] + c1 * inflow[t - 1] + c2 * out[t - 1]
    return out.max() + out.mean()


def bucket_model(params, precip, pet):
    capacity, k_base = params
    s = 0.5 * capacity
    total = 0.0
    for p, e in zip(precip, pet, strict=True):
        s = s + p - e * s / capacity
        spill = np.maximum(s - capacity, 0.0)
        s = np.minimum(s, capacity)
        base = k_base * s
        s -= base
        total += spill + base
    return total


def energy_balance_climate(params, forcing, years=50):
    lam, heat_cap = params
    T = 0.0
    temps = np.zeros(years)
    for y in range(years):
        T += (forcing[min(y, len(forcing) - 1)] - lam * T) / heat_cap
        temps[y] = T
    return temps[-10:].mean()


def colebrook_friction(reynolds, roughness, tol=1e-12):
    f = 0.02
    for _ in range(100):
        rhs = -2.0 * np.log10(roughness / 3.7 + 2.51 / (reynolds * np.sqrt(f)))
        f_new = 1.0 / rhs ** 2
        if abs(f_new - f) < tol:
            return f_new
        f = f_new
    return f


def dc_power_flow(susceptance, injections, lines):
    n = len(injections)
    B = np.zeros((n, n))
    for (i, j), b in zip(lines, susceptance, strict=True):
        B[i, i] += b
        B[j, j] += b
        B[i, j] -= b
        B[j, i] -= b
    theta = np.zeros(n)
    theta[1:] = np.linalg.solve(B[1:, 1:], injections[1:])
    flows = np.array([b * (theta[i] - theta[j])
                      for (i, j), b in zip(lines, susceptance, strict=True)])
    return np.sum(flows ** 2)


def rc_ladder_implicit(R, C, v_in, steps=20, dt=0.1):
    n = len(C)
    G = np.zeros((n, n))
    for k in range(n):
        G[k, k] += 1.0 / R[k]
        if k + 1 < n:
            G[k, k] += 1.0 / R[k + 1]
            G[k, k + 1] -= 1.0 / R[k + 1]
            G[k + 1, k] -= 1.0 / R[k + 1]
    A = np.diag(C / dt) + G
    v = np.zeros(n)
    src = np.zeros(n)
    for _ in range(steps):
        src[0] = v_in / R[0]
        v = np.linalg.solve(A, C / dt * v + src)
    return v[-1]


def truss_energy(nodes, bars, rest, stiffness=100.0):
    energy = 0.0
    for (i, j), L0 in zip(bars, rest, strict=True):
        L = np.linalg.norm(nodes[j] - nodes[i])
        energy += 0.5 * stiffness * (L - L0) ** 2 / L0
    return energy


def cantilever_fem(EI, load, n_el=4, length=1.0):
    h = length / n_el
    ndof = 2 * (n_el + 1)
    K = np.zeros((ndof, ndof))
    for e in range(n_el):
        k = EI[e] / h ** 3 * np.array([[12, 6 * h, -12, 6 * h],
                                       [6 * h, 4 * h * h, -6 * h, 2 * h * h],
                                       [-12, -6 * h, 12, -6 * h],
                                       [6 * h, 2 * h * h, -6 * h, 4 * h * h]])
        K[2 * e:2 * e + 4, 2 * e:2 * e + 4] += k
    f = np.zeros(ndof)
    f[-2] = load
    u = np.linalg.solve(K[2:, 2:], f[2:])
    return u[-2]


def thermal_network(conductances, T_hot=80.0, T_cold=20.0):
    g1, g2, g3, g4 = conductances
    # two internal nodes: hot -g1- a -g2- b -g3- cold, a -g4- cold
    A = np.array([[g1 + g2 + g4, -g2], [-g2, g2 + g3]])
    rhs = np.array([g1 * T_hot + g4 * T_cold, g3 * T_cold])
    Ta, Tb = np.linalg.solve(A, rhs)
    return g1 * (T_hot - Ta)


def catenary_length(a, span=10.0):
    half = span / 2
    sag = a * (np.cosh(half / a) - 1.0)
    length = 2 * a * np.sinh(half / a)
    return length + 0.1 * sag


def lwr_godunov(rho0, vmax=1.0, rho_max=1.0, steps=10, dx=0.1, dt=0.05):
    rho = rho0.copy()

    def flux(r):
        return vmax * r * (1 - r / rho_max)

    rc = rho_max / 2
    for _ in range(steps):
        left, right = rho[:-1], rho[1:]
        demand = np.where(left < rc, flux(left), flux(rc))
        supply = np.where(right > rc, flux(right), flux(rc))
        F = np.minimum(demand, supply)
        rho[1:-1] -= dt / dx * (F[1:] - F[:-1])
    return np.sum(rho ** 2) * dx


def heat_exchanger_ntu(UA, c_hot, c_cold, T_in_hot=90.0, T_in_cold=15.0):
    c_min = min(c_hot, c_cold)
    c_max = max(c_hot, c_cold)
    cr = c_min / c_max
    ntu = UA / c_min
    eff = (1 - np.exp(-ntu * (1 - cr))) / (1 - cr * np.exp(-ntu * (1 - cr)))
    q = eff * c_min * (T_in_hot - T_in_cold)
    return q / 1000.0


def darcy_jacobi(perm, sweeps=30):
    n = perm.shape[0]
    p = np.zeros((n, n))
    p[0, :] = 1.0
    for _ in range(sweeps):
        kx = 0.5 * (perm[1:-1, :-2] + perm[1:-1, 1:-1])
        kxp = 0.5 * (perm[1:-1, 2:] + perm[1:-1, 1:-1])
        ky = 0.5 * (perm[:-2, 1:-1] + perm[1:-1, 1:-1])
        kyp = 0.5 * (perm[2:, 1:-1] + perm[1:-1, 1:-1])
        new = (kx * p[1:-1, :-2] + kxp * p[1:-1, 2:] + ky * p[:-2, 1:-1] + kyp * p[2:, 1:-1]) \
            / (kx + kxp + ky + kyp)
        p[1:-1, 1:-1] = new
    return np.sum(p[1:-1, 1:-1])


def pid_anti_windup(gains, setpoint=1.0, steps=60, dt=0.05, u_max=2.0):
    kp, ki, kd = gains
    y, integ, prev_err = 0.0, 0.0, setpoint
    cost = 0.0
    for _ in range(steps):
        err = setpoint - y
        deriv = (err - prev_err) / dt
        u = kp * err + ki * integ + kd * deriv
        if abs(u) < u_max:
            integ += err * dt
        u = np.clip(u, -u_max, u_max)
        y += dt * (-y + u)
        prev_err = err
        cost += err ** 2 * dt
    return cost


def torricelli_tank(area_out, h0=2.0, A_tank=1.0, g=9.81, dt=0.05):
    h = h0
    t = 0.0
    volume_out = 0.0
    while h > 0.5:
        q = area_out * math.sqrt(2 * g) * np.sqrt(h)
        h -= q * dt / A_tank
        volume_out += q * dt
        t += dt
    return volume_out + h


def euler_buckling(dims, E=200e9, length=2.0):
    b, h = dims
    inertia = b * h ** 3 / 12.0
    p_cr = math.pi ** 2 * E * inertia / (length ** 2)
    mass = b * h * length * 7850
    return mass / 100.0 - 1e-6 * np.log(p_cr)


def fatigue_miner(amplitudes, cycles, S_f=900.0, b=-0.1):
    n_fail = 0.5 * (amplitudes / S_f) ** (1.0 / b)
    return np.sum(cycles / n_fail)
