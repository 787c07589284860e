"""Reinforcement learning, chemistry and graph code as outside code writes them (re-imagined,
none copied): softmax policies, discounted returns computed backwards in a loop, advantage
normalisation, GAE, PPO's clipped objective; Lennard-Jones and Morse energies with pairwise masks
and ``np.triu_indices``, harmonic bonds, Coulomb sums; Laplacian quadratic forms, message passing
by adjacency matmul, PageRank iterations, edge-list scatter.
``tests/test_idioms16_rl.py`` differentiates each in every mode."""

import numpy as np

# --- reinforcement learning ---------------------------------------------------------------------


def softmax_policy_loss(theta, feats, actions, returns):
    logits = feats @ theta
    logits = logits - logits.max(axis=1, keepdims=True)
    logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    chosen = logp[np.arange(len(actions)), actions]
    return -np.mean(chosen * returns)


def discounted_returns(rewards, gamma=0.9):
    G = np.zeros_like(rewards)
    running = 0.0
    for t in reversed(range(len(rewards))):
        running = rewards[t] + gamma * running
        G[t] = running
    return np.sum(G ** 2)


def returns_list_backwards(rewards, gamma):
    out = []
    g = 0.0
    for r in rewards[::-1]:
        g = r + gamma * g
        out.append(g)
    out.reverse()
    return np.sum(np.array(out) * np.arange(1, len(out) + 1))


def advantage_normalised(values, rewards, gamma=0.95):
    G = np.zeros(len(rewards))
    acc = 0.0
    for t in range(len(rewards) - 1, -1, -1):
        acc = rewards[t] + gamma * acc
        G[t] = acc
    adv = G - values
    adv = (adv - adv.mean()) / (adv.std() + 1e-8)
    return np.sum(adv * values)


def gae(values, rewards, gamma=0.99, lam=0.95):
    adv = np.zeros(len(rewards))
    last = 0.0
    for t in reversed(range(len(rewards))):
        nxt = values[t + 1] if t + 1 < len(values) else 0.0
        delta = rewards[t] + gamma * nxt - values[t]
        last = delta + gamma * lam * last
        adv[t] = last
    return np.sum(adv ** 2)


def ppo_clip(logp_new, logp_old, adv, eps=0.2):
    ratio = np.exp(logp_new - logp_old)
    return -np.mean(np.minimum(ratio * adv, np.clip(ratio, 1 - eps, 1 + eps) * adv))


def q_learning_td(Q, s, a, r, s_next, gamma=0.9):
    target = r + gamma * np.max(Q[s_next], axis=1)
    td = target - Q[s, a]
    return 0.5 * np.sum(td ** 2)


def entropy_bonus(logits):
    p = np.exp(logits - logits.max(-1, keepdims=True))
    p = p / p.sum(-1, keepdims=True)
    return -np.sum(p * np.log(p + 1e-12))


def gaussian_policy_logp(mean, log_std, actions):
    std = np.exp(log_std)
    return np.sum(-0.5 * ((actions - mean) / std) ** 2 - log_std - 0.5 * np.log(2 * np.pi))


def value_iteration(R, P, gamma=0.8):
    V = np.zeros(R.shape[0])
    for _ in range(15):
        V = np.max(R + gamma * P @ V, axis=1)
    return np.sum(V)


def soft_value_iteration(R, P, gamma=0.8, temp=0.5):
    V = np.zeros(R.shape[0])
    for _ in range(10):
        Qv = R + gamma * P @ V
        m = Qv.max(axis=1)
        V = m + temp * np.log(np.exp((Qv - m[:, None]) / temp).sum(axis=1))
    return V @ V


# --- chemistry ----------------------------------------------------------------------------------


def lennard_jones(pos, eps=1.0, sigma=1.0):
    diff = pos[:, None, :] - pos[None, :, :]
    r2 = np.sum(diff ** 2, axis=-1)
    mask = ~np.eye(len(pos), dtype=bool)
    inv6 = (sigma ** 2 / r2[mask]) ** 3
    return 0.5 * np.sum(4 * eps * (inv6 ** 2 - inv6))


def lennard_jones_triu(pos, eps=1.0, sigma=1.0):
    i, j = np.triu_indices(len(pos), k=1)
    r = np.linalg.norm(pos[i] - pos[j], axis=1)
    sr6 = (sigma / r) ** 6
    return np.sum(4 * eps * (sr6 * sr6 - sr6))


