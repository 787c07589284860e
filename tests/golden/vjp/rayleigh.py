def vjp_rayleigh_wrt_x_a_forward(x, a):
    """Primal of rayleigh with respect to x, a (tangentish): returns the output and what the pullback needs."""
    v = np.ravel(x)
    m = np.reshape(a, (3, 3))
    m_at_v = m @ v
    v_at_v = v @ v
    out = v @ m_at_v / v_at_v
    return out, (a, m, m_at_v, out, v, v_at_v, x)


def vjp_rayleigh_wrt_x_a_backward(_residuals, out_bar):
    """Pullback of rayleigh with respect to x, a (tangentish): cotangent in, gradients out."""
    a, m, m_at_v, out, v, v_at_v, x = _residuals
    # adjoint of: return v @ (m @ v) / (v @ v)  [zoo.py:128]
    out_bar_nonzero = out_bar != 0
    v_at_m_at_v_bar = _rt.divided(out_bar_nonzero, out_bar, v_at_v)
    v_at_v_bar = _rt.divided(out_bar_nonzero, -out_bar * out, v_at_v)
    v_bar = 2 * (v_at_v_bar * v)
    v_bar = v_bar + v_at_m_at_v_bar * m_at_v
    m_at_v_bar = v_at_m_at_v_bar * v
    m_bar = np.outer(m_at_v_bar, v)
    v_bar = v_bar + m.T @ m_at_v_bar
    # adjoint of: m = np.reshape(a, (3, 3))  [zoo.py:127]
    a_bar = np.reshape(m_bar, np.shape(a))
    # adjoint of: v = np.ravel(x)  [zoo.py:126]
    x_bar = np.reshape(v_bar, np.shape(x))
    return x_bar, a_bar
