import AgentCore
import Foundation
import Testing
@testable import Storage

/// The stream must write what JSONEncoder writes (as a JSON value), for the stored case
/// progress above all, and hand over to JSONEncoder where it cannot.
@Suite struct StreamingJSONEncoderTests {
    static func sameJSON<T: Encodable>(_ value: T) throws -> Bool {
        let streamed = try StreamingJSONEncoder.string(value)
        let reference = try JSONEncoder().encode(value)
        let a = try JSONSerialization.jsonObject(with: Data(streamed.utf8), options: .fragmentsAllowed)
        let b = try JSONSerialization.jsonObject(with: reference, options: .fragmentsAllowed)
        return NSArray(array: [a]).isEqual(to: [b])
    }

    static func fullProgress() -> CaseProgress {
        let day = CivilDate(iso: "2026-11-16")!
        var p = CaseProgress(createdOn: day)
        p.status = .closed
        p.eligibility = .employmentAuthorized
        p.mismatch = MismatchKind.allCases.first
        p.ssaReferral = .referred
        p.dhsReferral = .contacted
        p.submittedOn = day
        p.mismatchOn = day
        p.referredOn = day
        p.contactBy = day
        p.continuanceSince = day
        p.manualReviewExpectedBy = day
        p.unconfirmedFields = ["date_of_birth", "last_name"]
        p.detailsConfirmed = true
        p.photoAnswer = PhotoMatchAnswer.allCases.first
        p.downloads = [NoticeDownload(notice: "further_action_notice", userID: "u1", at: "2026-11-16T10:00:00Z", language: "es"),
                       NoticeDownload(notice: "referral_date_confirmation", userID: "u\"2\\", at: "t", language: "en")]
        p.closure = CaseClosure(reason: .continuesAfterEA, currentlyEmployed: true, otherReasonDescription: "line\nbreak\u{1}",
                                currentlyEmployedReasonDescription: nil, closedOn: day)
        p.review = CaseReview(decision: .approve, reviewerID: "r", note: "été 日本 \u{1F600}", at: "t")
        p.continuanceFlaggedOn = day
        p.finalResultOn = day
        p.terminatedOn = day
        p.retentionUntil = CivilDate(iso: "2029-11-16")
        p.legalHold = LegalHold(reason: "Subpoena", since: day, setBy: "admin")
        p.purge = CasePurge(at: "2030-01-01T00:00:00Z", on: day)
        p.revocation = DocumentRevocation(revokedOn: day, reportedOn: day)
        p.supplementB = SupplementB(completedOn: day, documentList: .a, documentTypeCode: "EAD", expirationDate: day,
                                    eadRenewalFiledOn: nil, automaticExtensionUntil: day, nextReverifyBy: day)
        p.governmentAnswerForReview = GovernmentAnswerForReview(answer: "case_status X", on: day)
        return p
    }

    @Test func writesTheCaseProgressAsJSONEncoderDoesAndReadsBack() throws {
        for progress in [CaseProgress(createdOn: .referenceDate), Self.fullProgress()] {
            #expect(try Self.sameJSON(progress))
            let text = try SQLiteCaseRepository.progressJSON(progress)
            #expect(try JSONDecoder().decode(CaseProgress.self, from: Data(text.utf8)) == progress)
        }
    }

