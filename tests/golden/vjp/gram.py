def vjp_gram_wrt_flat_forward(flat):
    """Primal of gram with respect to flat (tangentish): returns the output and what the pullback needs."""
    x = np.reshape(flat, (4, 3))
    x_T = x.T
    tanh_x_at_x_T = np.tanh(x @ x_T)
    out = np.sum(tanh_x_at_x_T)
    return out, (flat, tanh_x_at_x_T, x_T)


def vjp_gram_wrt_flat_backward(_residuals, out_bar):
    """Pullback of gram with respect to flat (tangentish): cotangent in, gradients out."""
    flat, tanh_x_at_x_T, x_T = _residuals
    # adjoint of: return np.sum(np.tanh(x @ x.T))  [zoo.py:122]
    x_at_x_T_bar = out_bar * (1.0 - tanh_x_at_x_T * tanh_x_at_x_T)
    x_bar = x_at_x_T_bar @ x_T.T
    x_bar = x_bar + np.transpose(x_T @ x_at_x_T_bar)
    # adjoint of: x = np.reshape(flat, (4, 3))  [zoo.py:121]
    flat_bar = np.reshape(x_bar, np.shape(flat))
    return flat_bar
