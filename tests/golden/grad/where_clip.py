def grad_where_clip_wrt_x(x, *, out_bar=1.0):
    """Gradient of where_clip with respect to x (tangentish)."""
    _t1 = x > 0
    y = np.where(_t1, x, 0.1 * x)
    clip_y = np.clip(y, -1.0, 1.0)
    out = np.sum(clip_y)
    out_bar = _rt.seed(out, out_bar, 'where_clip')
    # adjoint of: return np.sum(np.clip(y, -1.0, 1.0))  [zoo.py:96]
    clip_y_bar = _rt.unreduce(out_bar, clip_y, view=True)
    y_bar = _rt.chosen(clip_y_bar, (y >= -1.0) & (y <= 1.0))
    # adjoint of: y = np.where(x > 0, x, 0.1 * x)  [zoo.py:95]
    x_bar = np.where(_t1, y_bar, 0.0)
    x_bar = x_bar + np.where(_t1, 0.0, y_bar) * 0.1
    return x_bar
