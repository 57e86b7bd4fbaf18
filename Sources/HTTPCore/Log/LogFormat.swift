import Logging

/// How a log line is written: `text` for people (`<time> <level> <label>: k=v … [source]
/// message`, like swift-log's stream handler) or `json` for collectors (one object per
/// line: `ts`, `level`, `label`, `msg`, `source`, then the metadata).
public enum LogFormat: String, Sendable, CaseIterable {
    case text
    case json

    /// Keys of the line itself; metadata under one of these names is written as `_name`
    /// so that no object has a key twice.
    static let reservedKeys: Set<String> = ["ts", "level", "label", "msg", "source"]

    /// One event from swift-log.
    public func formatEvent(into line: inout LogLineBuilder, level: Logger.Level, label: String, message: String,
                            metadata: Logger.Metadata, source: String) {
        let keys = metadata.keys.sorted()
        switch self {
        case .json:
            beginJSON(&line, level: level, label: label, message: message, source: source)
            for key in keys {
                guard let value = metadata[key] else { continue }
                line.append(",\"")
                if Self.reservedKeys.contains(key) { line.append(UInt8(ascii: "_")) }
                line.appendJSONEscaped(key)
                line.append("\":")
                Self.appendJSON(value, to: &line)
            }
            line.append("}\n")
        case .text:
            beginText(&line, level: level, label: label)
            for key in keys {
                guard let value = metadata[key] else { continue }
                line.append(UInt8(ascii: " "))
                line.appendTextEscaped(key)
                line.append(UInt8(ascii: "="))
                if case .string(let text) = value { line.appendTextEscaped(text) } else { line.appendTextEscaped(value.description) }
            }
            endText(&line, message: message, source: source)
        }
    }

    /// One access-log entry, written field by field (numbers as JSON numbers).
    public func formatAccess(into line: inout LogLineBuilder, label: String, entry: AccessLogEntry) {
        switch self {
        case .json:
            beginJSON(&line, level: .info, label: label, message: "request", source: "HTTPCore")
            line.append(",\"log\":\"access\",\"method\":\"")
            line.appendJSONEscaped(entry.method)
            line.append("\",\"path\":\"")
            line.appendJSONEscaped(entry.path)
            line.append("\",\"status\":")
            line.appendDecimal(entry.status)
            line.append(",\"bytes\":")
            line.appendDecimal(entry.bytes)
            line.append(",\"duration_us\":")
            line.appendDecimal(entry.durationMicros)
            line.append(",\"request_id\":\"")
            line.appendJSONEscaped(entry.requestID)
            line.append("\",\"peer\":\"")
            line.appendJSONEscaped(entry.peer)
            line.append("\"}\n")
        case .text:
            // The same keys in the same (sorted) order as a metadata line.
            beginText(&line, level: .info, label: label)
            line.append(" bytes=")
            line.appendDecimal(entry.bytes)
            line.append(" duration_us=")
            line.appendDecimal(entry.durationMicros)
            line.append(" log=access method=")
            line.appendTextEscaped(entry.method)
            line.append(" path=")
            line.appendTextEscaped(entry.path)
            line.append(" peer=")
            line.appendTextEscaped(entry.peer)
            line.append(" request_id=")
            line.appendTextEscaped(entry.requestID)
            line.append(" status=")
            line.appendDecimal(entry.status)
            endText(&line, message: "request", source: "HTTPCore")
        }
    }

    /// The sink's notice for lines it had to drop, in this format.
    public func dropNotice(label: String) -> LogSink.DropNotice {
        { count in
            LogLineBuilder.withLine { line in
                formatEvent(into: &line, level: .warning, label: label, message: "log lines dropped while the output was blocked",
                            metadata: ["dropped_lines": .stringConvertible(count)], source: "HTTPCore")
                return (line.withBytes { Array($0) }, line.timestampOffset)
            }
        }
    }

    private func beginJSON(_ line: inout LogLineBuilder, level: Logger.Level, label: String, message: String, source: String) {
        line.append("{\"ts\":\"")
        line.markTimestamp()
        line.append("\",\"level\":\"")
        line.append(level.rawValue)
        line.append("\",\"label\":\"")
        line.appendJSONEscaped(label)
        line.append("\",\"msg\":\"")
        line.appendJSONEscaped(message)
        line.append("\",\"source\":\"")
        line.appendJSONEscaped(source)
        line.append(UInt8(ascii: "\""))
    }

    private func beginText(_ line: inout LogLineBuilder, level: Logger.Level, label: String) {
        line.markTimestamp()
        line.append(UInt8(ascii: " "))
        line.append(level.rawValue)
        line.append(UInt8(ascii: " "))
        line.appendTextEscaped(label)
        line.append(UInt8(ascii: ":"))
    }

    private func endText(_ line: inout LogLineBuilder, message: String, source: String) {
        line.append(" [")
        line.appendTextEscaped(source)
        line.append("] ")
        line.appendTextEscaped(message)
        line.append(UInt8(ascii: "\n"))
    }

    /// Strings stay strings (a `stringConvertible` one included: its text is all we know),
    /// dictionaries become objects and arrays arrays.
    private static func appendJSON(_ value: Logger.Metadata.Value, to line: inout LogLineBuilder) {
        switch value {
        case .string(let text):
            line.append(UInt8(ascii: "\""))
            line.appendJSONEscaped(text)
            line.append(UInt8(ascii: "\""))
        case .stringConvertible(let convertible):
            line.append(UInt8(ascii: "\""))
            line.appendJSONEscaped(convertible.description)
            line.append(UInt8(ascii: "\""))
        case .dictionary(let dictionary):
            line.append(UInt8(ascii: "{"))
            for (index, key) in dictionary.keys.sorted().enumerated() {
                guard let nested = dictionary[key] else { continue }
                if index > 0 { line.append(UInt8(ascii: ",")) }
                line.append(UInt8(ascii: "\""))
                line.appendJSONEscaped(key)
                line.append("\":")
                appendJSON(nested, to: &line)
            }
            line.append(UInt8(ascii: "}"))
        case .array(let values):
            line.append(UInt8(ascii: "["))
            for (index, nested) in values.enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                appendJSON(nested, to: &line)
            }
            line.append(UInt8(ascii: "]"))
        }
    }
}
