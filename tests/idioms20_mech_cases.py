"""``idioms20_mech_zoo`` (a serial chain by transforms appended then multiplied, SCARA, a 3-D arm
by Rodrigues, manipulability by a determinant, two-link inverse dynamics, a pendulum's energy
drift, a double pendulum by RK4 on tuples, quaternion integration normalised in place, a
mass-spring-damper by ``scipy.linalg.expm``, shallow water with ghost cells, Ising mean field, a
Heisenberg chain by ``np.roll``, a rod's bending energy, a Bezier length by de Casteljau in a
``while``, Catmull-Rom smoothness, Pacejka's formula, a quarter car with a list of states, Kepler
positions by a ``while``, a projectile's range by an early return) checked by
``test_idioms20.py`` (one mode each, turn by turn) against central differences within their
error estimate."""

from __future__ import annotations

import idioms20_mech_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _s = seeded(2006)

AXES = [np.array([0.0, 0.0, 1.0]), np.array([0.0, 1.0, 0.2]), np.array([1.0, 0.3, 0.0])]
COUPLING = _n(4, 4, scale=0.3)
COUPLING = 0.5 * (COUPLING + COUPLING.T)
np.fill_diagonal(COUPLING, 0.0)

CASES = [
    Case("serial_chain_fk", z.serial_chain_fk, (np.array([0.3, 0.5, -0.2]), np.array([1.0, 0.8, 0.5])),
         (0, 1)),
    Case("scara_reach", z.scara_reach, (np.array([0.3, 0.9, 0.1, 0.4]),)),
    Case("arm3d_tip", z.arm3d_tip, (np.array([0.3, -0.5, 0.8]), AXES), (0, 1)),
    Case("manipulability", z.manipulability, (np.array([0.3, 0.9, -0.6]),)),
    Case("two_link_torques", z.two_link_torques,
         (np.array([0.4, 0.7]), np.array([0.5, -0.3]), np.array([0.2, 0.1])), (0, 1, 2)),
    Case("pendulum_energy_drift", z.pendulum_energy_drift, (0.8,)),
    Case("double_pendulum_rk4", z.double_pendulum_rk4, (np.array([0.6, -0.3, 0.0, 0.2]),)),
    Case("quaternion_integrate", z.quaternion_integrate, (np.array([0.4, -0.2, 0.9]),)),
    Case("msd_expm", z.msd_expm, (np.array([4.0, 0.5]), np.array([1.0, 0.0])), (0, 1)),
    Case("shallow_water_lf", z.shallow_water_lf, (1.0 + 0.2 * np.exp(-np.linspace(-2, 2, 8) ** 2),)),
    Case("ising_mean_field", z.ising_mean_field, (COUPLING, np.array([0.2, -0.1, 0.3, 0.05])),
         (0, 1)),
    Case("heisenberg_chain", z.heisenberg_chain, (_u(0.3, 2.8, 5, 2),)),
    Case("rod_bending", z.rod_bending,
         (np.column_stack([np.linspace(0, 3, 6), 0.3 * np.sin(np.linspace(0, 3, 6)), _n(6, scale=0.1)]),)),
    Case("bezier_length", z.bezier_length, (np.array([[0.0, 0.0], [1.0, 2.0], [3.0, 2.5], [4.0, 0.0]]),)),
    Case("catmull_rom_smoothness", z.catmull_rom_smoothness, (_n(5, 2),)),
    Case("pacejka", z.pacejka, (np.array([-0.1, 0.02, 0.08, 0.2]), np.array([10.0, 1.9, 1.0, 0.97])),
         (0, 1)),
    Case("quarter_car", z.quarter_car,
         (np.array([16000.0, 1000.0]), 0.05 * np.sin(np.linspace(0.0, 3.0, 12)))),
    Case("kepler_position", z.kepler_position, (np.array([1.2, 0.3, 0.4]), 2.0), (0, 1)),
    Case("projectile_range", z.projectile_range, (20.0, 0.7), (0, 1)),
]
