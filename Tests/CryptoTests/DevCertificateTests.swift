import Crypto
import Foundation
import Testing

/// A fresh directory under the system temp dir, removed by the caller.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("crypto-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Runs the openssl command-line tool (an independent reader of the files) and
/// returns its exit status and combined output.
func runOpenSSL(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite struct DevCertificateTests {
    @Test func writesAValidSelfSignedCertificateForLocalhost() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cert = dir.appendingPathComponent("cert.pem").path
        let key = dir.appendingPathComponent("key.pem").path
        try DevCertificate.write(certPath: cert, keyPath: key, days: 30)

        let text = try runOpenSSL(["x509", "-in", cert, "-noout", "-text"])
        #expect(text.status == 0)
        #expect(text.output.contains("Version: 3"))
        #expect(text.output.contains("Subject: CN = localhost"))
        #expect(text.output.contains("DNS:localhost"))
        #expect(text.output.contains("IP Address:127.0.0.1"))
        #expect(text.output.contains("CA:TRUE"))
        #expect(text.output.contains("TLS Web Server Authentication"))
        #expect(text.output.contains("prime256v1") || text.output.contains("P-256"))

        // It is its own trust anchor, and valid for the IP and the name.
        let verifyIP = try runOpenSSL(["verify", "-CAfile", cert, "-verify_ip", "127.0.0.1", cert])
        #expect(verifyIP.status == 0, "\(verifyIP.output)")
        let verifyName = try runOpenSSL(["verify", "-CAfile", cert, "-verify_hostname", "localhost", cert])
        #expect(verifyName.status == 0, "\(verifyName.output)")
        let verifyOther = try runOpenSSL(["verify", "-CAfile", cert, "-verify_hostname", "example.com", cert])
        #expect(verifyOther.status != 0)

        // The key is private to the owner and is the certificate's key.
        let attributes = try FileManager.default.attributesOfItem(atPath: key)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let certKey = try runOpenSSL(["x509", "-in", cert, "-noout", "-pubkey"])
        let keyPub = try runOpenSSL(["pkey", "-in", key, "-pubout"])
        #expect(certKey.status == 0 && keyPub.status == 0)
        #expect(certKey.output == keyPub.output)
    }

    @Test func overwritingKeepsTheKeyPrivate() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cert = dir.appendingPathComponent("cert.pem").path
        let key = dir.appendingPathComponent("key.pem").path
        #expect(FileManager.default.createFile(atPath: key, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644]))
        try DevCertificate.write(certPath: cert, keyPath: key)
        let attributes = try FileManager.default.attributesOfItem(atPath: key)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func reportsAnUnwritablePath() {
        #expect(throws: CryptoError.self) {
            try DevCertificate.write(certPath: "/nonexistent-dir/cert.pem", keyPath: "/nonexistent-dir/key.pem")
        }
    }
}
