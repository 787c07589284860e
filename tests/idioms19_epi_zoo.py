"""Epidemiology, ecology and pharmacokinetics as modellers write them in NumPy (re-imagined, none
copied): SIR/SEIR/SIRS by Euler steps with lists appended then stacked, an age-structured SIR
with a contact matrix, a metapopulation with mobility, Ricker, Beverton-Holt and Leslie-matrix
population models, predator-prey with harvesting by RK2, one- and two-compartment
pharmacokinetics with repeated doses, Hill and Emax dose-response fits, Michaelis-Menten by
Newton on the implicit time, a reproduction number by power iteration, a renewal-equation
incidence model, a dataclass model with a method and a property.
``tests/test_idioms19_epi.py`` differentiates each in every mode."""

import dataclasses

import numpy as np


def sir_euler_stack(params, y0, days=30, dt=0.5):
    beta, gamma = params
    S, Inf, R = y0
    traj = []
    for _ in range(int(days / dt)):
        new_inf = beta * S * Inf * dt
        new_rec = gamma * Inf * dt
        S, Inf, R = S - new_inf, Inf + new_inf - new_rec, R + new_rec
        traj.append([S, Inf, R])
    traj = np.array(traj)
    return np.sum(traj[:, 1] ** 2) * dt + traj[-1, 2]


def seir_final_size(log_rates, N=1.0, steps=80, dt=0.25):
    beta, sigma, gamma = np.exp(log_rates)
    state = np.array([N - 1e-3, 1e-3, 0.0, 0.0])
    for _ in range(steps):
        s, e, i, r = state
        flow = np.array([-beta * s * i / N, beta * s * i / N - sigma * e,
                         sigma * e - gamma * i, gamma * i])
        state = state + dt * flow
    return state[3] / N


def sirs_vaccination(theta, vacc, steps=60, dt=0.2):
    beta, gamma, omega = theta
    s, i, r = 0.99, 0.01, 0.0
    peak = 0.0
    for k in range(steps):
        v = vacc[k % len(vacc)]
        ds = -beta * s * i + omega * r - v * s
        di = beta * s * i - gamma * i
        dr = gamma * i - omega * r + v * s
        s, i, r = s + dt * ds, i + dt * di, r + dt * dr
        peak = max(peak, i)
    return peak + 0.1 * r


def age_structured_sir(beta, contact, pop, gamma=0.3, steps=40, dt=0.25):
    n = len(pop)
    S = pop.copy()
    Inf = np.full(n, 1e-3)
    S -= Inf
    attack = np.zeros(n)
    for _ in range(steps):
        force = beta * contact @ (Inf / pop)
        inc = force * S * dt
        S -= inc
        Inf += inc - gamma * Inf * dt
        attack += inc
    return np.sum(attack / pop) / n


def metapopulation(beta, mobility, steps=30, dt=0.2, gamma=0.25):
    n = mobility.shape[0]
    s = np.ones(n)
    i = np.zeros(n)
    i[0] = 0.01
    s[0] -= 0.01
    for _ in range(steps):
        eff_i = mobility @ i
        new = beta * s * eff_i
        s = s - dt * new
        i = i + dt * (new - gamma * i)
    return float(np.sum(1.0 - s))


def ricker_map(log_r, x0, K=1.0, generations=12):
    r = np.exp(log_r)
    x = x0
    total = 0.0
    for _ in range(generations):
        x = x * np.exp(r * (1.0 - x / K))
        total += np.log(x)
    return total / generations


def beverton_holt_nll(params, counts):
    R0, M = np.exp(params)
    pred = np.empty(len(counts))
    pred[0] = counts[0]
    for t in range(1, len(counts)):
        pred[t] = R0 * counts[t - 1] / (1.0 + counts[t - 1] / M)
    resid = np.log(counts[1:]) - np.log(pred[1:])
    return 0.5 * np.sum(resid ** 2)


def leslie_growth(fecundity, survival, years=10):
    n = len(fecundity)
    L = np.zeros((n, n))
    L[0, :] = fecundity
    L[np.arange(1, n), np.arange(n - 1)] = survival
    pop = np.ones(n)
    for _ in range(years):
        pop = L @ pop
    return np.log(pop.sum()) / years


def leslie_dominant(fecundity, survival, iters=40):
    n = len(fecundity)
    L = np.diag(survival, k=-1)
    L[0] = fecundity
    v = np.ones(n) / n
    lam = 1.0
    for _ in range(iters):
        w = L @ v
        lam = np.linalg.norm(w)
        v = w / lam
    return lam


def predator_prey_harvest(params, x0, y0, harvest=0.05, steps=50, dt=0.05):
    a, b, c, d = params
    x, y = x0, y0
    catch = 0.0
    for _ in range(steps):
        fx = a * x - b * x * y - harvest * x
        fy = d * x * y - c * y
        xm, ym = x + 0.5 * dt * fx, y + 0.5 * dt * fy
        x = x + dt * (a * xm - b * xm * ym - harvest * xm)
        y = y + dt * (d * xm * ym - c * ym)
        catch += harvest * x * dt
    return catch + 0.01 * (x - y) ** 2


