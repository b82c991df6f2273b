/// Placeholder replaced by the GSL bridge.
public enum GSLError: Error, Sendable, Equatable {
    case status(code: Int32, context: String)
}
