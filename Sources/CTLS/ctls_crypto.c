// The EVP calls Crypto wraps: digests, HMAC (EVP_MAC), AES-256-GCM, PBKDF2 and scrypt
// (EVP_KDF), random bytes and constant-time comparison. OpenSSL 3 API only.
#include "ctls.h"
#include "ctls_internal.h"
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

// Fetched once and shared: fetched algorithm objects are immutable and reference
// counted, safe to use from any thread; fetching per call costs a provider lookup.
static EVP_MD *g_sha1, *g_sha256, *g_sha512;
static EVP_MAC *g_hmac;
static EVP_CIPHER *g_aes256gcm;
static EVP_KDF *g_pbkdf2, *g_scrypt;
static int g_ready;
static char g_init_error[256];
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

// Where a caller passes (NULL, 0) for an empty input, OpenSSL still gets a valid pointer.
static const uint8_t empty_input[1] = {0};
static const uint8_t *nonnull(const uint8_t *p) { return p != NULL ? p : empty_input; }

static void fetch_all(void) {
    ERR_clear_error();
    const char *missing = NULL;
    if ((g_sha1 = EVP_MD_fetch(NULL, "SHA1", NULL)) == NULL) missing = "SHA1";
    else if ((g_sha256 = EVP_MD_fetch(NULL, "SHA256", NULL)) == NULL) missing = "SHA256";
    else if ((g_sha512 = EVP_MD_fetch(NULL, "SHA512", NULL)) == NULL) missing = "SHA512";
    else if ((g_hmac = EVP_MAC_fetch(NULL, "HMAC", NULL)) == NULL) missing = "HMAC";
    else if ((g_aes256gcm = EVP_CIPHER_fetch(NULL, "AES-256-GCM", NULL)) == NULL) missing = "AES-256-GCM";
    else if ((g_pbkdf2 = EVP_KDF_fetch(NULL, "PBKDF2", NULL)) == NULL) missing = "PBKDF2";
    else if ((g_scrypt = EVP_KDF_fetch(NULL, "SCRYPT", NULL)) == NULL) missing = "SCRYPT";
    if (missing != NULL) {
        char what[64];
        snprintf(what, sizeof what, "fetching %s", missing);
        ctls_set_error(g_init_error, sizeof g_init_error, what);
        // The objects fetched so far stay (process lifetime); nothing uses them.
        return;
    }
    g_ready = 1;
}

static int ready(void) {
    if (pthread_once(&g_once, fetch_all) != 0) return 0;
    return g_ready;
}

int ctls_crypto_init(char *err, size_t err_len) {
    if (ready()) return 1;
    ctls_set_error_text(err, err_len, "OpenSSL algorithms unavailable",
                        g_init_error[0] ? g_init_error : "pthread_once failed");
    return 0;
}

static const EVP_MD *md_for(int md) {
    switch (md) {
    case CTLS_MD_SHA1: return g_sha1;
    case CTLS_MD_SHA256: return g_sha256;
    case CTLS_MD_SHA512: return g_sha512;
    default: return NULL;
    }
}

static const char *md_name(int md) {
    switch (md) {
    case CTLS_MD_SHA1: return "SHA1";
    case CTLS_MD_SHA256: return "SHA256";
    case CTLS_MD_SHA512: return "SHA512";
    default: return NULL;
    }
}

size_t ctls_digest_size(int md) {
    switch (md) {
    case CTLS_MD_SHA1: return 20;
    case CTLS_MD_SHA256: return 32;
    case CTLS_MD_SHA512: return 64;
    default: return 0;
    }
}

int ctls_digest(int md, const uint8_t *data, size_t data_len, uint8_t *out, size_t out_len) {
    if (!ready() || out == NULL || (data == NULL && data_len > 0)) return 0;
    const EVP_MD *type = md_for(md);
    if (type == NULL || out_len < ctls_digest_size(md)) return 0;
    ERR_clear_error();
    unsigned int written = 0;
    if (EVP_Digest(nonnull(data), data_len, out, &written, type, NULL) != 1) return 0;
    return written == ctls_digest_size(md) ? 1 : 0;
}

