// libFuzzer entry for the NyquistIO readers. Built and run by fuzz/run.sh (not part of `swift test`).
// FUZZ_FORMAT=<raw name> forces one reader (e.g. biologic-mpr); unset = content detection.
import Foundation
import NyquistIO

private let forced: FileFormat? = ProcessInfo.processInfo.environment["FUZZ_FORMAT"].flatMap(FileFormat.init(rawValue:))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        let spectra = try SpectrumFile.read(bytes: bytes, name: "fuzz-input", format: forced)
        // Invariants every successful read must satisfy.
        for s in spectra where s.frequencies.count != s.impedances.count || s.frequencies.contains(where: { !($0 > 0) }) {
            fatalError("invariant violated: \(s.metadata)")
        }
    } catch {
        _ = error.description  // errors are fine; rendering them must not trap either
    }
    return 0
}
