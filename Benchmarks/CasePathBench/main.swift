// The case rules' CPU, in process: `CaseRules.validate` on the body the case benchmark
// creates (Benchmarks/wrk/case-pairs.lua), as every create and every submit runs it on a
// loop thread. Prints the time per call; `scripts/profile.sh validate` runs it under
// callgrind and prints instructions per call, which repeat exactly from run to run.
//
//   case-path-bench [ITERATIONS]        (default 100000)
import AgentCore
import Foundation

/// The benchmark's case: a U.S. citizen with a driver's license and a Social Security
/// card, hired on the simulated today, its I-9 dates on time.
func benchmarkInput() -> CaseInput {
    var input = CaseInput()
    input.firstName = "Bench"
    input.lastName = "Person"
    input.dateOfBirth = CivilDate(year: 1990, month: 1, day: 1)
    input.ssn = "201-01-0001"
    input.citizenshipStatusCode = "US_CITIZEN"
    input.documentBTypeCode = "DRIVERS_LICENSE"
    input.documentCTypeCode = "SOCIAL_SECURITY_CARD"
    input.documentBCNumber = "D1234567"
    input.usStateCode = "CA"
    input.expirationDate = CivilDate(year: 2030, month: 1, day: 1)
    input.dateOfHire = CivilDate(year: 2026, month: 11, day: 16)
    input.offerAcceptedDate = CivilDate(year: 2026, month: 11, day: 2)
    input.i9Section1Date = CivilDate(year: 2026, month: 11, day: 16)
    input.i9Section2Date = CivilDate(year: 2026, month: 11, day: 16)
    return input
}

let iterations = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000
let profile = ClientProfile(name: "Bench Staffing", ein: "12-3456789", mouEffectiveDate: CivilDate(year: 2026, month: 1, day: 5)!)
let context = CaseContext(profile: profile, today: CivilDate(year: 2026, month: 11, day: 16)!)
let input = benchmarkInput()

// Refused would mean the benchmark measures the refusal path: say so and stop.
guard case .success = CaseRules.validated(input, context: context) else {
    FileHandle.standardError.write(Data("the benchmark case is refused; fix benchmarkInput()\n".utf8))
    exit(1)
}
var checksum = 0
let start = ContinuousClock.now
for _ in 0..<iterations {
    // The symbol callgrind's --toggle-collect names: keep this call direct.
    let data = try! CaseRules.validate(input, context: context)
    checksum &+= data.ssn.utf8.count
}
let elapsed = ContinuousClock.now - start
let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
print(String(format: "validate: %.2f us per call over %d calls (checksum %d)", nanoseconds / 1000 / Double(iterations), iterations, checksum))
