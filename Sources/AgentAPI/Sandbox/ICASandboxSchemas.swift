import AgentCore
import GovernmentICA
import GovernmentSimulator
import HTTPCore

/// The bodies of the ICA sandbox as JSON Schema: the v31 answers under `/api/v31` (names
/// of `ICAFieldMap`, written by `ICASandboxRoutes.json`) and the `/sandbox/…` controls.
/// Its errors are the interface's `{errors: [{error_code, message}]}`, not problem+json.
enum ICASandboxSchemas {
    typealias S = SchemaText
    typealias F = ICAFieldMap

    static let token = S.object([(F.accessToken, S.nonEmptyString), (F.expiresIn, S.count), ("token_type", S.constant("Bearer"))])
    static let login = #"{"type":"object","additionalProperties":false,"required":["\#(F.username)","\#(F.password)"],"properties":{"#
        + #""\#(F.username)":{"type":"string","minLength":1,"maxLength":100},"\#(F.password)":{"type":"string","minLength":1,"maxLength":200}}}"#

    /// `ICASandboxRoutes.result`: the case's status with what applies to it. `case_status`
    /// is any string: `/sandbox/answers` can make the next one a value no client knows.
    static let result = S.object([
        (F.caseNumber, S.nonEmptyString), (F.caseStatus, S.nonEmptyString), (F.tncType, S.string),
        (F.expectedResolutionDate, S.date), (F.fields, S.strings), ("stage", S.string),
    ], optional: [F.tncType, F.expectedResolutionDate, F.fields, "stage"])
    static let created = S.object([(F.caseNumber, S.nonEmptyString)])
    static let fieldsToConfirm = S.object([(F.fields, S.array(S.object([(F.fieldName, S.string)])))])
    static let photo = S.object([(F.photo, #"{"type":["string","null"],"contentEncoding":"base64"}"#)])
    static let photoMatch = #"{"type":"object","additionalProperties":false,"required":["\#(F.photoMatchAnswer)"],"properties":{"#
        + #""\#(F.photoMatchAnswer)":"# + S.enumeration(PhotoMatchAnswer.allCases.map(\.rawValue)) + "}}"
    static let referred = S.object([(F.caseNumber, S.nonEmptyString), (F.caseStatus, S.constant("REFERRED")),
                                    (F.referralDate, S.date), (F.contactByDate, S.date)])
    static func settled(_ status: String) -> String { S.object([(F.caseNumber, S.nonEmptyString), (F.caseStatus, S.constant(status))]) }
    static let closureReasons = S.object([
        (F.closureReasons, S.array(S.object([(F.closureReasonCode, S.enumeration(ClosureReason.allCases.map(\.rawValue)))]))),
    ])
    static let close = #"{"type":"object","additionalProperties":false,"required":["\#(F.closureReasonCode)"],"properties":{"#
        + #""\#(F.closureReasonCode)":{"type":"string","minLength":1,"maxLength":80},"currently_employed":{"type":["boolean","null"]}}}"#
    static let updated = S.object([(F.cases, S.array(S.object([
        (F.caseNumber, S.nonEmptyString), (F.statusDate, S.date), (F.employeeContacted, S.boolean), (F.caseStatus, S.string),
        (F.tncType, S.string), (F.expectedResolutionDate, S.date),
    ], optional: [F.tncType, F.expectedResolutionDate])))])
    static let caseNumbersRequest = #"{"type":"object","additionalProperties":false,"properties":{"#
        + #""\#(F.caseNumbers)":{"type":["array","null"],"maxItems":500,"items":{"type":"string","maxLength":40}}}}"#
    static let caseNumbers = S.object([(F.caseNumbers, S.strings)])
    static let multipart = #"{"type":"object","required":["\#(F.frontPhoto)"],"properties":{"\#(F.frontPhoto)":{"type":"string","contentMediaType":"image/*"},"\#(F.backPhoto)":{"type":"string","contentMediaType":"image/*"}}}"#

    /// The flat case of POST `cases` and `confirm_details`, as `ICASandboxCases.flatCase` reads it.
    static let flatCase: String = {
        let text: [(String, Int)] = [(F.clientCompanyID, 40), (F.middleInitial, 1), (F.alienNumber, 10), (F.i94Number, 11),
                                     (F.foreignPassportNumber, 12), (F.countryCode, 3), (F.usPassportNumber, 12), (F.i551Number, 13),
                                     (F.i766Number, 13), (F.documentAType, 60), (F.documentBType, 60), (F.documentCType, 60)]
        var members = text.map { JSONText.quote($0.0) + #":{"type":["string","null"],"maxLength":\#($0.1)}"# }
        members += [
            JSONText.quote(F.firstName) + #":{"type":"string","minLength":1,"maxLength":40}"#,
            JSONText.quote(F.lastName) + #":{"type":"string","minLength":1,"maxLength":40}"#,
            JSONText.quote(F.otherLastNames) + #":{"type":["array","null"],"maxItems":10,"items":{"type":"string","maxLength":40}}"#,
            JSONText.quote(F.dateOfBirth) + ":" + S.date, JSONText.quote(F.ssn) + #":{"type":"string","minLength":1,"maxLength":11}"#,
            JSONText.quote(F.citizenshipStatusCode) + ":"
                + S.enumeration(CitizenshipStatus.allCases.map(\.rawValue) + ["ALIEN_AUTHORIZED_TO_WORK"]),
            JSONText.quote(F.expirationDate) + ":" + S.nullableDate, JSONText.quote(F.dateOfHire) + ":" + S.date,
        ]
        let required = [F.firstName, F.lastName, F.dateOfBirth, F.ssn, F.citizenshipStatusCode, F.dateOfHire]
        return #"{"type":"object","additionalProperties":false,"required":["# + required.map(JSONText.quote).joined(separator: ",")
            + #"],"properties":{"# + members.joined(separator: ",") + "}}"
    }()

    // The controls.
    static let today = S.object([("today", S.date)])
    static let clock = #"{"type":"object","additionalProperties":false,"properties":{"set_date":{"type":"string","format":"date"},"#
        + #""advance_work_days":{"type":"integer","minimum":0,"maximum":\#(Simulator.maximumAdvanceWorkDays)}},"#
        + #""oneOf":[{"required":["set_date"]},{"required":["advance_work_days"]}]}"#
    static let person = S.object([("ssn", #"{"type":"string","description":"Masked."}"#)])
    static let outages = #"{"type":"object","additionalProperties":false,"properties":{"from":{"type":"string"},"to":{"type":"string"},"#
        + #""error_rate":{"type":"number","minimum":0,"maximum":1},"seed":{"type":"integer","minimum":0},"#
        + #""latency_ms":{"type":"integer","minimum":0,"maximum":60000}}}"#
    static let state = S.object([("up", S.boolean), ("detail", S.string)])
    static let answers = #"{"type":"object","additionalProperties":false,"required":["next_case_status"],"properties":{"#
        + #""next_case_status":{"type":"string","minLength":1,"maxLength":60}}}"#
    static let nextStatus = S.object([("next_case_status", S.string)])
    static let status = S.object([("logins", S.count), ("login_attempts", S.count), ("up", S.boolean), ("today", S.date)])
}
