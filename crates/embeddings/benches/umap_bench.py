#!/usr/bin/env python3
"""Bench of the embeddings lab's native maths against umap-learn and scikit-learn.

`make bench` runs it. It makes (if missing) a venv in ~/.cache/bedrock-playground/bench-venv with
umap-learn and scikit-learn, builds the release `embeddings` CLI, writes the data sets to
~/.cache/bedrock-playground/bench-data, and prints a table:

- digits (sklearn, 1,797 x 64, euclidean) and 10,000 x 1024 unit vectors in 20 clusters (cosine):
  warm umap-learn time (numba warmed by a first run; no random_state, so umap-learn runs in
  parallel), our CLI's time on the same file, their ratio, and both trustworthiness scores
  (sklearn.manifold.trustworthiness, k = 15; on the 10k set, over one fixed 2,000-point sample
  for both).
- 100,000 x 1024 (generated, 50 clusters): our PCA and sklearn's PCA, our UMAP, our time to the
  first layout event (the CLI's `first-layout-seconds` line) and our peak RSS.

Times of our CLI are wall-clock for the whole process (reading the .npy and writing the result
included). Options: --skip-100k, --bin PATH (use that CLI, do not build).
"""
import argparse
import os
import subprocess
import sys
import time

HOME = os.path.expanduser("~")
CACHE = os.path.join(HOME, ".cache", "bedrock-playground")
VENV = os.path.join(CACHE, "bench-venv")
DATA = os.path.join(CACHE, "bench-data")
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(CACHE, "target"))


def ensure_venv():
    """Re-run this script inside the bench venv, creating it first if needed."""
    py = os.path.join(VENV, "bin", "python")
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    if not os.path.exists(py):
        print(f"creating {VENV} (umap-learn, scikit-learn)", flush=True)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([py, "-m", "pip", "install", "-q", "--disable-pip-version-check", "umap-learn", "scikit-learn"], check=True)
    os.execv(py, [py, os.path.abspath(__file__)] + sys.argv[1:])


def build():
    print("building the release CLI", flush=True)
    subprocess.run(
        ["cargo", "build", "--release", "-p", "embeddings", "--no-default-features", "--bin", "embeddings"],
        cwd=ROOT, check=True, env=dict(os.environ, CARGO_TARGET_DIR=TARGET),
    )
    return os.path.join(TARGET, "release", "embeddings")


