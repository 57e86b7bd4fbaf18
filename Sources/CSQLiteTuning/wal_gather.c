#include "csqlite_tuning.h"

#include <pthread.h>
#include <string.h>
#include <sqlite3.h>

// A gathered WAL file: our methods first (SQLite sees this struct as the sqlite3_file),
// the default VFS's own file right behind it, and the bytes not yet written: one run
// [start, start + length) of the file.
typedef struct GatheredFile {
    sqlite3_file base;
    sqlite3_file *real;
    unsigned char *bytes;
    sqlite3_int64 start;
    sqlite3_int64 length;
    sqlite3_int64 capacity;
    // Writes SQLite asked for, and writes made (csqlite_wal_file_counts).
    long long requested;
    long long issued;
} GatheredFile;

// Past this many pending bytes the run is written out early (a very large transaction).
#define GATHER_LIMIT ((sqlite3_int64)8 << 20)

static sqlite3_vfs *underlying;
static sqlite3_vfs gathering;

static sqlite3_file *real_of(sqlite3_file *file) { return ((GatheredFile *)file)->real; }

// The default VFS writes at most 128 KiB - 1 bytes per call: it masks the length with
// 0x1ffff, so a longer write would be cut short (a multiple of 128 KiB to nothing, which
// it reports as a full disk). The run goes out in pieces below that.
#define PIECE ((sqlite3_int64)124 * 1024)

// Writes the pending run, if any. The run is dropped even when the write fails: SQLite then
// fails the commit, and the next transaction writes those frames again from the same offset.
static int write_out(GatheredFile *f) {
    int rc = SQLITE_OK;
    for (sqlite3_int64 done = 0; done < f->length && rc == SQLITE_OK; done += PIECE) {
        sqlite3_int64 piece = f->length - done < PIECE ? f->length - done : PIECE;
        rc = f->real->pMethods->xWrite(f->real, f->bytes + done, (int)piece, f->start + done);
        f->issued += 1;
    }
    f->length = 0;
    return rc;
}

static int reserve(GatheredFile *f, sqlite3_int64 needed) {
    if (needed <= f->capacity) return SQLITE_OK;
    sqlite3_int64 capacity = f->capacity ? f->capacity : 256 * 1024;
    while (capacity < needed) capacity *= 2;
    unsigned char *grown = sqlite3_realloc64(f->bytes, (sqlite3_uint64)capacity);
    if (!grown) return SQLITE_NOMEM;
    f->bytes = grown;
    f->capacity = capacity;
    return SQLITE_OK;
}

static int gather_write(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset) {
    GatheredFile *f = (GatheredFile *)file;
    f->requested += 1;
    sqlite3_int64 end = f->start + f->length;
    // Joins the run when it starts inside it or right at its end (the usual case: the next
    // frame); SQLite rewriting a frame of the same transaction lands inside it.
    int joins = f->length > 0 && offset >= f->start && offset <= end;
    if (!joins) {
        int rc = write_out(f);
        if (rc != SQLITE_OK) return rc;
        f->start = offset;
        end = offset;
    }
    sqlite3_int64 newEnd = offset + amount > end ? offset + amount : end;
    if (newEnd - f->start > GATHER_LIMIT || reserve(f, newEnd - f->start) != SQLITE_OK) {
        // Too large to hold (or no memory): what is pending goes first, then this write as is.
        int rc = write_out(f);
        if (rc != SQLITE_OK) return rc;
        f->issued += 1;
        return f->real->pMethods->xWrite(f->real, data, amount, offset);
    }
    memcpy(f->bytes + (offset - f->start), data, (size_t)amount);
    f->length = newEnd - f->start;
    return SQLITE_OK;
}

// Everything that looks at the file, or makes it durable, sees the pending run first.
static int gather_read(sqlite3_file *file, void *data, int amount, sqlite3_int64 offset) {
    int rc = write_out((GatheredFile *)file);
    if (rc != SQLITE_OK) return rc;
    return real_of(file)->pMethods->xRead(real_of(file), data, amount, offset);
}

static int gather_sync(sqlite3_file *file, int flags) {
    int rc = write_out((GatheredFile *)file);
    if (rc != SQLITE_OK) return rc;
    return real_of(file)->pMethods->xSync(real_of(file), flags);
}

static int gather_truncate(sqlite3_file *file, sqlite3_int64 size) {
    int rc = write_out((GatheredFile *)file);
    if (rc != SQLITE_OK) return rc;
    return real_of(file)->pMethods->xTruncate(real_of(file), size);
}

static int gather_file_size(sqlite3_file *file, sqlite3_int64 *size) {
    int rc = write_out((GatheredFile *)file);
    if (rc != SQLITE_OK) return rc;
    return real_of(file)->pMethods->xFileSize(real_of(file), size);
}

static int gather_file_control(sqlite3_file *file, int op, void *arg) {
    int rc = write_out((GatheredFile *)file);
    if (rc != SQLITE_OK) return rc;
    return real_of(file)->pMethods->xFileControl(real_of(file), op, arg);
}

static int gather_close(sqlite3_file *file) {
    GatheredFile *f = (GatheredFile *)file;
    int written = write_out(f);
    int rc = f->real->pMethods->xClose(f->real);
    sqlite3_free(f->bytes);
    f->bytes = NULL;
    f->capacity = 0;
    return rc != SQLITE_OK ? rc : written;
}

