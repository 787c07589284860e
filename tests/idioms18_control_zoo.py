"""Control and robotics code as it is written in course notebooks (re-imagined, none copied):
LQR cost rollouts with a gain matrix, a finite-horizon Riccati recursion, MPC-style shooting
costs, PID loops with an integrator state, a cart-pole and a bicycle model stepped with Euler and
RK4, planar and 3-link kinematics with Denavit-Hartenberg matrices, a Jacobian-transpose IK step,
control barrier penalties and trajectory costs from dicts of weights.
``tests/test_idioms18_control.py`` differentiates each in every mode."""

import numpy as np

A_DI = np.array([[1.0, 0.1], [0.0, 1.0]])
B_DI = np.array([[0.005], [0.1]])
WEIGHTS = {"q": np.array([1.0, 0.1]), "r": 0.01, "terminal": 10.0}


def lqr_rollout_cost(K, x0, Q=np.eye(2), R=0.1 * np.eye(1), T=15):  # noqa: B008
    x = x0
    cost = 0.0
    for _ in range(T):
        u = -K @ x
        cost += x @ Q @ x + u @ R @ u
        x = A_DI @ x + B_DI @ u
    return cost


def riccati_recursion(q, r, T=10):
    Q = np.diag(q)
    R = np.array([[r]])
    P = Q.copy()
    for _ in range(T):
        BtP = B_DI.T @ P
        K = np.linalg.solve(R + BtP @ B_DI, BtP @ A_DI)
        P = Q + A_DI.T @ P @ (A_DI - B_DI @ K)
    return np.trace(P)


def shooting_cost(us, x0, weights=WEIGHTS):
    x = x0.copy()
    J = 0.0
    for u in us:
        J += np.sum(weights["q"] * x ** 2) + weights["r"] * u ** 2
        x = A_DI @ x + B_DI[:, 0] * u
    J += weights["terminal"] * x @ x
    return J


def pid_loop(gains, setpoint=1.0, dt=0.05, steps=40):
    kp, ki, kd = gains
    y, ydot = 0.0, 0.0
    integ, prev_err = 0.0, setpoint
    cost = 0.0
    for _ in range(steps):
        err = setpoint - y
        integ += err * dt
        deriv = (err - prev_err) / dt
        u = kp * err + ki * integ + kd * deriv
        prev_err = err
        yddot = u - 0.5 * ydot - y
        ydot += dt * yddot
        y += dt * ydot
        cost += err ** 2 * dt
    return cost


def cartpole_euler(x0, force, dt=0.02, m_c=1.0, m_p=0.1, ell=0.5, g=9.81):
    x, x_dot, th, th_dot = x0
    for f in force:
        s, c = np.sin(th), np.cos(th)
        temp = (f + m_p * ell * th_dot ** 2 * s) / (m_c + m_p)
        th_acc = (g * s - c * temp) / (ell * (4.0 / 3.0 - m_p * c ** 2 / (m_c + m_p)))
        x_acc = temp - m_p * ell * th_acc * c / (m_c + m_p)
        x = x + dt * x_dot
        x_dot = x_dot + dt * x_acc
        th = th + dt * th_dot
        th_dot = th_dot + dt * th_acc
    return th ** 2 + 0.1 * x ** 2 + 0.01 * th_dot ** 2


def bicycle_rk4(state, controls, L=2.5, dt=0.1):
    def f(s, u):
        x, y, yaw, v = s
        a, delta = u
        return np.array([v * np.cos(yaw), v * np.sin(yaw), v / L * np.tan(delta), a])

    s = np.asarray(state, dtype=float)
    path = [s]
    for u in controls:
        k1 = f(s, u)
        k2 = f(s + dt / 2 * k1, u)
        k3 = f(s + dt / 2 * k2, u)
        k4 = f(s + dt * k3, u)
        s = s + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        path.append(s)
    path = np.stack(path)
    return np.sum((path[:, :2] - np.array([5.0, 1.0])) ** 2)


def dh_matrix(a, alpha, d, theta):
    ct, st = np.cos(theta), np.sin(theta)
    ca, sa = np.cos(alpha), np.sin(alpha)
    return np.array([[ct, -st * ca, st * sa, a * ct],
                     [st, ct * ca, -ct * sa, a * st],
                     [0.0, sa, ca, d],
                     [0.0, 0.0, 0.0, 1.0]])


DH_TABLE = [(0.0, np.pi / 2, 0.3), (0.4, 0.0, 0.0), (0.3, 0.0, 0.0)]


def dh_forward_kinematics(q, target=np.array([0.3, 0.2, 0.5])):  # noqa: B008
    T = np.eye(4)
    for (a, alpha, d), theta in zip(DH_TABLE, q, strict=True):
        T = T @ dh_matrix(a, alpha, d, theta)
    p = T[:3, 3]
    return np.sum((p - target) ** 2)


