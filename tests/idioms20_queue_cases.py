"""``idioms20_queue_zoo`` (M/M/1 through a dict, Erlang B and C by loops, a tandem line, a
Jackson network by a solve, Lindley's recursion with ``max``, Pollaczek-Khinchine, a birth-death
chain by ``np.cumprod``, uniformisation, a Hawkes likelihood, an inhomogeneous Poisson likelihood
by the trapezoid rule, a Weibull renewal, Kingman, a soft (s, S) inventory, a newsvendor by
quadrature, a k-out-of-n table filled in place, a fault tree of lambdas, a Markov-modulated
stream, priority waits by ``argsort``, a softmin balancer, a station class, a retrial sweep)
checked by ``test_idioms20.py`` (one mode each, turn by turn) against central differences within
their error estimate."""

from __future__ import annotations

import idioms20_queue_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _s = seeded(2002)

ROUTING = np.array([[0.0, 0.5, 0.2], [0.1, 0.0, 0.6], [0.3, 0.0, 0.0]])
EVENTS = np.array([0.4, 1.1, 1.3, 2.8, 3.0, 3.1, 5.2, 6.7, 7.0, 9.1])

CASES = [
    Case("mm1_metrics", z.mm1_metrics, (0.6, 1.3), (0, 1)),
    Case("erlang_c", z.erlang_c, (2.0, 1.1), (0, 1)),
    Case("erlang_b", z.erlang_b, (3.2,)),
    Case("tandem_little", z.tandem_little, (np.array([1.5, 2.0, 1.8]), 0.9), (0, 1)),
    Case("jackson_network", z.jackson_network,
         (np.array([0.3, 0.2, 0.1]), ROUTING, np.array([1.5, 1.7, 1.2])), (0, 1, 2)),
    # (no wait is exactly 0 at the point: max has its kink there)
    Case("lindley_waits", z.lindley_waits,
         (np.array([1.2, 0.8, 1.5, 0.4, 1.1, 0.9]), np.array([0.0, 1.0, 0.7, 1.9, 0.5, 1.3])),
         (0, 1)),
    Case("pollaczek_khinchine", z.pollaczek_khinchine, (0.7, 1.1, 0.4), (0, 1, 2)),
    Case("birth_death_stationary", z.birth_death_stationary,
         (np.array([1.0, 0.9, 0.8, 0.5]), np.array([1.2, 1.3, 1.1, 1.4])), (0, 1)),
    Case("ctmc_uniformisation", z.ctmc_uniformisation,
         (np.array([[0.0, 0.5, 0.1], [0.3, 0.0, 0.4], [0.2, 0.6, 0.0]]),)),
    Case("hawkes_loglik", z.hawkes_loglik, (np.array([0.5, 0.6, 1.4]), EVENTS, 10.0), (0, 1)),
    Case("inhomogeneous_poisson", z.inhomogeneous_poisson, (np.array([0.1, 0.5]), EVENTS)),
    Case("weibull_renewal", z.weibull_renewal,
         (np.array([1.4, 2.0]), np.array([0.5, 2.1, 1.7, 3.3, 0.9])), (0, 1)),
    Case("kingman_wait", z.kingman_wait, (0.8, 1.0, 1.2, 0.6), (0, 1, 2, 3)),
    Case("inventory_soft", z.inventory_soft,
         (np.array([3.0, 9.0]), np.array([2.0, 4.0, 1.0, 5.0, 3.0, 2.5]))),
    Case("newsvendor_cost", z.newsvendor_cost, (11.0,)),
    Case("k_out_of_n", z.k_out_of_n, (np.array([0.9, 0.8, 0.95, 0.7]),)),
    Case("fault_tree", z.fault_tree, (np.array([0.01, 0.02, 0.1, 0.2, 0.3]),)),
    Case("markov_modulated_rate", z.markov_modulated_rate,
         (np.array([0.2, 1.5]), np.array([[0.9, 0.1], [0.2, 0.8]]),
          np.array([1, 0, 3, 5, 4, 1, 0]))),
    Case("priority_waits", z.priority_waits,
         (np.array([2.0, 1.0, 3.0, 0.5]), np.array([1.0, 2.0, 1.2, 0.7])), (0, 1)),
    Case("softmin_balancer", z.softmin_balancer,
         (np.array([3.0, 5.0, 2.0, 4.0]), np.array([4.0, 6.0, 5.0, 5.0])), (0, 1)),
    Case("mmc_queue_class", z.mmc_queue_class, (1.5, 1.0), (0, 1)),
    Case("retrial_sweep", z.retrial_sweep, (0.5, 1.2, 0.8), (0, 1, 2)),
]
