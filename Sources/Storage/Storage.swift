import CSQLite

/// SQLite persistence: connections, the writer, migrations.
public enum StorageInfo {
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }
}
