import AgentCore

/// The matching rules of the simulated SSA and DHS (API.md "The simulated government
/// side"), as pure functions of a case and the person on record.
enum Matching {
    /// DOC-2: the List A documents whose photo DHS holds.
    static let photoDocumentTypes: Set<String> = ["US_PASSPORT", "FORM_I551", "FORM_I766"]

    /// What a case decides next.
    enum Outcome: Equatable {
        case answer(GovernmentResult)
        /// DHS takes this many federal work days (manual review) before answering.
        case needsMoreTime(workDays: Int)
    }

    /// Compares a submission with the record its SSN names (`person`, nil when SSA has
    /// no such number).
    static func facts(for request: GovernmentCaseRequest, person: SimulatedPerson?) -> SimulatedMatchFacts {
        var mismatched: [String] = []
        if let person {
            if normalizedName(request.firstName) != normalizedName(person.firstName) { mismatched.append("first_name") }
            if normalizedName(request.lastName) != normalizedName(person.lastName) { mismatched.append("last_name") }
            if request.dateOfBirth != person.dateOfBirth { mismatched.append("date_of_birth") }
        } else {
            mismatched = ["ssn"]
        }
        let alienMismatch: Bool = {
            guard let given = request.alienNumber, let recorded = person?.alienNumber else { return false }
            return normalizedAlienNumber(given) != normalizedAlienNumber(recorded)
        }()
        let passportConfirmed: Bool = {
            guard let given = request.usPassportNumber, let recorded = person?.usPassportNumber else { return false }
            return normalizedDocumentNumber(given) == normalizedDocumentNumber(recorded)
        }()
        return SimulatedMatchFacts(
            citizenshipStatus: request.citizenshipStatus, mismatchedFields: mismatched, alienNumberMismatch: alienMismatch,
            passportNumberConfirmed: passportConfirmed,
            photoDocumentPresented: !request.skipPhotoMatch && (request.documentAType.map(photoDocumentTypes.contains) ?? false))
    }

    /// The government's answer for `simulatedCase` as far as it has come (data
    /// confirmed, manual review done, photo answered), checked in this order:
    /// 1. SSN, name or date of birth not matching SSA, not yet confirmed → unconfirmed data (CASE-4);
    /// 2. DHS asked (a noncitizen, or a citizen whose citizenship SSA has not confirmed)
    ///    and needing more time, not yet reviewed → manual review;
    /// 3. SSA failing (data still not matching, or deceased) and/or DHS failing (not
    ///    authorized, or another A-number than its record) → SSA, DHS or dual TNC;
    ///    an SSN unknown to SSA counts as DHS failing too for a noncitizen;
    /// 4. DHS asks to close and resubmit, unless the case gave the passport number on record;
    /// 5. a photo document with a photo on record, not yet matched → photo match;
    /// 6. otherwise employment authorized.
    static func decide(_ simulatedCase: SimulatedCase, person: SimulatedPerson?) -> Outcome {
        let facts = simulatedCase.facts
        if !facts.mismatchedFields.isEmpty && !simulatedCase.dataConfirmed {
            return .answer(.unconfirmedData(fields: facts.mismatchedFields))
        }
        guard let person else {
            return .answer(.tentativeNonconfirmation(facts.citizenshipStatus.needsDHSCheck ? .dual : .ssa))
        }
        let ssaFails = !facts.mismatchedFields.isEmpty || person.ssa.deceased
        let asksDHS = facts.citizenshipStatus.needsDHSCheck || !person.ssa.citizenshipConfirmed
        var dhsFails = false
        if asksDHS {
            if person.dhs.needsMoreTimeDays > 0 && !simulatedCase.reviewed {
                return .needsMoreTime(workDays: person.dhs.needsMoreTimeDays)
            }
            dhsFails = !person.dhs.workAuthorized || facts.alienNumberMismatch
        }
        switch (ssaFails, dhsFails) {
        case (true, true): return .answer(.tentativeNonconfirmation(.dual))
        case (true, false): return .answer(.tentativeNonconfirmation(.ssa))
        case (false, true): return .answer(.tentativeNonconfirmation(.dhs))
        case (false, false): break
        }
        if person.dhs.closeAndResubmit && !facts.passportNumberConfirmed {
            return .answer(.closeCaseAndResubmit)
        }
        if facts.photoDocumentPresented && person.photo != nil && simulatedCase.photoAnswer != .matching {
            return .answer(.photoMatchRequired)
        }
        return .answer(.employmentAuthorized)
    }

    /// Names match ignoring case, spaces, apostrophes, hyphens and periods
    /// ("O'Neil-Smith" is "ONEILSMITH"): SSA's matching tolerates punctuation, not spelling.
    static func normalizedName(_ name: String) -> String {
        String(name.uppercased().filter(\.isLetter))
    }

    /// `A012345678`, `a12345678` and `012-345-678` are one A-number.
    static func normalizedAlienNumber(_ number: String) -> String {
        let digits = number.filter { $0.isASCII && $0.isNumber }
        let trimmed = digits.drop { $0 == "0" }
        return String(trimmed)
    }

    static func normalizedDocumentNumber(_ number: String) -> String {
        String(number.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }
}

extension SimulatedCase {
    /// Records an answer of the government side: the result, the stage it leads to,
    /// and the mismatch kind of a TNC.
    mutating func record(_ answer: GovernmentResult) {
        result = answer
        stage = SimulatedCaseStage(after: answer)
        if case .tentativeNonconfirmation(let kind) = answer { mismatch = kind }
    }
}
