import AgentCore
import HTTPCore
import Notices

/// The routes of API.md "IMAGE records", wired once from the service's start-up.
struct ImageAPI: Sendable {
    let records: any ImageRecordRepository
    let cases: any CaseRepository
    let identity: any IdentityRepository
    let auth: Authenticator
    let clock: any ServiceClock
    let tipRatePerHour: Int
    let indexKey: [UInt8]
    let notices: NoticeRenderer?

    func register(on router: RouterBuilder<AgentContext>) {
        let access = ImageAccess(identity: identity, auth: auth)
        ImageRecordRoutes(records: records, access: access, clock: clock).register(on: router)
        TipLineRoutes(records: records, access: access, clock: clock, limiter: TipRateLimiter(perHour: tipRatePerHour),
                      indexKey: indexKey).register(on: router)
        ImageReportRoutes(records: records, cases: cases, access: access, clock: clock, notices: notices).register(on: router)
    }
}
