/// Persistence of a client's federal-contractor profile, contracts and assigned
/// employees. Every change carries its audit event and re-plans the client's federal
/// work items in the same transaction.
public protocol FederalContractRepository: Sendable {
    /// The profile (defaults when never set).
    func profile(clientID: ClientID) async throws -> FederalContractorProfile
    func updateProfile(clientID: ClientID, input: FederalContractorProfileInput, audit: AuditEvent) async throws -> FederalContractorProfile
    /// Creates a contract; `check` sees the profile inside the write (FED-3) and may throw.
    func createContract(clientID: ClientID, input: FederalContractInput, audit: AuditEvent,
                        check: @escaping @Sendable (FederalContractorProfile) throws -> Void) async throws -> FederalContract
    func contracts(clientID: ClientID, limit: Int, after cursor: String?) async throws -> Page<FederalContract>
    func contract(_ id: String, scope: AccessScope) async throws -> FederalContract?
    func addEmployee(to contract: FederalContract, employeeID: String, firstName: String, lastName: String, assignedOn: CivilDate,
                     ssn: String, audit: AuditEvent) async throws -> ContractEmployee
    func employees(contractID: String, limit: Int, after cursor: String?) async throws -> Page<ContractEmployee>
}
