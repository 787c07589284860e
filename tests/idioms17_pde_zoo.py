"""ODE and PDE stencils as outside code writes them (re-imagined, none copied): the heat equation
with ``np.roll`` (periodic) and with slicing and fixed ends, a 2-D Laplacian by slicing, the wave
equation by leapfrog, Verlet and velocity-Verlet orbits, upwind and Lax-Wendroff advection,
Burgers, Runge-Kutta 4 and Heun steps, a Crank-Nicolson step by ``np.linalg.solve``, Gray-Scott
reaction-diffusion, a spring-mass chain and a shooting method.
``tests/test_idioms17_pde.py`` differentiates each in every mode."""

import numpy as np


def heat_roll(u0, alpha=0.2, steps=4):
    u = u0.copy()
    for _ in range(steps):
        u = u + alpha * (np.roll(u, 1) - 2 * u + np.roll(u, -1))
    return np.sum(u ** 2)


def heat_dirichlet_slices(u0, kappa, steps=3):
    u = u0.copy()
    for _ in range(steps):
        u[1:-1] = u[1:-1] + kappa * (u[2:] - 2 * u[1:-1] + u[:-2])
    return u[len(u) // 2] + np.sum(u ** 2)


def heat_new_array_each_step(u0, r=0.25, steps=3):
    u = u0
    for _ in range(steps):
        un = u.copy()
        un[1:-1] = u[1:-1] + r * (u[:-2] - 2 * u[1:-1] + u[2:])
        un[0], un[-1] = 0.0, 0.0
        u = un
    return np.sum(np.abs(u) ** 1.5)


def laplacian_2d_slices(u, dx=0.5):
    lap = np.zeros_like(u)
    lap[1:-1, 1:-1] = (u[2:, 1:-1] + u[:-2, 1:-1] + u[1:-1, 2:] + u[1:-1, :-2]
                       - 4 * u[1:-1, 1:-1]) / dx ** 2
    return np.sum(lap * u)


def laplacian_2d_roll(u):
    lap = (np.roll(u, 1, axis=0) + np.roll(u, -1, axis=0) + np.roll(u, 1, axis=1)
           + np.roll(u, -1, axis=1) - 4 * u)
    return 0.5 * np.sum(lap ** 2)


def heat_2d_explicit(u0, D=0.1, steps=2):
    u = u0
    for _ in range(steps):
        u = u + D * (np.roll(u, 1, 0) + np.roll(u, -1, 0) + np.roll(u, 1, 1) + np.roll(u, -1, 1) - 4 * u)
    return np.sum(u[1:3, 1:3] ** 2)


def wave_leapfrog(u0, v0, c=0.5, dt=0.1, steps=4):
    u_prev = u0
    u = u0 + dt * v0
    for _ in range(steps):
        lap = np.roll(u, 1) - 2 * u + np.roll(u, -1)
        u_next = 2 * u - u_prev + (c * dt) ** 2 * lap / 0.01
        u_prev, u = u, u_next
    return np.sum(u ** 2) + np.sum((u - u_prev) ** 2)


def verlet_orbit(q0, p0, dt=0.05, steps=5):
    q, p = q0, p0
    for _ in range(steps):
        r = np.linalg.norm(q)
        p = p - 0.5 * dt * q / r ** 3
        q = q + dt * p
        r = np.linalg.norm(q)
        p = p - 0.5 * dt * q / r ** 3
    return 0.5 * p @ p - 1.0 / np.linalg.norm(q)


def velocity_verlet_springs(x0, k, m=1.0, dt=0.1, steps=4):
    x, v = x0.copy(), np.zeros_like(x0)
    a = -k * x / m
    for _ in range(steps):
        x = x + v * dt + 0.5 * a * dt ** 2
        a_new = -k * x / m
        v = v + 0.5 * (a + a_new) * dt
        a = a_new
    return np.sum(x * v)


def upwind_advection(u0, c=0.4, steps=3):
    u = u0
    for _ in range(steps):
        u = u - c * (u - np.roll(u, 1))
    return np.sum(u * np.arange(len(u)))


def lax_wendroff(u0, nu=0.3, steps=3):
    u = u0
    for _ in range(steps):
        up, um = np.roll(u, -1), np.roll(u, 1)
        u = u - 0.5 * nu * (up - um) + 0.5 * nu ** 2 * (up - 2 * u + um)
    return np.sum(np.sin(u))


def burgers_conservative(u0, dt=0.05, dx=0.5, steps=3):
    u = u0
    for _ in range(steps):
        f = 0.5 * u ** 2
        u = u - dt / dx * (f - np.roll(f, 1))
    return np.sum(u ** 2)


def rk4(f, y, t, h):
    k1 = f(t, y)
    k2 = f(t + h / 2, y + h / 2 * k1)
    k3 = f(t + h / 2, y + h / 2 * k2)
    k4 = f(t + h, y + h * k3)
    return y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)


