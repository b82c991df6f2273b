import Foundation
import NyquistCircuit

// A stand-in for the circuit library's named-model lookup (circuits/README.md), kept here in one file so it can be
// replaced by the real one.

/// A circuit and its parameter table, from a name, a `.circuit` file or a circuit description.
public enum NamedCircuit {
    /// Resolves `text`:
    /// - a path to an existing file (or anything ending in `.circuit`) is read as a `.circuit` file;
    /// - a bare name (`assb-cathode-warburg`) is looked up as `NAME.circuit` in `$NYQUIST_CIRCUITS`, `./circuits`, then
    ///   the source tree's `circuits/` folder;
    /// - anything else is parsed as a circuit description in any of the three syntaxes.
    public static func resolve(_ text: String) throws(BatchInputError) -> (circuit: Circuit, parameters: ParameterTable) {
        let fm = FileManager.default
        if text.hasSuffix(".circuit") || (text.contains("/") && fm.fileExists(atPath: text)) { return try read(path: text) }
        if text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            for dir in searchPath {
                let path = dir + "/" + text + ".circuit"
                if fm.fileExists(atPath: path) { return try read(path: path) }
            }
        }
        do {
            let c = try Circuit(parsing: text)
            return (c, ParameterTable(circuit: c))
        } catch { throw .circuitSyntax(error) }
    }

    static var searchPath: [String] {
        var dirs: [String] = []
        if let env = ProcessInfo.processInfo.environment["NYQUIST_CIRCUITS"] { dirs += env.split(separator: ":").map(String.init) }
        dirs.append("circuits")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        dirs.append(root.appendingPathComponent("circuits").path)
        return dirs
    }

    /// Reads a `.circuit` file: a `circuit TEXT` line and `param NAME START LOWER UPPER [fixed] [-- meaning]` lines.
    public static func read(path: String) throws(BatchInputError) -> (circuit: Circuit, parameters: ParameterTable) {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        var circuit: Circuit?
        var settings: [(line: Int, name: String, setting: ParameterSetting)] = []
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.split(separator: "--", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            switch words[0] {
            case "description": continue
            case "circuit":
                let body = line.dropFirst("circuit".count).trimmingCharacters(in: .whitespaces)
                do { circuit = try Circuit(parsing: body) } catch { throw .circuitSyntax(error) }
            case "param":
                guard words.count == 5 || (words.count == 6 && words[5] == "fixed") else {
                    throw .circuitFile(path: path, line: i + 1, reason: "expected: param NAME START LOWER UPPER [fixed]")
                }
                var numbers: [Double] = []
                for w in words[2...4] {
                    guard let v = w == "inf" ? Double.infinity : Double(w), !v.isNaN else {
                        throw .circuitFile(path: path, line: i + 1, reason: "'\(w)' is not a number")
                    }
                    numbers.append(v)
                }
                settings.append((i + 1, words[1], ParameterSetting(value: numbers[0], fixed: words.count == 6,
                                                                  lower: numbers[1], upper: numbers[2])))
            default:
                throw .circuitFile(path: path, line: i + 1, reason: "unknown keyword '\(words[0])'")
            }
        }
        guard let circuit else { throw .circuitFile(path: path, line: 1, reason: "no 'circuit' line") }
        var table = ParameterTable(circuit: circuit)
        for s in settings {
            do { try table.apply(s.setting, to: s.name) } catch {
                throw .circuitFile(path: path, line: s.line, reason: error.description)
            }
        }
        return (circuit, table)
    }
}
