/// How each circuit syntax spells one ``ElementKind``.
public struct ElementSymbols: Sendable, Hashable {
    /// Boukamp's CDC (also the kind's raw value and the element-name prefix): `Q`.
    public let cdc: String
    /// impedance.py: `CPE`.
    public let impedancePy: String
    /// EC-Lab (BioLogic ZFit): `Q`.
    public let ecLab: String
    /// Syntaxes whose original program has no element of this name: Nyquist accepts it so that every circuit
    /// can be written in every syntax.
    public let nyquistExtensions: Set<CircuitSyntax>

    public init(cdc: String, impedancePy: String, ecLab: String, nyquistExtensions: Set<CircuitSyntax> = []) {
        self.cdc = cdc
        self.impedancePy = impedancePy
        self.ecLab = ecLab
        self.nyquistExtensions = nyquistExtensions
    }

    /// The symbol in `syntax`.
    public subscript(syntax: CircuitSyntax) -> String {
        switch syntax {
        case .cdc: return cdc
        case .impedancePy: return impedancePy
        case .ecLab: return ecLab
        }
    }
}
