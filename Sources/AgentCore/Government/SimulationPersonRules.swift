/// The checks a simulated person passes before the simulator stores it (POST
/// `simulator/people`). Field names are the API's snake_case, nested ones dotted.
extension SimulatedPerson {
    /// Limits on the agency timings, in federal work days: generous for a sandbox, but
    /// bounded so a typo cannot schedule a result decades ahead.
    public static let needsMoreTimeDaysRange = 0...60
    public static let afterWorkDaysRange = 1...60
    public static let continuanceWorkDaysRange = 1...250
    /// A stored photo is shown to users through JSON (base64), so it stays small.
    public static let maximumPhotoBytes = 512 * 1024

    /// Every problem with this record (empty when it may be stored). `today` bounds the
    /// date of birth.
    public func validationIssues(today: CivilDate) -> [FieldIssue] {
        var issues = IssueCollector()
        if let issue = Self.ssnIssue(ssn) { issues.add(issue) }
        for (field, name) in [("first_name", firstName), ("last_name", lastName)] where !Self.isValidName(name) {
            issues.add(field, FieldIssue.invalidFormat, "1–40 letters, spaces, apostrophes, hyphens or periods.")
        }
        if dateOfBirth > today {
            issues.add("date_of_birth", FieldIssue.outOfRange, "The date of birth is in the future.")
        }
        if let alienNumber, !Self.isAlienNumber(alienNumber) {
            issues.add("alien_number", FieldIssue.invalidFormat, "An A-number is A followed by 9 digits.")
        }
        if let i94Number, !(i94Number.count == 11 && Self.isAlphanumeric(i94Number)) {
            issues.add("i94_number", FieldIssue.invalidFormat, "An I-94 number is 11 letters or digits.")
        }
        if citizenshipStatus.needsDHSCheck && alienNumber == nil && i94Number == nil {
            issues.add("alien_number", FieldIssue.required, "A noncitizen record needs an A-number or an I-94 number.")
        }
        if let usPassportNumber, !((6...9).contains(usPassportNumber.count) && Self.isAlphanumeric(usPassportNumber)) {
            issues.add("us_passport_number", FieldIssue.invalidFormat, "A U.S. passport number is 6–9 letters or digits.")
        }
        if let photo {
            if photo.count > Self.maximumPhotoBytes {
                issues.add("photo", FieldIssue.outOfRange, "The photo is larger than \(Self.maximumPhotoBytes) bytes.")
            } else if !Self.isPNGOrJPEG(photo) {
                issues.add("photo", FieldIssue.invalidFormat, "The photo must be a PNG or JPEG image.")
            }
        }
        if !Self.needsMoreTimeDaysRange.contains(dhs.needsMoreTimeDays) {
            issues.add("dhs.needs_more_time_days", FieldIssue.outOfRange, "Between 0 and 60 federal work days.")
        }
        if !Self.afterWorkDaysRange.contains(onReferral.afterWorkDays) {
            issues.add("on_referral.after_work_days", FieldIssue.outOfRange, "Between 1 and 60 federal work days.")
        }
        if let days = onReferral.continuanceWorkDays, !Self.continuanceWorkDaysRange.contains(days) {
            issues.add("on_referral.continuance_work_days", FieldIssue.outOfRange, "Between 1 and 250 federal work days, or absent.")
        }
        return issues.issues
    }

    /// `###-##-####` with a number SSA could have issued: never area 000, 666 or
    /// 900–999, group 00 or serial 0000.
    public static func ssnIssue(_ ssn: String) -> FieldIssue? {
        let bytes = Array(ssn.utf8)
        let digitPositions = [0, 1, 2, 4, 5, 7, 8, 9, 10]
        guard bytes.count == 11, bytes[3] == UInt8(ascii: "-"), bytes[6] == UInt8(ascii: "-"),
              digitPositions.allSatisfy({ bytes[$0] >= UInt8(ascii: "0") && bytes[$0] <= UInt8(ascii: "9") })
        else {
            return FieldIssue(field: "ssn", code: FieldIssue.invalidFormat, message: "An SSN is written ###-##-####.")
        }
        let parts = ssn.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else {
            return FieldIssue(field: "ssn", code: FieldIssue.invalidFormat, message: "An SSN is written ###-##-####.")
        }
        if parts[0] == 0 || parts[0] == 666 || parts[0] >= 900 || parts[1] == 0 || parts[2] == 0 {
            return FieldIssue(field: "ssn", code: FieldIssue.invalidValue, message: "SSA never issues this number.")
        }
        return nil
    }

    /// API.md names: 1–40 characters of letters (any script), spaces, apostrophes,
    /// hyphens and periods, with at least one letter.
    static func isValidName(_ name: String) -> Bool {
        guard (1...40).contains(name.count), name.contains(where: \.isLetter) else { return false }
        return name.allSatisfy { $0.isLetter || $0 == " " || $0 == "'" || $0 == "-" || $0 == "." }
    }

    static func isAlienNumber(_ text: String) -> Bool {
        text.count == 10 && text.first == "A" && text.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func isAlphanumeric(_ text: String) -> Bool {
        text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// By content, as the API judges uploads: the PNG signature or a JPEG SOI marker.
    static func isPNGOrJPEG(_ bytes: [UInt8]) -> Bool {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        return bytes.starts(with: png) || bytes.starts(with: [0xFF, 0xD8, 0xFF])
    }
}