    /// The hand-written progress writer says what the synthesized conformance says, for
    /// every stored property: a property added to `CaseProgress` fails here (its key is
    /// missing) until `CaseProgressJSON` writes it and `fullProgress` sets it.
    @Test func theProgressWriterCoversEveryPropertyAsCodableDoes() throws {
        let full = Self.fullProgress()
        let properties = Mirror(reflecting: full).children.compactMap { child -> String? in
            let value = Mirror(reflecting: child.value)
            #expect(!(value.displayStyle == .optional && value.children.isEmpty), "fullProgress leaves \(child.label ?? "?") nil")
            return child.label
        }
        // The closure is written by hand: its other shape (no employment answer, the other
        // description) and the closure alone, beside the full progress.
        var otherClosure = full
        otherClosure.closure = CaseClosure(reason: .incorrectData, currentlyEmployed: nil, otherReasonDescription: nil,
                                           currentlyEmployedReasonDescription: "tab\t \"quoted\" 日本", closedOn: .referenceDate)
        var closureOnly = CaseProgress(createdOn: .referenceDate)
        closureOnly.closure = CaseClosure(reason: .continuesAfterEA, currentlyEmployed: false, otherReasonDescription: "x",
                                          currentlyEmployedReasonDescription: "y", closedOn: .referenceDate)
        for progress in [CaseProgress(createdOn: .referenceDate), full, otherClosure, closureOnly] {
            let text = try CaseProgressJSON.string(progress)
            let written = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
            let reference = try JSONSerialization.jsonObject(with: JSONEncoder().encode(progress)) as? NSDictionary
            #expect(written == reference)
            #expect(try JSONDecoder().decode(CaseProgress.self, from: Data(text.utf8)) == progress)
        }
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(CaseProgressJSON.string(full).utf8)) as? [String: Any]).keys
        #expect(Set(keys) == Set(properties))
    }

    /// A case's usual progress, every plain field set and no nested value: what the fast
    /// reader takes without `JSONDecoder`.
    static func plainProgress() -> CaseProgress {
        var p = fullProgress()
        p.downloads = []
        p.closure = nil
        p.review = nil
        p.legalHold = nil
        p.purge = nil
        p.revocation = nil
        p.supplementB = nil
        p.governmentAnswerForReview = nil
        p.unconfirmedFields = ["last_name", "quote\" é \u{1}"]
        return p
    }

    /// The progress reads back equal whichever way it was written and whichever reader
    /// takes it; the plain ones are read without `JSONDecoder`, the others with it.
    @Test func readsTheCaseProgressBackAsJSONDecoderDoes() throws {
        var submitted = CaseProgress(createdOn: .referenceDate)
        submitted.status = .closed
        submitted.eligibility = .employmentAuthorized
        submitted.submittedOn = CivilDate(storedISO: "2300-02-28")  // stored dates may pass the input's years
        for progress in [CaseProgress(createdOn: .referenceDate), submitted, Self.plainProgress()] {
            for text in [try CaseProgressJSON.string(progress), String(decoding: try JSONEncoder().encode(progress), as: UTF8.self)] {
                #expect(CaseProgressJSON.plain(Array(text.utf8)) == progress, "\(text)")
                #expect(try CaseProgressJSON.decode(text) == progress)
            }
        }
        let full = Self.fullProgress()
        let fullText = try CaseProgressJSON.string(full)
        #expect(CaseProgressJSON.plain(Array(fullText.utf8)) == nil)
        #expect(try CaseProgressJSON.decode(fullText) == full)
        // Written with spaces (as another tool might), it still reads.
        let spaced = try CaseProgressJSON.string(Self.plainProgress()).replacingOccurrences(of: ":", with: " : ")
            .replacingOccurrences(of: ",", with: " ,\n ")
        #expect(try CaseProgressJSON.decode(spaced) == Self.plainProgress())
    }

    /// What the fast reader does not take goes to `JSONDecoder`: it reads what it can and
    /// refuses what it must, with its own error.
    @Test func leavesAnythingUnusualToJSONDecoder() throws {
        let plain = try CaseProgressJSON.string(CaseProgress(createdOn: .referenceDate))
        let unusual = [
            plain.replacingOccurrences(of: "}", with: ",\"photoAnswer\":null}"),   // null for an optional
            plain.replacingOccurrences(of: "}", with: ",\"somethingNew\":1}"),     // a key it does not know
            plain.replacingOccurrences(of: "\"DRAFT\"", with: "\"NOT_A_STATUS\""), // a value it does not know
            plain.replacingOccurrences(of: ",\"detailsConfirmed\":false", with: ""), // a required key missing
            plain + "x",                                                             // trailing bytes
            String(plain.dropLast()),                                                // cut short
        ]
        for text in unusual {
            #expect(CaseProgressJSON.plain(Array(text.utf8)) == nil, "\(text)")
            let reference = Result { try JSONDecoder().decode(CaseProgress.self, from: Data(text.utf8)) }
            let decoded = Result { try CaseProgressJSON.decode(text) }
            switch (reference, decoded) {
            case (.success(let a), .success(let b)): #expect(a == b)
            case (.failure, .failure): break
            default: Issue.record("JSONDecoder and decode disagree on \(text)")
            }
        }
    }

    struct Mixed: Codable {
        enum Kind: String, Codable { case one, two }
        struct Empty: Codable {}
        var int8: Int8 = -8
        var uint64: UInt64 = .max
        var int: Int = .min
        var double: Double = 0.1
        var float: Float = 2.5
        var flag = false
        var text = "quote\" back\\ tab\t nul\u{0} é"
        var kind = Kind.two
        var optional: String? = nil
        var list: [Int?] = [1, nil, 3]
        var nested: [[String]] = [[], ["a"]]
        var map: [String: Kind] = ["x": .one]
        var intKeys: [Int: String] = [1: "a", 2: "b"]
        var empty = Empty()
        var date = Date(timeIntervalSinceReferenceDate: 12345.5)
    }

    @Test func writesOrdinaryCodableValuesAsJSONEncoderDoes() throws {
        #expect(try Self.sameJSON(Mixed()))
        #expect(try Self.sameJSON([Mixed(), Mixed()]))
        #expect(try Self.sameJSON("top level"))
        #expect(try Self.sameJSON(Optional<Int>.none))
        #expect(try Self.sameJSON([String: Int]()))
    }

    /// Containers a stream cannot write in order (and values JSONEncoder writes its own way).
    struct Nested: Encodable {
        enum Keys: String, CodingKey { case a, b }
        func encode(to encoder: any Encoder) throws {
            var outer = encoder.container(keyedBy: Keys.self)
            var inner = outer.nestedContainer(keyedBy: Keys.self, forKey: .a)
            try outer.encode(1, forKey: .b)
            try inner.encode(2, forKey: .b)
        }
    }

    struct Special: Encodable {
        var data = Data([1, 2, 3])
        var url = URL(string: "https://example.com/a")!
        var decimal = Decimal(string: "1.25")!
    }

    @Test func handsOverWhatItCannotStream() throws {
        // Written in order, this would be {"a":{"b":2},"b":1} or worse; JSONEncoder's answer is whole.
        #expect(try Self.sameJSON(Nested()))
        #expect(try Self.sameJSON(Special()))
        #expect(try StreamingJSONEncoder.string(Special()).contains("AQID"))  // base64, as JSONEncoder writes Data
    }
}
