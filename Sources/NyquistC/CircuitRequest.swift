import Foundation
import Nyquist

/// A circuit as the C API receives it — a named model (`assb-cathode`, the shipped models of `circuits/`), a
/// `.circuit` file, or a circuit string in any of the three syntaxes — with parameter starts, fixed values and
/// bounds from the options JSON (`params`, `fix`, `bounds`), as `--param`, `--fix` and `--bound` give them to the CLI.
struct CircuitRequest: Sendable {
    var text: String
    /// Start values (simulate: the values) in their physical units (Ω, F·s^(n−1), …).
    var params: [String: Double] = [:]
    /// Fixed parameters: at a value, or at their start when the value is nil.
    var fix: [String: Double?] = [:]
    /// Bounds `[lower, upper]`; ±infinity as the strings "inf" / "-inf".
    var bounds: [String: [FlexibleDouble]] = [:]

    /// The circuit and its parameter table with every start, bound and fixed value applied.
    /// - Parameter startsAreGiven: a named model's starts count as given (simulate) or as defaults the fit may replace.
    /// - Throws: ``CAPIError`` (status 2) naming the parameter: unknown name, value outside the element's domain, a
    ///   value given by both `params` and `fix`, a fixed value outside its bounds.
    func resolve(startsAreGiven: Bool) throws -> (Circuit, ParameterTable) {
        let (circuit, start) = try Self.circuit(text, startsAreGiven: startsAreGiven)
        var table = start
        func apply(_ setting: ParameterSetting, _ name: String, _ option: String) throws {
            do { try table.apply(setting, to: name) } catch { throw CAPIError.usage("\(option) \(name): \(error.description)") }
        }
        for (name, v) in params.sorted(by: { $0.key < $1.key }) { try apply(ParameterSetting(value: v), name, "params") }
        for (name, b) in bounds.sorted(by: { $0.key < $1.key }) {
            guard b.count == 2 else { throw CAPIError.usage("bounds \(name): expected [lower, upper]") }
            try apply(ParameterSetting(lower: b[0].value, upper: b[1].value), name, "bounds")
        }
        for (name, v) in fix.sorted(by: { $0.key < $1.key }) {
            if v != nil, params[name] != nil { throw CAPIError.usage("fix \(name) contradicts params \(name): give \(name) once") }
            try apply(ParameterSetting(value: v, fixed: true), name, "fix")
            if let i = table.index(of: name), table[i].value < table[i].lower || table[i].value > table[i].upper {
                let p = table[i]
                throw CAPIError.usage("fix \(name): the fixed value \(p.value) lies outside its bounds [\(p.lower), \(p.upper)]")
            }
        }
        return (circuit, table)
    }

    /// A `.circuit` file, a shipped named model, or a circuit string (the rule of the CLI's `--circuit`).
    static func circuit(_ spec: String, startsAreGiven: Bool) throws -> (Circuit, ParameterTable) {
        if spec.hasSuffix(".circuit") {
            guard let data = FileManager.default.contents(atPath: spec), let source = String(data: data, encoding: .utf8) else {
                throw CAPIError.usage("\(spec): cannot read the circuit file (missing, unreadable or not UTF-8)")
            }
            let name = URL(fileURLWithPath: spec).deletingPathExtension().lastPathComponent
            let named = try NamedCircuit(name: name, source: source, file: spec)
            return (named.circuit, named.parameterTable(startsAreGiven: startsAreGiven))
        }
        let looksNamed = spec.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" }
            && spec.contains(where: \.isLowercase) && spec.count > 1
        if looksNamed {
            guard let source = NamedCircuit.shippedSources[spec] else {
                let known = NamedCircuit.shippedSources.keys.sorted().joined(separator: ", ")
                throw CAPIError.usage("no named circuit '\(spec)' (known: \(known))")
            }
            let named = try NamedCircuit(name: spec, source: source, file: "<shipped> \(spec).circuit")
            return (named.circuit, named.parameterTable(startsAreGiven: startsAreGiven))
        }
        let circuit = try Circuit(parsing: spec)
        return (circuit, ParameterTable(circuit: circuit))
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
