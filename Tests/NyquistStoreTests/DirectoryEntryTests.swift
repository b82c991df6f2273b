import Foundation
@testable import NyquistStore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Entries of a directory input that cannot be read are reported with their real cause and skipped; a FIFO is never
/// opened (opening one for reading would block until a writer appears: the scan would hang).
@Suite struct DirectoryEntryTests {
    static let plain = "freq_Hz,Z_re_Ohm,Z_im_Ohm\n1000,10,-1\n100,12,-7\n"

    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-entries-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func emptyFifoBrokenLinkAndSubdirectoryAreReportedAndSkipped() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = { (name: String) in dir.appendingPathComponent(name).path }
        try Self.plain.write(toFile: p("c1.csv"), atomically: true, encoding: .utf8)
        try Data().write(to: URL(fileURLWithPath: p("c2.csv")))
        #expect(mkfifo(p("c3.csv"), 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: p("c4.csv"), withDestinationPath: p("gone.csv"))
        try FileManager.default.createDirectory(atPath: p("older"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: p("c5.csv"), withDestinationPath: p("c1.csv"))

        let scan = try BatchInput.scan(from: [dir.path])
        #expect(scan.skipped == [
            SkippedInput(path: p("c2.csv"), reason: "is empty"),
            SkippedInput(path: p("c3.csv"), reason: "is a FIFO (named pipe)"),
            SkippedInput(path: p("c4.csv"), reason: "broken symbolic link"),
            SkippedInput(path: p("older"), reason: "is a directory (not searched; give it as an input of its own)"),
        ])
        #expect(scan.skipped[1].description == p("c3.csv") + ": skipped: is a FIFO (named pipe)")
        // The good file and the working link to it are read.
        #expect(scan.series.count == 1)
        #expect(scan.series[0].spectra.map { ($0.source.path as NSString).lastPathComponent } == ["c1.csv", "c5.csv"])
        #expect(scan.series[0].spectra.allSatisfy { $0.failure == nil && $0.spectrum.frequencies == [1000, 100] })

        // Given directly, the same entries stop the run before it starts, with the same causes.
        #expect(throws: BatchInputError.unreadable(path: p("c3.csv"), reason: "is a FIFO (named pipe)")) {
            try BatchInput.scan(from: [p("c3.csv")])
        }
        #expect(throws: BatchInputError.unreadable(path: p("c4.csv"), reason: "broken symbolic link")) {
            try BatchInput.scan(from: [p("c4.csv")])
        }
    }

    /// Only meaningful for an unprivileged user (root reads a mode-000 file).
    @Test(.enabled(if: getuid() != 0)) func unreadableFileIsPermissionDenied() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let locked = dir.appendingPathComponent("c2.csv").path
        try Self.plain.write(toFile: dir.appendingPathComponent("c1.csv").path, atomically: true, encoding: .utf8)
        try Self.plain.write(toFile: locked, atomically: true, encoding: .utf8)
        #expect(chmod(locked, 0) == 0)
        let scan = try BatchInput.scan(from: [dir.path])
        #expect(scan.skipped == [SkippedInput(path: locked, reason: "permission denied")])
        #expect(scan.series.first?.spectra.count == 1)
    }

    /// A file given directly that the readers reject is pooled as a failed entry, not an error of the whole run.
    @Test func aRejectedFileGivenDirectlyBecomesAFailedEntry() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("a.csv").path, bad = dir.appendingPathComponent("b.csv").path
        try Self.plain.write(toFile: good, atomically: true, encoding: .utf8)
        try "freq_Hz,Z_re_Ohm,Z_im_Ohm\n1000,10,-1\n100,1x2,-7\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let scan = try BatchInput.scan(from: [good, bad])
        #expect(scan.skipped.isEmpty)
        #expect(scan.series.map(\.name) == ["files"])
        #expect(scan.series[0].spectra.map(\.failure) == [nil, bad + ":3: not a number: '1x2'"])
        #expect(scan.series[0].spectra[1].spectrum.count == 0)
    }
}
