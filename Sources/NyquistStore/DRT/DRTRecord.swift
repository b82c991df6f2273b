import Foundation
import NyquistDRT

/// One DRT to write.
struct DRTRecord: Sendable {
    var drtSet: Int64
    var spectrumID: Int64
    var series: String
    var position: Int
    var result: DRTResult?
    var error: String?
    var seconds: Double
    var createdAt: String
}
