def jvp_calls_keyword_only_wrt_x(x, *, x_dot):
    """Value and directional derivative of calls_keyword_only with respect to x (tangentish)."""
    x_pow_3 = x ** 3
    x_pow_2 = x ** 2
    x_pow_3_dot = x_dot * 3 * x_pow_2
    sum_x_pow_3 = np.sum(x_pow_3)
    sum_x_pow_3_dot = np.sum(x_pow_3_dot)
    x_pow_2_dot = x_dot * 2 * x
    sum_x_pow_2 = np.sum(x_pow_2)
    sum_x_pow_2_dot = np.sum(x_pow_2_dot)
    out = sum_x_pow_3 + sum_x_pow_2
    out_dot = sum_x_pow_3_dot + sum_x_pow_2_dot
    return out, out_dot
