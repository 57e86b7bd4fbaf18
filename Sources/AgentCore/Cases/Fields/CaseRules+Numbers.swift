/// The citizenship status and the immigration and document numbers: each number's
/// own shape here; which numbers a status or document needs is `checkFieldTable`.
extension CaseCheck {
    mutating func checkStatusAndNumbers() {
        if let code = text("citizenship_status_code") {
            if let parsed = CitizenshipStatus(code: code) {
                status = parsed
                normalized.citizenshipStatusCode = parsed.rawValue
            } else {
                refuse("citizenship_status_code", FieldIssue.invalidValue,
                       "citizenship_status_code must be US_CITIZEN, NONCITIZEN_NATIONAL, LAWFUL_PERMANENT_RESIDENT or NONCITIZEN_AUTHORIZED_TO_WORK, as attested in Form I-9 Section 1.")
            }
        } else {
            refuse("citizenship_status_code", FieldIssue.required,
                   "citizenship_status_code is required: the status the employee attested in Form I-9 Section 1.")
        }
        checkText("alien_number", message: "alien_number must be A followed by 7 to 9 digits (A-Number or USCIS Number), e.g. A123456789.",
                  normalize: CaseFieldFormat.normalizedAlienNumber)
        checkText("i94_number", message: "i94_number must be the 11 letters and digits of the Form I-94 admission number.") {
            CaseFieldFormat.normalizedAlphanumeric($0, lengths: 11...11)
        }
        checkText("foreign_passport_number", message: "foreign_passport_number must be 6 to 12 letters and digits.") {
            CaseFieldFormat.normalizedAlphanumeric($0, lengths: 6...12)
        }
        checkText("country_code", code: FieldIssue.invalidValue,
                  message: "country_code must be the ISO 3166-1 alpha-3 code of the country that issued the passport, e.g. MEX (see GET reference/country_codes).") {
            let upper = $0.uppercased()
            return CountryCodes.contains(upper) ? upper : nil
        }
        checkText("us_passport_number", message: "us_passport_number must be 6 to 9 letters and digits, as printed on the passport or passport card.") {
            CaseFieldFormat.normalizedAlphanumeric($0, lengths: 6...9)
        }
        checkText("i551_number", message: "i551_number must be the card number: 3 letters then 10 digits, e.g. ABC1234567890.",
                  normalize: CaseFieldFormat.normalizedCardNumber)
        checkText("i766_number", message: "i766_number must be the card number: 3 letters then 10 digits, e.g. ABC1234567890.",
                  normalize: CaseFieldFormat.normalizedCardNumber)
        checkText("document_bc_number", message: "document_bc_number must be 1 to 25 letters, digits, hyphens or spaces, as printed on the document.",
                  normalize: CaseFieldFormat.normalizedDocumentNumber)
        checkText("us_state_code", code: FieldIssue.invalidValue,
                  message: "us_state_code must be the two-letter code of the issuing state or territory, e.g. CA (see GET reference/us_state_codes).",
                  normalize: Self.stateCode)
    }

    /// The upper-cased code when it names a state, DC or a territory.
    static func stateCode(_ text: String) -> String? {
        let upper = text.uppercased()
        return USStateCodes.contains(upper) ? upper : nil
    }
}
