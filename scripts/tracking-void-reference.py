#!/usr/bin/env python3
"""Reference numbers for VoidModelTests (NyquistTracking): the void recursion of tracking-models §4(c)1 computed
from first principles (atomic weights, CODATA F, cell geometry), independent of the Swift code.

V_void(n) = β·ΔV̄·N_dec(n) + η·Σ_k |ε_v|·u_k·V_CAM·(1 − φ_dead,k) − V_heal(n); φ_dead,k from the void before cycle k;
creep: V_k = V_{k-1}·e^(−a) + g_k·(1 − e^(−a))/a, a = Δt/τ. Run: python3 scripts/tracking-void-reference.py
"""
import math

F = 96485.33212
M = 6 * 6.94 + 30.974 + 5 * 32.06 + 35.45          # Li6PS5Cl, g/mol
area = math.pi * 0.65 ** 2                           # cm²
m_cam = 7.35 * area                                  # mg
v_cam = m_cam / 5.05                                 # mm³ (mg / g cm⁻³ = mm³)
surface = 6 / (5.05 * 1.25e-4) * m_cam * 1e-3       # cm²
gap_nm, theta0, eta, beta, strain = 2.0, 0.5, 0.5, 1.0, 0.014
delta_a = gap_nm * 1e-7 * theta0 * surface * 1e3     # nm→cm × cm² = cm³ → mm³ (×1e3)
dv = 163.64 - 114.55                                 # mL/mol
side = [0.01, 0.005, 0.002]                          # mAh per cycle
qdis = [1.0, 0.9, 0.8]                               # mAh, Q_ref = first
contacts = 2                                         # m_min = 1: φ = (1 − r)^N_c

def run(tau=None, hours=0.0):
    v_dec = v_br = 0.0
    dead = 0.0
    n_prev = 0.0
    total = 0.0
    generated = 0.0
    rows = []
    for k in range(3):
        total += side[k]
        n = total * 3.6 / (5 * F) * 1e6            # µmol
        g_dec = beta * (n - n_prev) * dv * 1e-3     # mm³
        n_prev = n
        live = 1 - dead
        g_br = eta * strain * qdis[k] / qdis[0] * v_cam * live
        generated += g_dec + g_br
        if tau:
            a = hours / tau
            e, gain = math.exp(-a), (1 - math.exp(-a)) / a
        else:
            e, gain = 1.0, 1.0
        v_dec = v_dec * e + g_dec * gain
        v_br = v_br * e + g_br * gain
        r = math.exp(-(v_dec + v_br) / delta_a)
        dead = (1 - r) ** contacts
        rows.append((v_dec, v_br, generated - v_dec - v_br, live, r, dead))
    return rows

for label, rows in [("no creep", run()), ("creep tau=50 h, 10 h/cycle", run(50.0, 10.0))]:
    print(label)
    for row in rows:
        print("  [" + ", ".join(f"{v:.15g}" for v in row) + "],")
print("phi_CAM", v_cam / (area * 100 * 45e-3))
