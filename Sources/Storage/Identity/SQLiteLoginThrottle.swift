import AgentCore

// Login throttling (issue 12): the attempt is judged and counted in one write job before
// its password is hashed, so concurrent guesses cannot all pass a check made earlier.
extension SQLiteIdentityRepository {
    public func reserveLoginAttempt(usernameKey: String, address: String, nowMs: Int64,
                                    throttle: LoginThrottle) async throws -> LoginAdmission {
        let minute = LoginThrottle.minute(ofMilliseconds: nowMs)
        return try await database.write { db in
            try Self.reportClosedMinutes(before: minute, on: db)
            let addressFailures = Int(try db.scalar("SELECT failures FROM login_address_minutes WHERE source_ip = ? AND minute = ?",
                                                    [.text(address), .integer(minute)])?.int64Value ?? 0)
            let windowStart = throttle.windowStart(nowMs: nowMs)
            try db.execute("DELETE FROM login_failures WHERE username_key = ? AND at_ms < ?", [.text(usernameKey), .integer(windowStart)])
            let usernameFailures = Int(try db.scalar("SELECT count(*) FROM login_failures WHERE username_key = ?",
                                                     [.text(usernameKey)])?.int64Value ?? 0)
            if let refusal = throttle.refusal(usernameFailures: usernameFailures, addressFailures: addressFailures, nowMs: nowMs) {
                if case .addressLimited = refusal {
                    try db.execute("""
                        INSERT INTO login_address_minutes (source_ip, minute, refused) VALUES (?, ?, 1)
                        ON CONFLICT (source_ip, minute) DO UPDATE SET refused = refused + 1
                        """, [.text(address), .integer(minute)])
                }
                return .refused(refusal)
            }
            try db.execute("INSERT INTO login_failures (username_key, at_ms) VALUES (?, ?)", [.text(usernameKey), .integer(nowMs)])
            let id = db.lastInsertRowID
            try db.execute("""
                INSERT INTO login_address_minutes (source_ip, minute, failures) VALUES (?, ?, 1)
                ON CONFLICT (source_ip, minute) DO UPDATE SET failures = failures + 1
                """, [.text(address), .integer(minute)])
            return .reserved(LoginReservation(id: id, usernameKey: usernameKey, address: address, minute: minute))
        }
    }

    public func recordLoginFailure(_ reservation: LoginReservation, nowMs: Int64, throttle: LoginThrottle,
                                   audit: AuditEvent) async throws -> Int {
        try await database.write { db in
            try AuditLog.append(audit, on: db)
            return Int(try db.scalar("SELECT count(*) FROM login_failures WHERE username_key = ? AND at_ms >= ?",
                                     [.text(reservation.usernameKey), .integer(throttle.windowStart(nowMs: nowMs))])?.int64Value ?? 0)
        }
    }

    public func releaseLoginAttempt(_ reservation: LoginReservation) async throws {
        try await database.write { db in
            try db.execute("DELETE FROM login_failures WHERE rowid = ?", [.integer(reservation.id)])
            try Self.takeBackAddressFailure(reservation, on: db)
        }
    }

    /// A reserved attempt that was right is no failure of its address.
    static func takeBackAddressFailure(_ reservation: LoginReservation, on db: Connection) throws {
        try db.execute("UPDATE login_address_minutes SET failures = max(failures - 1, 0) WHERE source_ip = ? AND minute = ?",
                       [.text(reservation.address), .integer(reservation.minute)])
    }

    /// Writes one audit entry per address for each minute before `minute` in which attempts
    /// were refused (with their count), then forgets those minutes. A flood thus costs one
    /// entry per address and minute however many attempts it makes.
    static func reportClosedMinutes(before minute: Int64, on db: Connection) throws {
        let tallies = try db.query("""
            SELECT source_ip, minute, refused FROM login_address_minutes WHERE minute < ? AND refused > 0 ORDER BY minute, source_ip
            """, [.integer(minute)]) { ($0.string(at: 0) ?? "", $0.int64(at: 1), $0.int64(at: 2)) }
        for (address, closed, refused) in tallies {
            let event = AuditEvent(actor: .anonymous, clientID: nil, action: "session.login_throttled", objectType: "source_address",
                                   objectID: nil,
                                   changes: [FieldChange(field: "minute", before: nil, after: UTCTime.iso(milliseconds: closed * 60_000)),
                                             FieldChange(field: "refused_attempts", before: nil, after: String(refused))],
                                   sourceIP: address, requestID: nil)
            try AuditLog.append(event, on: db)
        }
        try db.execute("DELETE FROM login_address_minutes WHERE minute < ?", [.integer(minute)])
    }
}
