import CKernels

/// SHA-256 (FIPS 180-4) of a byte sequence (internal, so it cannot clash with swift-crypto's `SHA256`), written out here so the store needs no cryptography dependency.
///
/// Used for content identity only (source-file hashes and fit-settings hashes), never for security.
enum SHA256 {
    /// The digest of `bytes` as 64 lowercase hexadecimal digits.
    static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        digest(bytes).map { b in
            let s = String(b, radix: 16)
            return b < 16 ? "0" + s : s
        }.joined()
    }

    /// The digest of `bytes`: 32 bytes. The 64-byte blocks are read in place (only the padded tail is copied), and the
    /// compression runs on unchecked buffers (bounds are fixed by the loops).
    static func digest<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
            (0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
        let count = bytes.count
        let consumed = bytes.withContiguousStorageIfAvailable { digestBlocks($0, into: &h) }
            ?? Array(bytes).withUnsafeBufferPointer { digestBlocks($0, into: &h) }
        var tail = Array(bytes.dropFirst(consumed))
        let bitLength = UInt64(count) &* 8
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        _ = tail.withUnsafeBufferPointer { digestBlocks($0, into: &h) }
        return [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7].flatMap { v in
            (0..<4).map { UInt8(truncatingIfNeeded: v >> UInt32(24 - 8 * $0)) }
        }
    }

    /// Compresses every whole 64-byte block of `message` into `h`; returns the number of bytes consumed. With the
    /// x86 SHA extensions (CKernels' `nyq_sha256_blocks`) when the CPU has them and `hardware` is
    /// true, else in Swift below (the tests compare the two).
    static func digestBlocks(_ message: UnsafeBufferPointer<UInt8>,
                             into h: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
                             hardware: Bool = true) -> Int
    {
        let blocks = message.count / 64
        guard blocks > 0, let base = message.baseAddress else { return 0 }
        if hardware {
            let done = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 8) { buffer -> Bool in
                guard let s = buffer.baseAddress else { return false }
                (s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]) = h
                guard nyq_sha256_blocks(s, base, blocks) != 0 else { return false }
                h = (s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7])
                return true
            }
            if done { return 64 * blocks }
        }
        guard let k = nyq_sha256_constants() else { return 0 }
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { wb in
            guard let w = wb.baseAddress else { return }
            for block in 0..<blocks {
                let m = base + 64 * block
                for t in 0..<16 {
                    w[t] = UInt32(m[4 * t]) << 24 | UInt32(m[4 * t + 1]) << 16 | UInt32(m[4 * t + 2]) << 8
                        | UInt32(m[4 * t + 3])
                }
                for t in 16..<64 {
                    let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
                    let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
                    w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                }
                var a = h.0, b = h.1, c = h.2, d = h.3, e = h.4, f = h.5, g = h.6, hh = h.7
                for t in 0..<64 {
                    let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                    let ch = (e & f) ^ (~e & g)
                    let t1 = hh &+ s1 &+ ch &+ k[t] &+ w[t]
                    let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                    let maj = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ maj
                    hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
                }
                h.0 &+= a; h.1 &+= b; h.2 &+= c; h.3 &+= d; h.4 &+= e; h.5 &+= f; h.6 &+= g; h.7 &+= hh
            }
        }
        return 64 * blocks
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}
