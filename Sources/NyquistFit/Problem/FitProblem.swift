import Numerics
import NyquistCircuit
import NyquistIO

/// A spectrum, a circuit and settings, checked and prepared for the optimisers: the frequency window applied, weights
/// computed, fixed parameters removed and every free parameter given its ``ParameterTransform``.
///
/// The residual vector has 2m entries for m points, real parts first then imaginary parts ("stacked"):
/// fᵢ = w′ᵢ (Z′ᵢ − Ẑ′ᵢ), f_{m+i} = w″ᵢ (Z″ᵢ − Ẑ″ᵢ); χ² = Σ f².
public struct FitProblem: Sendable {
    public let circuit: Circuit
    public let plan: EvaluationPlan
    /// Start values, bounds and fixed flags (physical units).
    public let parameters: ParameterTable
    public internal(set) var settings: FitSettings
    /// The points inside the window, in file order.
    public let grid: FrequencyGrid
    public let data: [Complex<Double>]
    /// 0-based indices of the kept points in the original spectrum.
    public let pointIndices: [Int]
    /// Indices (into `parameters`) of the free parameters and their transforms.
    public let free: [Int]
    public let transforms: [ParameterTransform]
    /// Data-based weights w′, w″ (unused for Boukamp weighting, whose weight depends on the model).
    var weightRe: [Double]
    var weightIm: [Double]
    /// Warnings found while preparing (constant spectrum, inductive points, …).
    public let warnings: [FitWarning]

    public var pointCount: Int { grid.count }
    public var residualCount: Int { 2 * grid.count }
    public var freeCount: Int { free.count }

    /// Frequencies a fit accepts (Hz): ω and every power of it the elements take stay far inside Double's range.
    public static let fittableFrequencies: ClosedRange<Double> = 1e-100...1e100
    /// Moduli |Z| a fit accepts (Ω), besides 0: weights 1/|Z|², their derivatives and χ² stay finite and normal. Fits
    /// of R + R‖C spectra were checked to recover R to 1e-10 from |Z| ≈ 1e-40 to 1e100 Ω and f ≈ 1e-150 to 1e150 Hz
    /// (`ExtremeInputCommandTests`); beyond them the statistics overflow (1e150 Ω) or the fit stalls (1e-60 Ω).
    public static let fittableModuli: ClosedRange<Double> = 1e-30...1e90

