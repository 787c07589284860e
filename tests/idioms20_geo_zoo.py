"""Geodesy, crystallography and mapping as scientists write them in NumPy (re-imagined, none
copied): haversine and spherical-law distances, an initial bearing, a great-circle track length
from a list of waypoints, geodetic-to-ECEF on an ellipsoid, ECEF-to-geodetic by a fixed-point
latitude iteration with ``while``, a Mercator and a Lambert azimuthal projection, a geoid-ish
spherical-harmonic sum by a loop over degrees, trilateration residuals, a GPS pseudo-range
least-squares loss; Bragg angles, a metric tensor from lattice parameters, d-spacings, a
structure factor with complex exponentials kept as cos/sin pairs, a Debye-Waller damped
intensity, a powder pattern of Gaussian peaks, Ewald-free lattice sums with a cutoff, a
reciprocal lattice by ``np.linalg.inv``, a strain tensor from a deformation gradient, a
Miller-index record class with a property.  ``tests/test_idioms20.py`` differentiates
each."""

import math
from dataclasses import dataclass

import numpy as np

EARTH_R = 6371.0
WGS84 = {"a": 6378.137, "f": 1.0 / 298.257223563}


def haversine_sum(lat, lon, radius=EARTH_R):
    phi, lam = np.radians(lat), np.radians(lon)
    dphi = np.diff(phi)
    dlam = np.diff(lam)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi[:-1]) * np.cos(phi[1:]) * np.sin(dlam / 2) ** 2
    return np.sum(2 * radius * np.arcsin(np.sqrt(a)))


def spherical_law_distance(p, q):
    lat1, lon1 = np.deg2rad(p)
    lat2, lon2 = np.deg2rad(q)
    c = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return EARTH_R * math.acos(min(1.0, c))


def initial_bearing(p, q):
    lat1, lon1 = np.radians(p[0]), np.radians(p[1])
    lat2, lon2 = np.radians(q[0]), np.radians(q[1])
    dlon = lon2 - lon1
    x = np.sin(dlon) * np.cos(lat2)
    y = np.cos(lat1) * np.sin(lat2) - np.sin(lat1) * np.cos(lat2) * np.cos(dlon)
    return (np.degrees(np.arctan2(x, y)) + 360.0) % 360.0


def track_length(waypoints):
    total = 0.0
    prev = None
    for wp in waypoints:
        if prev is not None:
            total = total + haversine_sum(np.array([prev[0], wp[0]]), np.array([prev[1], wp[1]]))
        prev = wp
    return total


def geodetic_to_ecef(lat, lon, h, ellipsoid=WGS84):
    a, f = ellipsoid["a"], ellipsoid["f"]
    e2 = f * (2 - f)
    phi, lam = np.radians(lat), np.radians(lon)
    n = a / np.sqrt(1 - e2 * np.sin(phi) ** 2)
    x = (n + h) * np.cos(phi) * np.cos(lam)
    y = (n + h) * np.cos(phi) * np.sin(lam)
    z = (n * (1 - e2) + h) * np.sin(phi)
    return np.stack([x, y, z], axis=-1)


def ecef_to_latitude(xyz, tol=1e-13, max_iter=50):
    a, f = WGS84["a"], WGS84["f"]
    e2 = f * (2 - f)
    x, y, z = xyz
    p = np.hypot(x, y)
    lat = np.arctan2(z, p * (1 - e2))
    it = 0
    while it < max_iter:
        n = a / np.sqrt(1 - e2 * np.sin(lat) ** 2)
        new = np.arctan2(z + e2 * n * np.sin(lat), p)
        if abs(new - lat) < tol:
            lat = new
            break
        lat = new
        it += 1
    return np.degrees(lat)


def mercator(lat, lon, lon0=0.0):
    x = EARTH_R * np.radians(lon - lon0)
    y = EARTH_R * np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))
    return np.sum(x ** 2) + np.sum(y)


def lambert_azimuthal(lat, lon, center=(45.0, 10.0)):
    phi1, lam0 = np.radians(center[0]), np.radians(center[1])
    phi, lam = np.radians(lat), np.radians(lon)
    k = np.sqrt(2 / (1 + np.sin(phi1) * np.sin(phi) + np.cos(phi1) * np.cos(phi) * np.cos(lam - lam0)))
    x = k * np.cos(phi) * np.sin(lam - lam0)
    y = k * (np.cos(phi1) * np.sin(phi) - np.sin(phi1) * np.cos(phi) * np.cos(lam - lam0))
    return np.sum(x * y) + np.mean(k)


def zonal_geoid(coeffs, lat):
    """A zonal harmonic sum by Legendre's three-term recursion, one degree per loop pass."""
    t = np.sin(np.radians(lat))
    p_prev, p_cur = np.ones_like(t), t
    height = coeffs[0] * p_prev + coeffs[1] * p_cur
    for n in range(1, len(coeffs) - 1):
        p_next = ((2 * n + 1) * t * p_cur - n * p_prev) / (n + 1)
        height = height + coeffs[n + 1] * p_next
        p_prev, p_cur = p_cur, p_next
    return np.sum(height ** 2)


def trilateration_loss(pos, anchors, ranges):
    res = []
    for anchor, r in zip(anchors, ranges, strict=True):
        res.append(np.linalg.norm(pos - anchor) - r)
    res = np.array(res)
    return res @ res


def gps_pseudorange(state, sats, rho):
    pos, bias = state[:3], state[3]
    d = np.sqrt(np.sum((sats - pos) ** 2, axis=1))
    r = d + bias - rho
    return 0.5 * np.dot(r, r)


