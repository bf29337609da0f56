#!/usr/bin/python3
"""Peer side of bench/agreement: the established Python implementations on the same files.

Spawned by run.mjs (``/usr/bin/python3 bench/agreement/peers.py --spec JSON``); prints one JSON
document on stdout and progress on stderr. Each measurement starts from the tool's own native
structure, built from the long CSV the way a user of that tool would:

* scikit-learn, statsmodels: ``pandas.read_csv`` then ``pivot`` to a wide items x annotators
  table; scikit-learn takes two of its columns, statsmodels counts it with ``aggregate_raters``.
* NLTK: ``csv.reader`` rows as ``(coder, item, label)`` triples loaded into an ``AnnotationTask``.

"compute" is the statistic on data already in that structure (median of the repeats; NLTK once);
"read" is file to structure; run.mjs adds the two (with the first compute) for end-to-end.
"""

import argparse
import csv
import json
import platform
import resource
import statistics
import sys
import time


# Wall and CPU seconds of each read, by reader and file (CPU time is less sensitive to other load).
READS = []


def log(message):
    print(f"  [peers] {message}", file=sys.stderr, flush=True)


def timed(compute, repeats):
    """The value, the first call's seconds and the median seconds over `repeats` calls."""
    times = []
    value = None
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        value = compute()
        times.append(time.perf_counter() - start)
    return value, times[0], statistics.median(times)


def read_wide(path):
    """Long CSV to a wide items x annotators frame of integer labels (NaN where missing)."""
    import pandas as pd

    start, cpu = time.perf_counter(), time.process_time()
    frame = pd.read_csv(path, dtype={"item": str, "annotator": str})
    wide = frame.pivot(index="item", columns="annotator", values="label")
    wall = time.perf_counter() - start
    READS.append({"reader": "pandas", "file": path, "s": wall, "cpu_s": time.process_time() - cpu})
    return wide, wall


def read_task(path):
    """Long CSV to an NLTK AnnotationTask (default distance: binary_distance, i.e. nominal)."""
    from nltk.metrics.agreement import AnnotationTask

    start, cpu = time.perf_counter(), time.process_time()
    with open(path, newline="") as handle:
        rows = csv.reader(handle)
        header = [name.strip().lower() for name in next(rows)]
        i, a, l = header.index("item"), header.index("annotator"), header.index("label")
        data = [(row[a], row[i], row[l]) for row in rows if row[l] != ""]
    task = AnnotationTask(data)
    wall = time.perf_counter() - start
    READS.append({"reader": "nltk", "file": path, "s": wall, "cpu_s": time.process_time() - cpu})
    return task, len(task.I), wall


def run_sklearn(spec, results):
    import numpy as np
    from sklearn.metrics import cohen_kappa_score

    path = spec["complete"]
    wide, read_s = read_wide(path)
    first, second = spec["pair"]
    y1 = wide[first].to_numpy()
    y2 = wide[second].to_numpy()
    if np.isnan(y1).any() or np.isnan(y2).any():
        raise SystemExit(f"{path}: cohen_kappa_score needs complete data for {first} and {second}")
    y1 = y1.astype(np.int64)
    y2 = y2.astype(np.int64)
    for weights in (None, "linear", "quadratic"):
        value, first_s, compute_s = timed(
            lambda: cohen_kappa_score(y1, y2, weights=weights), spec["repeats"]
        )
        results.append(
            {
                "id": f"cohen-{weights or 'unweighted'}",
                "file": path,
                "items": int(len(wide)),
                "value": float(value),
                "read_s": read_s,
                "first_s": first_s,
                "compute_s": compute_s,
            }
        )
        log(f"scikit-learn cohen_kappa_score weights={weights}: {value!r} in {compute_s:.3f} s")
    return wide, read_s


def run_statsmodels(spec, results, wide=None, read_s=None):
    import numpy as np
    from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

    path = spec["complete"]
    if wide is None:
        wide, read_s = read_wide(path)
    ratings = wide.to_numpy()
    if np.isnan(ratings).any():
        raise SystemExit(f"{path}: fleiss_kappa needs every item rated by every annotator")
    ratings = ratings.astype(np.int64)
    value, first_s, compute_s = timed(
        lambda: fleiss_kappa(aggregate_raters(ratings)[0]), spec["repeats"]
    )
    counts = aggregate_raters(ratings)[0]
    _, _, table_only_s = timed(lambda: fleiss_kappa(counts), spec["repeats"])
    results.append(
        {
            "id": "fleiss",
            "file": path,
            "items": int(len(wide)),
            "value": float(value),
            "read_s": read_s,
            "first_s": first_s,
            "compute_s": compute_s,
            "table_only_s": table_only_s,
        }
    )
    log(f"statsmodels fleiss_kappa: {value!r} in {compute_s:.3f} s")


def run_nltk(spec, results):
    task, items, read_s = read_task(spec["nltk_alpha"])
    log(f"NLTK AnnotationTask of {len(task.data)} ratings built in {read_s:.1f} s; alpha ...")
    value, first_s, _ = timed(task.alpha, 1)
    results.append(
        {
            "id": "nltk-alpha",
            "file": spec["nltk_alpha"],
            "items": items,
            "value": float(value),
            "read_s": read_s,
            "first_s": first_s,
            "compute_s": first_s,
        }
    )
    log(f"NLTK alpha: {value!r} in {first_s:.1f} s")
    del task

    task, items, read_s = read_task(spec["nltk_complete"])
    log(f"NLTK AnnotationTask of {len(task.data)} ratings built in {read_s:.1f} s")
    for name in ("kappa", "multi_kappa", "pi"):
        value, first_s, _ = timed(getattr(task, name), 1)
        results.append(
            {
                "id": f"nltk-{name.replace('_', '-')}",
                "file": spec["nltk_complete"],
                "items": items,
                "value": float(value),
                "read_s": read_s,
                "first_s": first_s,
                "compute_s": first_s,
            }
        )
        log(f"NLTK {name}: {value!r} in {first_s:.1f} s")


def run_exact(spec):
    """Exact rational values (see exact_values.py); None when pandas is not installed."""
    try:
        from exact_values import exact_values
    except ImportError as error:
        log(f"no exact values ({error})")
        return None
    start = time.perf_counter()
    values = exact_values(spec["complete"], spec["nltk_alpha"], spec["nltk_complete"], spec["pair"])
    log(f"exact rational values computed in {time.perf_counter() - start:.1f} s")
    return values


def versions(peers):
    found = {"python": platform.python_version()}
    for module in ("numpy", "pandas", "scipy", *peers):
        try:
            found[module] = __import__(module).__version__
        except ImportError:
            found[module] = None
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", required=True, help="JSON: files, pair, repeats, peers")
    spec = json.loads(parser.parse_args().spec)
    peers = spec["peers"]
    results = []
    wide = read_s = None
    if "sklearn" in peers:
        wide, read_s = run_sklearn(spec, results)
    if "statsmodels" in peers:
        run_statsmodels(spec, results, wide, read_s)
    del wide
    if "nltk" in peers:
        run_nltk(spec, results)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    exact = run_exact(spec)
    document = {
        "versions": versions(peers),
        "peak_rss_mb": peak_mb,
        "results": results,
        "reads": READS,
    }
    json.dump({**document, "exact": exact}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