// The rest pass through: a WAL file takes no locks and maps no memory of its own.
static int gather_lock(sqlite3_file *file, int level) { return real_of(file)->pMethods->xLock(real_of(file), level); }
static int gather_unlock(sqlite3_file *file, int level) { return real_of(file)->pMethods->xUnlock(real_of(file), level); }
static int gather_check_reserved(sqlite3_file *file, int *out) {
    return real_of(file)->pMethods->xCheckReservedLock(real_of(file), out);
}
static int gather_sector_size(sqlite3_file *file) { return real_of(file)->pMethods->xSectorSize(real_of(file)); }
static int gather_device_characteristics(sqlite3_file *file) {
    return real_of(file)->pMethods->xDeviceCharacteristics(real_of(file));
}

static const sqlite3_io_methods gather_methods = {
    1,
    gather_close, gather_read, gather_write, gather_truncate, gather_sync, gather_file_size,
    gather_lock, gather_unlock, gather_check_reserved, gather_file_control, gather_sector_size,
    gather_device_characteristics,
    NULL, NULL, NULL, NULL, NULL, NULL,
};

// Only WAL files are gathered; every other file is the default VFS's own, opened in place
// (our szOsFile leaves room for it), so SQLite calls its methods directly.
static int gather_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags) {
    (void)vfs;
    if (!(flags & SQLITE_OPEN_WAL)) return underlying->xOpen(underlying, name, file, flags, outFlags);
    GatheredFile *f = (GatheredFile *)file;
    memset(f, 0, sizeof *f);
    f->real = (sqlite3_file *)(f + 1);
    memset(f->real, 0, (size_t)underlying->szOsFile);
    int rc = underlying->xOpen(underlying, name, f->real, flags, outFlags);
    if (rc != SQLITE_OK) {
        if (f->real->pMethods) f->real->pMethods->xClose(f->real);
        f->base.pMethods = NULL;
        return rc;
    }
    f->base.pMethods = &gather_methods;
    return SQLITE_OK;
}

// The VFS-level calls go to the default VFS with its own object, whatever it keeps in it.
static int gather_delete(sqlite3_vfs *v, const char *name, int syncDir) {
    (void)v; return underlying->xDelete(underlying, name, syncDir);
}
static int gather_access(sqlite3_vfs *v, const char *name, int flags, int *out) {
    (void)v; return underlying->xAccess(underlying, name, flags, out);
}
static int gather_full_pathname(sqlite3_vfs *v, const char *name, int size, char *out) {
    (void)v; return underlying->xFullPathname(underlying, name, size, out);
}
static void *gather_dl_open(sqlite3_vfs *v, const char *name) { (void)v; return underlying->xDlOpen(underlying, name); }
static void gather_dl_error(sqlite3_vfs *v, int size, char *out) { (void)v; underlying->xDlError(underlying, size, out); }
static void (*gather_dl_sym(sqlite3_vfs *v, void *handle, const char *symbol))(void) {
    (void)v; return underlying->xDlSym(underlying, handle, symbol);
}
static void gather_dl_close(sqlite3_vfs *v, void *handle) { (void)v; underlying->xDlClose(underlying, handle); }
static int gather_randomness(sqlite3_vfs *v, int size, char *out) { (void)v; return underlying->xRandomness(underlying, size, out); }
static int gather_sleep(sqlite3_vfs *v, int micros) { (void)v; return underlying->xSleep(underlying, micros); }
static int gather_current_time(sqlite3_vfs *v, double *out) { (void)v; return underlying->xCurrentTime(underlying, out); }
static int gather_last_error(sqlite3_vfs *v, int size, char *out) {
    (void)v; return underlying->xGetLastError ? underlying->xGetLastError(underlying, size, out) : 0;
}
static int gather_current_time_int64(sqlite3_vfs *v, sqlite3_int64 *out) {
    (void)v; return underlying->xCurrentTimeInt64(underlying, out);
}

static int registration = SQLITE_ERROR;
static pthread_once_t registration_once = PTHREAD_ONCE_INIT;

static void register_once(void) {
    underlying = sqlite3_vfs_find(NULL);
    if (!underlying || underlying->iVersion < 2) return;
    memset(&gathering, 0, sizeof gathering);
    gathering.iVersion = 2;
    gathering.szOsFile = (int)sizeof(GatheredFile) + underlying->szOsFile;
    gathering.mxPathname = underlying->mxPathname;
    gathering.zName = CSQLITE_WAL_VFS_NAME;
    gathering.xOpen = gather_open;
    gathering.xDelete = gather_delete;
    gathering.xAccess = gather_access;
    gathering.xFullPathname = gather_full_pathname;
    gathering.xDlOpen = gather_dl_open;
    gathering.xDlError = gather_dl_error;
    gathering.xDlSym = gather_dl_sym;
    gathering.xDlClose = gather_dl_close;
    gathering.xRandomness = gather_randomness;
    gathering.xSleep = gather_sleep;
    gathering.xCurrentTime = gather_current_time;
    gathering.xGetLastError = gather_last_error;
    gathering.xCurrentTimeInt64 = gather_current_time_int64;
    registration = sqlite3_vfs_register(&gathering, 0);
}

int csqlite_wal_register(void) {
    pthread_once(&registration_once, register_once);
    return registration;
}

int csqlite_wal_file_counts(sqlite3 *db, long long *requested, long long *issued) {
    sqlite3_file *file = NULL;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &file) != SQLITE_OK || !file) return 0;
    if (file->pMethods != &gather_methods) return 0;
    *requested = ((GatheredFile *)file)->requested;
    *issued = ((GatheredFile *)file)->issued;
    return 1;
}
