"""Optics, astronomy and acoustics as scientists write them in NumPy (re-imagined, none copied):
ray-transfer (ABCD) matrices multiplied in a loop, Snell refraction through a stack of layers,
Fresnel coefficients, a thin-film transfer matrix with complex numbers kept as real pairs, a
Planck spectrum fit, a limb-darkened transit light curve, a radial-velocity Keplerian with the
eccentric anomaly by Newton, a gravitational lens equation, an extinction-corrected magnitude,
a two-body orbit by leapfrog with softening, an n-body energy with ``np.triu_indices``, a
Gaussian beam's width, diffraction by a slit's sinc, a room's reverberation by Sabine, a
Doppler-shifted line profile, a phased array's beam pattern, Beer-Lambert attenuation through
layers with ``np.cumsum``.  ``tests/test_idioms19_optics.py`` differentiates each in every
mode."""

import math

import numpy as np


def abcd_system(focals, gaps):
    M = np.eye(2)
    for f, d in zip(focals, gaps, strict=True):
        lens = np.array([[1.0, 0.0], [-1.0 / f, 1.0]])
        space = np.array([[1.0, d], [0.0, 1.0]])
        M = space @ lens @ M
    ray = M @ np.array([0.01, 0.0])
    return ray[0] ** 2 + M[1, 0] ** 2


def snell_stack(indices, theta0=0.3):
    sin_t = math.sin(theta0)
    n_prev = 1.0
    path = 0.0
    for n, thickness in zip(indices, [1.0, 0.5, 2.0], strict=False):
        sin_t = n_prev * sin_t / n
        cos_t = np.sqrt(1.0 - sin_t ** 2)
        path += n * thickness / cos_t
        n_prev = n
    return path


def fresnel_reflectance(n2, theta, n1=1.0):
    cos_i = np.cos(theta)
    sin_t = n1 / n2 * np.sin(theta)
    cos_t = np.sqrt(1 - sin_t ** 2)
    rs = (n1 * cos_i - n2 * cos_t) / (n1 * cos_i + n2 * cos_t)
    rp = (n2 * cos_i - n1 * cos_t) / (n2 * cos_i + n1 * cos_t)
    return np.mean(0.5 * (rs ** 2 + rp ** 2))


def thin_film_reflectance(thickness, n_film, wavelengths, n_sub=1.5):
    # characteristic matrix of one film at normal incidence, complex entries as (re, im) pairs
    delta = 2 * np.pi * n_film * thickness / wavelengths
    c, s = np.cos(delta), np.sin(delta)
    # M = [[c, i s / n], [i n s, c]]; r = (m11 + m12 n_sub - m21 - m22 n_sub) / (... + ...)
    num_re = c - c * n_sub
    num_im = s * n_sub / n_film - n_film * s
    den_re = c + c * n_sub
    den_im = s * n_sub / n_film + n_film * s
    R = (num_re ** 2 + num_im ** 2) / (den_re ** 2 + den_im ** 2)
    return R.mean()


def planck_fit(params, wavelengths, flux):
    log_T, log_scale = params
    T = np.exp(log_T)
    h, c, k = 6.626e-34, 3.0e8, 1.381e-23
    lam = wavelengths * 1e-9
    x = h * c / (lam * k * T)
    model = np.exp(log_scale) / lam ** 5 / np.expm1(x) * 1e-30
    return np.sum((np.log(model) - np.log(flux)) ** 2)


def transit_light_curve(params, t):
    t0, depth, width = params
    z = (t - t0) / width
    profile = np.where(np.abs(z) < 1.0, 1.0 - z ** 2, 0.0)
    limb = 1.0 - 0.3 * (1.0 - np.sqrt(np.clip(1.0 - z ** 2, 0.0, 1.0)))
    model = 1.0 - depth * profile * limb
    return np.sum((model - 0.99) ** 2)


def radial_velocity(params, t):
    K, P, e, omega = params
    M = 2 * np.pi * t / P
    E = M.copy()
    for _ in range(20):
        E = E - (E - e * np.sin(E) - M) / (1 - e * np.cos(E))
    nu = 2 * np.arctan2(np.sqrt(1 + e) * np.sin(E / 2), np.sqrt(1 - e) * np.cos(E / 2))
    return K * (np.cos(nu + omega) + e * np.cos(omega))


def lens_equation(theta_e, beta):
    # image positions of a point lens: theta = (beta +- sqrt(beta^2 + 4 theta_E^2)) / 2
    root = np.sqrt(beta ** 2 + 4 * theta_e ** 2)
    theta_plus = 0.5 * (beta + root)
    theta_minus = 0.5 * (beta - root)
    u = beta / theta_e
    magnification = (u ** 2 + 2) / (u * np.sqrt(u ** 2 + 4))
    return theta_plus - theta_minus + 0.1 * magnification


def extinction_magnitude(flux, airmass, k_ext=0.15, zp=25.0):
    m = -2.5 * np.log10(flux) + zp
    return np.mean(m - k_ext * airmass)


def leapfrog_softened(pos, vel, masses, steps=20, dt=0.01, eps=0.1):
    def accel(p):
        d = p[None, :, :] - p[:, None, :]
        r2 = np.sum(d ** 2, axis=-1) + eps ** 2
        inv = r2 ** -1.5
        np.fill_diagonal(inv, 0.0)
        return np.einsum("ij,ijk,j->ik", inv, d, masses)

    a = accel(pos)
    for _ in range(steps):
        vel = vel + 0.5 * dt * a
        pos = pos + dt * vel
        a = accel(pos)
        vel = vel + 0.5 * dt * a
    return np.sum(pos[0] ** 2) + np.sum(vel ** 2)


def nbody_triu_energy(pos, masses, eps=0.05):
    i, j = np.triu_indices(len(masses), k=1)
    r = np.sqrt(np.sum((pos[i] - pos[j]) ** 2, axis=1) + eps ** 2)
    return -np.sum(masses[i] * masses[j] / r)


def gaussian_beam_width(w0, z, wavelength=1.0e-3):
    zr = np.pi * w0 ** 2 / wavelength
    w = w0 * np.sqrt(1 + (z / zr) ** 2)
    return np.sum(w)


def slit_diffraction(width, angles, wavelength=0.5):
    beta = np.pi * width * np.sin(angles) / wavelength
    return np.sum(np.sinc(beta / np.pi) ** 2)


def sabine_reverb(absorption, areas, volume=200.0):
    A = absorption @ areas
    t60 = 0.161 * volume / A
    return (t60 - 0.6) ** 2


def doppler_line(params, wavelengths, observed, rest=656.3):
    v, sigma, amp = params
    center = rest * (1 + v / 3e5)
    profile = 1.0 - amp * np.exp(-0.5 * ((wavelengths - center) / sigma) ** 2)
    return np.sum((profile - observed) ** 2)


def phased_array(phases, angles, spacing=0.5):
    n = len(phases)
    k = 2 * np.pi
    pos = spacing * np.arange(n)
    arg = k * pos[None, :] * np.sin(angles)[:, None] + phases[None, :]
    re = np.cos(arg).sum(axis=1)
    im = np.sin(arg).sum(axis=1)
    power = (re ** 2 + im ** 2) / n ** 2
    return -np.log(power[0]) + np.sum(power[1:])


def beer_lambert_layers(mu, thickness, I0=1.0):
    optical_depth = np.cumsum(mu * thickness)
    intensity = I0 * np.exp(-optical_depth)
    absorbed = -np.diff(np.concatenate([[I0], intensity]))
    return np.sum(absorbed * np.arange(1, len(mu) + 1))
