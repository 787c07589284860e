"""Geometry as outside code writes it (re-imagined, none copied): quaternion products, rotations,
normalisation, slerp and the quaternion-to-matrix formula; barycentric coordinates of points in a
triangle; signed distance functions of spheres, boxes, capsules and their unions, intersections
and smooth minimum with ``np.minimum``/``np.maximum``/``np.linalg.norm(axis=)``; triangle areas
and normals by ``np.cross``, polygon area by the shoelace formula, point-to-segment distance,
Chamfer distance, rigid transforms and a Rodrigues rotation.
``tests/test_idioms17_geometry.py`` differentiates each in every mode."""

import numpy as np


def quat_mul(q, r):
    w0, x0, y0, z0 = q
    w1, x1, y1, z1 = r
    return np.array([
        w0 * w1 - x0 * x1 - y0 * y1 - z0 * z1,
        w0 * x1 + x0 * w1 + y0 * z1 - z0 * y1,
        w0 * y1 - x0 * z1 + y0 * w1 + z0 * x1,
        w0 * z1 + x0 * y1 - y0 * x1 + z0 * w1,
    ])


def quat_rotate_points(q, pts):
    q = q / np.linalg.norm(q)
    conj = q * np.array([1.0, -1.0, -1.0, -1.0])
    out = []
    for p in pts:
        v = np.concatenate([[0.0], p])
        out.append(quat_mul(quat_mul(q, v), conj)[1:])
    return np.sum(np.array(out) * pts)