def rk4_lotka_volterra(y0, theta, h=0.1, steps=4):
    a, b, c, d = theta

    def rhs(t, y):
        return np.array([a * y[0] - b * y[0] * y[1], -c * y[1] + d * y[0] * y[1]])

    y = y0
    for n in range(steps):
        y = rk4(rhs, y, n * h, h)
    return y[0] + 2 * y[1]


def heun_decay(y0, k, h=0.2, steps=4):
    y = y0
    traj = [y]
    for _ in range(steps):
        pred = y + h * (-k * y)
        y = y + 0.5 * h * (-k * y - k * pred)
        traj.append(y)
    return np.sum(np.array(traj) ** 2)


def crank_nicolson(u0, r=0.5, steps=2):
    n = len(u0)
    L = -2 * np.eye(n) + np.eye(n, k=1) + np.eye(n, k=-1)
    A = np.eye(n) - 0.5 * r * L
    B = np.eye(n) + 0.5 * r * L
    u = u0
    for _ in range(steps):
        u = np.linalg.solve(A, B @ u)
    return np.sum(u ** 2)


def crank_nicolson_r(r, u0):
    return crank_nicolson(u0, r)


def gray_scott(U0, V0, F=0.04, k=0.06, steps=2):
    U, V = U0, V0
    for _ in range(steps):
        LU = np.roll(U, 1) + np.roll(U, -1) - 2 * U
        LV = np.roll(V, 1) + np.roll(V, -1) - 2 * V
        uvv = U * V * V
        U = U + 0.2 * LU - uvv + F * (1 - U)
        V = V + 0.1 * LV + uvv - (F + k) * V
    return np.sum(V) + np.sum(U ** 2)


def spring_chain_energy(x, k=1.0, rest=1.0):
    d = np.diff(x)
    return 0.5 * k * np.sum((d - rest) ** 2) + 0.1 * np.sum(x ** 4)


def shooting_projectile(v0, angle, g=9.81, dt=0.05, steps=6):
    pos = np.zeros(2)
    vel = v0 * np.array([np.cos(angle), np.sin(angle)])
    for _ in range(steps):
        vel = vel + dt * np.array([0.0, -g]) - dt * 0.1 * vel * np.linalg.norm(vel)
        pos = pos + dt * vel
    return (pos[0] - 2.0) ** 2 + pos[1] ** 2


def implicit_euler_newton(y0, lam=2.0, h=0.1, steps=3, iters=3):
    y = y0
    for _ in range(steps):
        z = y
        for _ in range(iters):  # solve z - y - h * (-lam * z ** 3) = 0
            F = z - y + h * lam * z ** 3
            J = 1 + 3 * h * lam * z ** 2
            z = z - F / J
        y = z
    return np.sum(y ** 2)


def finite_difference_poisson(f, h=0.25):
    n = len(f)
    A = (np.diag(2 * np.ones(n)) - np.diag(np.ones(n - 1), 1) - np.diag(np.ones(n - 1), -1)) / h ** 2
    u = np.linalg.solve(A, f)
    return u @ f + np.max(np.abs(u))


def advection_diffusion_upwind_sign(u0, vel, nu=0.1, steps=2):
    u = u0
    for _ in range(steps):
        back = u - np.roll(u, 1)
        fwd = np.roll(u, -1) - u
        adv = np.where(vel > 0, vel * back, vel * fwd)
        u = u - 0.3 * adv + nu * (fwd - back)
    return np.sum(u ** 2)


def symplectic_pendulum(theta0, omega0, dt=0.1, steps=5):
    theta, omega = theta0, omega0
    for _ in range(steps):
        omega -= dt * np.sin(theta)
        theta += dt * omega
    return 0.5 * omega ** 2 - np.cos(theta)
