#ifndef CTLS_H
#define CTLS_H
// Thin C layer over the system OpenSSL 3: real functions for what Swift cannot
// import (macros, varargs), TLS server and client sessions, and the EVP calls Crypto wraps.
//
// This header deliberately includes no OpenSSL header, so Swift sees only these
// declarations (OpaquePointer handles, plain integers and byte pointers).
//
// Conventions:
// - Byte inputs are (pointer, length); a NULL pointer is accepted when the length is 0.
// - Outputs are caller-allocated buffers of the stated size.
// - Crypto functions return 1 on success and 0 on failure; after a failure,
//   ctls_last_error() describes OpenSSL's reason (same thread, next call).
#include <stddef.h>
#include <stdint.h>

/// OpenSSL's version string, for logs and diagnostics.
const char *ctls_openssl_version(void);

/// Writes (and clears) the calling thread's OpenSSL error queue as text into buf,
/// always NUL-terminated. Writes "no OpenSSL error" when the queue is empty.
void ctls_last_error(char *buf, size_t buf_len);

// MARK: - TLS

/// Return values of the TLS session calls (besides 1 / a byte count).
#define CTLS_WANT_READ (-2)  ///< Call again when the socket is readable.
#define CTLS_WANT_WRITE (-3) ///< Call again when the socket is writable.
#define CTLS_CLOSED (-4)     ///< The peer closed (close_notify, or TCP EOF).
#define CTLS_ERROR (-5)      ///< Fatal: drop the connection (see ctls_conn_error).

/// Protocol version numbers, as on the wire (same values as OpenSSL's TLS1_x_VERSION).
#define CTLS_TLS1_0_VERSION 0x0301
#define CTLS_TLS1_1_VERSION 0x0302
#define CTLS_TLS1_2_VERSION 0x0303
#define CTLS_TLS1_3_VERSION 0x0304

// Sessions do their own socket I/O with recv(2) and send(2, MSG_NOSIGNAL): OpenSSL
// may send an alert or a ticket inside any call (ctls_read included), and a peer
// that is gone yields an error, never SIGPIPE.

/// One immutable TLS configuration (an SSL_CTX). Thread-safe to share once built:
/// any number of threads may create connections from it at the same time.
typedef struct ctls_ctx ctls_ctx;
/// One TLS session over one socket (an SSL). Owned by one thread at a time.
typedef struct ctls_conn ctls_conn;

/// A server configuration: TLS 1.2 minimum, no renegotiation, no compression,
/// server cipher preference, partial writes, ALPN http/1.1 (clients sending no ALPN
/// are accepted), server session cache on. NULL cipher arguments select the
/// AES-256-GCM-only defaults ("TLS_AES_256_GCM_SHA384" and
/// "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384").
/// Checks that the key matches the certificate. On failure returns NULL and writes
/// a description (with OpenSSL's reason) into err.
ctls_ctx *ctls_server_ctx_new(const char *cert_chain_pem_path, const char *key_pem_path,
                              const char *tls13_ciphersuites, const char *tls12_cipher_list,
                              char *err, size_t err_len);

/// A client configuration, for tests and tools. Versions are 0 (library default) or
/// CTLS_TLS1_x_VERSION. With a CA file the peer certificate is verified (and the
/// host name given to ctls_conn_new is checked); with NULL nothing is verified.
/// A maximum below TLS 1.2 lowers the security level to 0 so that such a client can
/// offer it at all (the point being to see a server refuse it). Offers ALPN http/1.1.
ctls_ctx *ctls_client_ctx_new(const char *ca_pem_path_or_null, int min_version,
                              int max_version, char *err, size_t err_len);

/// A client configuration for real peers: TLS 1.2 minimum, ALPN http/1.1, the peer
/// certificate verified against the system CA store (SSL_CTX_set_default_verify_paths)
/// and, through ctls_conn_new's host name, SNI and the host name check (SSL_set1_host).
ctls_ctx *ctls_client_ctx_new_system_trust(char *err, size_t err_len);