// Per-thread contexts kept between calls, each with the key it was set up with: setting a
// context up (allocation, the digest looked up by name, the key schedule) cost more than
// the work itself for the short values sealed, opened and indexed on every request. A
// thread's contexts are freed, and their keys wiped, when the thread exits; a context is
// dropped after any failure, so an error never leaves state behind for the next call.
typedef struct KeyedContexts {
    EVP_CIPHER_CTX *gcm[2]; // [0] opens, [1] seals
    uint8_t gcm_key[2][32];
    size_t gcm_iv_len[2];
    EVP_MAC_CTX *hmac;
    int hmac_md;
    size_t hmac_key_len;
    uint8_t hmac_key[128];
} KeyedContexts;

static pthread_key_t g_contexts_key;
static pthread_once_t g_contexts_once = PTHREAD_ONCE_INIT;
static int g_contexts_ready;

static void gcm_forget(KeyedContexts *c, int encrypt) {
    EVP_CIPHER_CTX_free(c->gcm[encrypt]);
    c->gcm[encrypt] = NULL;
    OPENSSL_cleanse(c->gcm_key[encrypt], sizeof c->gcm_key[encrypt]);
}

static void hmac_forget(KeyedContexts *c) {
    EVP_MAC_CTX_free(c->hmac);
    c->hmac = NULL;
    OPENSSL_cleanse(c->hmac_key, sizeof c->hmac_key);
}

static void contexts_free(void *p) {
    KeyedContexts *c = p;
    gcm_forget(c, 0);
    gcm_forget(c, 1);
    hmac_forget(c);
    OPENSSL_clear_free(c, sizeof *c);
}

static void contexts_init(void) { g_contexts_ready = pthread_key_create(&g_contexts_key, contexts_free) == 0; }

// The calling thread's contexts, or NULL (then every call sets up and frees its own).
static KeyedContexts *thread_contexts(void) {
    if (pthread_once(&g_contexts_once, contexts_init) != 0 || !g_contexts_ready) return NULL;
    KeyedContexts *c = pthread_getspecific(g_contexts_key);
    if (c != NULL) return c;
    c = OPENSSL_zalloc(sizeof *c);
    if (c == NULL) return NULL;
    if (pthread_setspecific(g_contexts_key, c) != 0) {
        OPENSSL_free(c);
        return NULL;
    }
    return c;
}

int ctls_hmac(int md, const uint8_t *key, size_t key_len, const uint8_t *data, size_t data_len,
              uint8_t *out, size_t out_len) {
    if (!ready() || out == NULL || (key == NULL && key_len > 0) || (data == NULL && data_len > 0)) return 0;
    const char *name = md_name(md);
    if (name == NULL || out_len < ctls_digest_size(md)) return 0;
    ERR_clear_error();
    KeyedContexts *c = thread_contexts();
    EVP_MAC_CTX *ctx = NULL;
    if (c != NULL && c->hmac != NULL && c->hmac_md == md && c->hmac_key_len == key_len &&
        CRYPTO_memcmp(c->hmac_key, nonnull(key), key_len) == 0) {
        // The same key again: a NULL key restarts the context under the key it holds.
        if (EVP_MAC_init(c->hmac, NULL, 0, NULL) == 1) ctx = c->hmac;
        else hmac_forget(c);
    }
    if (ctx == NULL) {
        ctx = EVP_MAC_CTX_new(g_hmac);
        if (ctx == NULL) return 0;
        OSSL_PARAM params[2];
        params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)name, 0);
        params[1] = OSSL_PARAM_construct_end();
        // A non-NULL key pointer even for an empty key: EVP_MAC_init treats NULL as
        // "reuse the previous key" and fails on a fresh context.
        if (EVP_MAC_init(ctx, nonnull(key), key_len, params) != 1) {
            EVP_MAC_CTX_free(ctx);
            return 0;
        }
        if (c != NULL && key_len <= sizeof c->hmac_key) {
            hmac_forget(c);
            c->hmac = ctx;
            c->hmac_md = md;
            c->hmac_key_len = key_len;
            if (key_len > 0) memcpy(c->hmac_key, key, key_len);
        }
    }
    int kept = c != NULL && ctx == c->hmac;
    size_t written = 0;
    int ok = (data_len == 0 || EVP_MAC_update(ctx, data, data_len) == 1) &&
             EVP_MAC_final(ctx, out, &written, out_len) == 1 && written == ctls_digest_size(md);
    if (!kept) EVP_MAC_CTX_free(ctx);
    else if (!ok) hmac_forget(c);
    return ok;
}

