// libFuzzer entry for the targets of NyquistTestSupport's FuzzTarget (circuit, cycler, cell, pipeline).
// Built and run by fuzz/run-targets.sh (`make fuzz`); FUZZ_TARGET=<raw name> selects the target.
import Foundation
import NyquistTestSupport

private let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
    guard let t = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("FUZZ_TARGET must be one of \(FuzzTarget.allCases.map(\.rawValue))\n".utf8))
        exit(2)
    }
    return t
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if case .violated(let reason) = target.run(bytes) { fatalError("invariant violated: \(reason)") }
    return 0
}
