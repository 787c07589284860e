"""``idioms19_epi_zoo`` (SIR, SEIR, SIRS, age-structured and metapopulation models by Euler
steps, Ricker, Beverton-Holt and Leslie population models, predator-prey by RK2, one- and
two-compartment pharmacokinetics, Hill and Emax fits, Michaelis-Menten by Newton, R0 by power
iteration, renewal incidence, negative-binomial counts, a model class with a property) in every
first-order mode against central differences within their error estimate (``idioms15_check``),
and hvp for the scalar ones differentiated in one argument."""

from __future__ import annotations

import idioms19_epi_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _s = seeded(1901)

CONTACT = _u(0.5, 1.5, 3, 3)
POP = np.array([0.3, 0.5, 0.2])
MOB = _s(4, 4)
FEC = np.array([0.0, 1.2, 0.9, 0.4])
SURV = np.array([0.6, 0.7, 0.5])
T_OBS = np.linspace(0.5, 24.0, 9)

CASES = [
    Case("sir_euler_stack", z.sir_euler_stack, (np.array([0.5, 0.2]), (0.99, 0.01, 0.0))),
    Case("seir_final_size", z.seir_final_size, (np.log(np.array([0.9, 0.3, 0.25])),)),
    Case("sirs_vaccination", z.sirs_vaccination,
         (np.array([0.8, 0.25, 0.05]), np.array([0.0, 0.01, 0.02])), (0, 1)),
    Case("age_structured_sir", z.age_structured_sir, (0.7, CONTACT, POP), (0, 1)),
    Case("age_structured_sir_beta", z.age_structured_sir, (0.7, CONTACT, POP), 0),
    Case("metapopulation", z.metapopulation, (0.9, MOB), (0, 1)),
    Case("ricker_map", z.ricker_map, (np.log(0.8), 0.3), (0, 1)),
    Case("beverton_holt_nll", z.beverton_holt_nll,
         (np.array([0.5, 1.0]), np.array([1.0, 1.4, 1.9, 2.2, 2.5, 2.6]))),
    Case("leslie_growth", z.leslie_growth, (FEC, SURV), (0, 1)),
    Case("leslie_dominant", z.leslie_dominant, (FEC, SURV), (0, 1)),
    Case("predator_prey_harvest", z.predator_prey_harvest,
         (np.array([1.0, 0.4, 0.8, 0.3]), 2.0, 1.0), (0, 1, 2)),
    Case("logistic_growth_fit", z.logistic_growth_fit,
         (np.log(np.array([0.5, 10.0, 1.0])), np.linspace(0, 10, 8),
          10.0 / (1 + 9 * np.exp(-0.45 * np.linspace(0, 10, 8))) * _u(0.9, 1.1, 8))),
    Case("one_compartment_doses", z.one_compartment_doses,
         (np.log(np.array([0.2, 1.1])), np.array([0.0, 8.0, 16.0]), T_OBS)),
    Case("two_compartment_euler", z.two_compartment_euler, (np.array([0.3, 0.2, 0.15]),)),
    Case("hill_dose_response", z.hill_dose_response,
         (np.array([1.0, 0.1, 1.5]), np.array([0.1, 0.5, 1.0, 2.0, 5.0]),
          np.array([0.05, 0.3, 0.5, 0.7, 0.9]))),
    Case("emax_model_dict", z.emax_model_dict,
         ({"e0": 0.1, "emax": 1.0, "ec50": 2.0}, np.array([0.5, 1.0, 4.0, 8.0]),
          np.array([0.3, 0.45, 0.75, 0.9]))),
    Case("michaelis_menten_time", z.michaelis_menten_time, (2.0, 1.5), (0, 1)),
    Case("michaelis_menten_vmax", z.michaelis_menten_time, (2.0, 1.5), 0),
    Case("next_generation_r0", z.next_generation_r0,
         (0.4, np.array([3.0, 5.0, 4.0]), CONTACT), (0, 1, 2)),
    Case("renewal_incidence", z.renewal_incidence,
         (_n(7, scale=0.2), np.array([0.2, 0.5, 0.3])), (0, 1)),
    Case("negbin_case_counts", z.negbin_case_counts,
         (np.log(np.array([2.0, 3.0, 5.0, 4.0])), 0.3, np.array([1.0, 4.0, 6.0, 2.0])), (0, 1)),
    Case("seasonal_forcing_sir", z.seasonal_forcing_sir, (0.3,)),
    Case("competing_species", z.competing_species, (np.array([[1.0, 0.5], [0.4, 1.2]]),)),
    Case("sir_class_model", z.sir_class_model, (0.5, 0.2), (0, 1)),
    Case("sir_class_model_beta", z.sir_class_model, (0.5, 0.2), 0),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
