'''The transformation passes, one module each, in the order :mod:`tangentish.pipeline` runs them.

:mod:`desugar` (with :mod:`desugar_loops`) → :mod:`normalize` (with :mod:`lower`, :mod:`flow`,
:mod:`inline`) → :mod:`aliases` (with :mod:`fresh`) → :mod:`activity` (with :mod:`shift`) →
:mod:`reverse` (with :mod:`adjoint_code` and :mod:`adjoint_state`) or :mod:`forward` (with
:mod:`zeros`), both with :mod:`binding`, :mod:`calls`, :mod:`shapes` and :mod:`ranks` →
:mod:`optimize` (with :mod:`substitute` and :mod:`views`) → :mod:`tape` → :mod:`recompute`,
:mod:`order` and :mod:`release` (``grad`` and ``value_and_grad``) or :mod:`split` (``vjp``) →
:mod:`generate`; :mod:`dataflow` answers every pass's questions and :mod:`derivative` is
what they build.  Each module's docstring
states what it guarantees to the next stage and shows it on a tiny function (a doctest, run by
``tests/test_doctests.py``).  The whole pipeline:

    >>> import numpy as np
    >>> import tangentish.rules  # registers the derivative rules
    >>> from tangentish.pipeline import Options, differentiate
    >>> def f(x):
    ...     return np.sum(np.sin(x) * x)
    >>> print(differentiate(f, Options()).text, end="")
    def grad_f_wrt_x(x, *, out_bar=1.0):
        """Gradient of f with respect to x (tangentish)."""
        sin_x = np.sin(x)
        out = np.sum(sin_x * x)
        out_bar = _rt.seed(out, out_bar, 'f')
        # adjoint of: return np.sum(np.sin(x) * x)  [...]
        x_bar = out_bar * sin_x
        del sin_x
        x_bar = x_bar + out_bar * x * np.cos(x)
        return x_bar
'''
