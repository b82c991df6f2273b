import Foundation
import NyquistCircuit
import NyquistFit
import Testing

/// The circuit catalog and `--param/--bound/--fix` as library calls, with typed errors.
@Suite struct CircuitCatalogTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The shipped assb-cathode gives the starts and bounds written in circuits/assb-cathode.circuit.
    @Test func shippedModelResolvesWithItsFileStartsAndBounds() throws {
        let r = try CircuitCatalog.shipped.resolve("assb-cathode", startsAreGiven: true)
        #expect(r.circuit.text(in: .impedancePy) == "R1-p(R2,CPE2)-p(R3,CPE3)")
        #expect(r.parameters.names == ["R1", "R2", "Q2", "n2", "R3", "Q3", "n3"])
        #expect(r.parameters.values == [20, 30, 5e-8, 0.9, 100, 1e-5, 0.8])
        let n2 = try #require(r.parameters.index(of: "n2"))
        #expect(r.parameters[n2].lower == 0 && r.parameters[n2].upper == 1)
        #expect(r.model?.name == "assb-cathode" && r.file == nil && r.note == nil)
        // A circuit string is parsed, with the element defaults.
        let s = try CircuitCatalog.shipped.resolve("R0-p(R1,C1)", startsAreGiven: false)
        #expect(s.model == nil && s.parameters.names == ["R0", "R1", "C1"])
    }

    @Test func resolveErrorsAreTyped() throws {
        let catalog = CircuitCatalog.shipped
        #expect(throws: CircuitCatalogError.noSuchFile(path: "/nonexistent/x.circuit")) {
            _ = try catalog.resolve("/nonexistent/x.circuit", startsAreGiven: false)
        }
        do {
            _ = try catalog.resolve("no-such-model", startsAreGiven: false)
            Issue.record("resolved an unknown name")
        } catch {
            guard case let .unknownModel(name, known, searched) = error else { Issue.record("\(error)"); return }
            #expect(name == "no-such-model" && known.contains("randles") && searched.isEmpty)
        }
        do {
            _ = try catalog.resolve("R1-p(R2", startsAreGiven: false)
            Issue.record("parsed a broken circuit")
        } catch {
            guard case .circuit = error else { Issue.record("\(error)"); return }
            #expect(error.description.hasPrefix("circuit: "))
        }
        let missing = CircuitCatalog(directories: ["/nonexistent-dir"], environment: [:])
        #expect(throws: CircuitCatalogError.noSuchFolder(CircuitFolder(path: "/nonexistent-dir", origin: "--circuits-dir"))) {
            _ = try missing.resolve("randles", startsAreGiven: false)
        }
    }

    /// A user folder (option first, then NYQUIST_CIRCUITS) replaces a shipped model, with a note; a malformed file
    /// is a `.model` error naming its line.
    @Test func userFoldersReplaceShippedModelsWithANote() throws {
        let dir = try Self.folder(), env = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: env) }
        try "circuit R1\nparam R1 5 0 inf\n".write(to: dir.appendingPathComponent("randles.circuit"), atomically: true, encoding: .utf8)
        try "circuit R1\nparam R1 7 0 inf\n".write(to: env.appendingPathComponent("randles.circuit"), atomically: true, encoding: .utf8)
        try "circuit R1\nbogus line\n".write(to: env.appendingPathComponent("broken.circuit"), atomically: true, encoding: .utf8)
        let catalog = CircuitCatalog(directories: [dir.path, dir.path + "/"], environment: ["NYQUIST_CIRCUITS": env.path])
        #expect(catalog.userDirectories.map(\.origin) == ["--circuits-dir", "NYQUIST_CIRCUITS"])
        let r = try catalog.resolve("randles", startsAreGiven: true)
        #expect(r.parameters.values == [5])
        #expect(r.note?.contains("not the shipped model") == true && r.file?.hasSuffix("randles.circuit") == true)
        do {
            _ = try catalog.resolve("broken", startsAreGiven: true)
            Issue.record("read a malformed file")
        } catch {
            guard case .model(let e) = error else { Issue.record("\(error)"); return }
            #expect(e.line == 2)
        }
    }

    @Test func overridesApplyInOrderAndContradictionsAreTyped() throws {
        let start = try CircuitCatalog.shipped.resolve("assb-cathode", startsAreGiven: false).parameters
        let t = try ParameterOverrides(param: ["R1=25"], bound: ["R3=1:1000"], fix: ["n2=1"]).applied(to: start)
        let r1 = try #require(t.index(of: "R1")), r3 = try #require(t.index(of: "R3")), n2 = try #require(t.index(of: "n2"))
        #expect(t[r1].value == 25 && t[r3].lower == 1 && t[r3].upper == 1000 && t[n2].value == 1 && t[n2].fixed)
        #expect(throws: ParameterOverrideError.malformed(item: "--bound R3=1", expected: "NAME=LOWER:UPPER")) {
            _ = try ParameterOverrides(bound: ["R3=1"]).applied(to: start)
        }
        #expect(throws: ParameterOverrideError.givenTwice(item: "--fix R1=3", earlier: "--param R1=2", name: "R1")) {
            _ = try ParameterOverrides(param: ["R1=2"], fix: ["R1=3"]).applied(to: start)
        }
        #expect(throws: ParameterOverrideError.missingName(option: "--param", item: "=")) {
            _ = try ParameterOverrides(param: ["="]).applied(to: start)
        }
        // R3 fixed at 100, outside --bound 1:50.
        #expect(throws: ParameterOverrideError.fixedOutsideBounds(
            item: "--fix R3=100", name: "R3", value: 100, valueItem: "--fix R3=100", lower: 1, upper: 50,
            boundItem: "--bound R3=1:50")) {
            _ = try ParameterOverrides(bound: ["R3=1:50"], fix: ["R3=100"]).applied(to: start)
        }
        #expect(ParameterOverrideError.fixedOutsideBounds(
            item: "--fix R3=100", name: "R3", value: 100, valueItem: "--fix R3=100", lower: 1, upper: 50,
            boundItem: "--bound R3=1:50").description
            == "--fix R3=100: the fixed value 100 of R3 lies outside its bounds [1, 50] set by --bound R3=1:50")
        do {
            _ = try ParameterOverrides(param: ["X9=1"]).applied(to: start)
            Issue.record("applied an unknown parameter")
        } catch {
            guard case .parameter(let item, .unknownParameter("X9", _)) = error else { Issue.record("\(error)"); return }
            #expect(item == "--param X9=1")
        }
    }
}
