"""``idioms20_audio_zoo`` (an envelope follower branching per sample, a soft-knee compressor in
dB, a noise gate, biquads in direct forms I and II with state in names and in a list, a cascade
from a list of dicts, a phaser written in place, a Schroeder allpass with a circular buffer, a
tremolo, a ring modulator, an oversampled waveshaper, a smooth bit-crusher, a DC blocker,
pre-emphasis by slices, an RMS meter under ``np.errstate``, a gated loudness, a spectral centroid
by a DFT matrix and by ``np.fft.rfft``, a peaking-EQ curve, a constant-power panner, a crossfade,
a chorus at a fractional delay, a float32 mix) checked by ``test_idioms20.py`` (one mode each,
turn by turn) against central differences within their error estimate."""

from __future__ import annotations

import idioms20_audio_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _s = seeded(2003)

X = np.sin(np.arange(16) * 0.7) * 0.6 + _n(16, scale=0.1)
SECTIONS = [{"f0": 900.0, "q": 0.7}, {"f0": 1500.0, "q": 1.1, "gain": 0.8}]

CASES = [
    Case("envelope_follower", z.envelope_follower, (X,)),
    Case("soft_knee_compressor", z.soft_knee_compressor, (X,)),
    Case("noise_gate", z.noise_gate, (X,)),
    Case("biquad_df1", z.biquad_df1, (X, 1000.0, 0.8), (0, 1, 2)),
    Case("biquad_tdf2", z.biquad_tdf2, (X, np.array([0.2, 0.4, 0.2, -0.5, 0.3])), (0, 1)),
    Case("eq_cascade", z.eq_cascade, (X[:10], SECTIONS), (0, 1)),
    Case("allpass_phaser", z.allpass_phaser, (X[:6], 0.4), (0, 1)),
    Case("schroeder_allpass", z.schroeder_allpass, (X, 0.6), (0, 1)),
    Case("tremolo", z.tremolo, (X, 0.4), (0, 1)),
    Case("ring_mod", z.ring_mod, (X, 440.0), (0, 1)),
    Case("oversampled_waveshaper", z.oversampled_waveshaper, (X, 2.5), (0, 1)),
    Case("smooth_bitcrush", z.smooth_bitcrush, (X,)),
    Case("dc_blocker", z.dc_blocker, (X,)),
    Case("pre_emphasis", z.pre_emphasis, (X,)),
    Case("rms_meter_db", z.rms_meter_db, (X,)),
    Case("block_loudness", z.block_loudness, (X,)),
    Case("spectral_centroid_dft", z.spectral_centroid_dft, (X,)),
    Case("spectral_centroid", z.spectral_centroid, (X,)),  # (through np.fft.rfft's complex values)
    Case("peaking_eq_curve", z.peaking_eq_curve, (6.0, 700.0), (0, 1)),
    Case("constant_power_pan", z.constant_power_pan, (X, 0.3), (0, 1)),
    Case("crossfade", z.crossfade, (X, X[::-1] * 0.5), (0, 1)),
    Case("chorus", z.chorus, (X, 2.3), (0, 1)),
    Case("mono_mix32", z.mono_mix32,
         (np.vstack([X, X ** 2]).astype(np.float32), np.array([0.7, 0.4], dtype=np.float32))),
]
