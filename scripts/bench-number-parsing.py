#!/usr/bin/env python3
"""Issue 17 point 2: read speed of 17- vs 11-significant-digit CSV files (1 000 spectra x 161 points, f, Z', -Z'').
Writes /tmp/nyquist-numbers-{11,17}.csv and times `nyquist info FILE` (process start included), best of 7.
Usage, from the repository root: swift build -c release && python3 scripts/bench-number-parsing.py [NYQUIST]"""
import math, random, subprocess, sys, time

exe = sys.argv[1] if len(sys.argv) > 1 else ".build/release/nyquist"
random.seed(17)
for digits in (11, 17):
    with open(f"/tmp/nyquist-numbers-{digits}.csv", "w") as f:
        f.write("freq/Hz,Re(Z)/Ohm,-Im(Z)/Ohm\n")
        for s in range(1000):
            R0, R1, C = 10 * random.uniform(0.5, 2), 100 * random.uniform(0.5, 2), 1e-5 * random.uniform(0.5, 2)
            for k in range(161):
                fr = 10 ** (6 - 8 * k / 160)
                z = R0 + R1 / (1 + 1j * 2 * math.pi * fr * R1 * C)
                f.write(f"{fr:.{digits}g},{z.real:.{digits}g},{-z.imag:.{digits}g}\n")
best = {}
for digits in (11, 17):
    best[digits] = 1e9
    for _ in range(7):
        t = time.perf_counter()
        subprocess.run([exe, "info", f"/tmp/nyquist-numbers-{digits}.csv"], stdout=subprocess.DEVNULL, check=True)
        best[digits] = min(best[digits], time.perf_counter() - t)
    print(f"{digits} significant digits: best of 7 {best[digits] * 1000:.1f} ms")
print(f"ratio 17/11: {best[17] / best[11]:.2f}")
