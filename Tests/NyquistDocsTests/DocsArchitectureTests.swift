import Foundation
import NyquistTestSupport
import Testing

/// docs/architecture.md (and the README's table) match Package.swift; no public type is declared in two modules.
@Suite struct DocsArchitectureTests {
    /// Non-test targets of Package.swift with their dependencies on targets of this package.
    static func packageTargets() throws -> [String: Set<String>] {
        let text = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let declaration = try Regex(#"\.(target|executableTarget|systemLibrary|testTarget)\(\s*name:\s*"(\w+)""#)
        let matches = text.matches(of: declaration)
        var all: [(kind: String, name: String, body: Substring)] = []
        for (k, m) in matches.enumerated() {
            let end = k + 1 < matches.count ? matches[k + 1].range.lowerBound : text.endIndex
            all.append((String(m.output[1].substring ?? ""), String(m.output[2].substring ?? ""), text[m.range.upperBound..<end]))
        }
        let names = Set(all.map(\.name))
        var out: [String: Set<String>] = [:]
        for t in all where t.kind != "testTarget" {
            let quoted = t.body.matches(of: try Regex(#""(\w+)""#)).compactMap { $0.output[1].substring.map(String.init) }
            out[t.name] = Set(quoted.filter { names.contains($0) && $0 != t.name })
        }
        return out
    }

    /// The "Targets" table of docs/architecture.md: target → dependencies in this package.
    static func documentedTargets() throws -> [String: Set<String>] {
        let text = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        var out: [String: Set<String>] = [:]
        let section = text.components(separatedBy: "## Targets").dropFirst().first?.components(separatedBy: "\n## ").first ?? ""
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3 else { continue }
            let name = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            out[name] = Set(cells[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0 != "—" })
        }
        return out
    }

    @Test func architectureTableMatchesPackageSwift() throws {
        let package = try Self.packageTargets()
        let documented = try Self.documentedTargets()
        #expect(package.count >= 12, "\(package.keys.sorted())")
        #expect(Set(documented.keys) == Set(package.keys), "documented \(documented.keys.sorted()), package \(package.keys.sorted())")
        for (name, deps) in package { #expect(documented[name] == deps, "\(name): docs \(documented[name] ?? []) vs \(deps)") }
        // The README's table names every target too.
        let readme = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
        for name in package.keys { #expect(readme.contains("| `\(name)`"), "README architecture table lacks \(name)") }
    }

    /// The check of scripts/duplicate-public-names.py: top-level `public struct|enum|class|actor|protocol|typealias`
    /// names, per module of Sources/.
    @Test func noPublicTypeNameIsDeclaredInTwoModules() throws {
        let sources = RepositoryPaths.root.appendingPathComponent("Sources")
        let declaration = try Regex(#"^public\s+(?:final\s+|indirect\s+)*(?:struct|enum|class|actor|protocol|typealias)\s+([A-Za-z_]\w*)"#)
        var modules: [String: Set<String>] = [:]
        for module in try FileManager.default.contentsOfDirectory(atPath: sources.path) {
            let dir = sources.appendingPathComponent(module)
            guard let walker = FileManager.default.enumerator(atPath: dir.path) else { continue }
            for case let file as String in walker where file.hasSuffix(".swift") {
                let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    if let m = line.prefixMatch(of: declaration), let name = m.output[1].substring {
                        modules[String(name), default: []].insert(module)
                    }
                }
            }
        }
        let duplicates = modules.filter { $0.value.count > 1 }
        #expect(modules.count > 100, "scanned \(modules.count) names")
        #expect(duplicates.isEmpty, "\(duplicates)")
    }
}
