import Foundation
import NyquistTestSupport
import Testing

/// Every input the fuzzer (`make fuzz`, fuzz/run-targets.sh) found crashing, saved in fuzz/regressions/<target>/,
/// now runs through the same target without a trap and is accepted or refused with a typed error; none breaks an
/// invariant. The inputs are replayed in-process: a trap would end the test run.
@Suite struct FuzzCorpusReplayTests {
    static let folder = RepositoryPaths.root.appendingPathComponent("fuzz/regressions")

    static var cases: [String] {
        FuzzTarget.allCases.flatMap { t in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(t.rawValue).path)) ?? [])
                .filter { !$0.hasPrefix(".") }.sorted().map { "\(t.rawValue)/\($0)" }
        }
    }

    @Test("Former fuzz findings", arguments: cases)
    func replay(_ name: String) throws {
        let target = try #require(FuzzTarget(rawValue: String(name.split(separator: "/")[0])))
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let outcome = target.run(bytes)
        if case .violated(let reason) = outcome { Issue.record("\(name): \(reason)") }
        if case .rejected(let reason) = outcome { #expect(!reason.isEmpty, "\(name): an error without a message") }
    }

    @Test func everyTargetHasARegressionFolder() {
        for t in FuzzTarget.allCases {
            var isDirectory: ObjCBool = false
            let path = Self.folder.appendingPathComponent(t.rawValue).path
            #expect(FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue, "\(path)")
        }
    }
}
