def jvp_method_chain_wrt_x(x, *, x_dot):
    """Value and directional derivative of method_chain with respect to x (tangentish)."""
    reshape_x = x.reshape(2, 3)
    reshape_x_dot = np.reshape(x_dot, (2, 3))
    reshape_x_T = reshape_x.T
    reshape_x_T_dot = np.transpose(reshape_x_dot)
    out = reshape_x_T.sum()
    out_dot = np.sum(reshape_x_T_dot)
    return out, out_dot
