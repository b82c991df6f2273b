import NyquistCircuit

/// A model of a ``CircuitCatalog`` and where it came from.
public struct CatalogEntry: Sendable, Hashable, Codable {
    public var model: NamedCircuit
    /// The user file it was read from, or nil for a shipped model.
    public var file: String?
    /// Set when a user file replaces a shipped model of a different text, e.g. "circuit 'randles' is read from
    /// DIR/randles.circuit, not the shipped model" (a caller shows it as a note).
    public var note: String?

    public init(model: NamedCircuit, file: String? = nil, note: String? = nil) {
        self.model = model
        self.file = file
        self.note = note
    }
}
