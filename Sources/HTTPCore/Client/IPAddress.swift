import Glibc

/// An IPv4 or IPv6 address as bytes (4 or 16), parsed from its text form.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]
    /// The text it was parsed from, e.g. `10.0.0.1` or `fe80::1`.
    public let description: String

    /// Parses a literal (`192.0.2.1`, `2001:db8::1`; no brackets, no zone); nil otherwise.
    public init?(_ text: String) {
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, text, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
        } else {
            return nil
        }
        description = text
    }

    public var isIPv4: Bool { bytes.count == 4 }
}

/// The address ranges an outbound call to a user-given URL must not reach unless
/// allowed: a URL naming them would let a caller make the server talk to itself, its
/// network or its cloud provider's metadata service (server-side request forgery).
public enum RestrictedAddressRange: String, Sendable, CaseIterable {
    case unspecified
    case loopback
    /// RFC 1918 (10/8, 172.16/12, 192.168/16).
    case `private`
    /// 169.254/16 and fe80::/10.
    case linkLocal = "link-local"
    /// The cloud instance metadata address, 169.254.169.254 (inside link-local, named on its own).
    case metadata
    /// RFC 6598 shared address space, 100.64/10 (carrier-grade NAT).
    case sharedCGNAT = "cgnat"
    /// fc00::/7.
    case uniqueLocal = "unique-local"
    case multicast
    /// 240/4 (broadcast included), IPv4-compatible IPv6 (::/96) and the like: never a public peer.
    case reserved
}

extension IPAddress {
    /// The restricted range this address is in, or nil for an ordinary public address.
    /// IPv6 addresses that carry an IPv4 address (IPv4-mapped ::ffff:0:0/96, NAT64
    /// 64:ff9b::/96) are judged by that IPv4 address: they reach it.
    public var restrictedRange: RestrictedAddressRange? {
        isIPv4 ? Self.classifyV4(bytes) : Self.classifyV6(bytes)
    }

    static func classifyV4(_ b: [UInt8]) -> RestrictedAddressRange? {
        switch (b[0], b[1]) {
        case (0, _): return .unspecified // 0.0.0.0/8, "this network"
        case (127, _): return .loopback
        case (10, _): return .private
        case (172, 16...31): return .private
        case (192, 168): return .private
        case (169, 254): return b[2] == 169 && b[3] == 254 ? .metadata : .linkLocal
        case (100, 64...127): return .sharedCGNAT
        case (224...239, _): return .multicast
        case (240...255, _): return .reserved
        default: return nil
        }
    }

    static func classifyV6(_ b: [UInt8]) -> RestrictedAddressRange? {
        let firstTenZero = b[0..<10].allSatisfy { $0 == 0 }
        if firstTenZero && b[10] == 0xFF && b[11] == 0xFF { return classifyV4(Array(b[12..<16])) }
        let nat64: [UInt8] = [0x00, 0x64, 0xFF, 0x9B] + [UInt8](repeating: 0, count: 8)
        if Array(b[0..<12]) == nat64 { return classifyV4(Array(b[12..<16])) }
        if b[0..<12].allSatisfy({ $0 == 0 }) {
            if b[12..<15].allSatisfy({ $0 == 0 }) && b[15] == 0 { return .unspecified }
            if b[12..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return .loopback }
            return .reserved // IPv4-compatible (deprecated)
        }
        if b[0] == 0xFE && (b[1] & 0xC0) == 0x80 { return .linkLocal }
        if (b[0] & 0xFE) == 0xFC { return .uniqueLocal }
        if b[0] == 0xFF { return .multicast }
        return nil
    }
}