def lj_cutoff(pos, rc=1.6):
    n = len(pos)
    energy = 0.0
    for a in range(n):
        for b in range(a + 1, n):
            r = np.sqrt(np.sum((pos[a] - pos[b]) ** 2))
            if r < rc:
                energy += 4 * (r ** -12 - r ** -6)
    return energy


def morse_energy(pos, D=1.0, a=1.5, r0=1.1):
    i, j = np.triu_indices(len(pos), 1)
    r = np.sqrt(((pos[i] - pos[j]) ** 2).sum(-1))
    return np.sum(D * (1 - np.exp(-a * (r - r0))) ** 2)


def harmonic_bonds(pos, bonds, k=100.0, r0=1.0):
    d = pos[bonds[:, 0]] - pos[bonds[:, 1]]
    r = np.linalg.norm(d, axis=1)
    return 0.5 * k * np.sum((r - r0) ** 2)


def bond_angles(pos):
    v1 = pos[0] - pos[1]
    v2 = pos[2] - pos[1]
    cos = v1 @ v2 / (np.linalg.norm(v1) * np.linalg.norm(v2))
    return (np.arccos(cos) - 1.9) ** 2


def coulomb_masked(pos, q):
    diff = pos[:, None] - pos[None]
    r = np.sqrt(np.sum(diff * diff, -1) + np.eye(len(q)))
    qq = np.outer(q, q)
    np.fill_diagonal(qq, 0.0)
    return 0.5 * np.sum(qq / r)


def lj_forces_norm(pos):
    diff = pos[:, None, :] - pos[None, :, :]
    r2 = (diff ** 2).sum(-1) + np.eye(len(pos))
    inv6 = 1.0 / r2 ** 3
    coef = 24 * (2 * inv6 ** 2 - inv6) / r2
    np.fill_diagonal(coef, 0.0)
    forces = np.sum(coef[:, :, None] * diff, axis=1)
    return np.sum(forces ** 2)


def radius_of_gyration(pos, masses):
    com = masses @ pos / masses.sum()
    return np.sqrt(np.sum(masses * np.sum((pos - com) ** 2, axis=1)) / masses.sum())


# --- graphs -------------------------------------------------------------------------------------


def laplacian_quadratic(x, A):
    L = np.diag(A.sum(axis=1)) - A
    return x @ L @ x


def normalised_laplacian_smooth(X, A):
    d = A.sum(1)
    Dm = np.diag(1 / np.sqrt(d))
    L = np.eye(len(A)) - Dm @ A @ Dm
    return np.trace(X.T @ L @ X)


def gcn_two_layers(X, A, W1, W2):
    A_hat = A + np.eye(len(A))
    d = A_hat.sum(axis=1)
    A_norm = A_hat / np.sqrt(np.outer(d, d))
    H = np.maximum(A_norm @ X @ W1, 0)
    return np.sum(np.tanh(A_norm @ H @ W2))


def message_passing_loop(H, A, W, steps=3):
    for _ in range(steps):
        msg = A @ H
        H = np.tanh(msg @ W + H)
    return np.sum(H ** 2)


def edge_list_scatter(h, edges, w):
    agg = np.zeros_like(h)
    np.add.at(agg, edges[:, 1], h[edges[:, 0]] * w[:, None])
    return np.sum(np.tanh(agg))


def pagerank_power(A, damping=0.85):
    n = len(A)
    M = A / A.sum(axis=0, keepdims=True)
    r = np.full(n, 1.0 / n)
    for _ in range(20):
        r = (1 - damping) / n + damping * M @ r
    return r @ np.arange(1, n + 1)


def edge_total_variation(x, edges):
    src, dst = edges.T
    return np.sum(np.sqrt((x[src] - x[dst]) ** 2 + 1e-3))


def graph_attention(H, A, W, a):
    Z = H @ W
    e = (Z @ a[:2])[:, None] + (Z @ a[2:])[None, :]
    e = np.where(e > 0, e, 0.2 * e)
    e = np.where(A > 0, e, -1e9)
    att = np.exp(e - e.max(axis=1, keepdims=True))
    att = att / att.sum(axis=1, keepdims=True)
    return np.sum(att @ Z)


def spectral_embedding_loss(Y, A):
    L = np.diag(A.sum(1)) - A
    i, j = np.nonzero(A)
    return np.trace(Y.T @ L @ Y) + np.sum((Y[i] - Y[j]) ** 2)
