/// One warning attached to a fit: a stable machine code, the parameters it concerns (possibly none) and the text shown
/// to people. The codes are listed in `docs/warnings.md`.
///
/// Encoded as `{"code": …, "parameters": […], "message": …}`. A bare JSON string (how warnings were stored before
/// the codes existed) decodes as code ``Code/other`` with that message, so old stores still load.
public struct FitWarning: Sendable, Codable, Hashable, CustomStringConvertible {
    /// What kind of warning this is. The raw values are part of the JSON, CSV and store formats and do not change.
    public enum Code: String, Sendable, Codable, Hashable, CaseIterable {
        /// Every point has the same impedance.
        case constantSpectrum = "constant-spectrum"
        /// Points with Z″ > 0 in the fitted window.
        case inductivePoints = "inductive-points"
        /// Interchangeable arcs were reordered by time constant.
        case arcsReordered = "arcs-reordered"
        /// χ² is far above what the noise of the data allows (see ``GoodnessOfFit/noiseRatio``).
        case fitAboveNoise = "fit-above-noise"
        /// Few of the global method's starts reached the best χ².
        case startsDisagree = "starts-disagree"
        /// A parameter sits on one of its bounds.
        case parameterAtBound = "parameter-at-bound"
        /// A parameter went towards 0, orders of magnitude below any value the data can show.
        case parameterCollapsed = "parameter-collapsed"
        /// A parameter went towards ∞, orders of magnitude above any value the data can show.
        case parameterUnbounded = "parameter-unbounded"
        /// A parameter's standard error is over 100 % of its value, or cannot be estimated at all.
        case parameterUndetermined = "parameter-undetermined"
        /// Two parameters are correlated with |ρ| > 0.99.
        case correlated
        /// The spectrum failed the lin-KK test (added by `batch`).
        case kramersKronigFailed = "kramers-kronig-failed"
        /// `--weight estimated` found no noise model (no free parameter, or vanishing residuals): modulus weights kept.
        case noiseModelNotEstimated = "noise-model-not-estimated"
        /// A warning stored before the codes existed.
        case other
    }

    public var code: Code
    /// Names of the parameters concerned, in table order (empty for warnings about the whole fit).
    public var parameters: [String]
    public var message: String

    public init(_ code: Code, parameters: [String] = [], _ message: String) {
        self.code = code
        self.parameters = parameters
        self.message = message
    }

    public var description: String { message }

    private enum CodingKeys: String, CodingKey { case code, parameters, message }

    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(.other, text)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try c.decode(String.self, forKey: .code)
        self.init(Code(rawValue: raw) ?? .other, parameters: try c.decodeIfPresent([String].self, forKey: .parameters) ?? [],
                  try c.decode(String.self, forKey: .message))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(message, forKey: .message)
    }
}

extension Array where Element == FitWarning {
    /// The warnings with `code`.
    public func with(_ code: FitWarning.Code) -> [FitWarning] { filter { $0.code == code } }
}
