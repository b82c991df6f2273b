import Foundation
import NyquistFit
import NyquistIO

/// The checked, windowed and pre-treated points of one spectrum, with their residual weights.
struct DRTInput {
    var frequencies: [Double] = []
    var impedances: [(re: Double, im: Double)] = []
    var weightsRe: [Double] = []
    var weightsIm: [Double] = []
}

extension DRT {
    /// Checks every point (finite, f > 0, σ when weighting by σ), applies the frequency window, drops inductive
    /// tails that the model cannot represent (documented pre-treatment), and computes the weights.
    static func prepare(_ spectrum: Spectrum, settings: DRTSettings, warnings: inout [String]) throws(DRTError) -> DRTInput {
        var order: [Int] = []
        for i in 0..<spectrum.count {
            let f = i < spectrum.frequencies.count ? spectrum.frequencies[i] : .nan
            guard f.isFinite else { throw .nonFinite(index: i, frequency: f, what: "the frequency") }
            guard f > 0 else { throw .nonPositiveFrequency(index: i, frequency: f) }
            guard i < spectrum.impedances.count, spectrum.impedances[i].real.isFinite else {
                throw .nonFinite(index: i, frequency: f, what: "Z′")
            }
            guard spectrum.impedances[i].imaginary.isFinite else { throw .nonFinite(index: i, frequency: f, what: "Z″") }
            if settings.weighting == .sigma {
                guard let sigma = spectrum.sigma, i < sigma.count else { throw .missingSigma(index: nil) }
                guard sigma[i].isFinite else { throw .nonFinite(index: i, frequency: f, what: "σ") }
                guard sigma[i] > 0 else { throw .missingSigma(index: i) }
            }
            if let lo = settings.fmin, f < lo { continue }
            if let hi = settings.fmax, f > hi { continue }
            order.append(i)
        }
        order.sort { spectrum.frequencies[$0] > spectrum.frequencies[$1] }
        // Inductive tails: Z″ > 0 at the high-frequency end cannot be fitted without L, and at the low-frequency
        // end (pseudo-inductive loops) never by γ ≥ 0. Those contiguous end points are left out, with a warning.
        if !settings.includeInductance {
            var dropped = 0
            while let first = order.first, spectrum.impedances[first].imaginary > 0 {
                order.removeFirst()
                dropped += 1
            }
            if dropped > 0 {
                warnings.append("left out \(dropped) high-frequency point(s) with Z″ > 0 (inductive; no inductance fitted)")
            }
        }
        var droppedLow = 0
        while let last = order.last, spectrum.impedances[last].imaginary > 0, order.count > 1 {
            order.removeLast()
            droppedLow += 1
        }
        if droppedLow > 0 {
            warnings.append("left out \(droppedLow) low-frequency point(s) with Z″ > 0 (inductive loop; γ ≥ 0 cannot represent it)")
        }
        guard order.count >= minimumPoints else { throw .tooFewPoints(count: order.count, minimum: minimumPoints) }

        var weighting = settings.weighting
        if weighting == .boukamp || weighting == .estimated {
            warnings.append("weighting \(weighting.rawValue) is not available for the DRT (linear model); modulus used")
            weighting = .modulus
        }
        var input = DRTInput()
        for i in order {
            let z = spectrum.impedances[i]
            let modulus = max((z.real * z.real + z.imaginary * z.imaginary).squareRoot(), .leastNormalMagnitude)
            input.frequencies.append(spectrum.frequencies[i])
            input.impedances.append((z.real, z.imaginary))
            switch weighting {
            case .unit:
                input.weightsRe.append(1)
                input.weightsIm.append(1)
            case .modulus, .boukamp, .estimated:
                input.weightsRe.append(1 / modulus)
                input.weightsIm.append(1 / modulus)
            case .proportional:
                input.weightsRe.append(1 / max(abs(z.real), 1e-3 * modulus))
                input.weightsIm.append(1 / max(abs(z.imaginary), 1e-3 * modulus))
            case .sigma:
                let sigma = spectrum.sigma?[i] ?? 1
                input.weightsRe.append(1 / sigma)
                input.weightsIm.append(1 / sigma)
            }
        }
        return input
    }
}
