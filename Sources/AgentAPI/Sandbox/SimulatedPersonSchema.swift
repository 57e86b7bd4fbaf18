import AgentCore
import GovernmentSimulator
import HTTPCore

/// The body of POST `simulator/people` and of the sandbox's POST `/sandbox/people`, as
/// `SimulatorRoutes.person(from:)` reads it and `SimulatedPerson.validationIssues` judges
/// it, with a person of the scenario catalog as its example.
enum SimulatedPersonSchema {
    /// `###-##-####` that SSA could have issued: no area 000, 666 or 900–999, no group 00,
    /// no serial 0000 (written without look-ahead, which not every regex engine has).
    static let ssnPattern = "^(00[1-9]|0[1-9][0-9]|[1-5][0-9]{2}|6[0-57-9][0-9]|66[0-57-9]|[78][0-9]{2})-"
        + "(0[1-9]|[1-9][0-9])-(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})$"

    static var request: String {
        let citizenship = CitizenshipStatus.allCases.map(\.rawValue) + ["ALIEN_AUTHORIZED_TO_WORK"]
        let results = SimulatedReferralResult.allCases.map(\.rawValue)
        func range(_ r: ClosedRange<Int>) -> String { #"{"type":"integer","minimum":\#(r.lowerBound),"maximum":\#(r.upperBound)}"# }
        return """
        {"type":"object","required":["ssn","first_name","last_name","date_of_birth","citizenship_status_code"],"properties":{\
        "ssn":{"type":"string","pattern":\(JSONText.quote(ssnPattern))},\
        "first_name":{"type":"string","maxLength":40,"description":"Letters (any script), spaces, apostrophes, hyphens, periods; one letter at least."},\
        "last_name":{"type":"string","maxLength":40,"description":"As first_name."},\
        "date_of_birth":{"type":"string","format":"date","description":"Not in the future."},\
        "citizenship_status_code":{"enum":[\(citizenship.map(JSONText.quote).joined(separator: ","))]},\
        "alien_number":{"type":"string","pattern":"^A[0-9]{9}$","description":"Needed (or i94_number) for a noncitizen."},\
        "i94_number":{"type":"string","pattern":"^[A-Za-z0-9]{11}$"},\
        "us_passport_number":{"type":"string","pattern":"^[A-Za-z0-9]{6,9}$"},\
        "photo":{"type":"string","contentEncoding":"base64","contentMediaType":"image/*","description":"A PNG or JPEG of at most \(SimulatedPerson.maximumPhotoBytes) bytes."},\
        "ssa":{"type":"object","properties":{"deceased":{"type":"boolean"},"citizenship_confirmed":{"type":"boolean"}}},\
        "dhs":{"type":"object","properties":{"work_authorized":{"type":"boolean"},"needs_more_time_days":\(range(SimulatedPerson.needsMoreTimeDaysRange)),\
        "close_and_resubmit":{"type":"boolean"}}},\
        "on_referral":{"type":"object","properties":{"employee_contacts_agency":{"type":"boolean"},\
        "result":{"enum":[\(results.map(JSONText.quote).joined(separator: ","))]},"after_work_days":\(range(SimulatedPerson.afterWorkDaysRange)),\
        "continuance_work_days":\(range(SimulatedPerson.continuanceWorkDaysRange))}}},\
        "examples":[\(example)]}
        """
    }

    /// The catalog's "dhs-tnc" person, as a client would send it.
    static var example: String {
        guard let person = ScenarioCatalog.scenarios.first(where: { $0.name == "dhs-tnc" })?.person else { return "{}" }
        var members = ["\"ssn\":" + JSONText.quote(person.ssn), "\"first_name\":" + JSONText.quote(person.firstName),
                       "\"last_name\":" + JSONText.quote(person.lastName), "\"date_of_birth\":" + JSONText.quote(person.dateOfBirth.iso),
                       "\"citizenship_status_code\":" + JSONText.quote(person.citizenshipStatus.rawValue)]
        if let alien = person.alienNumber { members.append("\"alien_number\":" + JSONText.quote(alien)) }
        members.append("\"dhs\":{\"work_authorized\":\(person.dhs.workAuthorized)}")
        members.append("\"on_referral\":{\"result\":" + JSONText.quote(person.onReferral.result.rawValue)
                       + ",\"after_work_days\":\(person.onReferral.afterWorkDays)}")
        return "{" + members.joined(separator: ",") + "}"
    }
}