def quat_to_matrix(q):
    w, x, y, z = q / np.sqrt(np.sum(q ** 2))
    return np.array([
        [1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
        [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
        [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)],
    ])


def quat_matrix_loss(q, pts, target):
    R = quat_to_matrix(q)
    return np.mean(np.sum((pts @ R.T - target) ** 2, axis=1))


def quat_slerp(q0, q1, t=0.3):
    q0 = q0 / np.linalg.norm(q0)
    q1 = q1 / np.linalg.norm(q1)
    dot = np.clip(np.dot(q0, q1), -1.0, 1.0)
    if dot < 0.0:
        q1, dot = -q1, -dot
    theta = np.arccos(dot)
    s = np.sin(theta)
    res = np.sin((1 - t) * theta) / s * q0 + np.sin(t * theta) / s * q1
    return res[0] + 2 * res[1] - res[3] ** 2


def quat_geodesic(q, r):
    d = np.abs(np.sum(q * r)) / (np.linalg.norm(q) * np.linalg.norm(r))
    return 2 * np.arccos(np.minimum(d, 1.0 - 1e-9))


def batched_quat_mul(Q, R):
    w0, v0 = Q[:, :1], Q[:, 1:]
    w1, v1 = R[:, :1], R[:, 1:]
    w = w0 * w1 - np.sum(v0 * v1, axis=1, keepdims=True)
    v = w0 * v1 + w1 * v0 + np.cross(v0, v1)
    return np.sum(np.hstack([w, v]) ** 2 * np.arange(1, 5))


def barycentric(P, a, b, c):
    # many points at once: the 2x2 system per point by Cramer's rule, dots by einsum
    v0, v1 = b - a, c - a
    v2 = P - a
    d00, d01, d11 = v0.dot(v0), v0.dot(v1), v1.dot(v1)
    d20, d21 = np.einsum("ij,j->i", v2, v0), np.einsum("ij,j->i", v2, v1)
    inv = 1.0 / (d00 * d11 - d01 ** 2)
    bary = np.stack([(d11 * d20 - d01 * d21) * inv, (d00 * d21 - d01 * d20) * inv], axis=1)
    bary = np.column_stack([1.0 - bary.sum(1), bary])
    return np.sum(bary @ np.array([1.0, 2.0, 3.0]) + bary[:, 0] * bary[:, 1])


def barycentric_solve(tri, pts):
    T = np.vstack([tri.T, np.ones(3)])
    P = np.vstack([pts.T, np.ones(len(pts))])
    lam = np.linalg.solve(T, P)
    return np.sum(np.maximum(lam, 0.0) ** 2)


def sdf_sphere_box_union(pts, center, radius, half):
    d_sphere = np.linalg.norm(pts - center, axis=1) - radius
    q = np.abs(pts) - half
    d_box = np.linalg.norm(np.maximum(q, 0.0), axis=1) + np.minimum(np.max(q, axis=1), 0.0)
    return np.sum(np.minimum(d_sphere, d_box) ** 2)


def sdf_intersection_subtraction(pts, r1, r2):
    a = np.linalg.norm(pts, axis=-1) - r1
    b = np.linalg.norm(pts - np.array([0.5, 0.0]), axis=-1) - r2
    inter = np.maximum(a, b)
    sub = np.maximum(a, -b)
    return np.sum(inter * sub)


def smooth_min_sdf(pts, c1, c2, k=0.3):
    a = np.linalg.norm(pts - c1, axis=1) - 0.5
    b = np.linalg.norm(pts - c2, axis=1) - 0.4
    h = np.clip(0.5 + 0.5 * (b - a) / k, 0.0, 1.0)
    d = b * (1 - h) + a * h - k * h * (1 - h)
    return np.sum(np.exp(-d ** 2))


def capsule_sdf(p, a, b, r=0.2):
    pa, ba = p - a, b - a
    h = np.clip(np.sum(pa * ba, axis=1) / np.dot(ba, ba), 0.0, 1.0)
    return np.sum(np.linalg.norm(pa - h[:, None] * ba, axis=1) - r)


def sdf_eikonal_penalty(pts, center):
    d = pts - center
    n = np.linalg.norm(d, axis=1, keepdims=True)
    grad = d / n
    return np.mean((np.linalg.norm(grad, axis=1) - 1.0) ** 2) + np.mean(n)


def triangle_normals_areas(V, faces):
    a, b, c = V[faces[:, 0]], V[faces[:, 1]], V[faces[:, 2]]
    n = np.cross(b - a, c - a)
    area = 0.5 * np.linalg.norm(n, axis=1)
    unit = n / (2 * area[:, None])
    return np.sum(area) + np.sum(unit[:, 2] ** 2)


def shoelace_area(poly):
    x, y = poly[:, 0], poly[:, 1]
    return 0.5 * np.abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def polygon_perimeter_loop(poly):
    total = 0.0
    n = len(poly)
    for i in range(n):
        j = (i + 1) % n
        total += np.hypot(*(poly[j] - poly[i]))
    return total


def point_segment_distance(p, a, b):
    ab = b - a
    t = np.dot(p - a, ab) / np.dot(ab, ab)
    t = min(max(t, 0.0), 1.0)
    closest = a + t * ab
    return np.linalg.norm(p - closest)


def chamfer_distance(A, B):
    d2 = np.sum((A[:, None, :] - B[None, :, :]) ** 2, axis=-1)
    return d2.min(axis=1).mean() + d2.min(axis=0).mean()


def rigid_transform_loss(theta, t, pts, target):
    c, s = np.cos(theta), np.sin(theta)
    R = np.array([[c, -s], [s, c]])
    moved = pts @ R.T + t
    return np.sum((moved - target) ** 2)


def rodrigues(axis_angle, v):
    theta = np.linalg.norm(axis_angle)
    k = axis_angle / theta
    return np.sum(v * np.cos(theta) + np.cross(k, v) * np.sin(theta)
                  + k * np.dot(k, v) * (1 - np.cos(theta)))


def homogeneous_projection(P, X):
    Xh = np.hstack([X, np.ones((X.shape[0], 1))])
    x = Xh @ P.T
    uv = x[:, :2] / x[:, 2:3]
    return np.sum(uv ** 2)


def angle_between(u, v):
    cosang = np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v))
    return np.arctan2(np.linalg.norm(np.cross(u, v)), np.dot(u, v)) + cosang


def ray_sphere_hit(origin, direction, center, radius=1.0):
    d = direction / np.linalg.norm(direction)
    oc = origin - center
    b = np.dot(oc, d)
    c = np.dot(oc, oc) - radius ** 2
    disc = b * b - c
    if disc < 0:
        return 0.0
    return -b - np.sqrt(disc)


def cotangent_weights(V):
    # one triangle's cotangent Laplacian energy
    e0, e1, e2 = V[1] - V[0], V[2] - V[1], V[0] - V[2]
    cot = lambda u, w: np.dot(u, w) / np.linalg.norm(np.cross(u, w))  # noqa: E731
    return cot(-e2, e0) * e1 @ e1 + cot(-e0, e1) * e2 @ e2 + cot(-e1, e2) * e0 @ e0