/// Takes one more reference on ctx (each ctls_ctx_free drops one). Returns 1 or 0.
int ctls_ctx_up_ref(ctls_ctx *ctx);
/// Drops a reference; live connections keep their own reference. NULL is ignored.
void ctls_ctx_free(ctls_ctx *ctx);

/// A session over fd (not owned: ctls_conn_free never closes it). Server sessions
/// start in accept state. Client sessions start in connect state and send
/// sni_hostname as SNI when it is a DNS name (not an IP literal); when the context
/// verifies peers, that name (DNS name or IP literal) is also what the certificate
/// must match. Returns NULL on failure. No I/O happens here.
ctls_conn *ctls_conn_new(ctls_ctx *ctx, int fd, int is_server, const char *sni_hostname_or_null);

/// Drives the handshake: 1 when complete, else CTLS_WANT_READ / CTLS_WANT_WRITE
/// (call again on that readiness), CTLS_CLOSED or CTLS_ERROR.
int ctls_handshake(ctls_conn *conn);
/// Reads up to len decrypted bytes: the count (> 0), or a negative CTLS_* status
/// (CTLS_WANT_WRITE is possible: OpenSSL may need to write before it can read).
/// With edge-triggered readiness keep calling until CTLS_WANT_READ: OpenSSL may
/// hold decrypted bytes that raise no new socket event (see ctls_pending).
int ctls_read(ctls_conn *conn, void *buf, int len);
/// Writes up to len bytes: the count accepted (> 0, possibly partial), 0 when len
/// is 0, or a negative CTLS_* status. After CTLS_WANT_* retry with the same bytes
/// (the buffer may move; its content must not change).
int ctls_write(ctls_conn *conn, const void *buf, int len);
/// Sends close_notify: 1 when sent (we do not wait for the peer's), or
/// CTLS_WANT_READ / CTLS_WANT_WRITE, or CTLS_ERROR. Returns 1 at once, sending
/// nothing, when the handshake never finished; CTLS_ERROR after a fatal error
/// (the TLS rules forbid a close_notify then): just close the socket.
int ctls_shutdown(ctls_conn *conn);
/// Decrypted bytes buffered inside OpenSSL, readable without socket I/O.
int ctls_pending(ctls_conn *conn);
/// After a ctls_read that returned bytes: 1 when that call's last recv found the socket
/// empty (fewer bytes than asked, or EAGAIN) and OpenSSL holds nothing more (no
/// decrypted bytes, no unprocessed record bytes), so the next ctls_read would only say
/// CTLS_WANT_READ; bytes arriving later raise a new edge-triggered readiness event.
/// 0 when unsure (call ctls_read again). Server sessions only (they read ahead).
int ctls_read_drained(ctls_conn *conn);
/// Frees the session's record buffers (~34 KiB) while it is idle; OpenSSL allocates
/// them again at the next read or write. 1 when freed, 0 when they still hold bytes
/// (a partial record read or a write not yet sent), which keeps them.
int ctls_conn_release_buffers(ctls_conn *conn);
/// Frees the session (not the fd). NULL is ignored.
void ctls_conn_free(ctls_conn *conn);

/// The negotiated protocol, e.g. "TLSv1.3" (or "unknown" before the handshake).
const char *ctls_conn_protocol(ctls_conn *conn);
/// The negotiated cipher, e.g. "TLS_AES_256_GCM_SHA384" (or "(NONE)").
const char *ctls_conn_cipher(ctls_conn *conn);
/// The ALPN protocol selected, or NULL when none was.
const char *ctls_conn_alpn(ctls_conn *conn);
/// Why the session failed: OpenSSL's reason for the CTLS_ERROR (with the certificate
/// check's reason, e.g. "hostname mismatch", when that failed), "EOF" or
/// "unexpected EOF" after a CTLS_CLOSED without close_notify, "" otherwise.
/// Owned by conn; valid until ctls_conn_free.
const char *ctls_conn_error(ctls_conn *conn);

