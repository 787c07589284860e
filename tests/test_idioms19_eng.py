"""``idioms19_eng_zoo`` (a reservoir cascade, Muskingum routing, a bucket model, an
energy-balance climate model, Colebrook by fixed point, DC power flow, an RC ladder by implicit
steps, truss energy, a cantilever by finite elements, a thermal network, a catenary, LWR traffic
by Godunov, a heat exchanger by effectiveness-NTU, Darcy flow by Jacobi sweeps, a PID loop with
anti-windup, a draining tank, Euler buckling, Miner's fatigue sum) in every first-order mode
against central differences within their error estimate (``idioms15_check``), and hvp for the
scalar ones differentiated in one argument."""

from __future__ import annotations

import idioms19_eng_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _s = seeded(1904)

LINES = [(0, 1), (1, 2), (0, 2), (2, 3)]
NODES = np.array([[0.0, 0.0], [1.0, 0.1], [2.0, 0.0], [1.0, 1.0]]) + _n(4, 2, scale=0.05)
BARS = [(0, 1), (1, 2), (0, 3), (1, 3), (2, 3)]

CASES = [
    Case("linear_reservoir_cascade", z.linear_reservoir_cascade,
         (2.5, np.array([0.0, 3.0, 5.0, 1.0, 0.0, 0.0, 2.0])), (0, 1)),
    Case("muskingum_routing", z.muskingum_routing,
         (np.array([2.0, 0.2]), np.array([1.0, 3.0, 8.0, 6.0, 4.0, 2.0, 1.0])), (0, 1)),
    Case("bucket_model", z.bucket_model,
         (np.array([10.0, 0.05]), np.array([2.0, 0.0, 12.0, 5.0, 0.0, 1.0]),
          np.array([0.5, 0.8, 0.3, 0.4, 1.0, 0.6])), (0, 1, 2)),
    Case("energy_balance_climate", z.energy_balance_climate,
         (np.array([1.2, 8.0]), np.linspace(0.0, 4.0, 30)), (0, 1)),
    Case("colebrook_friction", z.colebrook_friction, (1e5, 1e-4), (0, 1)),
    Case("colebrook_reynolds", z.colebrook_friction, (1e5, 1e-4), 0),
    Case("dc_power_flow", z.dc_power_flow,
         (np.array([10.0, 8.0, 5.0, 12.0]), np.array([0.0, 0.5, -0.8, 0.3]), LINES), (0, 1)),
    Case("rc_ladder_implicit", z.rc_ladder_implicit,
         (np.array([1.0, 2.0, 1.5]), np.array([0.5, 0.3, 0.8]), 1.0), (0, 1, 2)),
    Case("truss_energy", z.truss_energy, (NODES, BARS, np.array([1.0, 1.0, 1.4, 0.9, 1.4]))),
    Case("cantilever_fem", z.cantilever_fem, (np.array([2.0, 1.8, 1.5, 1.2]), -1.0), (0, 1)),
    Case("thermal_network", z.thermal_network, (np.array([2.0, 1.0, 3.0, 0.5]),)),
    Case("catenary_length", z.catenary_length, (6.0,)),
    # (no two fluxes tie: 0.3 and 0.7 have the same one, where np.minimum has a kink)
    Case("lwr_godunov", z.lwr_godunov, (np.array([0.2, 0.35, 0.7, 0.85, 0.6, 0.3, 0.1, 0.45]),)),
    Case("heat_exchanger_ntu", z.heat_exchanger_ntu, (500.0, 400.0, 700.0), (0, 1, 2)),
    Case("heat_exchanger_ua", z.heat_exchanger_ntu, (500.0, 400.0, 700.0), 0),
    Case("darcy_jacobi", z.darcy_jacobi, (_u(0.5, 2.0, 5, 5),)),
    Case("pid_anti_windup", z.pid_anti_windup, (np.array([1.5, 0.8, 0.05]),)),
    Case("torricelli_tank", z.torricelli_tank, (0.02,)),
    Case("euler_buckling", z.euler_buckling, (np.array([0.05, 0.1]),)),
    Case("fatigue_miner", z.fatigue_miner,
         (np.array([300.0, 450.0, 200.0]), np.array([1e4, 5e3, 2e5])), (0, 1)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