    public init(spectrum: Spectrum, circuit: Circuit, parameters: ParameterTable? = nil,
                settings: FitSettings = FitSettings()) throws(FitError)
    {
        let table = parameters ?? ParameterTable(circuit: circuit)
        for p in table {
            if let reason = p.validationFailure { throw .invalidParameter(.invalidSetting(p.name, reason: reason)) }
        }
        guard spectrum.impedances.count == spectrum.count else {
            throw .invalidPoint(index: min(spectrum.count, spectrum.impedances.count),
                                reason: "frequency and impedance columns differ in length")
        }
        // Every point of the file must be usable before windowing, so that a bad value is never silently dropped.
        for i in 0..<spectrum.count {
            let f = spectrum.frequencies[i]
            guard f.isFinite && f > 0 else { throw .invalidPoint(index: i, reason: "frequency \(f) Hz is not > 0") }
            let z = spectrum.impedances[i]
            guard z.real.isFinite && z.imaginary.isFinite else {
                throw .invalidPoint(index: i, reason: "impedance \(z.real) + \(z.imaginary)j Ω is not finite")
            }
            guard Self.fittableFrequencies.contains(f) else {
                throw .invalidPoint(index: i, reason: "frequency \(f) Hz lies outside the range Nyquist fits "
                                    + "(\(Self.fittableFrequencies.lowerBound)…\(Self.fittableFrequencies.upperBound) Hz)")
            }
            let modulus = z.length
            guard modulus == 0 || Self.fittableModuli.contains(modulus) else {
                throw .invalidPoint(index: i, reason: "|Z| = \(modulus) Ω lies outside the range Nyquist fits "
                                    + "(\(Self.fittableModuli.lowerBound)…\(Self.fittableModuli.upperBound) Ω; rescale the data)")
            }
        }
        var keep = Array(0..<spectrum.count)
        let w = settings.window
        if let r = w.points { keep = keep.filter { r.contains($0) } }
        if let lo = w.minimumFrequency { keep = keep.filter { spectrum.frequencies[$0] >= lo } }
        if let hi = w.maximumFrequency { keep = keep.filter { spectrum.frequencies[$0] <= hi } }
        guard !keep.isEmpty else { throw .emptyWindow(Self.describe(w)) }

        let free = table.indices.filter { !table[$0].fixed }
        guard free.isEmpty || 2 * keep.count > free.count else {
            throw .tooFewPoints(points: keep.count, freeParameters: free.count)
        }
        let data = keep.map { spectrum.impedances[$0] }
        var wr = [Double](repeating: 1, count: keep.count), wi = wr
        switch settings.weighting {
        case .unit, .boukamp: break
        case .modulus:
            for (k, z) in data.enumerated() {
                guard z.length > 0 else {
                    throw .invalidPoint(index: keep[k], reason: "|Z| = 0 Ω cannot be weighted by its modulus")
                }
                wr[k] = 1 / z.length; wi[k] = wr[k]
            }
        case .proportional:
            for (k, z) in data.enumerated() {
                let floor = 1e-3 * z.length
                guard floor > 0 else {
                    throw .invalidPoint(index: keep[k], reason: "Z = 0 Ω cannot be weighted proportionally")
                }
                wr[k] = 1 / max(abs(z.real), floor); wi[k] = 1 / max(abs(z.imaginary), floor)
            }
        case .estimated:
            // Without a noise model yet (the first stage of the fit), modulus weights.
            for (k, z) in data.enumerated() {
                let sigma = settings.noiseModel?.sigma(modulus: z.length) ?? z.length
                guard sigma > 0 && sigma.isFinite else {
                    throw .invalidPoint(index: keep[k], reason: "σ = \(sigma) Ω cannot weight this point")
                }
                wr[k] = 1 / sigma; wi[k] = wr[k]
            }
        case .sigma:
            guard let sigma = spectrum.sigma, sigma.count == spectrum.count else { throw .missingSigma }
            for (k, i) in keep.enumerated() {
                guard sigma[i].isFinite && sigma[i] > 0 else {
                    throw .invalidPoint(index: i, reason: "standard deviation \(sigma[i]) Ω is not > 0")
                }
                wr[k] = 1 / sigma[i]; wi[k] = wr[k]
            }
        }
        var warnings: [FitWarning] = []
        if let first = data.first, data.allSatisfy({ ($0 - first).length <= 1e-12 * max(first.length, 1e-300) }) {
            warnings.append(FitWarning(.constantSpectrum, "the spectrum is constant: it carries information on a single resistance only"))
        }
        let inductive = data.filter { $0.imaginary > 0 }.count
        if inductive > 0 { warnings.append(FitWarning(.inductivePoints, "\(inductive) point(s) have Z″ > 0 (inductive)")) }

        let grid: FrequencyGrid
        do { grid = try FrequencyGrid(frequencies: keep.map { spectrum.frequencies[$0] }) } catch {
            throw .invalidPoint(index: 0, reason: error.description)
        }
        self.circuit = circuit
        self.plan = EvaluationPlan(circuit: circuit)
        self.parameters = table
        self.settings = settings
        self.grid = grid
        self.data = data
        self.pointIndices = keep
        self.free = free
        self.transforms = free.map { ParameterTransform(domain: table[$0].domain, lower: table[$0].lower,
                                                        upper: table[$0].upper) }
        self.weightRe = wr
        self.weightIm = wi
        self.warnings = warnings
    }

    /// The kept points as a spectrum of their own (for sub-problems that must not window again).
    var spectrumInWindow: Spectrum {
        Spectrum(frequencies: grid.frequencies, impedances: data,
                 sigma: settings.weighting == .sigma ? zip(weightRe, weightIm).map { 1 / $0.0 } : nil)
    }

    /// The same problem weighted by 1/σᵢ of `model` (``Weighting/estimated``), σᵢ from the data modulus |Zᵢ|.
    func weighted(by model: NoiseModel) -> FitProblem {
        var p = self
        p.settings.noiseModel = model
        p.weightRe = data.map { 1 / model.sigma(modulus: $0.length) }
        p.weightIm = p.weightRe
        return p
    }

    var settingsWithoutWindow: FitSettings {
        var s = settings
        s.window = FrequencyWindow()
        return s
    }

    static func describe(_ w: FrequencyWindow) -> String {
        var parts: [String] = []
        if let lo = w.minimumFrequency { parts.append("f ≥ \(lo) Hz") }
        if let hi = w.maximumFrequency { parts.append("f ≤ \(hi) Hz") }
        if let r = w.points { parts.append("points \(r.lowerBound + 1)…\(r.upperBound + 1)") }
        return parts.isEmpty ? "(whole spectrum)" : parts.joined(separator: ", ")
    }

    /// Internal coordinates θ of the free parameters for a full physical vector.
    public func internalCoordinates(_ physical: [Double]) -> [Double] {
        zip(free, transforms).map { i, t in t.internalValue(physical[i]) }
    }

    /// The full physical vector for internal coordinates θ (fixed parameters at their table values).
    public func physicalParameters(_ theta: [Double]) -> [Double] {
        var p = parameters.values
        for (k, i) in free.enumerated() { p[i] = transforms[k].physical(theta[k]) }
        return p
    }
}
