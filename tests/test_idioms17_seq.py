"""``idioms17_seq_zoo`` (RNN/GRU/LSTM cells in Python loops, bidirectional passes, attention with
causal and padding masks, multi-head attention, layer and RMS norms, positional encodings, a
dilated temporal convolution, masked sequence losses) in every first-order mode against central
differences within their error estimate (``idioms15_check``), and hvp for the scalar ones
differentiated in one argument."""

from __future__ import annotations

import idioms17_seq_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _ = seeded(1703)

XS = _n(3, 2)
GRU = {"Wz": _n(2, 4, scale=0.5), "Wr": _n(2, 4, scale=0.5), "Wh": _n(2, 4, scale=0.5)}
Q, K, V = _n(3, 2), _n(3, 2), _n(3, 2)
X4 = _n(3, 4)

CASES = [
    Case("rnn_tanh_loop", z.rnn_tanh_loop, (_n(2, 2), _n(2, 2), XS, _n(2)), (0, 1, 2, 3)),
    Case("rnn_tanh_loop_Wh", z.rnn_tanh_loop, (_n(2, 2), _n(2, 2), XS, _n(2)), 1),
    Case("gru_cell_loop", z.gru_cell_loop, (GRU, XS), (0, 1)),
    Case("lstm_gates_sliced", z.lstm_gates_sliced, (_n(8, 4, scale=0.5), _n(8), XS), (0, 1, 2)),
    Case("lstm_gates_sliced_W", z.lstm_gates_sliced, (_n(8, 4, scale=0.5), _n(8), XS)),
    Case("lstm_split", z.lstm_split, (_n(8, 5, scale=0.5), XS), (0, 1)),
    Case("bidirectional_rnn", z.bidirectional_rnn, (_n(2, 4), _n(2, 4), XS), (0, 1, 2)),
    Case("rnn_teacher_forcing", z.rnn_teacher_forcing,
         (_n(2, 4, scale=0.5), _n(3, 2), XS, np.array([0, 2, 1])), (0, 1, 2)),
    Case("attention_causal", z.attention_causal, (Q, K, V), (0, 1, 2)),
    Case("attention_causal_q", z.attention_causal, (Q, K, V)),
    Case("attention_padding_mask", z.attention_padding_mask,
         (Q, K, V, np.array([1, 3, 2])), (0, 1, 2)),
    Case("multihead_attention", z.multihead_attention,
         (X4, _n(4, 4, scale=0.5), _n(4, 4, scale=0.5), _n(4, 4, scale=0.5), _n(4, 4, scale=0.5)),
         (0, 1, 2, 3, 4)),
    Case("multihead_attention_x", z.multihead_attention,
         (X4, _n(4, 4, scale=0.5), _n(4, 4, scale=0.5), _n(4, 4, scale=0.5), _n(4, 4, scale=0.5))),
    Case("einsum_attention", z.einsum_attention, (_n(2, 3, 2), _n(2, 3, 2), _n(2, 3, 2)),
         (0, 1, 2)),
    Case("layer_norm", z.layer_norm, (X4, _n(4), _n(4)), (0, 1, 2)),
    Case("layer_norm_x", z.layer_norm, (X4, _n(4), _n(4))),
    Case("rms_norm", z.rms_norm, (X4, _n(4)), (0, 1)),
    Case("positional_encoding_add", z.positional_encoding_add, (X4, 0.7), (0, 1)),
    Case("transformer_block", z.transformer_block, (X4, _n(4, 3), _n(3, 4), _n(4)), (0, 1, 2, 3)),
    Case("transformer_block_x", z.transformer_block, (X4, _n(4, 3), _n(3, 4), _n(4))),
    Case("temporal_conv1d", z.temporal_conv1d, (_n(5, 2), _n(2, 2, 3)), (0, 1)),
    Case("seq_mse_masked", z.seq_mse_masked, (_n(2, 4), _n(2, 4), np.array([2, 4])), (0, 1)),
    Case("gru_scan_list", z.gru_scan_list,
         (_n(2, 2), _n(2, 2), _n(2, 2), _n(2, 2), XS), (0, 1, 2, 3, 4)),
    Case("echo_state_readout", z.echo_state_readout,
         (_n(3), _n(3), _n(3, 3, scale=0.4), _n(5)), (0, 1, 2, 3)),
    Case("beam_like_logprob", z.beam_like_logprob, (_n(3, 4), np.array([1, 3, 0]))),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
