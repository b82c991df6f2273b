/// How each syntax spells each ``ElementKind``: the table is each model's ``ElementSymbols``
/// (see docs/circuit-language.md for the whole table).
extension ElementKind {
    /// How every syntax spells this kind.
    public var symbols: ElementSymbols { model.symbols }

    /// The symbol this kind is written with in `syntax`.
    public func symbol(in syntax: CircuitSyntax) -> String { symbols[syntax] }

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
