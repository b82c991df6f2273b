import Numerics

/// Converters between Nyquist's parameterisations and those of other programs.
///
/// Nyquist's forms (s = jω): CPE `Z = 1/(Q sⁿ)`, Warburg `Z = σ(1−j)/√ω`, ZARC `Z = R/(1 + (τ s)ⁿ)`.
public enum ElementConversions {
    // MARK: CPE

    /// ZView's CPE `Z = 1/(T (jω)^P)`: T = Q (F·s^(n−1)), P = n. The same numbers under other names.
    public static func zviewCPE(q: Double, n: Double) -> (t: Double, p: Double) { (q, n) }

    /// impedancefitter's CPE `Z = k (jω)^(−α)`: k = 1/Q (Ω·s^(−n)), α = n.
    public static func impedancefitterK(q: Double) -> Double { 1 / q }

    /// Q (F·s^(n−1)) from impedancefitter's k (Ω·s^(−n)): Q = 1/k.
    public static func cpeQ(impedancefitterK k: Double) -> Double { 1 / k }

    // MARK: Warburg

    /// The Warburg coefficient A_W of impedance.py and EC-Lab equals σ (Ω·s^(−½)): `Z = A_W(1−j)/√ω`.
    public static func warburgAW(sigma: Double) -> Double { sigma }

    /// pyimpspec's W is a CPE with n = ½: `Z = 1/(Y √(jω))`, so Y = 1/(σ√2) (S·s^½).
    public static func pyimpspecWarburgY(sigma: Double) -> Double { 1 / (sigma * 2.0.squareRoot()) }

    /// σ (Ω·s^(−½)) from pyimpspec's Y (S·s^½): σ = 1/(Y√2).
    public static func warburgSigma(pyimpspecY y: Double) -> Double { 1 / (y * 2.0.squareRoot()) }

    /// EquivalentCircuits.jl's W `Z = A ω^(−½) e^(−jπ/4)` has A = σ√2.
    public static func equivalentCircuitsJLWarburgA(sigma: Double) -> Double { sigma * 2.0.squareRoot() }

    // MARK: ZARC ↔ R‖Q

    /// The CPE of the R‖Q equivalent to a ZARC: Q = τⁿ/R (F·s^(n−1)).
    public static func zarcQ(r: Double, tau: Double, n: Double) -> Double { Double.pow(tau, n) / r }

    /// The ZARC time constant of R‖Q: τ = (R Q)^(1/n) (s); its apex frequency is f = 1/(2πτ) Hz.
    public static func zarcTau(r: Double, q: Double, n: Double) -> Double { Double.pow(r * q, 1 / n) }

    // MARK: Effective capacitance

    /// Effective capacitance (F) of an R‖Q arc by Hsu & Mansfeld (2001): C = Q (ω_max)^(n−1) with
    /// ω_max = (R Q)^(−1/n), i.e. C = Q^(1/n) R^((1−n)/n).
    public static func effectiveCapacitanceHsuMansfeld(r: Double, q: Double, n: Double) -> Double {
        Double.pow(q, 1 / n) * Double.pow(r, (1 - n) / n)
    }

    /// Effective capacitance (F) of a surface-distributed CPE by Brug et al. (1984), with series resistance R_s and
    /// parallel resistance R (Ω): C = Q^(1/n) (1/R_s + 1/R)^((n−1)/n). Pass R = ∞ for a blocking electrode.
    public static func effectiveCapacitanceBrug(q: Double, n: Double, seriesResistance rs: Double,
                                                parallelResistance r: Double = .infinity) -> Double {
        Double.pow(q, 1 / n) * Double.pow(1 / rs + 1 / r, (n - 1) / n)
    }
}
