#include "csqlite_tuning.h"

#include <stdlib.h>
#include <string.h>

// SQLite's page cache (pcache1) remembers the highest page number it ever held, and at the
// end of every transaction drops the pages above the database's size: when that highest
// number is far above the size, it walks the whole cache to do so. When a B-tree page
// splits, SQLite puts its new pages in ascending order by swapping their numbers through a
// spare one, the page number of the lock byte (1 GiB / page size + 1, past the end of any
// database under 1 GiB). From then on every commit of the writer walks its whole cache
// (16,384 hash buckets and every page held): about an eighth of the writer's time under
// the case load.
//
// This wrapper keeps its own highest page number, which leaves out that spare number
// (SQLite always moves the page off it within the same split), and passes a truncation on
// only when some page may lie above the limit. Everything else goes to pcache1 unchanged.

typedef struct WrappedCache {
    sqlite3_pcache *inner;
    // The highest page number held since the last truncation passed on, the spare one aside.
    unsigned highest;
    // The spare number SQLite swaps through: (1 GiB / page size) + 1.
    unsigned spare;
} WrappedCache;

static sqlite3_pcache_methods2 inner_methods;
// Truncations passed on and skipped, per thread (a connection is used by one thread at a
// time), for tests.
static _Thread_local long long thread_passed;
static _Thread_local long long thread_skipped;

static WrappedCache *wrapped(sqlite3_pcache *cache) { return (WrappedCache *)cache; }

static int wrap_init(void *arg) {
    (void)arg;
    return inner_methods.xInit ? inner_methods.xInit(inner_methods.pArg) : SQLITE_OK;
}

static void wrap_shutdown(void *arg) {
    (void)arg;
    if (inner_methods.xShutdown) inner_methods.xShutdown(inner_methods.pArg);
}

static sqlite3_pcache *wrap_create(int page_size, int extra_size, int purgeable) {
    WrappedCache *cache = sqlite3_malloc(sizeof *cache);
    if (!cache) return NULL;
    cache->inner = inner_methods.xCreate(page_size, extra_size, purgeable);
    if (!cache->inner) {
        sqlite3_free(cache);
        return NULL;
    }
    cache->highest = 0;
    cache->spare = page_size > 0 ? (unsigned)(0x40000000 / page_size) + 1 : 0;
    return (sqlite3_pcache *)cache;
}

static void wrap_cachesize(sqlite3_pcache *cache, int pages) { inner_methods.xCachesize(wrapped(cache)->inner, pages); }

static int wrap_pagecount(sqlite3_pcache *cache) { return inner_methods.xPagecount(wrapped(cache)->inner); }

static sqlite3_pcache_page *wrap_fetch(sqlite3_pcache *cache, unsigned key, int create) {
    WrappedCache *c = wrapped(cache);
    sqlite3_pcache_page *page = inner_methods.xFetch(c->inner, key, create);
    if (page && key > c->highest) c->highest = key;
    return page;
}

static void wrap_unpin(sqlite3_pcache *cache, sqlite3_pcache_page *page, int discard) {
    inner_methods.xUnpin(wrapped(cache)->inner, page, discard);
}

static void wrap_rekey(sqlite3_pcache *cache, sqlite3_pcache_page *page, unsigned old_key, unsigned new_key) {
    WrappedCache *c = wrapped(cache);
    inner_methods.xRekey(c->inner, page, old_key, new_key);
    if (new_key > c->highest && new_key != c->spare) c->highest = new_key;
}

static void wrap_truncate(sqlite3_pcache *cache, unsigned limit) {
    WrappedCache *c = wrapped(cache);
    // Every page held has a number at most `highest` (or is on the spare number only in
    // the middle of a split, never at a transaction's end): nothing to drop.
    if (limit > c->highest) {
        thread_skipped += 1;
        return;
    }
    thread_passed += 1;
    inner_methods.xTruncate(c->inner, limit);
    c->highest = limit > 0 ? limit - 1 : 0;
}

static void wrap_destroy(sqlite3_pcache *cache) {
    inner_methods.xDestroy(wrapped(cache)->inner);
    sqlite3_free(cache);
}

static void wrap_shrink(sqlite3_pcache *cache) {
    if (inner_methods.xShrink) inner_methods.xShrink(wrapped(cache)->inner);
}

static sqlite3_pcache_methods2 wrapper_methods = {
    1, NULL,
    wrap_init, wrap_shutdown, wrap_create, wrap_cachesize, wrap_pagecount, wrap_fetch,
    wrap_unpin, wrap_rekey, wrap_truncate, wrap_destroy, wrap_shrink,
};

int csqlite_pcache_install(void) {
    memset(&inner_methods, 0, sizeof inner_methods);
    int rc = sqlite3_config(SQLITE_CONFIG_GETPCACHE2, &inner_methods);
    if (rc != SQLITE_OK) return rc;
    if (!inner_methods.xCreate || !inner_methods.xTruncate) return SQLITE_ERROR;
    return sqlite3_config(SQLITE_CONFIG_PCACHE2, &wrapper_methods);
}

void csqlite_pcache_thread_truncations(long long *passed, long long *skipped) {
    *passed = thread_passed;
    *skipped = thread_skipped;
}
