import AgentCore
import Foundation

/// The stored `CaseProgress` as JSON, written field by field: the same text its
/// synthesized `Codable` conformance gives (same keys, nil optionals left out, so
/// `JSONDecoder` reads it back), without the `Encoder` machinery, which cost about 4 % of
/// the server's CPU under the case load (two encodings per case change). The nested
/// values, rarely present, still go through the streaming encoder.
///
/// A new stored property of `CaseProgress` must be added here: a test compares the keys
/// written with the type's properties (by reflection) and fails until it is.
///
/// `decode` reads it back the same way when it holds only the plain fields (a case's
/// usual life); a nested value, an unknown key or anything unexpected goes to
/// `JSONDecoder`, which stays the authority (and gives the error).
enum CaseProgressJSON {
    static func decode(_ text: String) throws -> CaseProgress {
        if let progress = plain(Array(text.utf8)) { return progress }
        return try SQLiteCaseRepository.decoder.decode(CaseProgress.self, from: Data(text.utf8))
    }

    /// The optional dates of the progress, by key.
    private static let optionalDates: [String: WritableKeyPath<CaseProgress, CivilDate?> & Sendable] = [
        "submittedOn": \.submittedOn, "mismatchOn": \.mismatchOn, "referredOn": \.referredOn,
        "contactBy": \.contactBy, "continuanceSince": \.continuanceSince,
        "manualReviewExpectedBy": \.manualReviewExpectedBy, "continuanceFlaggedOn": \.continuanceFlaggedOn,
        "finalResultOn": \.finalResultOn, "terminatedOn": \.terminatedOn, "retentionUntil": \.retentionUntil,
    ]

    /// The progress when `bytes` hold nothing but the plain fields, all the required ones
    /// among them; nil for anything else.
    static func plain(_ bytes: [UInt8]) -> CaseProgress? {
        // The start value is overwritten: createdOn and lastTouchedOn are required keys.
        guard let anyDay = CivilDate(year: 2000, month: 1, day: 1) else { return nil }
        var reader = JSONBytes.Reader(bytes)
        var progress = CaseProgress(createdOn: anyDay)
        // The keys the synthesized decoder requires (non-optional properties), one bit each.
        var required: UInt8 = 0
        func date(_ reader: inout JSONBytes.Reader) throws -> CivilDate? { CivilDate(storedISO: try reader.string()) }
        func named<Value: RawRepresentable<String>>(_ reader: inout JSONBytes.Reader) throws -> Value? { Value(rawValue: try reader.string()) }
        do {
            try reader.expect(UInt8(ascii: "{"))
            repeat {
                let key = try reader.string()
                try reader.expect(UInt8(ascii: ":"))
                switch key {
                case "status":
                    guard let value: CaseStatus = try named(&reader) else { return nil }
                    progress.status = value
                    required |= 1
                case "eligibility":
                    guard let value: EligibilityStatement = try named(&reader) else { return nil }
                    progress.eligibility = value
                case "mismatch":
                    guard let value: MismatchKind = try named(&reader) else { return nil }
                    progress.mismatch = value
                case "ssaReferral":
                    guard let value: ReferralStatus = try named(&reader) else { return nil }
                    progress.ssaReferral = value
                    required |= 2
                case "dhsReferral":
                    guard let value: ReferralStatus = try named(&reader) else { return nil }
                    progress.dhsReferral = value
                    required |= 4
                case "createdOn":
                    guard let value = try date(&reader) else { return nil }
                    progress.createdOn = value
                    required |= 8
                case "lastTouchedOn":
                    guard let value = try date(&reader) else { return nil }
                    progress.lastTouchedOn = value
                    required |= 16
                case "unconfirmedFields":
                    try reader.expect(UInt8(ascii: "["))
                    var fields: [String] = []
                    if try !reader.consumeIf(UInt8(ascii: "]")) {
                        repeat { fields.append(try reader.string()) } while try reader.consumeIf(UInt8(ascii: ","))
                        try reader.expect(UInt8(ascii: "]"))
                    }
                    progress.unconfirmedFields = fields
                    required |= 32
                case "detailsConfirmed":
                    progress.detailsConfirmed = try reader.bool()
                    required |= 64
                case "photoAnswer":
                    guard let value: PhotoMatchAnswer = try named(&reader) else { return nil }
                    progress.photoAnswer = value
                case "downloads":
                    // Only the empty list here; notices downloaded go to the full decoder.
                    try reader.expect(UInt8(ascii: "["))
                    guard try reader.consumeIf(UInt8(ascii: "]")) else { return nil }
                    required |= 128
                default:
                    guard let field = optionalDates[key], let value = try date(&reader) else { return nil }
                    progress[keyPath: field] = value
                }
            } while try reader.consumeIf(UInt8(ascii: ","))
            try reader.expect(UInt8(ascii: "}"))
            return required == 255 ? try reader.finished(progress) : nil
        } catch {
            return nil
        }
    }

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
        if p.downloads.isEmpty { sink.raw("[]") } else { try sink.write(p.downloads) }
        if let closure = p.closure {
            // Written by hand too: every case closes with one, and the generic encoder
            // cost more than the rest of the progress together.
            object.key("closure")
            var fields = ObjectWriter(sink: sink)
            fields.text("reason", closure.reason.rawValue)
            if let employed = closure.currentlyEmployed {
                fields.key("currentlyEmployed")
                sink.bool(employed)
            }
            fields.text("otherReasonDescription", closure.otherReasonDescription)
            fields.text("currentlyEmployedReasonDescription", closure.currentlyEmployedReasonDescription)
            fields.text("closedOn", closure.closedOn.iso)
            sink.bytes.append(UInt8(ascii: "}"))
        }
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
