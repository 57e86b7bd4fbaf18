import Foundation

/// The text of a PDF as `pdftotext` extracts it (poppler-utils), for checking the
/// documents the service renders from outside.
enum PDFText {
    static func extract(_ bytes: [UInt8]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pdftext-\(UUID().uuidString).pdf")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftotext", "-layout", file.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }
}

extension PDFText {
    /// With NOTICES_DOCS_DIR set, writes the first page of `bytes` there as `name`
    /// (`pdftoppm -png -r 60`, like the case notices' pictures); otherwise does nothing.
    static func picture(_ bytes: [UInt8], as name: String) throws {
        guard let directory = ProcessInfo.processInfo.environment["NOTICES_DOCS_DIR"] else { return }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("picture-\(UUID().uuidString).pdf")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let stem = URL(fileURLWithPath: directory).appendingPathComponent((name as NSString).deletingPathExtension).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", file.path, stem]
        try process.run()
        process.waitUntilExit()
    }
}
