import ArgumentParser
import Crypto
import Foundation

struct DevCert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev-cert",
        abstract: "Write a self-signed certificate for 127.0.0.1 and localhost (DIR/cert.pem, DIR/key.pem) for local HTTPS.")

    @Option(help: "Directory to write cert.pem and key.pem into (created if needed). (required)")
    var out: String

    @Option(help: "Days of validity.")
    var days: Int = 365

    func run() throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let cert = (out as NSString).appendingPathComponent("cert.pem")
        let key = (out as NSString).appendingPathComponent("key.pem")
        do {
            try DevCertificate.write(certPath: cert, keyPath: key, days: days)
        } catch {
            throw ValidationError("cannot write the certificate: \(error)")
        }
        print("wrote \(cert) and \(key)")
        print("serve with: employer-agent serve --https-port 8443 --tls-cert \(cert) --tls-key \(key)")
        print("trust it with: curl --cacert \(cert) https://127.0.0.1:8443/health")
    }
}