def logistic_growth_fit(params, t, obs):
    r, K, n0 = np.exp(params)
    model = K / (1.0 + (K / n0 - 1.0) * np.exp(-r * t))
    return np.mean((np.log(model) - np.log(obs)) ** 2)


def one_compartment_doses(log_k, dose_times, t_obs, dose=100.0, V=10.0):
    ke, ka = np.exp(log_k)
    conc = np.zeros_like(t_obs)
    for td in dose_times:
        tau = t_obs - td
        after = tau > 0
        tau = np.where(after, tau, 0.0)
        c = dose * ka / (V * (ka - ke)) * (np.exp(-ke * tau) - np.exp(-ka * tau))
        conc += np.where(after, c, 0.0)
    return conc


def two_compartment_euler(params, t_end=12.0, dt=0.05, dose=50.0):
    k10, k12, k21 = params
    central, periph = dose, 0.0
    auc = 0.0
    t = 0.0
    while t < t_end - 1e-12:
        dc = -(k10 + k12) * central + k21 * periph
        dp = k12 * central - k21 * periph
        auc += central * dt
        central += dt * dc
        periph += dt * dp
        t += dt
    return auc


def hill_dose_response(params, dose, response):
    emax, log_ec50, h = params
    ec50 = np.exp(log_ec50)
    pred = emax * dose ** h / (ec50 ** h + dose ** h)
    return np.sum((pred - response) ** 2)


def emax_model_dict(p, conc, effect):
    pred = p["e0"] + p["emax"] * conc / (p["ec50"] + conc)
    res = effect - pred
    return res @ res / len(conc)


def michaelis_menten_time(vmax, km, s0=5.0, s_target=1.0, tol=1e-12):
    # time t to go from s0 to s_target: km*log(s0/s) + (s0 - s) = vmax * t (closed form),
    # then the substrate left after a fixed time by Newton on the implicit equation
    t = (km * np.log(s0 / s_target) + (s0 - s_target)) / vmax
    s = s_target
    for _ in range(30):
        f = km * np.log(s0 / s) + (s0 - s) - vmax * (0.8 * t)
        fp = -km / s - 1.0
        step = f / fp
        s -= step
        if abs(step) < tol:
            break
    return s + 0.1 * t


def next_generation_r0(beta, durations, contact):
    K = beta * contact * durations[None, :]
    v = np.ones(K.shape[0])
    for _ in range(60):
        v = K @ v
        v /= np.sum(v)
    return (v @ K @ v) / (v @ v)


def renewal_incidence(log_R, serial, seed=1.0):
    R = np.exp(log_R)
    n = len(R)
    inc = np.zeros(n + 1)
    inc[0] = seed
    w = serial / serial.sum()
    for t in range(1, n + 1):
        past = inc[max(0, t - len(w)):t][::-1]
        inc[t] = R[t - 1] * np.dot(past, w[:len(past)])
    return np.log(inc[1:]).sum()


def negbin_case_counts(log_mu, log_k, counts):
    from scipy.special import gammaln
    mu = np.exp(log_mu)
    k = np.exp(log_k)
    ll = (gammaln(counts + k) - gammaln(k) - gammaln(counts + 1)
          + k * np.log(k / (k + mu)) + counts * np.log(mu / (k + mu)))
    return -ll.sum()


def seasonal_forcing_sir(amp, beta0=0.6, gamma=0.2, steps=100, dt=0.1):
    s, i = 0.95, 0.05
    incidence = []
    for k in range(steps):
        beta = beta0 * (1.0 + amp * np.cos(2 * np.pi * k * dt / 5.0))
        new = beta * s * i * dt
        s -= new
        i += new - gamma * i * dt
        incidence.append(new)
    inc = np.stack(incidence)
    return np.sum(inc[::10])


def competing_species(alpha, r=np.array([1.0, 0.8]), steps=40, dt=0.1):  # noqa: B008
    x = np.array([0.2, 0.3])
    for _ in range(steps):
        x = x + dt * r * x * (1.0 - alpha @ x)
        np.clip(x, 1e-9, None, out=x)
    return x[0] - x[1]


def sir_class_model(beta, gamma):
    model = HouseholdSIR(beta, gamma)
    return model.simulate(25)


@dataclasses.dataclass
class HouseholdSIR:
    beta: float
    gamma: float
    households: int = 3
    dt: float = 0.5

    @property
    def infectious_period(self):
        return 1.0 / self.gamma

    def force(self, i):
        return self.beta * i * (1.0 + 0.1 * self.households)

    def simulate(self, steps):
        s, i = 0.99, 0.01
        for _ in range(steps):
            new = self.force(i) * s * self.dt
            s, i = s - new, i + new - self.gamma * i * self.dt
        return s + 0.01 * self.beta * self.infectious_period
