"""``idioms19_optics_zoo`` (ABCD matrices, Snell through layers, Fresnel and thin-film
reflectance, a Planck fit, a transit light curve, a radial-velocity Keplerian by Newton, a point
lens, extinction-corrected magnitudes, a softened leapfrog, an n-body energy by
``np.triu_indices``, a Gaussian beam, slit diffraction, Sabine reverberation, a Doppler line, a
phased array, Beer-Lambert layers) in every first-order mode against central differences within
their error estimate (``idioms15_check``), and hvp for the scalar ones differentiated in one
argument."""

from __future__ import annotations

import idioms19_optics_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _s = seeded(1905)

WL = np.array([450.0, 550.0, 650.0, 750.0])
PLANCK_T = 5200.0
_lam = WL * 1e-9
FLUX = np.exp(1.0) / _lam ** 5 / np.expm1(6.626e-34 * 3e8 / (_lam * 1.381e-23 * PLANCK_T)) \
    * 1e-30 * _u(0.95, 1.05, 4)
POS3 = np.array([[0.0, 0.0], [1.0, 0.2], [-0.4, 0.9]])
VEL3 = np.array([[0.0, 0.1], [-0.2, 0.3], [0.1, -0.3]])

CASES = [
    Case("abcd_system", z.abcd_system, (np.array([0.5, -0.8, 0.4]), np.array([0.2, 0.3, 0.6])),
         (0, 1)),
    Case("snell_stack", z.snell_stack, (np.array([1.3, 1.5, 1.4]),)),
    Case("fresnel_reflectance", z.fresnel_reflectance, (1.5, np.array([0.1, 0.5, 0.9])), (0, 1)),
    Case("thin_film_reflectance", z.thin_film_reflectance, (120.0, 1.38, WL), (0, 1)),
    Case("thin_film_thickness", z.thin_film_reflectance, (120.0, 1.38, WL), 0),
    Case("planck_fit", z.planck_fit, (np.array([np.log(5000.0), 0.8]), WL, FLUX)),
    Case("transit_light_curve", z.transit_light_curve,
         (np.array([0.1, 0.01, 0.5]), np.linspace(-1.0, 1.0, 9))),
    Case("radial_velocity", z.radial_velocity,
         (np.array([10.0, 3.0, 0.3, 0.7]), np.array([0.2, 0.9, 1.7, 2.4]))),
    Case("lens_equation", z.lens_equation, (1.2, 0.4), (0, 1)),
    Case("extinction_magnitude", z.extinction_magnitude,
         (np.array([1200.0, 800.0, 450.0]), np.array([1.1, 1.4, 2.0])), (0, 1)),
    Case("leapfrog_softened", z.leapfrog_softened, (POS3, VEL3, np.array([1.0, 0.5, 0.3])),
         (0, 1, 2)),
    Case("nbody_triu_energy", z.nbody_triu_energy, (_n(4, 3), np.array([1.0, 2.0, 0.5, 1.5])),
         (0, 1)),
    Case("gaussian_beam_width", z.gaussian_beam_width, (0.05, np.array([0.0, 1.0, 5.0])),
         (0, 1)),
    Case("slit_diffraction", z.slit_diffraction, (1.3, np.array([0.05, 0.2, 0.4, 0.7])), (0, 1)),
    Case("sabine_reverb", z.sabine_reverb,
         (np.array([0.1, 0.3, 0.6]), np.array([80.0, 40.0, 30.0])), (0, 1)),
    Case("doppler_line", z.doppler_line,
         (np.array([30.0, 0.2, 0.5]), np.linspace(655.8, 657.0, 7),
          1.0 - 0.45 * np.exp(-0.5 * ((np.linspace(655.8, 657.0, 7) - 656.4) / 0.25) ** 2))),
    Case("phased_array", z.phased_array, (_n(5, scale=0.3), np.array([0.0, 0.4, -0.6, 1.0]))),
    Case("beer_lambert_layers", z.beer_lambert_layers,
         (np.array([0.2, 0.5, 0.1, 0.8]), np.array([1.0, 0.5, 2.0, 0.3])), (0, 1)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
