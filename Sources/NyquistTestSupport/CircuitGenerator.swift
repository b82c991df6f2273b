import Nyquist

/// Seeded random circuits for property tests (SplitMix64, so a seed gives the same trees on every platform).
///
/// ```swift
/// var generator = CircuitGenerator(seed: 42)
/// let circuit = generator.circuit(maxDepth: 4)   // normalised, unique element names
/// ```
public struct CircuitGenerator: RandomNumberGenerator, Sendable {
    private var random: SeededRandom
    private var nextLabel = 0

    public init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    /// The library's SplitMix64 stream.
    public mutating func next() -> UInt64 { random.next() }

    /// A random circuit in ``Circuit/normalized()`` form: at most `maxDepth` nested groups, groups of 2…`maxWidth`
    /// members alternating between series and parallel, kinds drawn from `kinds`. Element names are unique within
    /// the circuit; labels are decimal numbers, some with an impedance.py-style `_x` tail or a CDC-style `b` suffix.
    public mutating func circuit(maxDepth: Int = 4, maxWidth: Int = 3,
                                 kinds: [ElementKind] = ElementKind.allCases) -> Circuit {
        nextLabel = 0
        let topIsSeries = Bool.random(using: &self)
        return node(depth: maxDepth, series: topIsSeries, maxWidth: max(2, maxWidth), kinds: kinds).normalized()
    }

    private mutating func node(depth: Int, series: Bool, maxWidth: Int, kinds: [ElementKind]) -> Circuit {
        if depth == 0 || Int.random(in: 0..<3, using: &self) == 0 {
            return .element(element(kinds))
        }
        let width = Int.random(in: 2...maxWidth, using: &self)
        let members = (0..<width).map { _ in
            node(depth: depth - 1, series: !series, maxWidth: maxWidth, kinds: kinds)
        }
        return series ? .series(members) : .parallel(members)
    }

    private mutating func element(_ kinds: [ElementKind]) -> Element {
        nextLabel += 1
        let kind = kinds.randomElement(using: &self) ?? .resistor
        let label: String
        switch Int.random(in: 0..<6, using: &self) {
        case 0: label = "\(nextLabel)_x"
        case 1: label = "_\(nextLabel)"
        case 2: label = "\(nextLabel)b"
        default: label = "\(nextLabel)"
        }
        return Element(kind: kind, label: label)
    }
}
