import Foundation
import NyquistTestSupport
import Testing

/// docs/outputs.md cannot rot: every key it documents for a JSON output appears in the real output of the command
/// (unless marked optional, or its parent is absent), and every key of the real output is documented (issue 14).
@Suite struct OutputSchemaCommandTests {
    /// One documented schema: key paths (`a.b`, `a[].b`, `<P>` for a parameter name), which are optional, and the
    /// prefixes documented elsewhere (`x.*`).
    struct Schema {
        var keys: Set<String> = []
        var optional: Set<String> = []
        var elsewhere: [String] = []
    }

    /// Reads the table between `<!-- schema: name -->` and `<!-- /schema -->` in docs/outputs.md.
    static func schema(_ name: String) throws -> Schema {
        let text = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("docs/outputs.md"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0 == "<!-- schema: \(name) -->" }, "schema \(name) in docs/outputs.md")
        var schema = Schema()
        for line in lines[(start + 1)...] {
            if line == "<!-- /schema -->" { break }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 3, cells[1].hasPrefix("`"), cells[1].hasSuffix("`") else { continue }
            let key = String(cells[1].dropFirst().dropLast())
            if key.hasSuffix(".*") { schema.elsewhere.append(String(key.dropLast(2))); continue }
            schema.keys.insert(key)
            if cells[2].contains("optional") { schema.optional.insert(key) }
        }
        return schema
    }

    /// Every key path of a JSON value, and the paths that are present (including `a[]` for a non-empty array).
    static func paths(_ value: Any, _ prefix: String = "", into keys: inout Set<String>, present: inout Set<String>) {
        if let object = value as? [String: Any] {
            for (k, v) in object {
                let path = prefix.isEmpty ? k : prefix + "." + k
                keys.insert(path)
                present.insert(path)
                paths(v, path, into: &keys, present: &present)
            }
        } else if let array = value as? [Any] {
            if !array.isEmpty { present.insert(prefix + "[]") }
            for v in array { paths(v, prefix + "[]", into: &keys, present: &present) }
        }
    }

    /// The documented parent a key needs: `a` for `a.b`, `a[]` for `a[].b`, nil at the top.
    static func parent(_ key: String) -> String? {
        guard let dot = key.lastIndex(of: ".") else { return key.hasPrefix("[]") ? "[]" : nil }
        return String(key[..<dot])
    }

    /// Checks the outputs of one command (several runs: optional keys may show up in one only) against its schema.
    /// `rename` maps a real key path to its documented form (parameter names to `<P>`).
    static func check(_ name: String, _ outputs: [String], rename: (String) -> String = { $0 }) throws {
        let schema = try schema(name)
        #expect(schema.keys.count > 5, "the \(name) schema lists its keys")
        var seen: Set<String> = []
        for output in outputs {
            let json = try JSONSerialization.jsonObject(with: Data(output.utf8), options: [.fragmentsAllowed])
            var keys: Set<String> = [], present: Set<String> = []
            paths(json, into: &keys, present: &present)
            let real = Set(keys.map(rename)), presentKeys = Set(present.map(rename))
            seen.formUnion(real)
            for key in real where !schema.keys.contains(key) && !schema.elsewhere.contains(where: { key.hasPrefix($0) }) {
                Issue.record("\(name): key '\(key)' of the real output is not in docs/outputs.md")
            }
            for key in schema.keys.subtracting(schema.optional) where !real.contains(key) {
                let parentPresent = parent(key).map { presentKeys.contains($0) } ?? true
                if parentPresent { Issue.record("\(name): documented key '\(key)' is missing from the real output") }
            }
        }
        // A documented key no run ever produced must at least be optional (or below an absent optional parent).
        for key in schema.keys.subtracting(seen) {
            var k: String? = key, optional = false
            while let current = k, !optional { optional = schema.optional.contains(current); k = parent(current) }
            #expect(optional, "\(name): '\(key)' is documented as always present but never appeared")
        }
    }

    @Test func fitJSONMatchesTheSchema() throws {
        let local = try runNyquist(["fit", "samples/assb-cathode-synthetic.csv", "--circuit", "assb-cathode", "--format", "json"])
        #expect(local.status == 0, "\(local.stderr)")
        // Global method, a window, a stop rule and estimated weighting: the optional keys those add.
        let global = try runNyquist(["fit", "samples/assb-cathode-synthetic.csv", "--circuit", "assb-cathode", "--format", "json",
                                     "--method", "randomize-simplex", "--starts", "20", "--refine", "2", "--fmin", "0.1",
                                     "--fmax", "1e5", "--points", "1:130", "--stop-chi2-modulus", "1e-9",
                                     "--weight", "estimated"])
        #expect(global.status == 0 || global.status == 1, "\(global.stderr)")
        try Self.check("fit", [local.stdout, global.stdout])
    }

    @Test func convertJSONMatchesTheSchema() throws {
        let mpr = try runNyquist(["convert", "samples/PEIS_LPSCl_IonBlocking_-25C.mpr", "--to", "json"])
        #expect(mpr.status == 0, "\(mpr.stderr)")
        let csv = try runNyquist(["convert", "-", "--to", "json"],
                                 input: Data("cycle,freq_Hz,Z_re_Ohm,Z_im_Ohm\n2,100,1,-1\n2,10,2,-2\n".utf8))
        #expect(csv.status == 0, "\(csv.stderr)")
        try Self.check("convert", [mpr.stdout, csv.stdout])
    }

    @Test func validateJSONMatchesTheSchema() throws {
        let pass = try runNyquist(["validate", "samples/assb-cathode-synthetic.csv", "--format", "json"])
        #expect(pass.status == 0, "\(pass.stderr)")
        // 0.5 % noise against a 0.01 % limit: fails with noiseTooLarge.
        let fail = try runNyquist(["validate", "samples/assb-cathode-synthetic.csv", "--format", "json", "--max-noise", "0.01",
                                   "--elements", "12", "--capacitance"])
        #expect(fail.status == 1, "\(fail.stderr)")
        try Self.check("validate", [pass.stdout, fail.stdout])
    }

    @Test func exportJSONMatchesTheSchema() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = RepositoryPaths.root.appendingPathComponent("samples/assb-cathode-synthetic.csv").path
        let store = dir.appendingPathComponent("s.sqlite").path
        let batch = try runNyquist(["batch", data, "--circuit", "R1-p(R2,CPE2)-p(R3,CPE3)", "--store", store, "--quiet"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let export = try runNyquist(["export", store, "--format", "json"])
        #expect(export.status == 0, "\(export.stderr)")
        let names = ["R1", "R2", "Q2", "n2", "R3", "Q3", "n3"]
        try Self.check("export", [export.stdout]) { key in
            for p in names {
                if key == "units.\(p)" { return "units.<P>" }
                if key == "rows[].\(p)" { return "rows[].<P>" }
                if key == "rows[].\(p)_se" { return "rows[].<P>_se" }
            }
            return key
        }
    }

    @Test func trackJSONMatchesTheSchema() throws {
        let r = try runNyquist(["track", "samples/tracking/r3-bare.csv", "--param", "R3", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        try Self.check("track", [r.stdout])
    }
}