/// Writes a self-signed development certificate and its key (PEM): EC P-256 key,
/// X.509 v3, CN=localhost, SAN DNS:localhost, IP:127.0.0.1, IP:::1,
/// basicConstraints CA:TRUE (so the certificate is its own trust anchor:
/// curl --cacert cert.pem), serverAuth, valid for `days`. The key file is created
/// with mode 0600. Returns 1, or 0 with a description in err.
int ctls_write_self_signed(const char *cert_path, const char *key_path, int days,
                           char *err, size_t err_len);

// MARK: - Crypto (EVP)

/// Digest algorithms for ctls_digest / ctls_hmac / ctls_pbkdf2.
#define CTLS_MD_SHA1 1
#define CTLS_MD_SHA256 2
#define CTLS_MD_SHA512 3

/// Fetches every algorithm below once (they are cached for the process). Returns 1,
/// or 0 with a description in err; the other functions also call it lazily.
int ctls_crypto_init(char *err, size_t err_len);

/// Output size in bytes of a CTLS_MD_* digest, or 0 for an unknown one.
size_t ctls_digest_size(int md);
/// out_len must be at least ctls_digest_size(md); writes exactly that many bytes.
int ctls_digest(int md, const uint8_t *data, size_t data_len, uint8_t *out, size_t out_len);
/// HMAC with a CTLS_MD_* digest; out_len must be at least ctls_digest_size(md).
int ctls_hmac(int md, const uint8_t *key, size_t key_len, const uint8_t *data, size_t data_len,
              uint8_t *out, size_t out_len);

/// AES-256-GCM encryption. key is 32 bytes; iv 1..128 bytes (use 12); tag_len
/// 12..16 (use 16). ct receives pt_len bytes (may equal pt).
int ctls_aes256gcm_seal(const uint8_t *key, size_t key_len, const uint8_t *iv, size_t iv_len,
                        const uint8_t *aad, size_t aad_len, const uint8_t *pt, size_t pt_len,
                        uint8_t *ct, uint8_t *tag, size_t tag_len);
/// AES-256-GCM decryption; returns 0 when the tag does not verify, and then pt
/// is zeroed (unauthenticated plaintext never leaves). pt receives ct_len bytes.
int ctls_aes256gcm_open(const uint8_t *key, size_t key_len, const uint8_t *iv, size_t iv_len,
                        const uint8_t *aad, size_t aad_len, const uint8_t *ct, size_t ct_len,
                        const uint8_t *tag, size_t tag_len, uint8_t *pt);

/// PBKDF2 (RFC 8018) with HMAC over a CTLS_MD_* digest. No SP 800-132 minimums are
/// enforced here (the caller chooses salt and iteration count).
int ctls_pbkdf2(int md, const uint8_t *password, size_t password_len, const uint8_t *salt,
                size_t salt_len, uint64_t iterations, uint8_t *out, size_t out_len);
/// scrypt (RFC 7914). n is a power of two > 1. max_memory bounds what OpenSSL may
/// allocate (0: exactly what these parameters need, about 128*r*(n+p) bytes).
int ctls_scrypt(const uint8_t *password, size_t password_len, const uint8_t *salt,
                size_t salt_len, uint64_t n, uint32_t r, uint32_t p, uint64_t max_memory,
                uint8_t *out, size_t out_len);

/// Cryptographically secure random bytes (RAND_bytes).
int ctls_random_bytes(uint8_t *out, size_t len);
/// Random bytes for a nonce (up to 64): the same generator, drawn through a small
/// per-thread pool, so a 12-byte nonce does not cost a whole generator call. Only for
/// values that are public anyway (a nonce is stored beside its ciphertext).
int ctls_nonce_bytes(uint8_t *out, size_t len);
/// Constant-time comparison of len bytes: 1 when equal, 0 otherwise.
int ctls_memequal(const void *a, const void *b, size_t len);
/// Overwrites len bytes with zeros in a way the compiler cannot drop.
void ctls_cleanse(void *ptr, size_t len);
#endif
