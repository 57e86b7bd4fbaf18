/// When a federal contractor starts verifying under FAR 22.18 (FED-1 to FED-5).
/// These periods are calendar days, not work days: the clause counts days.
/// "Within N days of X" makes X + N the last allowed day (inclusive, as CAL-2).
extension Deadlines {
    /// The FED-1 outcome for one contract award.
    public struct FederalContractorStart: Sendable, Equatable {
        /// Set only when the contractor was not enrolled at award: the last day to
        /// enroll (award + 30 days).
        public let enrollmentDue: Deadline?
        /// The last day to begin verifying new hires under the contract.
        public let newHireVerificationStart: Deadline

        /// Both deadlines, enrollment first, for a case or client `deadlines` list.
        public var deadlines: [Deadline] {
            (enrollmentDue.map { [$0] } ?? []) + [newHireVerificationStart]
        }
    }

    /// Rule FED-1: when verification of new hires must begin for a contract.
    /// - Enrolled 90 days or more before the award: at once (the award date).
    /// - Enrolled fewer than 90 days before it (or on the award date): 90 days
    ///   after enrollment.
    /// - Not enrolled at award (`enrollmentDate` nil, or after the award): enroll
    ///   by award + 30 days, then begin 90 days after the actual enrollment; while
    ///   enrollment is still pending, 90 days after the last allowed enrollment day
    ///   (award + 120), the latest date that can still be compliant.
    public static func federalContractorStart(awardDate: CivilDate, enrollmentDate: CivilDate?) -> FederalContractorStart {
        let startName = "contractor_new_hire_verification_start_date"
        if let enrolled = enrollmentDate, enrolled <= awardDate {
            // "At once" when enrolled 90+ days, else enrollment + 90: the later of the
            // two dates covers both, as enrollment + 90 <= award exactly when 90+ days.
            let start = max(awardDate, enrolled.adding(days: 90))
            return FederalContractorStart(
                enrollmentDue: nil,
                newHireVerificationStart: Deadline(name: startName, date: start, rule: "FED-1"))
        }
        let enrollBy = awardDate.adding(days: 30)
        let start = (enrollmentDate ?? enrollBy).adding(days: 90)
        return FederalContractorStart(
            enrollmentDue: Deadline(name: "contractor_enrollment_due_date", date: enrollBy, rule: "FED-1"),
            newHireVerificationStart: Deadline(name: startName, date: start, rule: "FED-1"))
    }

    /// Rule FED-2: the last day to begin verifying an employee assigned to the
    /// contract — the later of 90 days after the award (or after enrollment, for a
    /// contractor enrolled because of this contract) and 30 days after the
    /// employee's assignment.
    public static func assignedEmployeeDeadline(awardOrEnrollment: CivilDate, assignmentDate: CivilDate) -> Deadline {
        let date = max(awardOrEnrollment.adding(days: 90), assignmentDate.adding(days: 30))
        return Deadline(name: "assigned_employee_verification_due_date", date: date, rule: "FED-2")
    }

    /// Rule FED-4: the last day to begin verifying the whole existing workforce
    /// after the contractor elects to — 180 days after the election.
    public static func workforceElectionDeadline(electionDate: CivilDate) -> Deadline {
        Deadline(
            name: "existing_workforce_verification_start_date",
            date: electionDate.adding(days: 180),
            rule: "FED-4")
    }

    /// Rule FED-5: the last day for the agent to update the client's profile
    /// (federal-contractor flag, AGT-4 too) after a contract award — 30 days after it.
    public static func profileUpdateDeadline(awardDate: CivilDate) -> Deadline {
        Deadline(
            name: "contractor_profile_update_due_date",
            date: awardDate.adding(days: 30),
            rule: "FED-5")
    }
}
