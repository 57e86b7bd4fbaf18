import AgentCore
import Crypto
import Notices
import HTTPCore
import Storage

/// The compliance records of API.md (federal contractors, incidents, the agent's duties):
/// their repositories and routes, wired from the service's storage in one place so the
/// service's start-up names them once.
struct ComplianceRecords: Sendable {
    let federal: SQLiteFederalContracts
    let incidents: SQLiteIncidents
    let duties: SQLiteAgentDuties
    let gate: ComplianceGate
    let clock: any ServiceClock
    let notices: NoticeRenderer?

    init(database: Database, cipher: FieldCipher, indexKey: [UInt8], identity: any IdentityRepository, auth: Authenticator,
         clock: any ServiceClock, notices: NoticeRenderer?) {
        federal = SQLiteFederalContracts(database: database, cipher: cipher, indexKey: indexKey)
        incidents = SQLiteIncidents(database: database, cipher: cipher)
        duties = SQLiteAgentDuties(database: database)
        gate = ComplianceGate(identity: identity, auth: auth)
        self.clock = clock
        self.notices = notices
    }

    var clientSettings: ClientSettingsExtension { FederalContractRoutes.settings(federal) }

    /// A client's row changed: its federal-contractor flag settles CONTRACTOR_FLAG (AGT-4).
    func clientChanged(_ id: ClientID) async throws {
        try await federal.replan(clientID: id)
    }

    func register(on router: RouterBuilder<AgentContext>) {
        FederalContractRoutes(contracts: federal, gate: gate).register(on: router)
        IncidentRoutes(incidents: incidents, gate: gate, notices: notices).register(on: router)
        AgentDutyRoutes(duties: duties, gate: gate, clock: clock, notices: notices).register(on: router)
    }
}
