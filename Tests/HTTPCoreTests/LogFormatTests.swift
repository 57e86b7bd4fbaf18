import Foundation
import Glibc
import Logging
import Testing
@testable import HTTPCore

/// Formats one line and fills its timestamp with a fixed value, as the sink would.
private func render(_ body: (inout LogLineBuilder) -> Void) -> String {
    LogLineBuilder.withLine { line in
        body(&line)
        var bytes = line.withBytes { Array($0) }
        if let offset = line.timestampOffset { bytes.insert(contentsOf: Array("2026-01-02T03:04:05.678Z".utf8), at: offset) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

private func parse(_ line: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
    return try #require(object as? [String: Any], "not a JSON object: \(line)")
}

private let awkward = "quote \" backslash \\ newline \n return \r tab \t bell \u{07} nul \u{00} del \u{7F} é ✓ 😀 \u{2028} end"

@Suite("LogFormat")
struct LogFormatTests {
    @Test("JSON lines escape quotes, backslashes and control characters and keep unicode")
    func jsonEscaping() throws {
        let line = render {
            LogFormat.json.formatEvent(into: &$0, level: .warning, label: "lab\"el", message: awkward,
                                       metadata: ["key \"q\"": .string(awkward), "n": .stringConvertible(42)], source: "Src")
        }
        #expect(line.hasSuffix("}\n"))
        #expect(line.dropLast().allSatisfy { $0 != "\n" }, "one line per event")
        let object = try parse(line)
        #expect(object["ts"] as? String == "2026-01-02T03:04:05.678Z")
        #expect(object["level"] as? String == "warning")
        #expect(object["label"] as? String == "lab\"el")
        #expect(object["msg"] as? String == awkward)
        #expect(object["source"] as? String == "Src")
        #expect(object["key \"q\""] as? String == awkward)
        #expect(object["n"] as? String == "42")
    }

    @Test("nested metadata becomes JSON objects and arrays; reserved keys are renamed")
    func jsonNestedAndReserved() throws {
        let line = render {
            LogFormat.json.formatEvent(into: &$0, level: .info, label: "l", message: "m",
                                       metadata: ["msg": "mine", "tree": ["a": ["x", "y\n"], "b": .dictionary([:])]],
                                       source: "S")
        }
        let object = try parse(line)
        #expect(object["msg"] as? String == "m")
        #expect(object["_msg"] as? String == "mine")
        let tree = try #require(object["tree"] as? [String: Any])
        #expect(tree["a"] as? [String] == ["x", "y\n"])
        #expect((tree["b"] as? [String: Any])?.isEmpty == true)
    }

    @Test("a line longer than the stack memory is complete")
    func longLine() throws {
        let long = String(repeating: "ab\"", count: 3000)
        let line = render {
            LogFormat.json.formatEvent(into: &$0, level: .info, label: "l", message: long, metadata: [:], source: "S")
        }
        #expect(try parse(line)["msg"] as? String == long)
    }

    @Test("access lines carry every field, numbers as numbers, and the request ID")
    func jsonAccessLine() throws {
        let entry = AccessLogEntry(method: "GET", path: "/cases/2026123456789AB"[...], status: 200, bytes: 1234,
                                   durationMicros: 56, requestID: "caller-id.1", peer: "127.0.0.1:5000")
        let object = try parse(render { LogFormat.json.formatAccess(into: &$0, label: "agent", entry: entry) })
        #expect(object["msg"] as? String == "request")
        #expect(object["log"] as? String == "access")
        #expect(object["method"] as? String == "GET")
        #expect(object["path"] as? String == "/cases/2026123456789AB")
        #expect(object["status"] as? Int == 200)
        #expect(object["bytes"] as? Int == 1234)
        #expect(object["duration_us"] as? Int == 56)
        #expect(object["request_id"] as? String == "caller-id.1")
        #expect(object["peer"] as? String == "127.0.0.1:5000")
    }

    @Test("text lines read like swift-log's and cannot be split by a value")
    func textLines() {
        let line = render {
            LogFormat.text.formatEvent(into: &$0, level: .info, label: "agent", message: "two\nlines",
                                       metadata: ["b": "2", "a": .stringConvertible(1)], source: "Mod")
        }
        #expect(line == "2026-01-02T03:04:05.678Z info agent: a=1 b=2 [Mod] two\\nlines\n")
        let entry = AccessLogEntry(method: "POST", path: "/x"[...], status: 201, bytes: 0, durationMicros: -1,
                                   requestID: "r1", peer: "p")
        #expect(render { LogFormat.text.formatAccess(into: &$0, label: "agent", entry: entry) }
            == "2026-01-02T03:04:05.678Z info agent: bytes=0 duration_us=-1 log=access method=POST path=/x peer=p request_id=r1 status=201 [HTTPCore] request\n")
    }

    @Test("the handler merges logger and call metadata and logs only an error's type")
    func handlerThroughLogger() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("log-handler-\(UUID().uuidString)").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(fd >= 0)
        defer { close(fd); unlink(path) }
        let output = LogOutput(sink: LogSink(fileDescriptor: fd, buffered: false), format: .json)
        var logger = Logger(label: "agent") { output.handler(label: $0, level: .debug) }
        logger[metadataKey: "from"] = "logger"
        logger[metadataKey: "shared"] = "logger"
        struct PersonalError: Error, CustomStringConvertible { var description: String { "SSN 123-45-6789" } }
        logger.debug("hello", error: PersonalError(), metadata: ["shared": "call"])
        logger.trace("below the level")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("123-45-6789"))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try parse(String(try #require(lines.first)))
        #expect(object["msg"] as? String == "hello")
        #expect(object["level"] as? String == "debug")
        #expect(object["from"] as? String == "logger")
        #expect(object["shared"] as? String == "call")
        #expect((object["error_type"] as? String)?.hasSuffix("PersonalError") == true)
    }
}
