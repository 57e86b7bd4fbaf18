import CSQLite

/// Facts about the SQLite library this build links, for startup logs and diagnostics.
public enum StorageInfo {
    /// The linked SQLite version, e.g. "3.40.1".
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }
}
