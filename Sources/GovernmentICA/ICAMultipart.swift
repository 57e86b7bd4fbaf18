import Crypto

/// A multipart/form-data body of binary parts (the document copies of scan-and-upload).
struct ICAMultipart {
    struct Part {
        var name: String
        var bytes: [UInt8]
    }
    let boundary: String
    let body: [UInt8]

    init(_ parts: [Part]) {
        // A random boundary: the chance it occurs inside an image is negligible.
        let boundary = "ica-" + SecureRandom.bytes(12).map { String(format2: $0) }.joined()
        var body: [UInt8] = []
        for part in parts {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\"; filename=\"\(part.name).bin\"\r\n".utf8)
            body += Array("Content-Type: application/octet-stream\r\n\r\n".utf8)
            body += part.bytes
            body += Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        self.boundary = boundary
        self.body = body
    }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }
}

extension String {
    /// Two lowercase hex digits.
    init(format2 byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self = String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
