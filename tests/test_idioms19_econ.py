"""``idioms19_econ_zoo`` (a Solow path, CES and Cobb-Douglas, BLP's contraction, Cournot by best
responses, an Euler-equation consumption path, a Leontief solve, an ADSR envelope, FM
synthesis, a comb filter, Karplus-Strong with a list delay line, a cloth grid, bouncing
particles, a rope by Verlet with constraint sweeps, differential-drive odometry, quaternion
integration, an SE(2) pose graph) in every first-order mode against central differences within
their error estimate (``idioms15_check``), and hvp for the scalar ones differentiated in one
argument."""

from __future__ import annotations

import idioms19_econ_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _s = seeded(1908)

T = np.linspace(0.0, 0.1, 12)
ROPE = np.stack([np.arange(5) * 0.5, np.zeros(5)], axis=1) + _n(5, 2, scale=0.02)
GRID = np.stack(np.meshgrid(np.arange(3.0), np.arange(3.0)), axis=-1) + _n(3, 3, 2, scale=0.1)
POSES = np.array([[0.0, 0.0, 0.0], [1.0, 0.1, 0.2], [1.9, 0.5, 0.5]]) + _n(3, 3, scale=0.05)

CASES = [
    Case("solow_path", z.solow_path, (np.array([0.25, 0.33, 0.05]),)),
    Case("ces_production", z.ces_production, (_s(3), _u(1.0, 3.0, 3)), (0, 1)),
    Case("cobb_douglas_utility", z.cobb_douglas_utility, (_u(0.5, 2.0, 3), _u(1.0, 4.0, 3)),
         (0, 1)),
    Case("blp_inversion", z.blp_inversion,
         (np.array([0.2, 0.15, 0.3]), _n(3, 2), np.array([0.5, -0.3])), (0, 2)),
    Case("blp_inversion_shares", z.blp_inversion,
         (np.array([0.2, 0.15, 0.3]), _n(3, 2), np.array([0.5, -0.3])), 0),
    Case("cournot_best_response", z.cournot_best_response, (np.array([1.0, 1.5, 2.0]),)),
    Case("euler_consumption", z.euler_consumption, (0.05,)),
    Case("leontief_output", z.leontief_output, (_u(0.0, 0.2, 3, 3), _u(1.0, 2.0, 3)), (0, 1)),
    Case("adsr_envelope", z.adsr_envelope, (np.array([0.7, 1.5, 0.4]),)),
    Case("fm_synthesis", z.fm_synthesis,
         (np.array([20.0, 7.0, 1.5]), T, np.sin(2 * np.pi * 21 * T)), (0, 2)),
    Case("comb_filter", z.comb_filter, (_n(9), 0.6), (0, 1)),
    Case("cloth_grid", z.cloth_grid, (GRID,)),
    Case("bouncing_particles", z.bouncing_particles,
         (np.array([3.0, -2.5, 0.7]), np.array([0.2, -0.1, 0.9])), (0, 1)),
    Case("rope_verlet", z.rope_verlet, (ROPE, ROPE.copy()), (0, 1)),
    Case("diff_drive_odometry", z.diff_drive_odometry, (_u(0.5, 1.5, 8, 2),)),
    Case("quaternion_integrate", z.quaternion_integrate, (_n(5, 3),)),
    Case("se2_pose_graph", z.se2_pose_graph,
         (POSES, [(0, 1), (1, 2), (0, 2)],
          [(1.0, 0.0, 0.2), (0.9, 0.2, 0.3), (1.9, 0.6, 0.5)])),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