def vincenty_inverse_lite(p, q, iters=8):
    a, f = WGS84["a"], WGS84["f"]
    b = a * (1 - f)
    u1 = np.arctan((1 - f) * np.tan(np.radians(p[0])))
    u2 = np.arctan((1 - f) * np.tan(np.radians(q[0])))
    L = np.radians(q[1] - p[1])
    lam = L
    for _ in range(iters):
        sin_sigma = np.sqrt((np.cos(u2) * np.sin(lam)) ** 2
                            + (np.cos(u1) * np.sin(u2) - np.sin(u1) * np.cos(u2) * np.cos(lam)) ** 2)
        cos_sigma = np.sin(u1) * np.sin(u2) + np.cos(u1) * np.cos(u2) * np.cos(lam)
        sigma = np.arctan2(sin_sigma, cos_sigma)
        sin_alpha = np.cos(u1) * np.cos(u2) * np.sin(lam) / sin_sigma
        cos2_alpha = 1 - sin_alpha ** 2
        cos_2sm = cos_sigma - 2 * np.sin(u1) * np.sin(u2) / cos2_alpha
        C = f / 16 * cos2_alpha * (4 + f * (4 - 3 * cos2_alpha))
        lam = L + (1 - C) * f * sin_alpha * (
            sigma + C * sin_sigma * (cos_2sm + C * cos_sigma * (-1 + 2 * cos_2sm ** 2)))
    return b * sigma * (1 + 0.0 * cos2_alpha)


def bragg_angles(d, wavelength=1.5406, order=1):
    s = order * wavelength / (2.0 * d)
    assert np.all(s < 1.0), f"no reflection: {s.max():.3f} >= 1"
    return np.sum(np.degrees(2 * np.arcsin(s)))


def metric_tensor(a, b, c, alpha, beta, gamma):
    ca, cb, cg = np.cos(np.radians([alpha, beta, gamma]))
    return np.array([[a * a, a * b * cg, a * c * cb],
                     [a * b * cg, b * b, b * c * ca],
                     [a * c * cb, b * c * ca, c * c]])


def d_spacings(cell, hkls):
    G = metric_tensor(*cell)
    G_star = np.linalg.inv(G)
    out = []
    for hkl in hkls:
        h = np.asarray(hkl, dtype=float)
        out.append(1.0 / np.sqrt(h @ G_star @ h))
    return np.sum(np.stack(out))


def structure_factor_intensity(frac, f_atoms, hkls):
    total = 0.0
    for h in hkls:
        phase = 2 * np.pi * (frac @ np.asarray(h, dtype=float))
        re = np.sum(f_atoms * np.cos(phase))
        im = np.sum(f_atoms * np.sin(phase))
        total += re * re + im * im
    return total


def debye_waller(intensity0, b_iso, q):
    s2 = (q / (4 * np.pi)) ** 2
    return np.sum(intensity0 * np.exp(-2.0 * b_iso * s2))


def powder_pattern(peaks, widths, heights, two_theta):
    pattern = np.zeros_like(two_theta)
    for mu, w, hgt in zip(peaks, widths, heights, strict=True):
        pattern += hgt * np.exp(-0.5 * ((two_theta - mu) / w) ** 2)
    return np.log1p(pattern).sum()


def lattice_sum_cutoff(positions, box, rc=2.5, eps=1.0, sigma=1.0):
    n = len(positions)
    energy = 0.0
    for i in range(n - 1):
        d = positions[i + 1:] - positions[i]
        d -= box * np.round(d / box)
        r2 = np.sum(d * d, axis=1)
        inside = r2 < rc * rc
        sr6 = (sigma * sigma / r2[inside]) ** 3
        energy += np.sum(4 * eps * (sr6 * sr6 - sr6))
    return energy


def reciprocal_volume(lattice):
    recip = 2 * np.pi * np.linalg.inv(lattice).T
    return abs(np.linalg.det(recip)) + np.sum(recip ** 2)


def green_lagrange_strain(F):
    E = 0.5 * (F.T @ F - np.eye(3))
    lam, mu = 1.2, 0.8
    return 0.5 * lam * np.trace(E) ** 2 + mu * np.sum(E * E)


@dataclass
class Reflection:
    h: int
    k: int
    l: int  # noqa: E741  (Miller indices' own name)

    @property
    def vector(self):
        return np.array([self.h, self.k, self.l], dtype=float)


def cubic_reflections(a, reflections):
    return sum(a / np.linalg.norm(r.vector) for r in reflections)


def utm_scale_factor(lat, lon, k0=0.9996, lon0=9.0):
    phi = np.radians(lat)
    dl = np.radians(lon - lon0)
    e2 = WGS84["f"] * (2 - WGS84["f"])
    ep2 = e2 / (1 - e2)
    c = ep2 * np.cos(phi) ** 2
    a_ = dl * np.cos(phi)
    return np.mean(k0 * (1 + (1 + c) * a_ ** 2 / 2 + (5 - 4 * np.tan(phi) ** 2) * a_ ** 4 / 24))


def geodesic_midpoint(p, q):
    (lat1, lon1), (lat2, lon2) = np.radians(p), np.radians(q)
    bx = np.cos(lat2) * np.cos(lon2 - lon1)
    by = np.cos(lat2) * np.sin(lon2 - lon1)
    lat_m = np.arctan2(np.sin(lat1) + np.sin(lat2), np.sqrt((np.cos(lat1) + bx) ** 2 + by ** 2))
    lon_m = lon1 + np.arctan2(by, np.cos(lat1) + bx)
    return np.degrees(np.array([lat_m, lon_m]))
