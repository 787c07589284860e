"""``idioms17_geometry_zoo`` (quaternions, barycentric coordinates, signed distance functions
with np.minimum/np.maximum/np.linalg.norm(axis=), triangle normals and areas, the shoelace
formula, Chamfer distance, rigid transforms, Rodrigues, projections, ray-sphere hits) in every
first-order mode against central differences within their error estimate
(``idioms15_check``), and hvp for the scalar ones differentiated in one argument."""

from __future__ import annotations

import idioms17_geometry_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _ = seeded(1706)

Q4, R4 = _n(4), _n(4)
P3 = _n(5, 3)
P2 = _n(6, 2)
TRI = np.array([[0.0, 0.0], [1.0, 0.1], [0.2, 1.1]])
V = _n(4, 3)
FACES = np.array([[0, 1, 2], [0, 2, 3], [1, 3, 2]])
SQUARE = np.array([[0.0, 0.0], [1.0, 0.1], [1.1, 0.9], [0.1, 1.2]]) + _n(4, 2, scale=0.05)

CASES = [
    Case("quat_rotate_points", z.quat_rotate_points, (Q4, P3), (0, 1)),
    Case("quat_rotate_points_q", z.quat_rotate_points, (Q4, P3)),
    Case("quat_matrix_loss", z.quat_matrix_loss, (Q4, P3, _n(5, 3)), (0, 1, 2)),
    Case("quat_matrix_loss_q", z.quat_matrix_loss, (Q4, P3, _n(5, 3))),
    Case("quat_slerp", z.quat_slerp, (Q4, R4), (0, 1)),
    Case("quat_geodesic", z.quat_geodesic, (Q4, R4), (0, 1)),
    Case("batched_quat_mul", z.batched_quat_mul, (_n(3, 4), _n(3, 4)), (0, 1)),
    Case("barycentric", z.barycentric, (_n(3, 2), TRI[0], TRI[1], TRI[2]), (0, 1, 2, 3)),
    Case("barycentric_p", z.barycentric, (_n(3, 2), TRI[0], TRI[1], TRI[2])),
    Case("barycentric_solve", z.barycentric_solve, (TRI, _u(0.1, 0.6, 4, 2)), (0, 1)),
    Case("sdf_sphere_box_union", z.sdf_sphere_box_union,
         (P3, _n(3), 0.7, _u(0.3, 0.8, 3)), (0, 1, 2, 3)),
    Case("sdf_intersection_subtraction", z.sdf_intersection_subtraction, (P2, 0.8, 0.6),
         (0, 1, 2)),
    Case("smooth_min_sdf", z.smooth_min_sdf, (P3, _n(3), _n(3)), (0, 1, 2)),
    Case("smooth_min_sdf_pts", z.smooth_min_sdf, (P3, _n(3), _n(3))),
    Case("capsule_sdf", z.capsule_sdf, (P3, _n(3), _n(3)), (0, 1, 2)),
    Case("sdf_eikonal_penalty", z.sdf_eikonal_penalty, (P3, _n(3)), (0, 1)),
    Case("triangle_normals_areas", z.triangle_normals_areas, (V, FACES)),
    Case("shoelace_area", z.shoelace_area, (SQUARE,)),
    Case("polygon_perimeter_loop", z.polygon_perimeter_loop, (SQUARE,)),
    Case("point_segment_distance", z.point_segment_distance,
         (np.array([0.4, 0.9]), np.array([0.0, 0.0]), np.array([1.0, 0.2])), (0, 1, 2)),
    Case("point_segment_distance_end", z.point_segment_distance,
         (np.array([1.6, 0.9]), np.array([0.0, 0.0]), np.array([1.0, 0.2])), (0, 1, 2)),
    Case("chamfer_distance", z.chamfer_distance, (_n(4, 2), _n(3, 2)), (0, 1)),
    Case("rigid_transform_loss", z.rigid_transform_loss, (0.3, _n(2), P2, _n(6, 2)), (0, 1, 2)),
    Case("rigid_transform_loss_theta", z.rigid_transform_loss, (0.3, _n(2), P2, _n(6, 2))),
    Case("rodrigues", z.rodrigues, (_n(3), _n(3)), (0, 1)),
    Case("rodrigues_axis", z.rodrigues, (_n(3), _n(3))),
    Case("homogeneous_projection", z.homogeneous_projection,
         (np.hstack([np.eye(3), _u(2.0, 3.0, 3, 1)]) + _n(3, 4, scale=0.1), P3 * 0.3), (0, 1)),
    Case("angle_between", z.angle_between, (_n(3), _n(3)), (0, 1)),
    Case("ray_sphere_hit", z.ray_sphere_hit,
         (np.array([0.0, 0.0, -3.0]), np.array([0.1, 0.05, 1.0]), _n(3, scale=0.2)), (0, 1, 2)),
    Case("ray_sphere_miss", z.ray_sphere_hit,
         (np.array([0.0, 0.0, -3.0]), np.array([1.0, 0.05, 0.3]), _n(3, scale=0.2)), (0, 1, 2)),
    Case("cotangent_weights", z.cotangent_weights, (V[:3],)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
