import Foundation
import NyquistCircuit
import NyquistText

/// Parameter overrides in the CLI's `--param`, `--bound` and `--fix` syntax, applied to a parameter table:
/// `R1=20` sets a start value in the parameter's unit (Ω, F·s^(n−1), …); `R3=1:1000` sets bounds (`inf`, `-inf`
/// allowed); `n2=1` fixes a value and a bare `n2` fixes the start.
///
/// ```swift
/// let overrides = ParameterOverrides(param: ["R1=20"], bound: ["R3=1:1000"], fix: ["n2=1"])
/// let table = try overrides.applied(to: resolved.parameters)
/// ```
public struct ParameterOverrides: Sendable, Hashable, Codable {
    /// `NAME=VALUE` items.
    public var param: [String]
    /// `NAME=LOWER:UPPER` items.
    public var bound: [String]
    /// `NAME` or `NAME=VALUE` items.
    public var fix: [String]

    public init(param: [String] = [], bound: [String] = [], fix: [String] = []) {
        self.param = param
        self.bound = bound
        self.fix = fix
    }

    /// Whether no item is given.
    public var isEmpty: Bool { param.isEmpty && bound.isEmpty && fix.isEmpty }

    /// `table` with the `param` items applied, then `bound`, then `fix`. Contradictions are errors naming both
    /// items: a parameter given twice by one option, a value given by both `param` and `fix`, and a fixed value
    /// outside its bounds (a named model's, the element's such as 0 < n ≤ 1, or a `bound` item's).
    /// - Throws: ``ParameterOverrideError`` naming the offending item.
    public func applied(to start: ParameterTable) throws(ParameterOverrideError) -> ParameterTable {
        var table = start
        var valueItem: [String: String] = [:], boundItem: [String: String] = [:], fixItem: [String: String] = [:]
        for item in param {
            let (name, value) = try Self.split(item, option: "--param")
            guard let v = value.flatMap(Self.number) else {
                throw .malformed(item: "--param \(item)", expected: "NAME=VALUE with a number")
            }
            try Self.once(name, "--param \(item)", in: &valueItem)
            try Self.apply(ParameterSetting(value: v), to: name, in: &table, item: "--param \(item)")
        }
        for item in bound {
            let (name, value) = try Self.split(item, option: "--bound")
            let parts = (value ?? "").split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, let lo = Self.number(parts[0]), let hi = Self.number(parts[1]) else {
                throw .malformed(item: "--bound \(item)", expected: "NAME=LOWER:UPPER")
            }
            try Self.once(name, "--bound \(item)", in: &boundItem)
            try Self.apply(ParameterSetting(lower: lo, upper: hi), to: name, in: &table, item: "--bound \(item)")
        }
        for item in fix {
            let (name, value) = try Self.split(item, option: "--fix")
            var setting = ParameterSetting(fixed: true)
            if let value {
                guard let v = Self.number(value) else { throw .notANumber(item: "--fix \(item)", text: value) }
                setting.value = v
                try Self.once(name, "--fix \(item)", in: &valueItem)
            }
            try Self.once(name, "--fix \(item)", in: &fixItem)
            try Self.apply(setting, to: name, in: &table, item: "--fix \(item)")
        }
        for (name, item) in fixItem.sorted(by: { $0.key < $1.key }) {
            guard let i = table.index(of: name) else { continue }
            let p = table[i]
            if p.value < p.lower || p.value > p.upper {
                throw .fixedOutsideBounds(item: item, name: name, value: p.value, valueItem: valueItem[name],
                                          lower: p.lower, upper: p.upper, boundItem: boundItem[name])
            }
        }
        return table
    }

    /// Records that `item` sets `name`; throws when an earlier item already did.
    static func once(_ name: String, _ item: String, in seen: inout [String: String]) throws(ParameterOverrideError) {
        if let earlier = seen[name] { throw .givenTwice(item: item, earlier: earlier, name: name) }
        seen[name] = item
    }

    /// `table.apply`, with a parameter error wrapped with the item that caused it.
    static func apply(_ setting: ParameterSetting, to name: String, in table: inout ParameterTable, item: String)
        throws(ParameterOverrideError)
    {
        do { try table.apply(setting, to: name) } catch { throw .parameter(item: item, error) }
    }

    static func split(_ item: String, option: String) throws(ParameterOverrideError) -> (String, String?) {
        let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard let name = parts.first, !name.isEmpty else { throw .missingName(option: option, item: item) }
        return (name, parts.count == 2 ? parts[1] : nil)
    }

    /// A number as the options write it: `inf`, `+inf`, `-inf` or a decimal (`NumberParser`).
    static func number(_ s: String) -> Double? {
        switch s.lowercased() {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        default: return NumberParser.parse(s)
        }
    }
}
