"""``idioms18_signal_zoo`` (FIR filters with np.convolve and by hand, windowed sinc design,
windows, framing, DFT matrices, biquad and one-pole IIR loops, correlation, LPC, resampling,
a Wiener-style denoiser, overlap-add, scipy.signal.lfilter) in every first-order mode against
central differences within their error estimate (``idioms15_check``), and hvp for the scalar ones
differentiated in one argument."""

from __future__ import annotations

import idioms18_signal_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _ = seeded(1804)

X = _n(10)
H = np.array([0.25, 0.5, 0.25]) + _n(3, scale=0.05)
B = np.array([0.2, 0.3, 0.1])
A2 = np.array([-0.4, 0.2])
T = np.linspace(0, 1, 8)

CASES = [
    Case("fir_convolve_modes", z.fir_convolve_modes, (X, H), (0, 1)),
    Case("fir_convolve_modes_h", z.fir_convolve_modes, (X, H), 1),
    Case("fir_by_hand", z.fir_by_hand, (X, H), (0, 1)),
    Case("windowed_sinc_lowpass", z.windowed_sinc_lowpass, (X, 0.2), (0, 1)),
    Case("windowed_sinc_lowpass_cutoff", z.windowed_sinc_lowpass, (X, 0.2), 1),
    Case("window_energy", z.window_energy, (X,)),
    Case("frames_sliding_view", z.frames_sliding_view, (X,)),
    Case("frames_by_index", z.frames_by_index, (X,)),
    Case("dft_matrix_power", z.dft_matrix_power, (X[:8],)),
    Case("spectral_centroid", z.spectral_centroid, (X[:8],)),
    Case("biquad_loop", z.biquad_loop, (X, B, A2), (0, 1, 2)),
    Case("biquad_loop_a", z.biquad_loop, (X, B, A2), 2),
    Case("one_pole_lowpass", z.one_pole_lowpass, (X, 0.3), (0, 1)),
    Case("lfilter_direct_form", z.lfilter_direct_form,
         (B, np.array([1.0, -0.4, 0.2]), X), (0, 1, 2)),
    Case("xcorr_alignment", z.xcorr_alignment, (X[:6], X[4:8]), (0, 1)),
    Case("matched_filter_snr", z.matched_filter_snr, (X, H), (0, 1)),
    Case("lpc_residual", z.lpc_residual, (X,)),
    Case("preemphasis_energy", z.preemphasis_energy, (X, 0.9), (0, 1)),
    Case("resample_interp", z.resample_interp, (X,)),
    Case("wiener_denoise", z.wiener_denoise, (X, 0.05), (0, 1)),
    Case("autocorrelation_loss", z.autocorrelation_loss, (X,)),
    Case("zero_phase_filter", z.zero_phase_filter, (X, H), (0, 1)),
    Case("envelope_follower", z.envelope_follower, (X, 0.3, 0.05), (0, 1, 2)),
    Case("downsample_decimate", z.downsample_decimate, (X, H), (0, 1)),
    Case("chirp_fit_loss", z.chirp_fit_loss, (np.array([1.0, 0.5, 0.2]), T, _n(8)), (0, 2)),
    Case("cepstral_like", z.cepstral_like, (X[:6],)),
    Case("overlap_add", z.overlap_add, (_n(4, 4),)),
    Case("scipy_lfilter_loss", z.scipy_lfilter_loss, (X, _n(10)), (0, 1)),
    Case("scipy_lfilter_loss_x", z.scipy_lfilter_loss, (X, _n(10))),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