def planar_arm_positions(q, lengths=(1.0, 0.8, 0.5)):
    angles = np.cumsum(q)
    xs = np.cumsum(np.array(lengths) * np.cos(angles))
    ys = np.cumsum(np.array(lengths) * np.sin(angles))
    return np.stack([xs, ys], axis=1)


def planar_arm_obstacle(q, obstacle=np.array([0.8, 0.9]), radius=0.3):  # noqa: B008
    pts = planar_arm_positions(q)
    d = np.linalg.norm(pts - obstacle, axis=1)
    penalty = np.sum(np.maximum(0.0, radius + 0.2 - d) ** 2)
    return np.sum((pts[-1] - np.array([1.2, 1.0])) ** 2) + 10 * penalty


def ik_jacobian_transpose(q0, target=np.array([1.0, 1.2]), alpha=0.1, iters=5):  # noqa: B008
    q = q0.copy()
    lengths = np.array([1.0, 0.8, 0.5])
    for _ in range(iters):
        angles = np.cumsum(q)
        p = np.array([np.sum(lengths * np.cos(angles)), np.sum(lengths * np.sin(angles))])
        J = np.zeros((2, 3))
        for j in range(3):
            J[0, j] = -np.sum(lengths[j:] * np.sin(angles[j:]))
            J[1, j] = np.sum(lengths[j:] * np.cos(angles[j:]))
        q = q + alpha * J.T @ (target - p)
    return np.sum(q ** 2)


def unicycle_tracking(v, omega, ref, dt=0.1):
    x = y = th = 0.0
    err = 0.0
    for k in range(len(v)):
        x += dt * v[k] * np.cos(th)
        y += dt * v[k] * np.sin(th)
        th += dt * omega[k]
        err += (x - ref[k, 0]) ** 2 + (y - ref[k, 1]) ** 2
    return err


def barrier_penalty(traj, center=np.array([0.5, 0.5]), r=0.25, gamma=5.0):  # noqa: B008
    h = np.sum((traj - center) ** 2, axis=1) - r ** 2
    return np.sum(np.logaddexp(0.0, -gamma * h)) / gamma


def discrete_lyapunov_sum(A, Q, horizon=20):
    P = np.zeros_like(Q)
    Ak = np.eye(A.shape[0])
    for _ in range(horizon):
        P += Ak.T @ Q @ Ak
        Ak = A @ Ak
    return np.trace(P)


def mpc_tracking_vectorised(U, x0, ref):
    T = len(U)
    xs = np.empty((T + 1, 2))
    xs[0] = x0
    for t in range(T):
        xs[t + 1] = A_DI @ xs[t] + B_DI[:, 0] * U[t]
    tracking = np.sum((xs[1:, 0] - ref) ** 2)
    effort = 0.01 * np.sum(np.diff(U, prepend=0.0) ** 2)
    return tracking + effort


class LinearSystem:
    def __init__(self, A, B):
        self.A = A
        self.B = B

    def step(self, x, u):
        return self.A @ x + self.B @ u

    def rollout(self, x0, us):
        xs = [x0]
        for u in us:
            xs.append(self.step(xs[-1], u))
        return np.array(xs)


SYS = LinearSystem(A_DI, B_DI)


def linear_system_rollout(us, x0):
    xs = SYS.rollout(x0, us)
    return np.sum(xs ** 2)


def quadrotor_2d(thrusts, dt=0.05, m=1.0, inertia=0.1, arm=0.2, g=9.81):
    state = np.zeros(6)  # x, y, theta, vx, vy, omega
    for t1, t2 in thrusts:
        x, y, th, vx, vy, om = state
        ax = -(t1 + t2) * np.sin(th) / m
        ay = (t1 + t2) * np.cos(th) / m - g
        alpha = arm * (t1 - t2) / inertia
        state = state + dt * np.array([vx, vy, om, ax, ay, alpha])
    return (state[1] - 1.0) ** 2 + state[0] ** 2 + state[2] ** 2


def trajectory_jerk(waypoints, dt=0.1):
    v = np.diff(waypoints, axis=0) / dt
    a = np.diff(v, axis=0) / dt
    j = np.diff(a, axis=0) / dt
    return dt * np.sum(j ** 2) + np.sum(a ** 2) * 1e-3


def pendulum_energy_shaping(k, theta0=0.3, dt=0.01, steps=100):
    th, om = theta0, 0.0
    E_des = 2.0
    for _ in range(steps):
        E = 0.5 * om ** 2 + (1 - np.cos(th))
        u = k * (E_des - E) * om
        om += dt * (-np.sin(th) + u)
        th += dt * om
    return (0.5 * om ** 2 + (1 - np.cos(th)) - E_des) ** 2


def kalman_gain_steady(q, r, iters=30):
    A = A_DI
    C = np.array([[1.0, 0.0]])
    P = np.eye(2)
    for _ in range(iters):
        P = A @ P @ A.T + q * np.eye(2)
        S = C @ P @ C.T + r
        K = P @ C.T / S
        P = (np.eye(2) - K @ C) @ P
    return np.sum(K ** 2)
