import NyquistIO

/// Per-cycle values from a raw curve.
///
/// **Cycle boundaries.** With a cycle-number column, the file's numbers (numbered from 1: a file whose first
/// cycle number is 0, as EC-Lab writes, has every number raised by 1). Without one, a new cycle starts at a sample
/// whose current is a charge (I > ε) when the previous sample is rest (|I| ≤ ε) or discharge (I < −ε) and the cycle
/// so far holds at least one discharge sample; leading rest, the first charge and GITT-like charge/rest pulses stay
/// in cycle 1, and a discharge-first protocol gives cycle 1 = that first discharge. ε = 10⁻³·max|I| over the curve.
///
/// **Intervals.** The interval between samples i−1 and i belongs to the cycle of sample i. Within it the current and
/// the potential are taken as linear in time (trapezoidal rule). Impedance rows are already dropped, so a curve
/// runs straight across an EIS block.
///
/// - Q_ch,k = ∫ max(I, 0) dt / 3600 and Q_dis,k = ∫ max(−I, 0) dt / 3600 (mA·s → mAh), the positive and negative
///   parts split at the interpolated zero crossing of I.
/// - t_HV,k = |{t : E(t) ≥ V}| / 3600 h, with the crossing time of V interpolated linearly between samples, so a
///   linear ramp gives the same hours at any sampling.
///
/// The cycler's own charge columns (`Q charge/mA.h`, `(Q-Qo)/mA.h`, …) are not used: they keep counting during
/// impedance steps and reset differently by technique; one rule for every format keeps the numbers comparable.
extension CyclerCurve {
    /// |I| ≤ restFraction·max|I| counts as rest in the sign-change rule.
    public static let restFraction = 1e-3

    /// The 1-based cycle of every sample (see the rule above).
    public func cycleIndex() -> [Int] {
        if let numbers = cycleNumbers {
            let shift = numbers.first == 0 ? 1 : 0
            return numbers.map { $0 + shift }
        }
        let epsilon = Self.restFraction * (currentMilliamps.map(abs).max() ?? 0)
        var result: [Int] = []
        result.reserveCapacity(count)
        var cycle = 1
        var sawDischarge = false
        for i in 0..<count {
            let current = currentMilliamps[i]
            if i > 0, current > epsilon, currentMilliamps[i - 1] <= epsilon, sawDischarge {
                cycle += 1
                sawDischarge = false
            }
            if current < -epsilon { sawDischarge = true }
            result.append(cycle)
        }
        return result
    }

    /// Per-cycle Q_ch, Q_dis (mAh) and t_HV (h above `timeAboveVolts`, V), in cycle order; `line` is the first
    /// sample's line. Cycles are those that hold at least one sample.
    public func cycles(timeAboveVolts: Double = 3.9) -> [CyclingData.Cycle] {
        let index = cycleIndex()
        var result: [CyclingData.Cycle] = []
        for i in 0..<count {
            if result.last?.cycle != index[i] {
                result.append(
                    CyclingData.Cycle(
                        cycle: index[i], chargeMAh: 0, dischargeMAh: 0, timeAboveHours: 0, line: lines[i]))
            }
            guard i > 0 else { continue }
            let dt = timeSeconds[i] - timeSeconds[i - 1]
            let (positive, negative) = Self.splitTrapezoid(currentMilliamps[i - 1], currentMilliamps[i], dt: dt)
            let k = result.count - 1
            result[k].chargeMAh += positive / 3600
            result[k].dischargeMAh += negative / 3600
            result[k].timeAboveHours = (result[k].timeAboveHours ?? 0)
                + Self.timeAbove(potentialVolts[i - 1], potentialVolts[i], dt: dt, volts: timeAboveVolts) / 3600
        }
        return result
    }

    /// Hours above `volts` per cycle, in the order of ``cycles(timeAboveVolts:)``.
    public func timeAboveHours(volts: Double) -> [Double] {
        cycles(timeAboveVolts: volts).map { $0.timeAboveHours ?? 0 }
    }

    /// ∫ max(I, 0) dt and ∫ max(−I, 0) dt over one interval of length `dt` with I linear from `a` to `b`.
    static func splitTrapezoid(_ a: Double, _ b: Double, dt: Double) -> (positive: Double, negative: Double) {
        if a >= 0, b >= 0 { return ((a + b) / 2 * dt, 0) }
        if a <= 0, b <= 0 { return (0, -(a + b) / 2 * dt) }
        let f = a / (a - b)  // fraction of dt before the zero crossing
        let first = a / 2 * f * dt, second = b / 2 * (1 - f) * dt
        return a > 0 ? (first, -second) : (second, -first)
    }

    /// Seconds of one interval (E linear from `a` to `b` over `dt`) during which E ≥ `volts`.
    static func timeAbove(_ a: Double, _ b: Double, dt: Double, volts: Double) -> Double {
        switch (a >= volts, b >= volts) {
        case (true, true): return dt
        case (false, false): return 0
        case (true, false): return (a - volts) / (a - b) * dt
        case (false, true): return (b - volts) / (b - a) * dt
        }
    }
}
