import AgentCore

/// The stored `CaseProgress` as JSON, written field by field: the same text its
/// synthesized `Codable` conformance gives (same keys, nil optionals left out, so
/// `JSONDecoder` reads it back), without the `Encoder` machinery, which cost about 4 % of
/// the server's CPU under the case load (two encodings per case change). The nested
/// values, rarely present, still go through the streaming encoder.
///
/// A new stored property of `CaseProgress` must be added here: a test compares the keys
/// written with the type's properties (by reflection) and fails until it is.
enum CaseProgressJSON {
    static func string(_ p: CaseProgress) throws -> String {
        let sink = JSONSink()
        var object = ObjectWriter(sink: sink)
        object.text("status", p.status.rawValue)
        object.text("eligibility", p.eligibility?.rawValue)
        object.text("mismatch", p.mismatch?.rawValue)
        object.text("ssaReferral", p.ssaReferral.rawValue)
        object.text("dhsReferral", p.dhsReferral.rawValue)
        object.text("createdOn", p.createdOn.iso)
        object.text("lastTouchedOn", p.lastTouchedOn.iso)
        object.text("submittedOn", p.submittedOn?.iso)
        object.text("mismatchOn", p.mismatchOn?.iso)
        object.text("referredOn", p.referredOn?.iso)
        object.text("contactBy", p.contactBy?.iso)
        object.text("continuanceSince", p.continuanceSince?.iso)
        object.text("manualReviewExpectedBy", p.manualReviewExpectedBy?.iso)
        object.key("unconfirmedFields")
        sink.bytes.append(UInt8(ascii: "["))
        for (index, field) in p.unconfirmedFields.enumerated() {
            if index > 0 { sink.bytes.append(UInt8(ascii: ",")) }
            sink.string(field)
        }
        sink.bytes.append(UInt8(ascii: "]"))
        object.key("detailsConfirmed")
        sink.bool(p.detailsConfirmed)
        object.text("photoAnswer", p.photoAnswer?.rawValue)
        object.key("downloads")
        try sink.write(p.downloads)
        try object.value("closure", p.closure)
        try object.value("review", p.review)
        object.text("continuanceFlaggedOn", p.continuanceFlaggedOn?.iso)
        object.text("finalResultOn", p.finalResultOn?.iso)
        object.text("terminatedOn", p.terminatedOn?.iso)
        object.text("retentionUntil", p.retentionUntil?.iso)
        try object.value("legalHold", p.legalHold)
        try object.value("purge", p.purge)
        try object.value("revocation", p.revocation)
        try object.value("supplementB", p.supplementB)
        try object.value("governmentAnswerForReview", p.governmentAnswerForReview)
        sink.bytes.append(UInt8(ascii: "}"))
        // A nested value the stream could not write: the whole value through JSONEncoder.
        if sink.unsupported { return try StreamingJSONEncoder.string(p) }
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    /// Keys with their commas; a nil optional writes nothing, as `encodeIfPresent` does.
    struct ObjectWriter {
        let sink: JSONSink
        private var first = true

        init(sink: JSONSink) {
            self.sink = sink
            sink.bytes.append(UInt8(ascii: "{"))
        }

        mutating func key(_ name: String) {
            if !first { sink.bytes.append(UInt8(ascii: ",")) }
            first = false
            sink.string(name)
            sink.bytes.append(UInt8(ascii: ":"))
        }

        mutating func text(_ name: String, _ value: String?) {
            guard let value else { return }
            key(name)
            sink.string(value)
        }

        mutating func value<T: Encodable>(_ name: String, _ value: T?) throws {
            guard let value else { return }
            key(name)
            try sink.write(value)
        }
    }
}
