"""``idioms15_physics_zoo`` (particle energies through pairwise distances, spring chains, ODE
steps in loops, line searches and momentum updates, geometry) in every first-order mode against
central differences within their error estimate (``idioms15_check``), and a few Hessian-vector
products."""

from __future__ import annotations

import idioms15_physics_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check

R = np.random.default_rng(1516)
_n = lambda *shape, scale=1.0: R.normal(0.0, scale, shape)  # noqa: E731  (seeded points)
_u = lambda *shape: R.uniform(0.3, 1.5, shape)  # noqa: E731  (positive ones)

GRID4 = np.array([[0.0, 0.0, 0.0], [1.1, 0.1, 0.0], [0.1, 1.2, 0.2], [0.9, 1.0, 1.1]])
POS = GRID4 + _n(4, 3, scale=0.05)
CHAIN = np.cumsum(np.ones((5, 2)) * 0.8 + _n(5, 2, scale=0.2), axis=0)
A3 = np.array([[2.0, 0.3, 0.0], [0.3, 1.5, 0.2], [0.0, 0.2, 1.0]])
X53 = _n(5, 3)
FACES = np.array([[0, 1, 2], [0, 2, 3], [1, 2, 3]])

CASES = [
    Case("coulomb_energy", z.coulomb_energy, (POS, np.array([1.0, -1.0, 0.5, 2.0])), (0, 1)),
    Case("lj_energy_mask", z.lj_energy_mask, (POS * 1.2,)),
    Case("gravity_potential", z.gravity_potential, (POS, _u(4)), (0, 1)),
    Case("morse_pairs", z.morse_pairs, (POS,)),
    Case("spring_chain_energy", z.spring_chain_energy, (CHAIN,)),
    Case("bending_energy", z.bending_energy, (CHAIN,)),
    Case("harmonic_lattice", z.harmonic_lattice, (_n(3, 4),)),
    Case("velocity_verlet", z.velocity_verlet, (_n(3), _n(3)), (0, 1)),
    Case("euler_spring_chain", z.euler_spring_chain, (_n(5),)),
    Case("rk4_pendulum_list", z.rk4_pendulum_list, (0.4, 0.1), (0, 1)),
    Case("sir_model", z.sir_model, (np.array([0.8, 0.3]),)),
    Case("projectile_while", z.projectile_while, (4.0, 0.7), (0, 1)),
    Case("damped_oscillator_energy", z.damped_oscillator_energy, ({"k": 1.3, "c": 0.2},)),
    Case("heat_rod_implicit_loop", z.heat_rod_implicit_loop, (_n(5), 0.3), (0, 1)),
    Case("backtracking_descent", z.backtracking_descent, (_n(3), A3)),
    Case("momentum_sgd", z.momentum_sgd, (_n(3), X53, _n(5)), (0, 1, 2)),
    Case("nesterov_steps", z.nesterov_steps, (_n(4, scale=0.5),)),
    Case("adam_loop", z.adam_loop, (_n(3), _n(3)), (0, 1)),
    Case("golden_section_value", z.golden_section_value, (0.4,)),
    Case("newton_min_1d", z.newton_min_1d, (1.7,)),
    Case("proximal_gradient", z.proximal_gradient, (_n(3), X53 * 0.3, _n(5)), (0, 2)),
    Case("gradient_clip_loop", z.gradient_clip_loop, (_n(4),)),
    Case("triangle_normals_area", z.triangle_normals_area, (POS, FACES)),
    Case("dihedral_angle", z.dihedral_angle, (POS,)),
    Case("angle_between", z.angle_between, (_n(3), _n(3)), (0, 1)),
    Case("rotation_2d_fit", z.rotation_2d_fit, (0.3, _n(4, 2), _n(4, 2)), (0, 1, 2)),
    Case("rodrigues", z.rodrigues, (np.array([0.3, -0.2, 0.5]), _n(3)), (0, 1)),
    Case("euler_angles_rotate", z.euler_angles_rotate, (np.array([0.3, 0.5, -0.2]), _n(4, 3)),
         (0, 1)),
    Case("quaternion_to_matrix_loss", z.quaternion_to_matrix_loss, (_n(4), _n(3)), (0, 1)),
    Case("tetra_volume", z.tetra_volume, (POS,)),
    Case("point_line_distance", z.point_line_distance, (_n(3), _n(3), _n(3)), (0, 1, 2)),
    Case("polygon_perimeter_area", z.polygon_perimeter_area,
         (np.array([[0.0, 0.0], [1.0, 0.1], [1.2, 1.0], [0.1, 0.9]]),)),
    Case("procrustes_residual", z.procrustes_residual, (_n(5, 2), _n(5, 2)), (0, 1)),
    Case("cross_product_chain", z.cross_product_chain, (_n(3), _n(3), _n(3)), (0, 1, 2)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
