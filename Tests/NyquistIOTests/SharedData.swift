import Foundation
import Testing
@testable import NyquistIO

/// Locates `../shared/eis-data` relative to the repository root (found from this file's path) and reads
/// MANIFEST.md and the committed reference fixture.
enum SharedData {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let folder = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/eis-data").path

    static var available: Bool { FileManager.default.fileExists(atPath: folder + "/MANIFEST.md") }
    static let skipMessage: Comment = "shared EIS data not found at ../shared/eis-data (relative to the repository root): real-file tests skipped"

    static func path(_ relative: String) -> String { folder + "/" + relative }

    /// All data files as `folder/name`, sorted.
    static var files: [String] {
        guard available, let folders = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var result: [String] = []
        for f in folders.sorted() {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + f, isDirectory: &isDir), isDir.boolValue,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + f) else { continue }
            result += names.sorted().map { "\(f)/\($0)" }
        }
        return result
    }

    struct ManifestEntry {
        var spectra: Int?
        /// Allowed point counts per spectrum (empty when the manifest gives none).
        var points: Set<Int>
    }

    /// `folder/file` → counts from the MANIFEST.md tables.
    static let manifest: [String: ManifestEntry] = {
        guard let text = try? String(contentsOfFile: folder + "/MANIFEST.md", encoding: .utf8) else { return [:] }
        var result: [String: ManifestEntry] = [:]
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## `"), let end = line.dropFirst(4).firstIndex(of: "/") {
                current = String(line[line.index(line.startIndex, offsetBy: 4)..<end])
                continue
            }
            guard line.hasPrefix("| `"), !current.isEmpty else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 6 else { continue }
            let name = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let spectra = Int(cells[4])
            let points = Set(cells[5].split(separator: ",").compactMap { Int($0.split(separator: " ").first ?? "") })
            result["\(current)/\(name)"] = ManifestEntry(spectra: spectra, points: points)
        }
        return result
    }()

    struct Reference: Decodable {
        struct Summary: Decodable {
            var points: Int
            var first: [Double]
            var last: [Double]
        }
        var reference: String?
        var spectra: Int?
        var summary: [Summary]?
    }

    static let references: [String: Reference] = {
        let url = testsDirectory.appendingPathComponent("Fixtures/reference.json")
        guard let data = try? Data(contentsOf: url),
              let decoded = try? JSONDecoder().decode([String: Reference].self, from: data) else { return [:] }
        return decoded
    }()
}

/// |a − b| ≤ rel·max(|a|, |b|) + abs.
func close(_ a: Double, _ b: Double, rel: Double = 1e-9, abs: Double = 1e-12) -> Bool {
    Swift.abs(a - b) <= rel * max(Swift.abs(a), Swift.abs(b)) + abs
}
