"""``idioms17_image_zoo`` (convolution by slicing loops, np.pad modes, pooling by reshape,
bilinear sampling and resizing, Sobel, total variation, separable blur, upsampling, im2col,
sliding windows, a tiny CNN) in every first-order mode against central differences within their
error estimate (``idioms15_check``), and hvp for the scalar ones differentiated in one
argument."""

from __future__ import annotations

import idioms17_image_zoo as z
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _ = seeded(1702)

IMG = _n(5, 6)
IMG4 = _n(4, 4)
K3 = _n(3, 3, scale=0.5)

CASES = [
    Case("conv2d_strided_bias", z.conv2d_strided_bias, (IMG, K3, 0.3), (0, 1, 2)),
    Case("conv2d_shift_sum", z.conv2d_shift_sum, (IMG, K3), (0, 1)),
    Case("conv2d_shift_sum_img", z.conv2d_shift_sum, (IMG, K3)),
    Case("conv2d_same_padded", z.conv2d_same_padded, (IMG4, K3), (0, 1)),
    Case("pad_modes", z.pad_modes, (IMG4,)),
    Case("max_pool_reshape", z.max_pool_reshape, (IMG4,)),
    Case("avg_pool_reshape_batch", z.avg_pool_reshape_batch, (_n(2, 2, 4, 4),)),
    Case("max_pool_loops", z.max_pool_loops, (IMG4,)),
    Case("global_avg_pool", z.global_avg_pool, (_n(2, 3, 3, 3), _n(3, 2)), (0, 1)),
    Case("bilinear_sample", z.bilinear_sample,
         (IMG, _u(0.1, 4.9, 4), _u(0.1, 3.9, 4)), (0, 1, 2)),
    Case("bilinear_sample_xs", z.bilinear_sample, (IMG, _u(0.1, 4.9, 4), _u(0.1, 3.9, 4)), 1),
    Case("bilinear_resize", z.bilinear_resize, (IMG4,)),
    Case("sobel_edges", z.sobel_edges, (IMG,)),
    Case("total_variation", z.total_variation, (IMG,)),
    Case("anisotropic_tv_denoise", z.anisotropic_tv_denoise, (IMG4, _n(4, 4)), (0, 1)),
    Case("separable_gaussian", z.separable_gaussian, (IMG, 0.9), (0, 1)),
    Case("separable_gaussian_sigma", z.separable_gaussian, (IMG, 0.9), 1),
    Case("upsample_repeat", z.upsample_repeat, (_n(2, 3), _n(4, 6)), (0, 1)),
    Case("upsample_kron", z.upsample_kron, (_n(2, 3),)),
    Case("im2col_conv", z.im2col_conv, (IMG4, K3), (0, 1)),
    Case("stride_tricks_windows", z.stride_tricks_windows, (IMG4, K3), (0, 1)),
    Case("tiny_cnn", z.tiny_cnn, (IMG, _n(2, 2), _n(4, 3)), (0, 1, 2)),
    Case("tiny_cnn_kernel", z.tiny_cnn, (IMG, _n(2, 2), _n(4, 3)), 1),
    Case("multichannel_conv", z.multichannel_conv, (_n(2, 4, 4), _n(2, 2, 3, 3), _n(2)),
         (0, 1, 2)),
    Case("gamma_and_gray", z.gamma_and_gray, (_u(0.05, 0.95, 3, 3),)),
    Case("normalise_channels", z.normalise_channels,
         (_n(3, 2, 2), _n(3), _u(0.5, 1.5, 3)), (0, 1, 2)),
    Case("laplacian_of_image", z.laplacian_of_image, (IMG,)),
    Case("ssim_like", z.ssim_like, (IMG4, _n(4, 4)), (0, 1)),
    Case("flip_rotate_augment", z.flip_rotate_augment, (IMG4,)),
    Case("softargmax_2d", z.softargmax_2d, (IMG,)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
