import HTTPCore
import Testing

/// Which addresses an outbound call to a user-given URL must not reach (SSRF), at the
/// edges of every range, in IPv4 and IPv6.
@Suite struct OutboundAddressTests {
    func range(_ text: String) -> RestrictedAddressRange? { IPAddress(text)?.restrictedRange }

    @Test func ipv4RangesAndTheirEdges() {
        let expected: [(String, RestrictedAddressRange?)] = [
            ("0.0.0.0", .unspecified), ("0.255.255.255", .unspecified), ("1.0.0.0", nil),
            ("126.255.255.255", nil), ("127.0.0.0", .loopback), ("127.0.0.1", .loopback), ("127.255.255.255", .loopback), ("128.0.0.0", nil),
            ("9.255.255.255", nil), ("10.0.0.0", .private), ("10.255.255.255", .private), ("11.0.0.0", nil),
            ("172.15.255.255", nil), ("172.16.0.0", .private), ("172.31.255.255", .private), ("172.32.0.0", nil),
            ("192.167.255.255", nil), ("192.168.0.0", .private), ("192.168.255.255", .private), ("192.169.0.0", nil),
            ("169.253.255.255", nil), ("169.254.0.0", .linkLocal), ("169.254.169.253", .linkLocal), ("169.254.169.254", .metadata),
            ("169.254.169.255", .linkLocal), ("169.254.255.255", .linkLocal), ("169.255.0.0", nil),
            ("100.63.255.255", nil), ("100.64.0.0", .sharedCGNAT), ("100.127.255.255", .sharedCGNAT), ("100.128.0.0", nil),
            ("223.255.255.255", nil), ("224.0.0.0", .multicast), ("239.255.255.255", .multicast), ("240.0.0.0", .reserved),
            ("255.255.255.255", .reserved), ("8.8.8.8", nil), ("93.184.216.34", nil),
        ]
        for (text, want) in expected { #expect(range(text) == want, "\(text)") }
    }

    @Test func ipv6RangesAndTheirEdges() {
        let expected: [(String, RestrictedAddressRange?)] = [
            ("::", .unspecified), ("::1", .loopback), ("::2", .reserved), ("::10.0.0.1", .reserved),
            ("fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", nil), ("fe80::", .linkLocal), ("fe80::1", .linkLocal),
            ("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", .linkLocal), ("fec0::", nil),
            ("fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", nil), ("fc00::", .uniqueLocal), ("fd00:ec2::254", .uniqueLocal),
            ("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", .uniqueLocal), ("fe00::", nil),
            ("ff02::1", .multicast), ("2001:4860:4860::8888", nil), ("2606:4700::1111", nil),
        ]
        for (text, want) in expected { #expect(range(text) == want, "\(text)") }
    }

    @Test func ipv6AddressesCarryingIPv4AreJudgedByIt() {
        #expect(range("::ffff:127.0.0.1") == .loopback)
        #expect(range("::ffff:169.254.169.254") == .metadata)
        #expect(range("::ffff:10.1.2.3") == .private)
        #expect(range("::ffff:8.8.8.8") == nil)
        #expect(range("64:ff9b::192.168.1.1") == .private)
        #expect(range("64:ff9b::8.8.8.8") == nil)
    }

    @Test func onlyLiteralsParse() {
        #expect(IPAddress("localhost") == nil)
        #expect(IPAddress("[::1]") == nil)
        #expect(IPAddress("1.2.3") == nil)
        #expect(IPAddress("256.1.1.1") == nil)
    }

    @Test func urlsSplitIntoHostPortAndTarget() throws {
        let a = try ClientURL("https://Hooks.Example.com/in?x=1")
        #expect(a.isTLS && a.host == "hooks.example.com" && a.port == 443 && a.target == "/in?x=1")
        #expect(a.hostHeader == "hooks.example.com")
        let b = try ClientURL("http://127.0.0.1:8080")
        #expect(!b.isTLS && b.port == 8080 && b.target == "/" && b.hostHeader == "127.0.0.1:8080")
        let c = try ClientURL("https://[fe80::1]:8443/x")
        #expect(c.host == "fe80::1" && c.port == 8443 && c.hostHeader == "[fe80::1]:8443")
        #expect(c.host.isEmpty == false)
    }

    @Test func urlsThatCouldMisleadAreRefused() {
        for text in ["ftp://example.com/", "https://user:pw@example.com/", "https://example.com/#frag", "https:///nohost",
                     "https://example.com:0/", "https://example.com:99999/", "https://exa mple.com/", "https://[::1/",
                     "https://[1.2.3.4]/", "https://ex_ample.com/", "https://example.com@evil.com/"] {
            #expect(throws: ClientURL.ParseError.self, "\(text)") { try ClientURL(text) }
        }
    }
}
