"""NumPy written the way other projects write it (part ten): optimizers unrolled and simulation
steps: Adam and heavy-ball momentum run for a few steps on a quadratic (differentiated in the
initial point and the learning rate), a periodic box's pair energy by the minimum-image
convention ``d -= L * np.round(d / L)``, a Monte Carlo option price on fixed draws with
``np.maximum(S - K, 0)``, an explicit-Euler SIR epidemic with ``np.clip``, and a softmax policy's
expected return by ``np.einsum`` over a small MDP's value iteration."""

from __future__ import annotations

import numpy as np


def adam_unrolled(x0, lr, A, b, steps=5, beta1=0.9, beta2=0.999, eps=1e-8):
    x = x0.copy()
    m = np.zeros_like(x)
    v = np.zeros_like(x)
    for t in range(1, steps + 1):
        g = A @ x - b
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat = m / (1 - beta1 ** t)
        v_hat = v / (1 - beta2 ** t)
        x = x - lr * m_hat / (np.sqrt(v_hat) + eps)
    return 0.5 * x @ A @ x - b @ x


def momentum_unrolled(x0, lr, A, mu=0.8, steps=6):
    x, vel = x0, np.zeros_like(x0)
    for _ in range(steps):
        vel = mu * vel - lr * (A @ x)
        x = x + vel
    return np.sum(x ** 2)


def minimum_image_energy(pos, L=3.0):
    d = pos[:, None, :] - pos[None, :, :]
    d -= L * np.round(d / L)
    r2 = np.sum(d ** 2, axis=-1)
    iu = np.triu_indices(len(pos), 1)
    return np.sum(np.exp(-r2[iu]))


def mc_call_price(S0, sigma, Z, K=1.0, r=0.01, T=1.0):
    ST = S0 * np.exp((r - 0.5 * sigma ** 2) * T + sigma * np.sqrt(T) * Z)
    return np.exp(-r * T) * np.mean(np.maximum(ST - K, 0.0))


def sir_euler(beta, gamma, steps=20, dt=0.5):
    s, i, r = 0.99, 0.01, 0.0
    peak = 0.0
    for _ in range(steps):
        new_inf = beta * s * i * dt
        new_rec = gamma * i * dt
        s = np.clip(s - new_inf, 0.0, 1.0)
        i = i + new_inf - new_rec
        r = r + new_rec
        peak = np.maximum(peak, i)
    return peak + r


def softmax_policy_value(theta, P, R, gamma=0.9, iters=30):
    pi = np.exp(theta - theta.max(axis=1, keepdims=True))
    pi /= pi.sum(axis=1, keepdims=True)
    V = np.zeros(P.shape[0])
    for _ in range(iters):
        Q = R + gamma * np.einsum("sat,t->sa", P, V)
        V = np.einsum("sa,sa->s", pi, Q)
    return V[0]
