def jvp_relu_norm_wrt_x(x, *, x_dot):
    """Value and directional derivative of relu_norm with respect to x (tangentish)."""
    h = np.maximum(x, 0.0)
    pick_first_rt = _rt.pick_first(x, 0.0)
    h_dot = _rt.chosen(x_dot, pick_first_rt)
    h_times_h = h * h
    h_times_h_dot = 2 * (h_dot * h)
    sum_h_times_h = np.sum(h_times_h)
    sum_h_times_h_dot = np.sum(h_times_h_dot)
    out = np.sqrt(sum_h_times_h)
    out_dot = _rt.divided(np.any(pick_first_rt != 0), sum_h_times_h_dot, 2.0 * out)
    return out, out_dot
