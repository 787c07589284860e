"""``idioms20_geo_zoo`` (haversine and spherical-law distances, bearings, a track of waypoints,
geodetic/ECEF conversions with a ``while`` latitude iteration, Mercator, Lambert and UTM scale,
a zonal geoid by recursion, trilateration and pseudo-ranges, Vincenty's iteration; Bragg angles,
d-spacings through a metric tensor, structure factors, Debye-Waller, a powder pattern, a lattice
sum with a cutoff, a reciprocal cell, Green-Lagrange strain, Miller records with a property)
checked by ``test_idioms20.py`` (one mode each, turn by turn) against central differences within
their error estimate."""

from __future__ import annotations

import idioms20_geo_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _s = seeded(2001)

LAT = np.array([48.1, 48.9, 50.2, 51.5])
LON = np.array([11.6, 2.35, 8.7, -0.12])
SATS = np.array([[15600.0, 7540.0, 20140.0], [18760.0, 2750.0, 18610.0],
                 [17610.0, 14630.0, 13480.0], [19170.0, 610.0, 18390.0]])
TRUE = np.array([1.0, 2.0, 6370.0])
RHO = np.sqrt(((SATS - TRUE) ** 2).sum(1)) + 0.3 + _n(4, scale=0.01)
ANCHORS = [np.array([0.0, 0.0]), np.array([4.0, 0.0]), np.array([0.0, 3.0])]
HKLS = [(1, 0, 0), (1, 1, 0), (1, 1, 1), (2, 0, 0), (2, 1, 1)]
FRAC = np.array([[0.0, 0.0, 0.0], [0.5, 0.5, 0.0], [0.5, 0.0, 0.5], [0.0, 0.5, 0.5]]) + \
    _n(4, 3, scale=0.02)
GRID = np.stack(np.meshgrid(*[np.arange(3.0)] * 3, indexing="ij"), -1).reshape(-1, 3)[:10] * 1.1

CASES = [
    Case("haversine_sum", z.haversine_sum, (LAT, LON), (0, 1)),
    Case("spherical_law_distance", z.spherical_law_distance,
         (np.array([48.1, 11.6]), np.array([40.4, -3.7])), (0, 1)),
    Case("initial_bearing", z.initial_bearing,
         (np.array([48.1, 11.6]), np.array([40.4, -3.7])), (0, 1)),
    Case("track_length", z.track_length, ([(48.1, 11.6), (48.9, 2.35), (51.5, -0.12)],)),
    Case("geodetic_to_ecef", z.geodetic_to_ecef, (LAT, LON, np.array([0.1, 0.2, 0.0, 0.5])),
         (0, 1, 2)),
    Case("ecef_to_latitude", z.ecef_to_latitude, (np.array([4000.0, 800.0, 4900.0]),)),
    Case("mercator", z.mercator, (LAT, LON), (0, 1)),
    Case("lambert_azimuthal", z.lambert_azimuthal, (LAT, LON), (0, 1)),
    Case("zonal_geoid", z.zonal_geoid, (np.array([1.0, 0.3, -0.5, 0.2, 0.1]), LAT), (0, 1)),
    Case("trilateration_loss", z.trilateration_loss,
         (np.array([1.2, 0.9]), ANCHORS, np.array([1.6, 3.0, 2.2]))),
    Case("gps_pseudorange", z.gps_pseudorange, (np.array([0.0, 0.0, 6371.0, 0.0]), SATS, RHO)),
    Case("vincenty_inverse_lite", z.vincenty_inverse_lite,
         (np.array([48.1, 11.6]), np.array([40.4, -3.7])), (0, 1)),
    Case("bragg_angles", z.bragg_angles, (np.array([3.1, 2.2, 1.8]),)),
    Case("d_spacings", z.d_spacings, ((4.1, 4.3, 5.0, 90.0, 95.0, 120.0), HKLS)),
    Case("structure_factor_intensity", z.structure_factor_intensity,
         (FRAC, np.array([8.0, 6.0, 6.0, 6.0]), HKLS), (0, 1)),
    Case("debye_waller", z.debye_waller, (np.array([3.0, 2.0, 1.0]), 0.6,
                                         np.array([1.0, 2.0, 3.0])), (0, 1, 2)),
    Case("powder_pattern", z.powder_pattern,
         (np.array([20.0, 30.0]), np.array([0.5, 0.8]), np.array([10.0, 5.0]),
          np.linspace(15.0, 35.0, 25)), (0, 1, 2)),
    Case("lattice_sum_cutoff", z.lattice_sum_cutoff, (GRID + _n(10, 3, scale=0.03), 3.3)),
    Case("reciprocal_volume", z.reciprocal_volume, (np.eye(3) * 4.0 + _n(3, 3, scale=0.3),)),
    Case("green_lagrange_strain", z.green_lagrange_strain, (np.eye(3) + _n(3, 3, scale=0.1),)),
    Case("cubic_reflections", z.cubic_reflections,
         (4.05, [z.Reflection(1, 1, 1), z.Reflection(2, 0, 0), z.Reflection(2, 2, 0)])),
    Case("utm_scale_factor", z.utm_scale_factor, (LAT, LON), (0, 1)),
    Case("geodesic_midpoint", z.geodesic_midpoint,
         (np.array([48.1, 11.6]), np.array([40.4, -3.7])), (0, 1)),
]
