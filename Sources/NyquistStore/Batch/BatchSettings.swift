import Foundation
import NyquistCircuit
import NyquistDRT
import NyquistFit

/// How the spectra of a series are started.
public enum BatchMode: String, Sendable, Codable, Hashable, CaseIterable {
    /// EC-Lab's "fit on cycles": each spectrum starts from the previous spectrum's result (a local
    /// Levenberg–Marquardt fit); the global start is tried when that fit is markedly worse, unconverged or on a bound.
    case sequential
    /// Every spectrum from the global start.
    case independent
}

/// Everything that decides a batch's fits besides the data. Its canonical encoding, hashed, identifies a fit set
/// in the store (``settingsHash``).
public struct BatchSettings: Sendable, Codable, Hashable {
    public var circuit: Circuit
    public var parameters: ParameterTable
    /// The settings of the global start (its `method`: Randomize+Simplex by default here; `seed`, `window`,
    /// `weighting`, …). Warm starts use the same settings with `method = .lm`.
    public var fit: FitSettings
    public var mode: BatchMode
    /// Sequential mode falls back to the global start when the warm-started reduced χ² exceeds this multiple of
    /// the previous spectrum's reduced χ² (dimensionless, > 1).
    public var fallbackChiSquareRatio: Double
    /// The lin-KK test run on the fitted points of every spectrum before its fit; nil turns it off. Not part of
    /// the settings identity: it flags spectra but never changes a fit.
    public var kramersKronig: KramersKronigSettings?
    /// The distribution of relaxation times computed and stored for every spectrum (`batch --drt`, schema v4);
    /// nil turns it off. Not part of the fit set's identity: DRTs are kept in their own DRT set, identified by
    /// these settings, and never change a fit.
    public var drt: DRTSettings?

    /// The version written into every fit set; part of the settings identity.
    public static let programVersion = "nyquist " + NyquistVersion.current

    /// - Parameters:
    ///   - parameters: starts, bounds and fixed flags; the element library's defaults when nil.
    ///   - fit: fit settings; `method` defaults to `.randomizeSimplex`, the global start of the issue.
    public init(circuit: Circuit, parameters: ParameterTable? = nil, fit: FitSettings? = nil,
                mode: BatchMode = .sequential, fallbackChiSquareRatio: Double = 2,
                kramersKronig: KramersKronigSettings? = KramersKronigSettings(), drt: DRTSettings? = nil) {
        self.circuit = circuit
        self.parameters = parameters ?? ParameterTable(circuit: circuit)
        self.fit = fit ?? { var s = FitSettings(); s.method = .randomizeSimplex; return s }()
        self.mode = mode
        self.fallbackChiSquareRatio = fallbackChiSquareRatio
        self.kramersKronig = kramersKronig
        self.drt = drt
    }

    /// How elements keep their identity along a series, in words (stored with the fit set).
    ///
    /// With ``FitSettings/orderArcs`` on (the default), interchangeable series arcs are sorted by time constant
    /// after every fit (τ fastest first), so R2‖Q2 is always the faster arc: the ordering constraint. With it off,
    /// only the warm start keeps identity in sequential mode, and nothing does in independent mode.
    public var identityRule: String {
        if fit.orderArcs { return "ordering constraint: interchangeable arcs sorted by time constant (fastest first) after every fit" }
        return mode == .sequential ? "warm start from the previous fit only (arc ordering off)"
            : "none (arc ordering off, independent starts)"
    }

    /// The circuit in canonical impedance.py text.
    public var circuitText: String { circuit.normalized().text(in: .impedancePy) }

    /// SHA-256 of the canonical JSON (sorted keys) of circuit text, parameter table, fit settings, mode, fallback
    /// ratio and program version.
    public var settingsHash: String {
        struct Identity: Encodable {
            var circuit: String
            var parameters: ParameterTable
            var fit: FitSettings
            var mode: BatchMode
            var fallbackChiSquareRatio: Double
            var programVersion: String
        }
        let identity = Identity(circuit: circuitText, parameters: parameters, fit: fit, mode: mode,
                                fallbackChiSquareRatio: fallbackChiSquareRatio, programVersion: Self.programVersion)
        return SHA256.hex(Self.canonicalJSON(identity))
    }

    static func canonicalJSON<T: Encodable>(_ value: T) -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // Encoding these plain value types cannot fail with non-conforming floats converted; an empty object is
        // the documented fallback so a hash is always produced.
        return (try? e.encode(value)) ?? Data("{}".utf8)
    }
}
