import Foundation
import NyquistCircuit
import Testing

typealias Reason = CircuitSyntaxError.Reason

/// Parses `text` and checks that it fails with `reason` at `position`.
func expectFailure(_ text: String, _ syntax: CircuitSyntax?, _ reason: Reason, at position: Int,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let circuit = try Circuit(parsing: text, syntax: syntax)
        Issue.record("parsed \(text.prefix(60)) as \(circuit.text(in: .impedancePy).prefix(60))",
                     sourceLocation: sourceLocation)
    } catch {
        #expect(error.reason == reason, "\(text.prefix(60))", sourceLocation: sourceLocation)
        #expect(error.position == position, "\(text.prefix(60)): \(error.message)", sourceLocation: sourceLocation)
        #expect(error.input == text, sourceLocation: sourceLocation)
    }
}

@Suite("Circuit grammars: errors and their positions")
struct GrammarErrorTests {
    @Test(arguments: [
        ("", Reason.emptyInput, 0),
        ("  \n\t", .emptyInput, 0),
        ("R1-X2", .unknownElement("X2"), 3),
        ("Cdl", .unknownElement("Cdl"), 0),
        ("R1R2", .unknownElement("R1R2"), 0),
        ("CPE1-Q2", .unknownElement("Q2"), 5),
        ("R1-p(R2,C2", .unbalancedParenthesis, 4),
        ("R1)", .unbalancedParenthesis, 2),
        ("p()", .emptyGroup, 1),
        ("R1-p(R2)", .tooFewMembers, 4),
        ("R1-p(R2,C2)-R1", .duplicateName("R1"), 12),
        ("R1 - R2 - R1", .duplicateName("R1"), 10),
        ("R1-p(R2,C2)x", .trailingInput, 11),
        ("R1,R2", .trailingInput, 2),
        ("R1-R2$", .unexpectedCharacter("$"), 5),
        ("R1-p(R2;C2)", .unexpectedCharacter(";"), 7),
        ("R1-", .expectedElement, 3),
        ("R1--R2", .expectedElement, 3),
        ("CPE1-p(R1,R2,)", .expectedElement, 13),
        ("p(R1,R2,)", .expectedElement, 8),
        ("R1-(R2)", .expectedElement, 3),
    ])
    func impedancePyErrors(text: String, reason: Reason, position: Int) {
        expectFailure(text, .impedancePy, reason, at: position)
    }

    @Test(arguments: [
        ("", Reason.emptyInput, 0),
        ("R(RC", .unbalancedParenthesis, 1),
        ("R(RC]", .unbalancedParenthesis, 4),
        ("R]", .unbalancedParenthesis, 1),
        ("()", .emptyGroup, 0),
        ("R[]", .emptyGroup, 1),
        ("(R)", .tooFewMembers, 0),
        ("RX", .unknownElement("X"), 1),
        ("R1", .unknownElement("R1"), 0),
        ("Rr", .unknownElement("Rr"), 0),
        ("R$", .unexpectedCharacter("$"), 1),
        ("r", .unexpectedCharacter("r"), 0),
        ("{R=1}", .unexpectedCharacter("{"), 0),
        ("!V=1!", .expectedElement, 5),
        ("!V=1R", .unexpectedCharacter("R"), 4),
        ("!X=1!R", .unexpectedCharacter("X"), 1),
        ("!V=1", .unexpectedEnd, 4),
    ])
    func cdcErrors(text: String, reason: Reason, position: Int) {
        expectFailure(text, .cdc, reason, at: position)
    }

    @Test(arguments: [
        ("", Reason.emptyInput, 0),
        ("R1+Q2/(R2+W2", .unbalancedParenthesis, 6),
        ("(R1+R2", .unbalancedParenthesis, 0),
        ("R1)", .unbalancedParenthesis, 2),
        ("R1+()", .emptyGroup, 3),
        ("R1+Ma2", .unknownElement("Ma2"), 3),
        ("Wd1+Ws1", .unknownElement("Ws1"), 4),
        ("R1+R1", .duplicateName("R1"), 3),
        ("R1+", .expectedElement, 3),
        ("R1/+R2", .expectedElement, 3),
        ("R1+R2;", .unexpectedCharacter(";"), 5),
        ("R1-R2", .unexpectedCharacter("-"), 2),
        ("R1(R2)", .trailingInput, 2),
    ])
    func ecLabErrors(text: String, reason: Reason, position: Int) {
        expectFailure(text, .ecLab, reason, at: position)
    }

