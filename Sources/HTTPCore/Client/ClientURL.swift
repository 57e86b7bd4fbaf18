/// An absolute `http` or `https` URL, split into what a request needs. Deliberately
/// strict: no user info, no fragment, a host and an optional numeric port.
public struct ClientURL: Sendable, Equatable {
    public var isTLS: Bool
    /// A DNS name (lowercased) or an IP literal (IPv6 without brackets).
    public var host: String
    public var port: Int
    /// The path and query, starting with `/`.
    public var target: String

    /// Why a URL text was refused.
    public enum ParseError: Error, Equatable {
        case scheme
        case malformed(String)
    }

    public init(_ text: String) throws(ParseError) {
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            isTLS = true
            rest = text.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            isTLS = false
            rest = text.dropFirst(7)
        } else {
            throw .scheme
        }
        if text.utf8.contains(where: { $0 <= 0x20 || $0 >= 0x7F }) { throw .malformed("spaces, control or non-ASCII characters") }
        if text.contains("#") { throw .malformed("a fragment") }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let path = rest[authorityEnd...]
        target = path.isEmpty ? "/" : (path.first == "?" ? "/" + path : String(path))
        if authority.contains("@") { throw .malformed("user information") }
        var hostPart = authority
        var portText: Substring?
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { throw .malformed("an unclosed [") }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else { throw .malformed("text after ]") }
                portText = after.dropFirst()
            }
            guard let address = IPAddress(String(hostPart)), !address.isIPv4 else { throw .malformed("an invalid IPv6 literal") }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !hostPart.isEmpty else { throw .malformed("no host") }
        host = hostPart.lowercased()
        if authority.first != "[" {
            let allowed = host.utf8.allSatisfy { c in
                (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
                    || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
            }
            guard allowed else { throw .malformed("a host that is not a DNS name or IP address") }
        }
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value), portText.count <= 5 else { throw .malformed("an invalid port") }
            port = value
        } else {
            port = isTLS ? 443 : 80
        }
    }

    /// The `Host` header value.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (isTLS ? 443 : 80) ? name : "\(name):\(port)"
    }
}
