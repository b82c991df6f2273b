/// How each syntax spells each ``ElementKind``.
///
/// | kind | impedance.py | CDC | EC-Lab |
/// |---|---|---|---|
/// | resistor | R | R | R |
/// | capacitor | C | C | C |
/// | inductor | L | L | L |
/// | cpe | CPE | Q | Q |
/// | modifiedInductor | La | La | La |
/// | warburg | W | W | W |
/// | warburgShort | Ws | Ws | Wd |
/// | warburgOpen | Wo | Wo | M |
/// | gerischer | G | G | G |
/// | zarc | Zarc | Zarc | Zarc (extension) |
/// | havriliakNegami | HN (extension) | H | H (extension) |
/// | transmissionLine | TLMQ | Tlmq | Tlmq (extension) |
extension ElementKind {
    /// The symbol this kind is written with in `syntax`.
    public func symbol(in syntax: CircuitSyntax) -> String {
        switch syntax {
        case .cdc:
            return rawValue
        case .impedancePy:
            switch self {
            case .cpe: return "CPE"
            case .havriliakNegami: return "HN"
            case .transmissionLine: return "TLMQ"
            default: return rawValue
            }
        case .ecLab:
            switch self {
            case .warburgShort: return "Wd"
            case .warburgOpen: return "M"
            default: return rawValue
            }
        }
    }

    /// The kind written as `symbol` in `syntax`, or nil.
    public init?(symbol: String, in syntax: CircuitSyntax) {
        guard let kind = ElementKind.symbolTables[syntax]?[symbol] else { return nil }
        self = kind
    }

    /// Symbol → kind, per syntax.
    static let symbolTables: [CircuitSyntax: [String: ElementKind]] = {
        var tables: [CircuitSyntax: [String: ElementKind]] = [:]
        for syntax in CircuitSyntax.allCases {
            tables[syntax] = Dictionary(uniqueKeysWithValues: ElementKind.allCases.map { ($0.symbol(in: syntax), $0) })
        }
        return tables
    }()
}
