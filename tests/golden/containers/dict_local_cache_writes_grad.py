def grad_cache_writes_wrt_x(x, *, out_bar=1.0):
    """Gradient of cache_writes with respect to x (tangentish)."""
    cache_a = x * 2
    cache_b = np.sin(x)
    out = np.sum(cache_a * cache_b)
    out_bar = _rt.seed(out, out_bar, 'cache_writes')
    # adjoint of: return np.sum(cache["a"] * cache["b"])  [test_dict_locals.py:36]
    cache_a_bar = out_bar * cache_b
    del cache_b
    cache_b_bar = out_bar * cache_a
    del cache_a
    # adjoint of: cache["b"] = np.sin(x)  [test_dict_locals.py:35]
    x_bar = cache_b_bar * np.cos(x)
    del cache_b_bar
    # adjoint of: cache["a"] = x * 2  [test_dict_locals.py:34]
    x_bar = x_bar + cache_a_bar * 2
    return x_bar
