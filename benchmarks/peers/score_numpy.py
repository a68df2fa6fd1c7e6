#!/usr/bin/env python3
"""The scoring peer: every customer's 12-month value as lifetimes computes it, vectorised with numpy and scipy.

lifetimes (0.11.3) cannot be installed on the development machine (no package index for Python), but numpy and
scipy can be, and lifetimes' scoring is numpy and scipy: its customer_lifetime_value adds, month by month, the
increase of the purchase model's conditional expected purchases, times the Gamma-Gamma expected spend, discounted.
This script does the same sums with the published formulas (MBG/NBD: Batislam, Denizel and Filiztekin 2007, as
lifetimes' ModifiedBetaGeoFitter; Gamma-Gamma: Fader, Hardie and Lee 2005), one numpy array operation per step
over all customers, so its time stands for lifetimes' vectorised scoring without pandas' overhead. It must give
the total that Custintel gives for the same customers and parameters (its months are 365.25 / 12 days, as
Custintel's, where lifetimes' are 4.345 weeks).

usage: score_numpy.py CUSTOMERS.csv R ALPHA A B P Q GAMMA [EXPECTED_TOTAL] [REPETITIONS]
  (the CSV and the parameters from dev.custintel.benchmarks.ClvScorePeerInput)
"""
import sys
import time

import numpy as np
from scipy.special import hyp2f1


def main():
    path = sys.argv[1]
    r, alpha, a, b, p, q, gamma = (float(v) for v in sys.argv[2:9])
    expected_total = float(sys.argv[9]) if len(sys.argv) > 9 else None
    repetitions = int(sys.argv[10]) if len(sys.argv) > 10 else 5
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    x, t_x, age, mean_spend = data[:, 0], data[:, 1], data[:, 2], data[:, 3]
    weeks_per_month = 365.25 / 12.0 / 7.0
    times, total = [], None
    for _ in range(repetitions):
        start = time.perf_counter()
        # P(alive) of the MBG/NBD: 1 / (1 + a / (b + x) * ((alpha + T) / (alpha + t_x)) ** (r + x)).
        alive = 1.0 / (1.0 + a / (b + x) * ((alpha + age) / (alpha + t_x)) ** (r + x))

        def expected(t):
            # The conditional expected purchases in (T, T + t]: P(alive) times the expectation of one alive at T.
            z = t / (alpha + age + t)
            if_alive = (a + b + x) / (a - 1.0) * (
                1.0 - ((alpha + age) / (alpha + age + t)) ** (r + x) * hyp2f1(r + x, b + x + 1.0, a + b + x, z))
            return alive * if_alive

        # Gamma-Gamma expected spend per purchase: p (gamma + x mean) / (p x + q - 1).
        spend = p * (gamma + x * mean_spend) / (p * x + q - 1.0)
        value = np.zeros_like(x)
        previous = np.zeros_like(x)
        for month in range(1, 13):
            current = expected(month * weeks_per_month)
            value += spend * (current - previous) / 1.01 ** month
            previous = current
        total = float(value.sum())
        times.append(time.perf_counter() - start)
    times.sort()
    print("numpy %s, scipy %s: %d customers, best %.3f s, median %.3f s of %d (all: %s); total %.6f"
          % (np.__version__, __import__("scipy").__version__, len(x), times[0], times[len(times) // 2],
             len(times), " ".join("%.0f ms" % (t * 1e3) for t in times), total))
    if expected_total is not None:
        relative = abs(total - expected_total) / abs(expected_total)
        print("relative difference from Custintel's total: %.2e" % relative)
        if relative > 1e-9:
            sys.exit("the totals differ by more than 1e-9: not the same computation")


if __name__ == "__main__":
    main()
