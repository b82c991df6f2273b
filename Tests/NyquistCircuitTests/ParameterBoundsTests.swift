import NyquistCircuit
import Testing

/// Bounds given after a start: a fixed value must respect them; a default start they exclude moves inside them.
@Suite struct ParameterBoundsTests {
    func table() throws -> ParameterTable { ParameterTable(circuit: try Circuit(parsing: "R1-p(R2,CPE2)")) }

    @Test func aFixedValueOutsideItsBoundsIsRefused() throws {
        var t = try table()
        try t.apply(ParameterSetting(lower: 10, upper: 20), to: "R2")
        try t.apply(ParameterSetting(value: 30, fixed: true), to: "R2")  // settings may come in any order …
        let r2 = t[try #require(t.index(of: "R2"))]
        #expect(r2.validationFailure == "fixed value 30.0 lies outside its bounds [10.0, 20.0]")  // … the final check refuses
        var u = try table()
        #expect(throws: ParameterError.self) { try u.apply(ParameterSetting(value: 1.2, fixed: true), to: "n2") }
        try u.apply(ParameterSetting(value: 1, fixed: true), to: "n2")  // on the closed bound n = 1: allowed
        #expect(u[try #require(u.index(of: "n2"))].value == 1)
    }

    @Test func aDefaultStartExcludedByNewBoundsMovesInside() throws {
        var t = try table()
        try t.apply(ParameterSetting(lower: 200, upper: 800), to: "R2")
        let r2 = t[try #require(t.index(of: "R2"))]
        // geometric centre of [200, 800] Ω: √(200·800) = 400 Ω
        #expect(abs(r2.value - 400) < 1e-9)
        #expect(!r2.startGiven)
        // a start the user gave is never moved: it is refused
        var u = try table()
        try u.apply(ParameterSetting(value: 100), to: "R2")
        #expect(throws: ParameterError.self) { try u.apply(ParameterSetting(lower: 200, upper: 800), to: "R2") }
    }
}