// GCM processes lengths as int in the EVP_*Update calls: feed long inputs in slices.
static int gcm_update(EVP_CIPHER_CTX *ctx, int encrypt, uint8_t *out, const uint8_t *in, size_t len) {
    const size_t slice = (size_t)INT_MAX & ~(size_t)15;
    while (len > 0) {
        int n = (int)(len < slice ? len : slice);
        int outl = 0;
        int ok = encrypt ? EVP_EncryptUpdate(ctx, out, &outl, in, n)
                         : EVP_DecryptUpdate(ctx, out, &outl, in, n);
        if (ok != 1) return 0;
        // AAD passes (out == NULL) produce no output; data passes output what they take.
        if (out != NULL) {
            if (outl != n) return 0;
            out += n;
        }
        in += n;
        len -= (size_t)n;
    }
    return 1;
}

static int gcm_args_ok(const uint8_t *key, size_t key_len, const uint8_t *iv, size_t iv_len,
                       const uint8_t *aad, size_t aad_len, size_t tag_len) {
    return key != NULL && key_len == 32 && iv != NULL && iv_len >= 1 && iv_len <= 128 &&
           (aad != NULL || aad_len == 0) && tag_len >= 12 && tag_len <= 16;
}

// Cipher with the IV length set before key and IV (the documented order for GCM IVs
// other than 12 bytes).
static EVP_CIPHER_CTX *gcm_start(int encrypt, const uint8_t *key, const uint8_t *iv, size_t iv_len) {
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    if (ctx == NULL) return NULL;
    size_t ivlen = iv_len;
    OSSL_PARAM params[2];
    params[0] = OSSL_PARAM_construct_size_t(OSSL_CIPHER_PARAM_AEAD_IVLEN, &ivlen);
    params[1] = OSSL_PARAM_construct_end();
    int ok = encrypt ? EVP_EncryptInit_ex2(ctx, g_aes256gcm, NULL, NULL, NULL)
                     : EVP_DecryptInit_ex2(ctx, g_aes256gcm, NULL, NULL, NULL);
    if (ok != 1 || EVP_CIPHER_CTX_set_params(ctx, params) != 1) goto fail;
    ok = encrypt ? EVP_EncryptInit_ex2(ctx, NULL, key, iv, NULL)
                 : EVP_DecryptInit_ex2(ctx, NULL, key, iv, NULL);
    if (ok != 1) goto fail;
    return ctx;
fail:
    EVP_CIPHER_CTX_free(ctx);
    return NULL;
}

// A context for one message: the thread's own when it holds this key (only the IV is set
// again, which restarts the message), otherwise a new one that the thread keeps.
static EVP_CIPHER_CTX *gcm_begin(KeyedContexts *c, int encrypt, const uint8_t *key, const uint8_t *iv, size_t iv_len) {
    if (c == NULL) return gcm_start(encrypt, key, iv, iv_len);
    EVP_CIPHER_CTX *ctx = c->gcm[encrypt];
    if (ctx != NULL && c->gcm_iv_len[encrypt] == iv_len && CRYPTO_memcmp(c->gcm_key[encrypt], key, 32) == 0) {
        int ok = encrypt ? EVP_EncryptInit_ex2(ctx, NULL, NULL, iv, NULL) : EVP_DecryptInit_ex2(ctx, NULL, NULL, iv, NULL);
        if (ok == 1) return ctx;
    }
    gcm_forget(c, encrypt);
    ctx = gcm_start(encrypt, key, iv, iv_len);
    if (ctx == NULL) return NULL;
    c->gcm[encrypt] = ctx;
    memcpy(c->gcm_key[encrypt], key, 32);
    c->gcm_iv_len[encrypt] = iv_len;
    return ctx;
}

// Ends a message: a context of the thread's stays unless the message failed.
static void gcm_end(KeyedContexts *c, int encrypt, EVP_CIPHER_CTX *ctx, int ok) {
    if (c == NULL) EVP_CIPHER_CTX_free(ctx);
    else if (!ok) gcm_forget(c, encrypt);
}

