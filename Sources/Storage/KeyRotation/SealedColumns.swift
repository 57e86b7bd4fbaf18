import AgentCore
import Crypto

/// Every column holding values sealed by the field cipher, with how to rebuild each
/// value's context (its associated data) from its row. A new sealed column belongs here,
/// or a key rotation would leave it under a retired key.
struct SealedColumn: Sendable {
    let table: String
    let column: String
    /// The row's key columns, selected beside the value.
    let keyColumns: [String]
    let context: @Sendable ([String]) -> [UInt8]

    static let all: [SealedColumn] = [
        SealedColumn(table: "cases", column: "data", keyColumns: ["case_number"]) { Array("case:\($0[0])".utf8) },
        SealedColumn(table: "hires", column: "data", keyColumns: ["id"]) { Array("hire:\($0[0])".utf8) },
        SealedColumn(table: "idempotency_keys", column: "sealed_body", keyColumns: ["scope", "key"]) {
            SQLiteIdempotencyRepository.context(scope: $0[0], key: $0[1])
        },
        SealedColumn(table: "webhooks", column: "secret", keyColumns: ["id"]) {
            SQLiteWebhookRepository.secretContext($0[0], slot: "secret")
        },
        SealedColumn(table: "webhooks", column: "previous_secret", keyColumns: ["id"]) {
            SQLiteWebhookRepository.secretContext($0[0], slot: "previous_secret")
        },
        SealedColumn(table: "user_totp", column: "secret", keyColumns: ["user_id"]) {
            SQLiteIdentityRepository.secondFactorContext(UserID($0[0]))
        },
        SealedColumn(table: "user_totp", column: "pending_secret", keyColumns: ["user_id"]) {
            SQLiteIdentityRepository.secondFactorContext(UserID($0[0]))
        },
    ]
}
