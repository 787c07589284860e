def jvp_gram_wrt_flat(flat, *, flat_dot):
    """Value and directional derivative of gram with respect to flat (tangentish)."""
    x = np.reshape(flat, (4, 3))
    x_dot = np.reshape(flat_dot, (4, 3))
    x_T = x.T
    x_T_dot = np.transpose(x_dot)
    x_at_x_T = x @ x_T
    x_at_x_T_dot = x_dot @ x_T + x @ x_T_dot
    tanh_x_at_x_T = np.tanh(x_at_x_T)
    tanh_x_at_x_T_dot = x_at_x_T_dot * (1.0 - tanh_x_at_x_T * tanh_x_at_x_T)
    out = np.sum(tanh_x_at_x_T)
    out_dot = np.sum(tanh_x_at_x_T_dot)
    return out, out_dot