    @Test func messageAndCaret() throws {
        do {
            _ = try Circuit(parsing: "R1-p(R2,C2)-R1", syntax: .impedancePy)
            Issue.record("parsed")
        } catch {
            #expect(error.message == "position 13: duplicate element name 'R1'")
            #expect(error.description == "position 13: duplicate element name 'R1'\n  R1-p(R2,C2)-R1\n"
                    + String(repeating: " ", count: 14) + "^")
        }
    }

    // MARK: Robustness

    @Test(arguments: [CircuitSyntax.impedancePy, .cdc, .ecLab, nil])
    func oneMegabyteIsTooLong(syntax: CircuitSyntax?) {
        let limit = CircuitSyntax.maximumLength
        expectFailure(String(repeating: "R", count: 1_000_000), syntax, .tooLong(limit: limit), at: limit)
        expectFailure(String(repeating: "R1-", count: 400_000), syntax, .tooLong(limit: limit), at: limit)
    }

    @Test func lengthLimitIsExact() throws {
        let limit = CircuitSyntax.maximumLength
        let longest = try Circuit(parsing: String(repeating: "R", count: limit), syntax: .cdc)
        #expect(longest.elements.count == limit)
        #expect(longest.elements.last?.name == "R\(limit)")
        expectFailure(String(repeating: "R", count: limit + 1), .cdc, .tooLong(limit: limit), at: limit)
        // Multi-byte characters count once each.
        let wide = String(repeating: "Ω", count: limit)
        expectFailure(wide, .cdc, .unexpectedCharacter("Ω"), at: 0)
    }

    @Test func tenThousandNestedParenthesesAreTooDeep() {
        let d = CircuitSyntax.maximumDepth
        let n = 10_000
        let tooDeep = Reason.tooDeep(limit: d)
        expectFailure(String(repeating: "(", count: n) + "R1" + String(repeating: ")", count: n), .ecLab,
                      tooDeep, at: d)
        expectFailure(String(repeating: "(", count: n), .ecLab, tooDeep, at: d)
        expectFailure(String(repeating: "(", count: n) + "RR" + String(repeating: ")", count: n), .cdc,
                      tooDeep, at: d)
        expectFailure(String(repeating: "[", count: n) + "R" + String(repeating: "]", count: n), .cdc,
                      tooDeep, at: d)
        // The (d+1)-th "p(" starts at 2d; its parenthesis is at 2d + 1.
        expectFailure(String(repeating: "p(", count: n) + "R0" + String(repeating: ",C)", count: n), .impedancePy,
                      tooDeep, at: 2 * d + 1)
        expectFailure(String(repeating: "(", count: n) + "R1" + String(repeating: ")", count: n), nil,
                      tooDeep, at: d)
    }

    @Test func nestingAtTheLimitParsesAndSurvivesEveryRecursiveWalk() throws {
        let d = CircuitSyntax.maximumDepth
        #expect(try Circuit(parsing: String(repeating: "(", count: d) + "R1" + String(repeating: ")", count: d),
                            syntax: .ecLab) == .element(Element(kind: .resistor, label: "1")))
        #expect(try Circuit(parsing: String(repeating: "[", count: d) + "R" + String(repeating: "]", count: d),
                            syntax: .cdc) == .element(Element(kind: .resistor, label: "1")))
        // p(R_k,C_k-p(…)) alternates parallel and series: k groups make a tree 2k levels deep.
        func alternating(_ k: Int) -> String {
            var text = "R0"
            for i in 1...k { text = "p(R\(i),C\(i)-" + text + ")" }
            return text
        }
        let text = alternating(d / 2)
        let deep = try Circuit(parsing: text, syntax: .impedancePy)
        #expect(deep.elements.count == d + 1)
        #expect(deep.normalized() == deep)
        #expect(deep.text(in: .impedancePy) == text)
        // At the limit, every syntax prints it in a form it reads back.
        #expect(try Circuit(parsing: deep.text(in: .ecLab), syntax: .ecLab) == deep)
        let cdc = deep.text(in: .cdc)
        #expect(cdc.filter { $0 == "(" || $0 == "[" }.count == d)
        #expect(try Circuit(parsing: cdc, syntax: .cdc).text(in: .cdc) == cdc)
        let data = try JSONEncoder().encode(deep)
        #expect(try JSONDecoder().decode(Circuit.self, from: data) == deep)
        #expect(Set([deep, deep]).count == 1)
        // One level more: the series "C101-p(…)" inside the outermost group is level 201.
        let tooDeepText = alternating(d / 2 + 1)
        let series = try #require(tooDeepText.range(of: "C\(d / 2 + 1)-"))
        expectFailure(tooDeepText, .impedancePy, .tooDeep(limit: d),
                      at: tooDeepText.distance(from: tooDeepText.startIndex, to: series.lowerBound))
        // The same tree in EC-Lab needs only 100 parentheses; one series around it makes level 201, reported
        // where that series starts.
        var ecLab = "R0"
        for i in 1...(d / 2) { ecLab = "R\(i)/(C\(i)+" + ecLab + ")" }
        #expect(deep.text(in: .ecLab) == ecLab)
        expectFailure("R9999+" + ecLab, .ecLab, .tooDeep(limit: d), at: 0)
    }

    @Test func longFlatInputsParse() throws {
        // ~89 000 characters, 15 000 elements.
        let names = (1...15_000).map { "R\($0)" }
        let series = try Circuit(parsing: names.joined(separator: "-"), syntax: .impedancePy)
        #expect(series.elements.count == 15_000)
        let parallel = try Circuit(parsing: names.joined(separator: "/"), syntax: .ecLab)
        guard case .parallel(let members) = parallel else {
            Issue.record("not a parallel")
            return
        }
        #expect(members.count == 15_000)
    }
}
