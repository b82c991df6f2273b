/// What Nyquist documents about one ``ElementKind`` (``ElementKind/descriptor``), gathered from its model's file.
public struct ElementDescriptor: Sendable, Hashable {
    public let kind: ElementKind
    /// Family (`"Warburg"`, `"relaxation"`, …); the family's file is `Sources/NyquistCircuit/Elements/`.
    public let family: String
    /// Plain name (`"constant-phase element"`).
    public let name: String
    /// Z(ω; p) with s = jω (`"Z = 1/(Q sⁿ)"`).
    public let formula: String
    /// The symbol in every circuit syntax.
    public let symbols: ElementSymbols
    /// Parameter slots with units, domains and defaults, in parameter-vector order.
    public let slots: [ParameterSlot]
    /// pyimpspec's names inside CDC braces that differ from the slot symbols.
    public let inlineNames: [InlineName]
    /// True when the element alone makes one arc of the Nyquist plot.
    public let formsArc: Bool
}