int ctls_aes256gcm_seal(const uint8_t *key, size_t key_len, const uint8_t *iv, size_t iv_len,
                        const uint8_t *aad, size_t aad_len, const uint8_t *pt, size_t pt_len,
                        uint8_t *ct, uint8_t *tag, size_t tag_len) {
    if (!ready() || !gcm_args_ok(key, key_len, iv, iv_len, aad, aad_len, tag_len) || tag == NULL ||
        (pt_len > 0 && (pt == NULL || ct == NULL)))
        return 0;
    ERR_clear_error();
    KeyedContexts *c = thread_contexts();
    EVP_CIPHER_CTX *ctx = gcm_begin(c, 1, key, iv, iv_len);
    if (ctx == NULL) return 0;
    int ok = 0;
    int outl = 0;
    uint8_t final_block[16];
    if (!gcm_update(ctx, 1, NULL, aad, aad_len)) goto done;
    if (!gcm_update(ctx, 1, ct, pt, pt_len)) goto done;
    // GCM is a stream mode: Final outputs nothing, but it completes the tag.
    if (EVP_EncryptFinal_ex(ctx, final_block, &outl) != 1 || outl != 0) goto done;
    OSSL_PARAM params[2];
    params[0] = OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, tag, tag_len);
    params[1] = OSSL_PARAM_construct_end();
    if (EVP_CIPHER_CTX_get_params(ctx, params) != 1) goto done;
    ok = 1;
done:
    gcm_end(c, 1, ctx, ok);
    if (!ok && pt_len > 0 && ct != NULL) OPENSSL_cleanse(ct, pt_len);
    return ok;
}

int ctls_aes256gcm_open(const uint8_t *key, size_t key_len, const uint8_t *iv, size_t iv_len,
                        const uint8_t *aad, size_t aad_len, const uint8_t *ct, size_t ct_len,
                        const uint8_t *tag, size_t tag_len, uint8_t *pt) {
    if (!ready() || !gcm_args_ok(key, key_len, iv, iv_len, aad, aad_len, tag_len) || tag == NULL ||
        (ct_len > 0 && (ct == NULL || pt == NULL)))
        return 0;
    ERR_clear_error();
    KeyedContexts *c = thread_contexts();
    EVP_CIPHER_CTX *ctx = gcm_begin(c, 0, key, iv, iv_len);
    if (ctx == NULL) return 0;
    int ok = 0;
    int outl = 0;
    uint8_t final_block[16];
    // The expected tag must be set before Final, which compares it in constant time.
    uint8_t expected[16];
    memcpy(expected, tag, tag_len);
    OSSL_PARAM params[2];
    params[0] = OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, expected, tag_len);
    params[1] = OSSL_PARAM_construct_end();
    if (!gcm_update(ctx, 0, NULL, aad, aad_len)) goto done;
    if (!gcm_update(ctx, 0, pt, ct, ct_len)) goto done;
    if (EVP_CIPHER_CTX_set_params(ctx, params) != 1) goto done;
    if (EVP_DecryptFinal_ex(ctx, final_block, &outl) != 1 || outl != 0) goto done;
    ok = 1;
done:
    gcm_end(c, 0, ctx, ok);
    // Decryption wrote plaintext before the tag was checked: never hand it out.
    if (!ok && ct_len > 0 && pt != NULL) OPENSSL_cleanse(pt, ct_len);
    return ok;
}

int ctls_pbkdf2(int md, const uint8_t *password, size_t password_len, const uint8_t *salt,
                size_t salt_len, uint64_t iterations, uint8_t *out, size_t out_len) {
    if (!ready() || out == NULL || out_len == 0 || iterations == 0 ||
        (password == NULL && password_len > 0) || (salt == NULL && salt_len > 0))
        return 0;
    const char *name = md_name(md);
    if (name == NULL) return 0;
    ERR_clear_error();
    EVP_KDF_CTX *ctx = EVP_KDF_CTX_new(g_pbkdf2);
    if (ctx == NULL) return 0;
    uint64_t iter = iterations;
    // pkcs5=1: no SP 800-132 lower bounds (RFC 6070's 4-byte salt and 1 iteration are
    // legal PBKDF2; the caller picks the policy). It is already the default-provider
    // default, but stating it keeps the behaviour if the default changes.
    int pkcs5 = 1;
    OSSL_PARAM params[6];
    params[0] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, (void *)nonnull(password), password_len);
    params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)nonnull(salt), salt_len);
    params[2] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_ITER, &iter);
    params[3] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)name, 0);
    params[4] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_PKCS5, &pkcs5);
    params[5] = OSSL_PARAM_construct_end();
    int ok = EVP_KDF_derive(ctx, out, out_len, params) == 1;
    EVP_KDF_CTX_free(ctx);
    if (!ok) OPENSSL_cleanse(out, out_len);
    return ok;
}

