/// A minimal SVG 1.1 writer: shapes in pixel coordinates (origin top-left, y down), text escaped for XML.
public struct SVGCanvas: Sendable {
    public let width: Double
    public let height: Double
    private var defs: [String] = []
    private var body: [String] = []
    private var clipCount = 0

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The finished document.
    public var document: String {
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        s += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(n(width))\" height=\"\(n(height))\" "
        s += "viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
        if !defs.isEmpty { s += "<defs>\n" + defs.joined(separator: "\n") + "\n</defs>\n" }
        s += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"white\"/>\n"
        s += body.joined(separator: "\n")
        s += "\n</svg>\n"
        return s
    }

    /// Defines a clip rectangle and returns its id for ``beginGroup(clip:)``.
    public mutating func clipRect(_ r: Rect) -> String {
        clipCount += 1
        let id = "clip\(clipCount)"
        defs.append("<clipPath id=\"\(id)\"><rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.width))\" "
                    + "height=\"\(n(r.height))\"/></clipPath>")
        return id
    }

    public mutating func beginGroup(clip: String? = nil) {
        body.append(clip.map { "<g clip-path=\"url(#\($0))\">" } ?? "<g>")
    }

    public mutating func endGroup() { body.append("</g>") }

    public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                              width: Double = 1, dash: String? = nil) {
        guard [x1, y1, x2, y2].allSatisfy(\.isFinite) else { return }
        body.append("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" "
                    + "stroke-width=\"\(n(width))\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>")
    }

    public mutating func rect(_ r: Rect, stroke: String? = nil, fill: String = "none", opacity: Double = 1) {
        var s = "<rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.width))\" height=\"\(n(r.height))\" "
        s += "fill=\"\(fill)\"" + (opacity < 1 ? " fill-opacity=\"\(n(opacity))\"" : "")
        s += stroke.map { " stroke=\"\($0)\"" } ?? ""
        body.append(s + "/>")
    }

    /// A polyline through the finite points; a non-finite point breaks the line into pieces.
    public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1.5,
                                  dash: String? = nil) {
        var piece: [String] = []
        func flush() {
            if piece.count >= 2 {
                body.append("<polyline points=\"\(piece.joined(separator: " "))\" fill=\"none\" stroke=\"\(stroke)\" "
                            + "stroke-width=\"\(n(width))\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>")
            }
            piece = []
        }
        for (x, y) in points {
            if x.isFinite && y.isFinite { piece.append("\(n(x)),\(n(y))") } else { flush() }
        }
        flush()
    }

    /// A closed filled polygon (confidence bands).
    public mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double) {
        let p = points.filter { $0.0.isFinite && $0.1.isFinite }
        guard p.count >= 3 else { return }
        body.append("<polygon points=\"\(p.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " "))\" fill=\"\(fill)\" "
                    + "fill-opacity=\"\(n(opacity))\" stroke=\"none\"/>")
    }

    public mutating func marker(_ x: Double, _ y: Double, _ shape: MarkerShape, color: String, size: Double = 3) {
        guard x.isFinite, y.isFinite else { return }
        switch shape {
        case .circle:
            body.append("<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(size))\" fill=\"\(color)\"/>")
        case .openCircle:
            body.append("<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(size))\" fill=\"white\" stroke=\"\(color)\" "
                        + "stroke-width=\"1.2\"/>")
        case .square:
            body.append("<rect x=\"\(n(x - size))\" y=\"\(n(y - size))\" width=\"\(n(2 * size))\" "
                        + "height=\"\(n(2 * size))\" fill=\"\(color)\"/>")
        case .triangle:
            let h = size * 1.2
            body.append("<polygon points=\"\(n(x)),\(n(y - h)) \(n(x - h)),\(n(y + h * 0.8)) \(n(x + h)),"
                        + "\(n(y + h * 0.8))\" fill=\"\(color)\"/>")
        }
    }

    public mutating func text(_ s: String, x: Double, y: Double, size: Double = 12, anchor: TextAnchor = .start,
                              color: String = "#222", rotate: Double? = nil, bold: Bool = false) {
        guard x.isFinite, y.isFinite else { return }
        var t = "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor.rawValue)\" "
        t += "fill=\"\(color)\"" + (bold ? " font-weight=\"bold\"" : "")
        if let r = rotate { t += " transform=\"rotate(\(n(r)) \(n(x)) \(n(y)))\"" }
        body.append(t + ">" + xmlEscape(s) + "</text>")
    }
}

public enum TextAnchor: String, Sendable { case start, middle, end }

public enum MarkerShape: Sendable, CaseIterable { case circle, openCircle, square, triangle }

/// A rectangle in pixels.
public struct Rect: Sendable, Hashable, Codable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
}

/// Escapes `& < > " '` and drops characters XML 1.0 forbids (C0 controls except tab, newline, return).
public func xmlEscape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars {
        switch u {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        default:
            if u.value < 0x20 && u != "\t" && u != "\n" && u != "\r" { continue }
            if u.value == 0xFFFE || u.value == 0xFFFF { continue }
            out.unicodeScalars.append(u)
        }
    }
    return out
}

/// A coordinate with two decimals (enough at screen resolution), no exponent.
func n(_ v: Double) -> String {
    guard v.isFinite else { return "0" }
    let r = (v * 100).rounded() / 100
    if r == r.rounded() && abs(r) < 1e15 { return String(Int(r)) }
    return String(r)
}

/// The default palette (colour-blind friendly, Okabe–Ito).
public let plotPalette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
