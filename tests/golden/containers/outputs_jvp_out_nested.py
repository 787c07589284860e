def jvp_out_nested_wrt_x(x, *, x_dot):
    """Value and directional derivative of out_nested with respect to x (tangentish)."""
    h = x * 3.0
    h_dot = x_dot * 3.0
    out_enc_w = h[:2]
    out_enc_w_dot = h_dot[:2]
    out_enc_b_0 = np.sum(x)
    out_enc_b_0_dot = np.sum(x_dot)
    out_enc_b_1 = None
    out_name = 'm'
    out_z_0 = x ** 3
    out_z_0_dot = x_dot * 3 * x ** 2
    out_z_1_v = 1
    out = (out_enc_w, out_enc_b_0, out_enc_b_1, out_name, out_z_0, x, out_z_1_v)
    out_dot = (out_enc_w_dot, out_enc_b_0_dot, np.zeros_like(out_enc_b_1), np.zeros_like(out_name), out_z_0_dot, x_dot, np.zeros_like(out_z_1_v))
    return out, out_dot
