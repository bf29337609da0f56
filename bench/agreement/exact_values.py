"""Exact (rational) values of the bench's statistics, so a difference between Concord and a peer
can be pinned on the side that rounds. Every statistic here is a ratio of integer sums over the
ratings; they are summed as integers and combined with ``fractions.Fraction``, then rounded once.
Needs numpy and pandas (both come with python3-statsmodels). Used by peers.py.
"""

from fractions import Fraction

import numpy as np
import pandas as pd


def _long(path):
    frame = pd.read_csv(path, dtype={"item": str, "annotator": str})
    return frame[frame["label"].notna()]


def _weights(kind, k):
    """Cohen's agreement weights over k ordered levels, as Fractions (as sklearn and Concord)."""
    if kind is None or k == 1:
        return [[Fraction(int(i == j)) for j in range(k)] for i in range(k)]
    if kind == "linear":
        return [[1 - Fraction(abs(i - j), k - 1) for j in range(k)] for i in range(k)]
    return [[1 - Fraction((i - j) ** 2, (k - 1) ** 2) for j in range(k)] for i in range(k)]


def _cohen(x, y, weights=None):
    """Cohen's kappa of two aligned integer label arrays, weights over the levels either used."""
    levels = np.union1d(np.unique(x), np.unique(y))
    k = len(levels)
    xi = np.searchsorted(levels, x)
    yi = np.searchsorted(levels, y)
    table = np.bincount(xi * k + yi, minlength=k * k).reshape(k, k)
    n = int(table.sum())
    rows = [int(v) for v in table.sum(1)]
    cols = [int(v) for v in table.sum(0)]
    w = _weights(weights, k)
    observed = sum(w[i][j] * int(table[i, j]) for i in range(k) for j in range(k)) / n
    expected = sum(w[i][j] * rows[i] * cols[j] for i in range(k) for j in range(k)) / (n * n)
    return (observed - expected) / (1 - expected), observed, expected


def _fleiss(counts):
    """Fleiss' kappa from an items x levels count table with the same number of ratings per item."""
    per_item = counts.sum(1)
    m = int(per_item[0])
    if not (per_item == m).all():
        return None
    items = counts.shape[0]
    agreeing = int((counts * (counts - 1)).sum())
    p_bar = Fraction(agreeing, items * m * (m - 1))
    totals = counts.sum(0)
    p_e = sum(Fraction(int(t), items * m) ** 2 for t in totals)
    return (p_bar - p_e) / (1 - p_e)


def _alpha_nominal(counts):
    """Krippendorff's alpha (nominal) from an items x levels count table; m_u < 2 items drop out."""
    per_item = counts.sum(1)
    counts = counts[per_item >= 2]
    per_item = per_item[per_item >= 2]
    n = int(per_item.sum())
    same = Fraction(0)
    for m in np.unique(per_item):
        block = counts[per_item == m]
        same += Fraction(int((block * (block - 1)).sum()), int(m) - 1)
    marginals = counts.sum(0)
    expected = n * n - sum(int(v) ** 2 for v in marginals)
    return 1 - Fraction(n - 1) * (n - same) / expected


def _counts(frame):
    return frame.groupby(["item", "label"]).size().unstack(fill_value=0).to_numpy(dtype=np.int64)


def exact_values(complete, missing, nltk_complete, pair):
    """Exact values keyed by the bench's comparison ids (floats, correctly rounded)."""
    out = {}
    frame = _long(complete)
    wide = frame.pivot(index="item", columns="annotator", values="label")
    x = wide[pair[0]].to_numpy(dtype=np.int64)
    y = wide[pair[1]].to_numpy(dtype=np.int64)
    for weights in (None, "linear", "quadratic"):
        out[f"cohen-{weights or 'unweighted'}"] = float(_cohen(x, y, weights)[0])
    fleiss = _fleiss(_counts(frame))
    out["fleiss"] = None if fleiss is None else float(fleiss)
    del frame, wide

    out["nltk-alpha"] = float(_alpha_nominal(_counts(_long(missing))))

    frame = _long(nltk_complete)
    wide = frame.pivot(index="item", columns="annotator", values="label").to_numpy(dtype=np.int64)
    kappas, observed, expected = [], [], []
    for a in range(wide.shape[1]):
        for b in range(a + 1, wide.shape[1]):
            kappa, po, pe = _cohen(wide[:, a], wide[:, b])
            kappas.append(kappa)
            observed.append(po)
            expected.append(pe)
    out["nltk-kappa"] = float(sum(kappas) / len(kappas))
    mean_observed = sum(observed) / len(observed)
    mean_expected = sum(expected) / len(expected)
    out["nltk-multi-kappa"] = float((mean_observed - mean_expected) / (1 - mean_expected))
    pi = _fleiss(_counts(frame))
    out["nltk-pi"] = None if pi is None else float(pi)
    return out
