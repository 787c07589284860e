def grad_gram_wrt_flat(flat, *, out_bar=1.0):
    """Gradient of gram with respect to flat (tangentish)."""
    x = np.reshape(flat, (4, 3))
    x_T = x.T
    tanh_x_at_x_T = np.tanh(x @ x_T)
    out = np.sum(tanh_x_at_x_T)
    out_bar = _rt.seed(out, out_bar, 'gram')
    # adjoint of: return np.sum(np.tanh(x @ x.T))  [zoo.py:122]
    x_at_x_T_bar = out_bar * (1.0 - tanh_x_at_x_T * tanh_x_at_x_T)
    x_bar = x_at_x_T_bar @ x_T.T
    x_bar = x_bar + np.transpose(x_T @ x_at_x_T_bar)
    # adjoint of: x = np.reshape(flat, (4, 3))  [zoo.py:121]
    flat_bar = np.reshape(x_bar, np.shape(flat))
    return flat_bar
