import NyquistCircuit

/// What ``CircuitCatalog/resolve(_:startsAreGiven:)`` found for a `--circuit` argument: the circuit and its
/// parameter table (values in Ω, F·s^(n−1), … with a named model's starts and bounds), and the named model if any.
public struct ResolvedCircuit: Sendable, Hashable, Codable {
    public var circuit: Circuit
    public var parameters: ParameterTable
    /// The named model (shipped, user folder or `.circuit` file), nil for a circuit string.
    public var model: NamedCircuit?
    /// The `.circuit` file it was read from, nil for a shipped model or a circuit string.
    public var file: String?
    /// A note to show the user (a user model replacing a shipped one), see ``CatalogEntry/note``.
    public var note: String?

    public init(circuit: Circuit, parameters: ParameterTable, model: NamedCircuit? = nil, file: String? = nil,
                note: String? = nil) {
        self.circuit = circuit
        self.parameters = parameters
        self.model = model
        self.file = file
        self.note = note
    }
}