def clustered(n, d, clusters, seed, noise):
    import numpy as np

    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((clusters, d)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    labels = rng.integers(0, clusters, n)
    x = centres[labels] + noise * rng.standard_normal((n, d)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x.astype(np.float32)


def run_cli(binary, args):
    """Runs our CLI; returns (seconds, stderr, peak RSS in MiB) for that process alone.

    The peak RSS comes from /usr/bin/time (a forked Python child would report the parent's
    pages); without it, from wait4, which may overstate it."""
    rss_file = os.path.join(DATA, "rss.txt")
    wrap = ["/usr/bin/time", "-f", "%M", "-o", rss_file] if os.path.exists("/usr/bin/time") else []
    start = time.perf_counter()
    p = subprocess.Popen(wrap + [binary] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"embeddings {' '.join(args)} failed:\n{err}")
    if wrap:
        with open(rss_file) as f:
            rss = float(f.read().split()[-1]) / 1024.0
    else:
        rss = usage.ru_maxrss / 1024.0
    return seconds, err, rss


def first_layout(stderr):
    for line in stderr.splitlines():
        if line.startswith("first-layout-seconds:"):
            return float(line.split()[1])
    return float("nan")


def compare(binary, name, x, metric, sample):
    import numpy as np
    import umap
    from sklearn.manifold import trustworthiness

    path = os.path.join(DATA, f"{name}.npy")
    out = os.path.join(DATA, f"{name}-ours.npy")
    np.save(path, x)
    kwargs = dict(n_neighbors=15, min_dist=0.1, metric=metric)
    umap.UMAP(**kwargs).fit_transform(x)  # warms numba
    start = time.perf_counter()
    theirs = umap.UMAP(**kwargs).fit_transform(x)
    t_theirs = time.perf_counter() - start
    t_ours, err, rss = run_cli(binary, ["project", "--method", "umap", "--input", path, "--output", out, "--metric", metric])
    ours = np.load(out)
    if sample and sample < len(x):
        idx = np.random.default_rng(0).choice(len(x), sample, replace=False)
    else:
        idx = np.arange(len(x))
    tw_theirs = trustworthiness(x[idx], theirs[idx], n_neighbors=15, metric=metric)
    tw_ours = trustworthiness(x[idx], ours[idx], n_neighbors=15, metric=metric)
    return dict(name=name, theirs=t_theirs, ours=t_ours, tw_theirs=tw_theirs, tw_ours=tw_ours,
                first=first_layout(err), rss=rss)


def main():
    ensure_venv()
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-100k", action="store_true")
    parser.add_argument("--bin")
    opts = parser.parse_args()
    binary = opts.bin or build()
    os.makedirs(DATA, exist_ok=True)

    import numpy as np
    from sklearn.datasets import load_digits
    from sklearn.decomposition import PCA
    from sklearn.manifold import trustworthiness

    rows = []
    digits = load_digits().data.astype(np.float32)
    rows.append(compare(binary, "digits", digits, "euclidean", None))
    print(rows[-1], flush=True)
    ten = clustered(10_000, 1024, 20, seed=1, noise=0.03)
    rows.append(compare(binary, "clusters-10k", ten, "cosine", 2000))
    print(rows[-1], flush=True)

    big = None
    if not opts.skip_100k:
        x = clustered(100_000, 1024, 50, seed=2, noise=0.03)
        path = os.path.join(DATA, "clusters-100k.npy")
        np.save(path, x)
        start = time.perf_counter()
        PCA(n_components=2).fit_transform(x)
        t_sk_pca = time.perf_counter() - start
        t_pca, _, rss_pca = run_cli(binary, ["project", "--method", "pca", "--input", path, "--output", os.path.join(DATA, "pca-100k.npy")])
        t_umap, err, rss_umap = run_cli(binary, ["project", "--method", "umap", "--input", path, "--output", os.path.join(DATA, "umap-100k.npy")])
        ours = np.load(os.path.join(DATA, "umap-100k.npy"))
        idx = np.random.default_rng(0).choice(len(x), 2000, replace=False)
        tw = trustworthiness(x[idx], ours[idx], n_neighbors=15, metric="cosine")
        big = dict(sk_pca=t_sk_pca, pca=t_pca, rss_pca=rss_pca, umap=t_umap, first=first_layout(err), rss=rss_umap, tw=tw)
        print(big, flush=True)

    print()
    print(f"{'data set':<22}{'umap-learn s':>13}{'ours s':>9}{'ratio':>7}{'T umap-learn':>14}{'T ours':>8}{'first layout s':>16}{'peak RSS MiB':>14}")
    for r in rows:
        print(f"{r['name']:<22}{r['theirs']:>13.2f}{r['ours']:>9.2f}{r['ours'] / r['theirs']:>7.2f}"
              f"{r['tw_theirs']:>14.4f}{r['tw_ours']:>8.4f}{r['first']:>16.2f}{r['rss']:>14.0f}")
    if big:
        print(f"{'clusters-100k UMAP':<22}{'-':>13}{big['umap']:>9.2f}{'-':>7}{'-':>14}{big['tw']:>8.4f}{big['first']:>16.2f}{big['rss']:>14.0f}")
        print(f"{'clusters-100k PCA':<22}{big['sk_pca']:>13.2f}{big['pca']:>9.2f}{big['pca'] / big['sk_pca']:>7.2f}{'(sklearn)':>14}{'':>8}{'':>16}{big['rss_pca']:>14.0f}")
    print("\nT = trustworthiness (k = 15; 10k and 100k over a fixed 2,000-point sample). Our times: whole CLI process.")


if __name__ == "__main__":
    main()
