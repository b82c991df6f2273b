import Foundation
import NyquistTestSupport
import Testing

/// `nyquist circuits NAME` lines its header up with its rows; the unknown-model message names each folder once.
@Suite struct CircuitsTableCommandTests {
    @Test func headerWordsStartWhereTheirColumnsStart() throws {
        let r = try runNyquist(["circuits", "assb-cathode"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map { Array($0) }
        let headerIndex = try #require(lines.firstIndex { String($0).hasPrefix("  parameter") })
        let header = lines[headerIndex]
        let rows = lines[(headerIndex + 1)...].filter { !$0.isEmpty }
        #expect(rows.count == 7, "R1, R2, Q2, n2, R3, Q3, n3")
        // Column starts: a non-space after a space (or the line start), in the header.
        func starts(_ line: [Character]) -> [Int] {
            line.indices.filter { line[$0] != " " && ($0 == 0 || line[$0 - 1] == " ") }
        }
        let columns = starts(header)
        #expect(columns.count == 6)
        for row in rows {
            // Every header column starts a field of the row (the meaning column may hold several words).
            for c in columns {
                #expect(c < row.count && row[c] != " " && row[c - 1] == " ", "\(String(header))\n\(String(row))")
            }
        }
        // The R1 row by hand: parameter R1, start 20, lower 0, upper inf, unit Ω.
        let r1 = try #require(rows.first { String($0).hasPrefix("  R1 ") })
        let fields = columns.dropLast().map { c in String(r1[c...].prefix { $0 != " " }) }
        #expect(fields == ["R1", "20", "0", "inf", "Ω"])
    }

    @Test func unknownModelNamesEachFolderOnce() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-circuits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runNyquist(["circuits", "no-such-model", "--circuits-dir", dir.path],
                               environment: ["NYQUIST_CIRCUITS": dir.path + "/:" + dir.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no named circuit 'no-such-model'"), "\(r.stderr)")
        #expect(r.stderr.components(separatedBy: dir.lastPathComponent).count == 2, "one mention: \(r.stderr)")
        #expect(r.stderr.contains("\(dir.path) (--circuits-dir)"), "\(r.stderr)")
    }
}
