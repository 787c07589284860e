"""``idioms16_rl_zoo`` (softmax policies, discounted returns in backward loops, GAE, PPO;
Lennard-Jones and Morse energies; Laplacians, message passing, PageRank) in every first-order
mode against central differences within their error estimate (``idioms15_check``), and hvp for
the scalar ones differentiated in one argument."""

from __future__ import annotations

import idioms16_rl_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check

R = np.random.default_rng(1603)
_n = lambda *shape, scale=1.0: R.normal(0.0, scale, shape)  # noqa: E731  (seeded points)
_u = lambda lo, hi, *shape: R.uniform(lo, hi, shape)  # noqa: E731

ACTIONS = np.array([0, 2, 1, 1])
REWARDS = _n(5)
P_TRANS = _u(0.1, 1.0, 3, 2, 3)
P_TRANS /= P_TRANS.sum(axis=-1, keepdims=True)
# a slightly jittered grid keeps every pair near 1.1 apart (away from the LJ singularity)
GRID = np.array([[0.0, 0.0], [1.1, 0.0], [0.0, 1.1], [1.1, 1.1]]) + _n(4, 2, scale=0.05)
BONDS = np.array([[0, 1], [1, 2], [2, 3]])
ADJ = np.array([[0, 1, 1, 0], [1, 0, 1, 0], [1, 1, 0, 1], [0, 0, 1, 0]], dtype=float)
EDGES = np.array([[0, 1], [1, 2], [2, 0], [2, 3], [3, 2]])

CASES = [
    Case("softmax_policy_loss", z.softmax_policy_loss, (_n(3, 3), _n(4, 3), ACTIONS, _n(4)),
         (0, 1, 3)),
    Case("softmax_policy_loss_theta", z.softmax_policy_loss, (_n(3, 3), _n(4, 3), ACTIONS, _n(4))),
    Case("discounted_returns", z.discounted_returns, (REWARDS,)),
    Case("discounted_returns_gamma", z.discounted_returns, (REWARDS, 0.9), (0, 1)),
    Case("returns_list_backwards", z.returns_list_backwards, (REWARDS, 0.9), (0, 1)),
    Case("advantage_normalised", z.advantage_normalised, (_n(5), REWARDS), (0, 1)),
    Case("gae", z.gae, (_n(5), REWARDS), (0, 1)),
    Case("gae_values", z.gae, (_n(5), REWARDS)),
    Case("ppo_clip", z.ppo_clip, (np.array([-0.5, -1.0, -0.3, -2.0]),
                                  np.array([-0.6, -1.5, -0.3, -1.9]), _n(4)), (0, 2)),
    Case("q_learning_td", z.q_learning_td,
         (_n(4, 2), np.array([0, 1, 3]), np.array([1, 0, 1]), _n(3), np.array([1, 2, 0])),
         (0, 3)),
    Case("entropy_bonus", z.entropy_bonus, (_n(3, 4),)),
    Case("gaussian_policy_logp", z.gaussian_policy_logp, (_n(3), _n(3, scale=0.3), _n(4, 3)),
         (0, 1, 2)),
    Case("value_iteration", z.value_iteration, (_n(3, 2), P_TRANS), (0, 1)),
    Case("soft_value_iteration", z.soft_value_iteration, (_n(3, 2), P_TRANS), (0, 1)),
    Case("soft_value_iteration_R", z.soft_value_iteration, (_n(3, 2), P_TRANS)),
    Case("lennard_jones", z.lennard_jones, (GRID,)),
    Case("lennard_jones_params", z.lennard_jones, (GRID, 1.0, 0.9), (0, 1, 2)),
    Case("lennard_jones_triu", z.lennard_jones_triu, (GRID,)),
    Case("lj_cutoff", z.lj_cutoff, (GRID,)),
    Case("morse_energy", z.morse_energy, (GRID,)),
    Case("harmonic_bonds", z.harmonic_bonds, (GRID, BONDS)),
    Case("bond_angles", z.bond_angles, (GRID[:3],)),
    Case("coulomb_masked", z.coulomb_masked, (GRID, _n(4)), (0, 1)),
    Case("lj_forces_norm", z.lj_forces_norm, (GRID,)),
    Case("radius_of_gyration", z.radius_of_gyration, (GRID, _u(1.0, 2.0, 4)), (0, 1)),
    Case("laplacian_quadratic", z.laplacian_quadratic, (_n(4), ADJ * _u(0.5, 1.5, 4, 4)), (0, 1)),
    Case("normalised_laplacian_smooth", z.normalised_laplacian_smooth,
         (_n(4, 2), ADJ + 0.1), (0, 1)),
    Case("gcn_two_layers", z.gcn_two_layers, (_n(4, 3), ADJ, _n(3, 3), _n(3, 2)), (0, 1, 2, 3)),
    Case("message_passing_loop", z.message_passing_loop, (_n(4, 2), ADJ, _n(2, 2)), (0, 2)),
    Case("message_passing_loop_H", z.message_passing_loop, (_n(4, 2), ADJ, _n(2, 2))),
    Case("edge_list_scatter", z.edge_list_scatter, (_n(4, 2), EDGES, _n(5)), (0, 2)),
    Case("pagerank_power", z.pagerank_power, (ADJ + 0.05,)),
    Case("edge_total_variation", z.edge_total_variation, (_n(4), EDGES)),
    Case("graph_attention", z.graph_attention, (_n(4, 3), ADJ, _n(3, 2), _n(4)), (0, 2, 3)),
    Case("spectral_embedding_loss", z.spectral_embedding_loss, (_n(4, 2), ADJ)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
