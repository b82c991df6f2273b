import Foundation

/// |a − b| ≤ tolerance·max(1, |b|).
func isClose(_ a: Double, _ b: Double, tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
}

/// The Rosenbrock problem as two residuals: f = (10(x₂ − x₁²), 1 − x₁); minimum f = 0 at (1, 1).
enum Rosenbrock {
    static func residuals(_ x: UnsafeBufferPointer<Double>, _ f: UnsafeMutableBufferPointer<Double>) -> Bool {
        f[0] = 10 * (x[1] - x[0] * x[0])
        f[1] = 1 - x[0]
        return true
    }

    static func jacobian(_ x: UnsafeBufferPointer<Double>, _ j: UnsafeMutableBufferPointer<Double>) -> Bool {
        j[0] = -20 * x[0]; j[1] = 10
        j[2] = -1; j[3] = 0
        return true
    }

    /// 100(x₂ − x₁²)² + (1 − x₁)², the scalar form.
    static func value(_ x: UnsafeBufferPointer<Double>) -> Double {
        let a = x[1] - x[0] * x[0]
        let b = 1 - x[0]
        return 100 * a * a + b * b
    }
}

/// y = A·e^(−λt) + b sampled exactly; parameters x = (A, λ, b).
struct ExponentialDecay: Sendable {
    let amplitude: Double
    let rate: Double
    let offset: Double
    let times: [Double]
    let observations: [Double]

    init(amplitude: Double, rate: Double, offset: Double, count: Int = 40, duration: Double = 3) {
        self.amplitude = amplitude
        self.rate = rate
        self.offset = offset
        times = (0..<count).map { duration * Double($0) / Double(count - 1) }
        observations = times.map { amplitude * exp(-rate * $0) + offset }
    }

    var truth: [Double] { [amplitude, rate, offset] }

    func residuals(_ x: UnsafeBufferPointer<Double>, _ f: UnsafeMutableBufferPointer<Double>) -> Bool {
        for i in times.indices { f[i] = x[0] * exp(-x[1] * times[i]) + x[2] - observations[i] }
        return true
    }

    func jacobian(_ x: UnsafeBufferPointer<Double>, _ j: UnsafeMutableBufferPointer<Double>) -> Bool {
        for i in times.indices {
            let e = exp(-x[1] * times[i])
            j[3 * i] = e
            j[3 * i + 1] = -x[0] * times[i] * e
            j[3 * i + 2] = 1
        }
        return true
    }
}
