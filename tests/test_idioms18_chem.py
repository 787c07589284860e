"""``idioms18_chem_zoo`` (Lennard-Jones, Buckingham and Morse pair loops, minimum images,
switched Coulomb, angles and torsions, screened sums, kinetics stepped in loops, equations of
state, mixing free energies, Boltzmann averages, a force-field class, Newton for an equilibrium)
in every first-order mode against central differences within their error estimate
(``idioms15_check``), and hvp for the scalar ones differentiated in one argument."""

from __future__ import annotations

import idioms18_chem_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _ = seeded(1802)

GRID = np.array([[0.0, 0.0, 0.0], [1.1, 0.1, 0.0], [0.2, 1.2, 0.1], [1.3, 1.1, 0.9]])
POS = GRID + _n(4, 3, scale=0.05)
CHAIN = np.array([[0.0, 0.0, 0.0], [1.0, 0.2, 0.0], [1.5, 1.1, 0.1], [2.4, 1.3, 0.8]])
Q4 = np.array([1.0, -1.0, 0.5, -0.5])

CASES = [
    Case("lj_pair_loop", z.lj_pair_loop, (POS,)),
    Case("lj_minimum_image", z.lj_minimum_image, (POS,)),
    Case("lj_dict_params", z.lj_dict_params, (POS,)),
    Case("buckingham", z.buckingham, (POS,)),
    Case("morse_bonds", z.morse_bonds, (CHAIN,)),
    Case("harmonic_angles", z.harmonic_angles, (CHAIN,)),
    Case("torsion_energy", z.torsion_energy, (CHAIN,)),
    Case("coulomb_switched", z.coulomb_switched, (POS * 1.2, Q4), (0, 1)),
    Case("debye_huckel", z.debye_huckel, (POS, Q4), (0, 1)),
    Case("arrhenius_rates", z.arrhenius_rates, (_u(300, 400, 3), _u(2e3, 5e3, 3)), (0, 1)),
    Case("michaelis_menten_euler", z.michaelis_menten_euler, (2.0, 0.8, 0.5), (0, 1, 2)),
    Case("michaelis_menten_euler_S0", z.michaelis_menten_euler, (2.0, 0.8, 0.5)),
    Case("reaction_network_rk4", z.reaction_network_rk4,
         (np.array([0.8, 0.3]), np.array([1.0, 0.2, 0.0])), (0, 1)),
    Case("reaction_network_rk4_k", z.reaction_network_rk4,
         (np.array([0.8, 0.3]), np.array([1.0, 0.2, 0.0]))),
    Case("van_der_waals_pressure", z.van_der_waals_pressure, (_u(0.5, 2.0, 4), 300.0), (0, 1)),
    Case("redlich_kwong", z.redlich_kwong, (_u(0.5, 2.0, 4), 280.0), (0, 1)),
    Case("ideal_mixing_free_energy", z.ideal_mixing_free_energy, (_u(0.1, 0.9, 5),)),
    Case("boltzmann_average", z.boltzmann_average, (_n(5),)),
    Case("partition_function_levels", z.partition_function_levels,
         (np.array([0.0, 0.5, 1.2]), np.array([1.0, 3.0, 5.0]), 0.7), (0, 2)),
    Case("antoine_fit_loss", z.antoine_fit_loss,
         (np.array([8.0, 1500.0, 230.0]), _u(20, 80, 5), _u(1, 3, 5))),
    Case("radial_distribution_soft", z.radial_distribution_soft, (POS,)),
    Case("bond_forces_add_at", z.bond_forces_add_at, (CHAIN,)),
    Case("forcefield_energy", z.forcefield_energy, (CHAIN,)),
    Case("gaussian_overlap", z.gaussian_overlap, (POS[:3], _u(0.5, 1.5, 3)), (0, 1)),
    Case("harmonic_oscillator_verlet", z.harmonic_oscillator_verlet, (0.5, -0.2, 1.3), (0, 1, 2)),
    Case("harmonic_oscillator_verlet_k", z.harmonic_oscillator_verlet, (0.5, -0.2, 1.3), 2),
    Case("equilibrium_constant_solve", z.equilibrium_constant_solve, (0.6, 1.2), (0, 1)),
    Case("equilibrium_constant_solve_K", z.equilibrium_constant_solve, (0.6, 1.2)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
