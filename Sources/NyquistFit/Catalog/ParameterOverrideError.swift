import Foundation
import NyquistCircuit

/// Why ``ParameterOverrides`` could not be applied; each case names the item (option and text) at fault.
public enum ParameterOverrideError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An item without a name before `=`.
    case missingName(option: String, item: String)
    /// An item not of the expected shape, e.g. `--bound R3=1` (expected `NAME=LOWER:UPPER`).
    case malformed(item: String, expected: String)
    /// A `--fix` value that is not a number.
    case notANumber(item: String, text: String)
    /// The same parameter set twice (by one option, or a value by both `--param` and `--fix`).
    case givenTwice(item: String, earlier: String, name: String)
    /// The table refused the setting (unknown parameter, value outside the element's domain, …).
    case parameter(item: String, ParameterError)
    /// A fixed value outside the parameter's bounds; `valueItem` gave the value (nil: its start), `boundItem` the
    /// bounds (nil: the circuit's).
    case fixedOutsideBounds(item: String, name: String, value: Double, valueItem: String?, lower: Double, upper: Double,
                            boundItem: String?)

    public var description: String {
        switch self {
        case let .missingName(option, item): return "\(option) '\(item)': missing name"
        case let .malformed(item, expected): return "\(item): expected \(expected)"
        case let .notANumber(item, text): return "\(item): '\(text)' is not a number"
        case let .givenTwice(item, earlier, name): return "\(item) contradicts \(earlier): give \(name) once"
        case let .parameter(item, error): return "\(item): \(error.description)"
        case let .fixedOutsideBounds(item, name, value, valueItem, lower, upper, boundItem):
            let source = boundItem.map { "set by \($0)" } ?? "of the circuit"
            let from = valueItem.map { $0 == item ? "" : " (from \($0))" } ?? " (its start)"
            return "\(item): the fixed value \(Self.number(value))\(from) of \(name) lies outside its bounds "
                + "[\(Self.number(lower)), \(Self.number(upper))] \(source)"
        }
    }

    /// Up to 6 significant digits, `inf` for infinity (as the CLI prints numbers).
    static func number(_ v: Double) -> String {
        if v == .infinity { return "inf" }
        if v == -.infinity { return "-inf" }
        if v.isNaN { return "nan" }
        return String(format: "%.6g", v)
    }
}
