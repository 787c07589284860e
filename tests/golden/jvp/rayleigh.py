def jvp_rayleigh_wrt_x_a(x, a, *, x_dot, a_dot):
    """Value and directional derivative of rayleigh with respect to x, a (tangentish)."""
    v = np.ravel(x)
    v_dot = np.ravel(x_dot)
    m = np.reshape(a, (3, 3))
    m_dot = np.reshape(a_dot, (3, 3))
    m_at_v = m @ v
    m_at_v_dot = m_dot @ v + m @ v_dot
    v_at_m_at_v = v @ m_at_v
    v_at_m_at_v_dot = v_dot @ m_at_v + v @ m_at_v_dot
    v_at_v = v @ v
    v_at_v_dot = v_dot @ v + v @ v_dot
    out = v_at_m_at_v / v_at_v
    out_dot = (v_at_m_at_v_dot - v_at_v_dot * out) / v_at_v
    return out, out_dot
