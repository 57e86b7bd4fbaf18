#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H
#include <sqlite3.h>
#include <sys/prctl.h>
// SQLITE_TRANSIENT is a cast macro Swift cannot import; sqlite3_db_config is variadic.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
static inline int csqlite_db_config_int(sqlite3 *db, int op, int value, int *out) {
    return sqlite3_db_config(db, op, value, out);
}
// Process-wide settings, before the first connection opens (SQLITE_MISUSE after: then the
// library keeps its defaults). Memory statistics off: with them on, every allocation
// SQLite makes takes one global mutex, shared by the writer and every reader.
static inline int csqlite_configure_library(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
// Names the calling thread (at most 15 bytes show) for top -H, gdb and tests. Foundation's
// Thread.name setter is a no-op when the new thread runs before start() has returned.
// prctl is variadic, which Swift cannot call.
static inline int csqlite_name_current_thread(const char *name) {
    return prctl(PR_SET_NAME, (unsigned long)name, 0, 0, 0);
}
// Extended result codes are macros over expressions, which Swift does not import;
// an enum makes them plain constants.
enum {
    CSQLITE_CONSTRAINT_UNIQUE = SQLITE_CONSTRAINT_UNIQUE,
    CSQLITE_CONSTRAINT_PRIMARYKEY = SQLITE_CONSTRAINT_PRIMARYKEY,
    CSQLITE_CONSTRAINT_FOREIGNKEY = SQLITE_CONSTRAINT_FOREIGNKEY,
    CSQLITE_CONSTRAINT_NOTNULL = SQLITE_CONSTRAINT_NOTNULL,
    CSQLITE_CONSTRAINT_CHECK = SQLITE_CONSTRAINT_CHECK
};
#endif
