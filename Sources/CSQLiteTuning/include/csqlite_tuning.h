#ifndef CSQLITE_TUNING_H
#define CSQLITE_TUNING_H

#include <sqlite3.h>

// A VFS over the system's default one that gathers a transaction's writes to its WAL file
// in memory and hands them to the file in one write when SQLite syncs it (or reads,
// truncates or closes it first). SQLite writes each WAL frame with two calls (its 24-byte
// header, then the page), so a commit of 20 pages costs 40 system calls without it and 1
// with it. The file sees the same bytes at the same offsets, before the same sync.
//
// Sound only where every commit syncs the WAL (PRAGMA synchronous=FULL or EXTRA): with
// NORMAL or OFF, a commit publishes its frames to readers without syncing, and frames
// still in memory would be missing from the file they read. Connection opens through it
// only then.

#define CSQLITE_WAL_VFS_NAME "employer-agent-wal-gather"

// Registers the VFS (not as the default); safe to call more than once. SQLITE_OK or an error.
int csqlite_wal_register(void);

// Writes SQLite asked of the WAL file of connection `db`, and writes that reached the file
// system (their ratio shows the gathering works): 1 when that file is gathered (and open),
// 0 otherwise.
int csqlite_wal_file_counts(sqlite3 *db, long long *requested, long long *issued);

// Installs the page cache wrapper (pcache_truncate.c) over SQLite's own page cache: at the
// end of a transaction, pages above the database's size are looked for only when some may
// be there. Process-wide, before SQLite initializes (it answers SQLITE_MISUSE after, and
// keeps its own cache). SQLITE_OK when installed.
int csqlite_pcache_install(void);

// Truncations of page caches made on the calling thread: passed on to SQLite's cache, and
// skipped.
void csqlite_pcache_thread_truncations(long long *passed, long long *skipped);

#endif
