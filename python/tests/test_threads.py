"""Fits from 4 threads at once (ctypes releases the GIL; the library holds no global state) give exactly the numbers
of the same fits run one after another."""
import json
from concurrent.futures import ThreadPoolExecutor

import numpy as np

import nyquist


def strip_time(result):
    d = result.to_dict()
    d["convergence"].pop("seconds")
    return json.dumps(d, sort_keys=True)


def test_four_threads_give_identical_results():
    f = np.logspace(6, -2, 161)
    jobs = []
    for k in range(8):
        truth = {"R1": 20 + k, "R2": 30.0, "Q2": 5e-8, "n2": 0.9, "R3": 150 + 20 * k, "Q3": 2e-5, "n3": 0.8}
        z = nyquist.simulate("R1-p(R2,CPE2)-p(R3,CPE3)", truth, f, noise=0.005, seed=k + 1)
        jobs.append((f, z, "randomize-simplex" if k % 2 else "lm"))

    def run(job):
        f, z, method = job
        return strip_time(nyquist.fit(f, z, "assb-cathode", method=method, seed=7))

    sequential = [run(j) for j in jobs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(3):
            assert list(pool.map(run, jobs)) == sequential
