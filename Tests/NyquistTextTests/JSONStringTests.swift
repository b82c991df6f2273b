import Foundation
import Testing
@testable import NyquistText

/// `JSONString.quoted` against RFC 8259 §7 written out by hand, and against Foundation's JSON parser reading it back.
@Suite struct JSONStringTests {
    @Test func escapesByHand() {
        #expect(JSONString.quoted("R3") == "\"R3\"")
        #expect(JSONString.quoted("F·s^(n−1)") == "\"F·s^(n−1)\"")
        #expect(JSONString.quoted("a\"b\\c") == "\"a\\\"b\\\\c\"")
        #expect(JSONString.quoted("l1\nl2\r\tx") == "\"l1\\nl2\\r\\tx\"")
        #expect(JSONString.quoted("\u{01}\u{1F}") == "\"\\u0001\\u001f\"")
        #expect(JSONString.quoted("") == "\"\"")
    }

    @Test func readsBackUnchanged() throws {
        for s in ["plain", "quote \" and \\ back", "tab\tnew\nline", "ctl \u{00}\u{07}\u{1B}", "Ω ≤ 5 % → ✓", "/path/x"] {
            let data = Data(("[" + JSONString.quoted(s) + "]").utf8)
            let back = try JSONSerialization.jsonObject(with: data) as? [String]
            #expect(back == [s])
        }
    }
}
