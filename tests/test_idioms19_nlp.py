"""``idioms19_nlp_zoo`` (a CRF by the forward algorithm, skip-gram with negative sampling,
GloVe, a factorization machine, matrix factorisation, a tied autoencoder, label smoothing,
mixup, highway and maxout layers, a peephole LSTM, capsule routing, t-SNE's KL, a character CNN
by ``np.convolve``, layer norm as a class, batch norm with running statistics, embedding bags
by ``np.add.at``, pointer attention, a teacher-forced decoder, a unigram LM, attention dropout
from a fixed generator, soft k-means, a cosine triplet loss) in every first-order mode against
central differences within their error estimate (``idioms15_check``), and hvp for the scalar
ones differentiated in one argument."""

from __future__ import annotations

import idioms19_nlp_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _s = seeded(1903)

E = _n(6, 3, scale=0.5)
IDS = np.array([1, 4, 2, 2, 5, 0])
COOC = np.where(_u(0, 1, 5, 5) < 0.6, _u(0.5, 20.0, 5, 5), 0.0)
P_TSNE = _s(5, 5) * (1 - np.eye(5))
P_TSNE = (P_TSNE + P_TSNE.T) / np.sum(P_TSNE + P_TSNE.T)
LSTM = {"Wx": _n(2, 12, scale=0.5), "Wh": _n(3, 12, scale=0.5), "peep": _n(3, 3, scale=0.3),
        "b": _n(12, scale=0.1)}

CASES = [
    Case("crf_forward_nll", z.crf_forward_nll, (_n(5, 3), _n(3, 3), np.array([0, 2, 2, 1, 0])),
         (0, 1)),
    Case("crf_forward_transitions", z.crf_forward_nll,
         (_n(5, 3), _n(3, 3), np.array([0, 2, 2, 1, 0])), 1),
    Case("skipgram_negative", z.skipgram_negative, (E, _n(6, 3, scale=0.5), 2, 4,
                                                    np.array([0, 3, 5])), (0, 1)),
    Case("glove_loss", z.glove_loss, (_n(5, 2), _n(5, 2), _n(5), _n(5), COOC), (0, 1, 2, 3)),
    Case("factorization_machine", z.factorization_machine,
         (0.1, _n(4), _n(4, 2, scale=0.5), _n(6, 4), _n(6)), (0, 1, 2)),
    Case("mf_with_biases", z.mf_with_biases,
         (_n(3, 2), _n(4, 2), _n(3), _n(4), np.array([0, 1, 2, 0, 2]),
          np.array([1, 3, 0, 2, 3]), np.array([4.0, 3.0, 5.0, 2.0, 3.5])), (0, 1, 2, 3)),
    Case("tied_autoencoder", z.tied_autoencoder, (_n(4, 2), _n(2), _n(4), _n(5, 4)), (0, 1, 2)),
    Case("label_smoothing_xent", z.label_smoothing_xent, (_n(4, 3), np.array([0, 2, 1, 2]))),
    Case("mixup_loss", z.mixup_loss,
         (_n(3, 2), _n(4, 3), np.eye(2)[[0, 1, 1, 0]], np.array([2, 3, 0, 1])), (0, 1)),
    Case("highway_layer", z.highway_layer, (_n(3, 4), _n(4, 4), _n(4, 4)), (0, 1, 2)),
    Case("maxout", z.maxout, (_n(3, 4), _n(4, 6), _n(6)), (0, 1, 2)),
    Case("lstm_peephole", z.lstm_peephole, (LSTM, _n(4, 2)), (0, 1)),
    Case("capsule_squash", z.capsule_squash, (_n(3, 2), _n(3, 2, 4)), (0, 1)),
    Case("tsne_kl", z.tsne_kl, (_n(5, 2), P_TSNE)),
    Case("char_cnn_convolve", z.char_cnn_convolve, (E, [_n(2, 3), _n(3, 3)], IDS), (0, 1)),
    Case("layernorm_class_loss", z.layernorm_class_loss, (_u(0.5, 1.5, 3), _n(3), _n(4, 2),
                                                          _n(2, 3)), (0, 1, 2, 3)),
    Case("batchnorm_running", z.batchnorm_running, (_n(6, 2), _u(0.5, 1.5, 2), _n(2)),
         (0, 1, 2)),
    Case("embedding_grad_add_at", z.embedding_grad_add_at,
         (E, np.array([[0, 1, 1], [4, 5, 2]]), _n(2, 3))),
    Case("pointer_attention", z.pointer_attention,
         (_n(4, 3), _n(3), _n(3, 3), _n(3, 3), _n(3), 2), (0, 1, 2, 3, 4)),
    Case("seq2seq_teacher_forcing", z.seq2seq_teacher_forcing,
         ((E, _n(5, 3, scale=0.5), _n(6, 3, scale=0.5), _n(3, 6)), _n(3, 2), [2, 5, 1]), (0, 1)),
    Case("unigram_lm", z.unigram_lm, (_n(6), IDS)),
    Case("attention_dropout_fixed", z.attention_dropout_fixed, (_n(3, 2), _n(4, 2), _n(4, 2)),
         (0, 1, 2)),
    Case("kmeans_soft_assign", z.kmeans_soft_assign, (_n(3, 2), _n(8, 2))),
    Case("triplet_cosine", z.triplet_cosine, (_n(4, 3), _n(4, 3), _n(4, 3)), (0, 1, 2)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