int ctls_scrypt(const uint8_t *password, size_t password_len, const uint8_t *salt,
                size_t salt_len, uint64_t n, uint32_t r, uint32_t p, uint64_t max_memory,
                uint8_t *out, size_t out_len) {
    if (!ready() || out == NULL || out_len == 0 || n < 2 || (n & (n - 1)) != 0 || r == 0 ||
        p == 0 || (password == NULL && password_len > 0) || (salt == NULL && salt_len > 0))
        return 0;
    // OpenSSL's own accounting: B = 128*r*p bytes plus V = 128*r*(n+2) bytes must fit
    // in maxmem. Checked step by step so absurd parameters fail instead of wrapping.
    uint64_t need = max_memory;
    if (need == 0) {
        uint64_t blocks = n + 2; // n is a power of two, at most 2^63: no wrap
        if (blocks > UINT64_MAX - p) return 0;
        blocks += p;
        if (blocks > UINT64_MAX / 128 / r) return 0;
        need = 128 * (uint64_t)r * blocks;
        if (need > UINT64_MAX - 65536) return 0;
        need += 65536; // margin for OpenSSL's rounding; not a policy limit
    }
    ERR_clear_error();
    EVP_KDF_CTX *ctx = EVP_KDF_CTX_new(g_scrypt);
    if (ctx == NULL) return 0;
    uint64_t nn = n;
    uint32_t rr = r, pp = p;
    OSSL_PARAM params[7];
    params[0] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, (void *)nonnull(password), password_len);
    params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)nonnull(salt), salt_len);
    params[2] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &nn);
    params[3] = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &rr);
    params[4] = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &pp);
    params[5] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &need);
    params[6] = OSSL_PARAM_construct_end();
    int ok = EVP_KDF_derive(ctx, out, out_len, params) == 1;
    EVP_KDF_CTX_free(ctx);
    if (!ok) OPENSSL_cleanse(out, out_len);
    return ok;
}

int ctls_random_bytes(uint8_t *out, size_t len) {
    if (len == 0) return 1;
    if (out == NULL) return 0;
    ERR_clear_error();
    // RAND_bytes takes an int length.
    while (len > 0) {
        int n = len > (size_t)INT_MAX ? INT_MAX : (int)len;
        if (RAND_bytes(out, n) != 1) return 0;
        out += n;
        len -= (size_t)n;
    }
    return 1;
}

// Each RAND_bytes call costs about the same for 12 bytes as for a few hundred (the
// generator checks its seed and updates its state once per call), and a field seal needs
// 12. So nonces are cut from a per-thread pool of generator output, each byte handed out
// once and wiped. A forked child drops the pool it inherited (only the forking thread
// exists there), so two processes never hand out the same bytes.
#define NONCE_POOL_BYTES 512
#define NONCE_MAX_BYTES 64
static __thread uint8_t t_nonce_pool[NONCE_POOL_BYTES];
static __thread size_t t_nonce_left; // unused bytes, at the end of the pool
static pthread_once_t g_nonce_once = PTHREAD_ONCE_INIT;

static void nonce_pool_drop_in_child(void) {
    OPENSSL_cleanse(t_nonce_pool, sizeof t_nonce_pool);
    t_nonce_left = 0;
}

static void nonce_pool_register(void) { pthread_atfork(NULL, NULL, nonce_pool_drop_in_child); }

int ctls_nonce_bytes(uint8_t *out, size_t len) {
    if (len == 0) return 1;
    if (out == NULL || len > NONCE_MAX_BYTES) return 0;
    if (pthread_once(&g_nonce_once, nonce_pool_register) != 0) return 0;
    if (t_nonce_left < len) {
        ERR_clear_error();
        if (RAND_bytes(t_nonce_pool, NONCE_POOL_BYTES) != 1) {
            t_nonce_left = 0;
            return 0;
        }
        t_nonce_left = NONCE_POOL_BYTES;
    }
    uint8_t *next = t_nonce_pool + (NONCE_POOL_BYTES - t_nonce_left);
    memcpy(out, next, len);
    OPENSSL_cleanse(next, len);
    t_nonce_left -= len;
    return 1;
}

int ctls_memequal(const void *a, const void *b, size_t len) {
    if (len == 0) return 1;
    if (a == NULL || b == NULL) return 0;
    return CRYPTO_memcmp(a, b, len) == 0 ? 1 : 0;
}

void ctls_cleanse(void *ptr, size_t len) {
    if (ptr != NULL && len > 0) OPENSSL_cleanse(ptr, len);
}
