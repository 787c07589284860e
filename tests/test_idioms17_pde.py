"""``idioms17_pde_zoo`` (heat equations with np.roll and slicing, 2-D Laplacians, leapfrog,
Verlet, upwind/Lax-Wendroff/Burgers advection, RK4 with a closure, Heun, Crank-Nicolson by solve,
Gray-Scott, a shooting method, implicit Euler by Newton) in every first-order mode against
central differences within their error estimate (``idioms15_check``), and hvp for the scalar
ones differentiated in one argument."""

from __future__ import annotations

import idioms17_pde_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _ = seeded(1704)

U6 = _n(6)
U44 = _n(4, 4)

CASES = [
    Case("heat_roll", z.heat_roll, (U6, 0.2), (0, 1)),
    Case("heat_roll_u", z.heat_roll, (U6,)),
    Case("heat_dirichlet_slices", z.heat_dirichlet_slices, (U6, 0.3), (0, 1)),
    Case("heat_dirichlet_slices_u", z.heat_dirichlet_slices, (U6, 0.3)),
    Case("heat_new_array_each_step", z.heat_new_array_each_step, (U6 + 3.0, 0.25), (0, 1)),
    Case("laplacian_2d_slices", z.laplacian_2d_slices, (U44, 0.5), (0, 1)),
    Case("laplacian_2d_roll", z.laplacian_2d_roll, (U44,)),
    Case("heat_2d_explicit", z.heat_2d_explicit, (U44, 0.1), (0, 1)),
    Case("wave_leapfrog", z.wave_leapfrog, (U6, _n(6), 0.5), (0, 1, 2)),
    Case("wave_leapfrog_u", z.wave_leapfrog, (U6, _n(6))),
    Case("verlet_orbit", z.verlet_orbit, (np.array([1.0, 0.1]), np.array([0.05, 0.9])), (0, 1)),
    Case("verlet_orbit_q", z.verlet_orbit, (np.array([1.0, 0.1]), np.array([0.05, 0.9]))),
    Case("velocity_verlet_springs", z.velocity_verlet_springs, (_n(3), _u(0.5, 2.0, 3)), (0, 1)),
    Case("upwind_advection", z.upwind_advection, (U6, 0.4), (0, 1)),
    Case("lax_wendroff", z.lax_wendroff, (U6, 0.3), (0, 1)),
    Case("burgers_conservative", z.burgers_conservative, (U6,)),
    Case("rk4_lotka_volterra", z.rk4_lotka_volterra,
         (np.array([1.0, 0.5]), np.array([1.1, 0.4, 0.4, 0.1])), (0, 1)),
    Case("rk4_lotka_volterra_theta", z.rk4_lotka_volterra,
         (np.array([1.0, 0.5]), np.array([1.1, 0.4, 0.4, 0.1])), 1),
    Case("heun_decay", z.heun_decay, (_n(3), 0.7), (0, 1)),
    Case("heun_decay_k", z.heun_decay, (_n(3), 0.7), 1),
    Case("crank_nicolson", z.crank_nicolson, (U6,)),
    Case("crank_nicolson_r", z.crank_nicolson_r, (0.5, U6), (0, 1)),
    Case("gray_scott", z.gray_scott, (_u(0.5, 1.0, 6), _u(0.0, 0.5, 6)), (0, 1)),
    Case("spring_chain_energy", z.spring_chain_energy, (np.cumsum(_u(0.5, 1.5, 5)),)),
    Case("shooting_projectile", z.shooting_projectile, (5.0, 0.6), (0, 1)),
    Case("shooting_projectile_angle", z.shooting_projectile, (5.0, 0.6), 1),
    Case("implicit_euler_newton", z.implicit_euler_newton, (_n(3), 2.0), (0, 1)),
    Case("finite_difference_poisson", z.finite_difference_poisson, (_n(5), 0.25), (0, 1)),
    Case("advection_diffusion_upwind_sign", z.advection_diffusion_upwind_sign,
         (U6, _n(6)), (0, 1)),
    Case("symplectic_pendulum", z.symplectic_pendulum, (0.5, 0.2), (0, 1)),
    Case("symplectic_pendulum_theta", z.symplectic_pendulum, (0.5, 0.2)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
