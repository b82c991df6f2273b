import Numerics

/// Relative difference |a − b| / max(|a|, |b|, floor), the measure every numeric test in the suite uses.
public func relativeDifference(_ a: Double, _ b: Double, floor: Double = 1e-300) -> Double {
    abs(a - b) / max(abs(a), abs(b), floor)
}

/// Relative difference of two complex numbers: |a − b| / max(|a|, |b|, floor).
public func relativeDifference(_ a: Complex<Double>, _ b: Complex<Double>, floor: Double = 1e-300) -> Double {
    (a - b).length / max(a.length, b.length, floor)
}

/// True when `a` and `b` agree to `tolerance` relative (see ``relativeDifference(_:_:floor:)``).
public func isClose(_ a: Complex<Double>, _ b: Complex<Double>, tolerance: Double) -> Bool {
    relativeDifference(a, b) <= tolerance
}
