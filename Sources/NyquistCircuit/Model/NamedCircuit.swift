/// A named circuit model from a `.circuit` file (format: circuits/README.md): the circuit, what it means, and the
/// starts and bounds of its parameters.
public struct NamedCircuit: Sendable, Hashable, Codable {
    public var name: String
    public var description: String
    /// The circuit text as written in the file.
    public var text: String
    public var circuit: Circuit
    /// Per-parameter start and bounds from `param` lines, keyed by parameter name.
    public var settings: [String: ParameterSetting]
    /// Per-parameter meaning from `param` lines.
    public var meanings: [String: String]

    /// Reads the `.circuit` format.
    /// - Parameters:
    ///   - source: the file's text; `file` names it in errors.
    /// - Throws: ``NamedCircuitError`` naming the file, the line and the reason.
    public init(name: String, source: String, file: String) throws(NamedCircuitError) {
        self.name = name
        var description = ""
        var text: String?
        var settings: [String: ParameterSetting] = [:]
        var meanings: [String: String] = [:]
        var circuitLine = 0
        for (number, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let (keyword, rest) = line.splitFirstWord()
            switch keyword {
            case "description": description = rest
            case "circuit": text = rest; circuitLine = number + 1
            case "param":
                let (spec, meaning) = rest.splitMeaning()
                let fields = spec.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                guard fields.count == 4 || (fields.count == 5 && fields[4] == "fixed") else {
                    throw NamedCircuitError(file: file, line: number + 1,
                                            reason: "expected 'param NAME START LOWER UPPER [fixed] -- meaning'")
                }
                var numbers: [Double] = []
                for f in fields[1...3] {
                    guard let v = Double.parsing(f) else {
                        throw NamedCircuitError(file: file, line: number + 1, reason: "'\(f)' is not a number")
                    }
                    numbers.append(v)
                }
                settings[fields[0]] = ParameterSetting(value: numbers[0], fixed: fields.count == 5,
                                                       lower: numbers[1], upper: numbers[2])
                if !meaning.isEmpty { meanings[fields[0]] = meaning }
            default:
                throw NamedCircuitError(file: file, line: number + 1, reason: "unknown keyword '\(keyword)'")
            }
        }
        guard let text else { throw NamedCircuitError(file: file, line: 0, reason: "no 'circuit' line") }
        do { circuit = try Circuit(parsing: text) } catch {
            throw NamedCircuitError(file: file, line: circuitLine, reason: error.message)
        }
        self.description = description
        self.text = text
        self.settings = settings
        self.meanings = meanings
        // Every named parameter must exist and be valid.
        _ = try parameterTable(startsAreGiven: true, file: file)
    }

    /// The circuit's parameter table with the file's starts and bounds applied. With `startsAreGiven` false the
    /// file's values are defaults (a fit may replace them by its own guess); with true they count as user starts.
    public func parameterTable(startsAreGiven: Bool = false) -> ParameterTable {
        (try? parameterTable(startsAreGiven: startsAreGiven, file: name)) ?? ParameterTable(circuit: circuit)
    }

    func parameterTable(startsAreGiven: Bool, file: String) throws(NamedCircuitError) -> ParameterTable {
        var table = ParameterTable(circuit: circuit)
        for (name, setting) in settings.sorted(by: { $0.key < $1.key }) {
            do { try table.apply(setting, to: name) } catch {
                throw NamedCircuitError(file: file, line: 0, reason: error.description)
            }
            if !startsAreGiven, let i = table.index(of: name) { table[i].startGiven = false }
        }
        return table
    }
}

/// A `.circuit` file that could not be read.
public struct NamedCircuitError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line, 0 when the problem is not on one line.
    public var line: Int
    public var reason: String

    public var description: String { line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)" }
}

extension Substring {
    func trimmingWhitespace() -> String {
        var s = self
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}

extension String {
    /// The first whitespace-separated word and the trimmed rest.
    func splitFirstWord() -> (String, String) {
        guard let i = firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (self, "") }
        return (String(self[..<i]), self[i...].trimmingWhitespace())
    }

    /// `spec -- meaning` split at the first `--`.
    func splitMeaning() -> (String, String) {
        var i = startIndex
        while i < endIndex {
            let next = index(after: i)
            if self[i] == "-", next < endIndex, self[next] == "-" {
                return (self[..<i].trimmingWhitespace(), self[index(after: next)...].trimmingWhitespace())
            }
            i = next
        }
        return (self, "")
    }
}

extension Double {
    /// A decimal number or `inf`/`-inf`; nil otherwise (no locale, no hex).
    static func parsing(_ s: String) -> Double? {
        switch s.lowercased() {
        case "inf", "+inf", "infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default:
            guard let v = Double(s), v.isFinite else { return nil }
            return v
        }
    }
}
