import Foundation
import Nyquist

/// A circuit as the C API receives it — a named model (`assb-cathode`: the shipped models of `circuits/`, user models
/// from `circuitsDirs` then `$NYQUIST_CIRCUITS`), a `.circuit` file, or a circuit string in any of the three syntaxes —
/// with parameter starts, fixed values and bounds from the options JSON (`params`, `fix`, `bounds`). Resolved by the
/// library's ``CircuitCatalog`` and ``ParameterOverrides``, exactly as the CLI's `--circuit`, `--param`, `--fix` and
/// `--bound` are.
struct CircuitRequest: Sendable {
    var text: String
    /// Start values (simulate: the values) in their physical units (Ω, F·s^(n−1), …).
    var params: [String: Double] = [:]
    /// Fixed parameters: at a value, or at their start when the value is nil.
    var fix: [String: Double?] = [:]
    /// Bounds `[lower, upper]`; ±infinity as the strings "inf" / "-inf".
    var bounds: [String: [FlexibleDouble]] = [:]
    /// Folders of user `.circuit` models, searched before `$NYQUIST_CIRCUITS` (the CLI's `--circuits-dir`).
    var circuitsDirs: [String] = []

    /// The catalog of named models these options and `$NYQUIST_CIRCUITS` describe. The variable is read alone
    /// (`getenv`): copying the whole environment (`ProcessInfo.environment`) cost ≈ 30 µs per fit.
    static func catalog(_ directories: [String]) -> CircuitCatalog {
        let folders = getenv("NYQUIST_CIRCUITS").map { String(cString: $0) }
        return CircuitCatalog(directories: directories, environment: folders.map { ["NYQUIST_CIRCUITS": $0] } ?? [:])
    }

    /// The overrides as the CLI's option items (`R1=20`, `R3=1:1000`, `n2=1` or `n2`), in name order.
    var overrides: ParameterOverrides {
        func text(_ v: Double) -> String { v == .infinity ? "inf" : v == -.infinity ? "-inf" : "\(v)" }
        return ParameterOverrides(
            param: params.sorted { $0.key < $1.key }.map { "\($0.key)=\(text($0.value))" },
            bound: bounds.sorted { $0.key < $1.key }.map { name, b in
                "\(name)=" + b.map { text($0.value) }.joined(separator: ":")
            },
            fix: fix.sorted { $0.key < $1.key }.map { name, v in v.map { "\(name)=\(text($0))" } ?? name })
    }

    /// The circuit and its parameter table with every start, bound and fixed value applied.
    /// - Parameter startsAreGiven: a named model's starts count as given (simulate) or as defaults the fit may replace.
    /// - Throws: ``CircuitCatalogError`` or ``ParameterOverrideError`` (status 2) naming the model or the item.
    func resolve(startsAreGiven: Bool) throws -> (Circuit, ParameterTable) {
        for (name, b) in bounds where b.count != 2 { throw CAPIError.usage("bounds \(name): expected [lower, upper]") }
        let resolved = try Self.catalog(circuitsDirs).resolve(text, startsAreGiven: startsAreGiven)
        return (resolved.circuit, try overrides.applied(to: resolved.parameters))
    }
}

/// A JSON number, or one of the strings "inf", "-inf", "nan" (the output convention of docs/outputs.md).
struct FlexibleDouble: Decodable, Sendable, Hashable {
    var value: Double

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let v = try? c.decode(Double.self) { value = v; return }
        switch try c.decode(String.self).lowercased() {
        case "inf", "+inf", "infinity": value = .infinity
        case "-inf", "-infinity": value = -.infinity
        case "nan": value = .nan
        case let s: throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(s)' is not a number")
        }
    }
}

/// Decodes an options JSON object (NULL or empty: all defaults) and refuses keys it does not know, naming them.
func decodeOptions<T: Decodable>(_ text: String?, as type: T.Type, known: Set<String>) throws -> T {
    let json = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    let data = Data((json.isEmpty ? "{}" : json).utf8)
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw CAPIError.usage("options: expected a JSON object, got '\(json.prefix(80))'")
    }
    let unknown = Set(object.keys).subtracting(known).sorted()
    if !unknown.isEmpty {
        throw CAPIError.usage("options: unknown key(s) \(unknown.joined(separator: ", ")) (known: \(known.sorted().joined(separator: ", ")))")
    }
    return try JSONDecoder().decode(T.self, from: data)
}
