import NyquistText

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
    /// - Throws: ``NamedCircuitError`` naming the file, the line and the reason: a malformed line, a second
    ///   `circuit` or `description` line, a parameter set on two `param` lines, an unknown parameter, a start or
    ///   bound outside the parameter's domain, or a value (fixed or not) outside its own bounds.
    public init(name: String, source: String, file: String) throws(NamedCircuitError) {
        self.name = name
        var description: String?
        var text: String?
        var settings: [String: ParameterSetting] = [:]
        var settingLines: [(name: String, line: Int)] = []
        var meanings: [String: String] = [:]
        var circuitLine = 0, descriptionLine = 0
        for (number, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let (keyword, rest) = line.splitFirstWord()
            switch keyword {
            case "description":
                guard description == nil else {
                    throw NamedCircuitError(file: file, line: number + 1,
                                            reason: "a second 'description' line (the first is line \(descriptionLine))")
                }
                description = rest; descriptionLine = number + 1
            case "circuit":
                guard text == nil else {
                    throw NamedCircuitError(file: file, line: number + 1,
                                            reason: "a second 'circuit' line (the first is line \(circuitLine))")
                }
                text = rest; circuitLine = number + 1
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
                if let first = settingLines.first(where: { $0.name == fields[0] }) {
                    throw NamedCircuitError(file: file, line: number + 1,
                                            reason: "parameter \(fields[0]) is set twice (first on line \(first.line))")
                }
                settings[fields[0]] = ParameterSetting(value: numbers[0], fixed: fields.count == 5,
                                                       lower: numbers[1], upper: numbers[2])
                settingLines.append((fields[0], number + 1))
                if !meaning.isEmpty { meanings[fields[0]] = meaning }
            default:
                throw NamedCircuitError(file: file, line: number + 1, reason: "unknown keyword '\(keyword)'")
            }
        }
        guard let text else { throw NamedCircuitError(file: file, line: 0, reason: "no 'circuit' line") }
        do { circuit = try Circuit(parsing: text) } catch {
            throw NamedCircuitError(file: file, line: circuitLine, reason: error.message)
        }
        self.description = description ?? ""
        self.text = text
        self.settings = settings
        self.meanings = meanings
        // Every named parameter must exist, and its start and bounds be valid, checked on its own line.
        var table = ParameterTable(circuit: circuit)
        for (parameter, line) in settingLines {
            guard let setting = settings[parameter] else { continue }
            do { try table.apply(setting, to: parameter) } catch {
                throw NamedCircuitError(file: file, line: line, reason: error.description)
            }
            if let value = setting.value, let lower = setting.lower, let upper = setting.upper,
               value < lower || value > upper
            {
                throw NamedCircuitError(file: file, line: line,
                                        reason: "\(parameter) = \(value) lies outside its bounds [\(lower), \(upper)]")
            }
        }
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
    /// A finite decimal number (`NumberParser`) or `inf`/`-inf` spelled out; nil otherwise (no locale, no hex, no
    /// `nan`, no overflow such as `1e400`).
    static func parsing(_ s: String) -> Double? {
        switch s.lowercased() {
        case "inf", "+inf", "infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default:
            guard let v = NumberParser.parse(s), v.isFinite else { return nil }
            return v
        }
    }
}
