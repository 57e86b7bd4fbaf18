// TLS contexts and sessions over OpenSSL 3's SSL API (non-deprecated calls only).
#include "ctls.h"
#include "ctls_internal.h"
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

// A ctls_ctx is an SSL_CTX: the cast costs nothing and lets SSL_CTX's own reference
// count serve ctls_ctx_up_ref / ctls_ctx_free (each SSL holds a reference too).
static SSL_CTX *as_ssl_ctx(ctls_ctx *ctx) { return (SSL_CTX *)(void *)ctx; }
static ctls_ctx *as_ctls_ctx(SSL_CTX *ctx) { return (ctls_ctx *)(void *)ctx; }

struct ctls_conn {
    SSL *ssl;
    int fd;
    // Set by the BIO: the last recv returned fewer bytes than asked, or EAGAIN (the
    // socket was empty at that moment). Reset before each ctls_read.
    int short_read;
    int eof;
    // Set after SSL_ERROR_SSL / SSL_ERROR_SYSCALL: OpenSSL forbids further I/O
    // and SSL_shutdown on such a session.
    int failed;
    char alpn[64];
    char error[256];
};

static const char *const default_tls13 = "TLS_AES_256_GCM_SHA384";
static const char *const default_tls12 =
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384";
// ALPN wire format: length-prefixed names.
static const unsigned char alpn_http11[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
static const unsigned char session_id_context[] = "employer-agent";

static int select_alpn(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                       const unsigned char *in, unsigned int inlen, void *arg) {
    (void)ssl;
    (void)arg;
    unsigned char *selected = NULL;
    unsigned char selected_len = 0;
    if (SSL_select_next_proto(&selected, &selected_len, alpn_http11, sizeof alpn_http11, in,
                              inlen) == OPENSSL_NPN_NEGOTIATED) {
        *out = selected;
        *outlen = selected_len;
        return SSL_TLSEXT_ERR_OK;
    }
    // A client offering only other protocols (say h2) gets no ALPN answer rather than
    // a fatal alert: it then knows nothing was agreed and may still speak HTTP/1.1.
    return SSL_TLSEXT_ERR_NOACK;
}

ctls_ctx *ctls_server_ctx_new(const char *cert_chain_pem_path, const char *key_pem_path,
                              const char *tls13_ciphersuites, const char *tls12_cipher_list,
                              char *err, size_t err_len) {
    ERR_clear_error();
    if (cert_chain_pem_path == NULL || key_pem_path == NULL) {
        ctls_set_error_text(err, err_len, "server context", "certificate and key paths are required");
        return NULL;
    }
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == NULL) {
        ctls_set_error(err, err_len, "SSL_CTX_new");
        return NULL;
    }
    const char *what = NULL;
    if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1) {
        what = "setting TLS 1.2 as minimum version";
        goto fail;
    }
    // SSL_CTX_set_options returns the new option mask, not a status.
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION |
                                 SSL_OP_CIPHER_SERVER_PREFERENCE);
    // Partial writes let the event loop account for what went out; the moving buffer
    // lets it retry from a reallocated buffer. No SSL_MODE_RELEASE_BUFFERS: it frees and
    // reallocates both ~17 KiB record buffers on every request (~2,000 instructions each
    // round trip); the loop calls ctls_conn_release_buffers on connections gone idle.
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);
    if (SSL_CTX_set_session_id_context(ctx, session_id_context, sizeof session_id_context - 1) != 1) {
        what = "setting the session id context";
        goto fail;
    }
    // One resumption ticket per TLS 1.3 handshake is enough for HTTP/1.1 clients and
    // halves the ticket work (default is two).
    if (SSL_CTX_set_num_tickets(ctx, 1) != 1) {
        what = "setting the ticket count";
        goto fail;
    }
    if (SSL_CTX_set_ciphersuites(ctx, tls13_ciphersuites ? tls13_ciphersuites : default_tls13) != 1) {
        what = "setting TLS 1.3 cipher suites";
        goto fail;
    }
    if (SSL_CTX_set_cipher_list(ctx, tls12_cipher_list ? tls12_cipher_list : default_tls12) != 1) {
        what = "setting the TLS 1.2 cipher list";
        goto fail;
    }
    if (SSL_CTX_use_certificate_chain_file(ctx, cert_chain_pem_path) != 1) {
        what = "loading the certificate chain";
        goto fail;
    }
    if (SSL_CTX_use_PrivateKey_file(ctx, key_pem_path, SSL_FILETYPE_PEM) != 1) {
        what = "loading the private key";
        goto fail;
    }
    if (SSL_CTX_check_private_key(ctx) != 1) {
        what = "the private key does not match the certificate";
        goto fail;
    }
    SSL_CTX_set_alpn_select_cb(ctx, select_alpn, NULL);
    return as_ctls_ctx(ctx);
fail:
    ctls_set_error(err, err_len, what);
    SSL_CTX_free(ctx);
    return NULL;
}

static int valid_version(int v) {
    return v == 0 || (v >= TLS1_VERSION && v <= TLS1_3_VERSION);
}

ctls_ctx *ctls_client_ctx_new(const char *ca_pem_path_or_null, int min_version, int max_version,
                              char *err, size_t err_len) {
    ERR_clear_error();
    if (!valid_version(min_version) || !valid_version(max_version)) {
        ctls_set_error_text(err, err_len, "client context", "unsupported protocol version");
        return NULL;
    }
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL) {
        ctls_set_error(err, err_len, "SSL_CTX_new");
        return NULL;
    }
    const char *what = NULL;
    int legacy = max_version != 0 && max_version < TLS1_2_VERSION;
    if (legacy) {
        // OpenSSL 3 refuses TLS < 1.2 at security level 1 and above (SHA-1 / MD5
        // signatures): a test client must go to level 0 to offer it at all.
        SSL_CTX_set_security_level(ctx, 0);
        if (SSL_CTX_set_cipher_list(ctx, "DEFAULT:@SECLEVEL=0") != 1) {
            what = "setting the legacy cipher list";
            goto fail;
        }
    }
    // Set even when 0 so a system openssl.cnf MinProtocol cannot override the test's wish.
    if ((min_version != 0 || legacy) && SSL_CTX_set_min_proto_version(ctx, min_version) != 1) {
        what = "setting the minimum version";
        goto fail;
    }
    if (max_version != 0 && SSL_CTX_set_max_proto_version(ctx, max_version) != 1) {
        what = "setting the maximum version";
        goto fail;
    }
    SSL_CTX_set_mode(ctx, SSL_MODE_AUTO_RETRY);
    // SSL_CTX_set_alpn_protos returns 0 on success (unlike most of the API).
    if (SSL_CTX_set_alpn_protos(ctx, alpn_http11, sizeof alpn_http11) != 0) {
        what = "setting ALPN";
        goto fail;
    }
    if (ca_pem_path_or_null != NULL) {
        if (SSL_CTX_load_verify_locations(ctx, ca_pem_path_or_null, NULL) != 1) {
            what = "loading the CA file";
            goto fail;
        }
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    } else {
        SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    }
    return as_ctls_ctx(ctx);
fail:
    ctls_set_error(err, err_len, what);
    SSL_CTX_free(ctx);
    return NULL;
}

int ctls_ctx_up_ref(ctls_ctx *ctx) {
    if (ctx == NULL) return 0;
    return SSL_CTX_up_ref(as_ssl_ctx(ctx)) == 1 ? 1 : 0;
}

void ctls_ctx_free(ctls_ctx *ctx) {
    if (ctx != NULL) SSL_CTX_free(as_ssl_ctx(ctx));
}

// MARK: - Socket BIO
// Our own socket BIO instead of OpenSSL's: send with MSG_NOSIGNAL (no SIGPIPE when the
// peer is gone), and reads that record whether the socket was drained, which with
// read_ahead lets ctls_read_drained spare the caller the read that would say WANT_READ.

static int sock_bio_write(BIO *bio, const char *buf, int len) {
    ctls_conn *conn = BIO_get_data(bio);
    BIO_clear_retry_flags(bio);
    ssize_t n;
    do { n = send(conn->fd, buf, (size_t)len, MSG_NOSIGNAL); } while (n < 0 && errno == EINTR);
    if (n >= 0) return (int)n;
    if (errno == EAGAIN || errno == EWOULDBLOCK) BIO_set_retry_write(bio);
    return -1;
}

static int sock_bio_read(BIO *bio, char *buf, int len) {
    ctls_conn *conn = BIO_get_data(bio);
    BIO_clear_retry_flags(bio);
    if (buf == NULL || len <= 0) return 0;
    ssize_t n;
    do { n = recv(conn->fd, buf, (size_t)len, 0); } while (n < 0 && errno == EINTR);
    if (n > 0) {
        conn->short_read = n < len;
        return (int)n;
    }
    if (n == 0) {
        conn->eof = 1;
        conn->short_read = 0;
        return 0;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
        conn->short_read = 1;
        BIO_set_retry_read(bio);
    }
    return -1;
}

static long sock_bio_ctrl(BIO *bio, int cmd, long num, void *ptr) {
    (void)num;
    ctls_conn *conn = BIO_get_data(bio);
    switch (cmd) {
    case BIO_CTRL_FLUSH:
        return 1;
    case BIO_CTRL_EOF:
        // OpenSSL asks this after a 0 read to report an unexpected EOF.
        return conn != NULL && conn->eof;
    case BIO_C_GET_FD:
        if (conn == NULL) return -1;
        if (ptr != NULL) *(int *)ptr = conn->fd;
        return conn->fd;
    default:
        return 0;
    }
}

static BIO_METHOD *sock_bio_method;
static void make_sock_bio_method(void) {
    BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK | BIO_TYPE_DESCRIPTOR,
                                 "ctls socket");
    if (m == NULL) return;
    if (BIO_meth_set_write(m, sock_bio_write) != 1 || BIO_meth_set_read(m, sock_bio_read) != 1 ||
        BIO_meth_set_ctrl(m, sock_bio_ctrl) != 1) {
        BIO_meth_free(m);
        return;
    }
    sock_bio_method = m;
}

static BIO *new_sock_bio(ctls_conn *conn) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, make_sock_bio_method);
    if (sock_bio_method == NULL) return NULL;
    BIO *bio = BIO_new(sock_bio_method);
    if (bio == NULL) return NULL;
    BIO_set_data(bio, conn);
    BIO_set_init(bio, 1);
    return bio;
}

static int is_ip_literal(const char *host) {
    unsigned char buf[sizeof(struct in6_addr)];
    return inet_pton(AF_INET, host, buf) == 1 || inet_pton(AF_INET6, host, buf) == 1;
}

ctls_conn *ctls_conn_new(ctls_ctx *ctx, int fd, int is_server, const char *sni_hostname_or_null) {
    if (ctx == NULL || fd < 0) return NULL;
    ERR_clear_error();
    ctls_conn *conn = calloc(1, sizeof *conn);
    if (conn == NULL) return NULL;
    conn->ssl = SSL_new(as_ssl_ctx(ctx));
    if (conn->ssl == NULL) goto fail;
    // Our BIO never closes the fd: it stays the caller's.
    conn->fd = fd;
    BIO *bio = new_sock_bio(conn);
    if (bio == NULL) goto fail;
    SSL_set_bio(conn->ssl, bio, bio); // one reference, owned by the SSL from here
    if (is_server) {
        // One recv per burst of records (instead of header, then body), and a short
        // recv tells ctls_read_drained the socket is empty.
        SSL_set_read_ahead(conn->ssl, 1);
        SSL_set_accept_state(conn->ssl);
        return conn;
    }
    SSL_set_connect_state(conn->ssl);
    if (sni_hostname_or_null != NULL && sni_hostname_or_null[0] != '\0') {
        int ip = is_ip_literal(sni_hostname_or_null);
        // RFC 6066 forbids IP literals in SNI.
        if (!ip && SSL_set_tlsext_host_name(conn->ssl, sni_hostname_or_null) != 1) goto fail;
        if (SSL_get_verify_mode(conn->ssl) & SSL_VERIFY_PEER) {
            X509_VERIFY_PARAM *param = SSL_get0_param(conn->ssl);
            int ok = ip ? X509_VERIFY_PARAM_set1_ip_asc(param, sni_hostname_or_null)
                        : SSL_set1_host(conn->ssl, sni_hostname_or_null);
            if (ok != 1) goto fail;
        }
    }
    return conn;
fail:
    ERR_clear_error();
    if (conn->ssl != NULL) SSL_free(conn->ssl);
    free(conn);
    return NULL;
}

// Maps a failed SSL_* call to a CTLS_* status. saved_errno is errno right after
// the call (SSL_get_error may touch errno).
static int conn_status(ctls_conn *conn, int rc, int saved_errno) {
    int e = SSL_get_error(conn->ssl, rc);
    switch (e) {
    case SSL_ERROR_WANT_READ:
        return CTLS_WANT_READ;
    case SSL_ERROR_WANT_WRITE:
        return CTLS_WANT_WRITE;
    case SSL_ERROR_ZERO_RETURN:
        // close_notify received: a clean close; our own close_notify may still go out.
        return CTLS_CLOSED;
    case SSL_ERROR_SSL: {
        conn->failed = 1;
        unsigned long code = ERR_peek_error();
        if (ERR_GET_LIB(code) == ERR_LIB_SSL && ERR_GET_REASON(code) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
            // TCP EOF without close_notify (OpenSSL 3 reports it as an error). HTTP/1.1
            // frames its own messages, so treat it as the peer closing.
            ERR_clear_error();
            strcpy(conn->error, "unexpected EOF");
            return CTLS_CLOSED;
        }
        size_t used = 0;
        conn->error[0] = '\0';
        ctls_append_queue(conn->error, sizeof conn->error, &used);
        long verify = SSL_get_verify_result(conn->ssl);
        if (verify != X509_V_OK && used + 2 < sizeof conn->error) {
            // A failed certificate check says more than "certificate verify failed".
            snprintf(conn->error + used, sizeof conn->error - used, " [%s]",
                     X509_verify_cert_error_string(verify));
        }
        return CTLS_ERROR;
    }
    case SSL_ERROR_SYSCALL:
        conn->failed = 1;
        if (ERR_peek_error() == 0 && saved_errno == 0) {
            ERR_clear_error();
            strcpy(conn->error, "EOF");
            return CTLS_CLOSED;
        }
        if (ERR_peek_error() != 0) {
            size_t used = 0;
            conn->error[0] = '\0';
            ctls_append_queue(conn->error, sizeof conn->error, &used);
        } else {
            snprintf(conn->error, sizeof conn->error, "socket error: %s", strerror(saved_errno));
        }
        return CTLS_ERROR;
    default:
        conn->failed = 1;
        snprintf(conn->error, sizeof conn->error, "unexpected SSL_get_error %d", e);
        ERR_clear_error();
        return CTLS_ERROR;
    }
}

int ctls_handshake(ctls_conn *conn) {
    if (conn == NULL || conn->failed) return CTLS_ERROR;
    // SSL_get_error reads the thread's error queue: stale entries from other work on
    // this thread would turn a WANT_READ into a fatal error.
    ERR_clear_error();
    errno = 0;
    int rc = SSL_do_handshake(conn->ssl);
    int saved = errno;
    if (rc == 1) return 1;
    return conn_status(conn, rc, saved);
}

int ctls_read(ctls_conn *conn, void *buf, int len) {
    if (conn == NULL || conn->failed || buf == NULL || len <= 0) return CTLS_ERROR;
    /* Clearing an empty queue still costs a thread-local lookup; peek first. */
    if (ERR_peek_error() != 0) ERR_clear_error();
    errno = 0;
    conn->short_read = 0;
    size_t n = 0;
    int rc = SSL_read_ex(conn->ssl, buf, (size_t)len, &n);
    int saved = errno;
    if (rc == 1) return (int)n;
    return conn_status(conn, rc, saved);
}

int ctls_write(ctls_conn *conn, const void *buf, int len) {
    if (conn == NULL || conn->failed || len < 0 || (buf == NULL && len > 0)) return CTLS_ERROR;
    if (len == 0) return 0;
    /* Clearing an empty queue still costs a thread-local lookup; peek first. */
    if (ERR_peek_error() != 0) ERR_clear_error();
    errno = 0;
    size_t n = 0;
    int rc = SSL_write_ex(conn->ssl, buf, (size_t)len, &n);
    int saved = errno;
    if (rc == 1) return (int)n;
    return conn_status(conn, rc, saved);
}

int ctls_shutdown(ctls_conn *conn) {
    if (conn == NULL || conn->failed) return CTLS_ERROR;
    // Shutting down mid-handshake is an OpenSSL error; there is nothing to tell the peer.
    if (SSL_in_init(conn->ssl)) return 1;
    ERR_clear_error();
    errno = 0;
    int rc = SSL_shutdown(conn->ssl);
    int saved = errno;
    // 0: our close_notify went out, the peer's has not arrived; we do not wait for it
    // because the socket is closed right after.
    if (rc >= 0) return 1;
    int status = conn_status(conn, rc, saved);
    return status == CTLS_CLOSED ? 1 : status;
}

int ctls_pending(ctls_conn *conn) {
    if (conn == NULL || conn->failed) return 0;
    return SSL_pending(conn->ssl);
}

int ctls_read_drained(ctls_conn *conn) {
    if (conn == NULL || conn->failed) return 0;
    return conn->short_read && !SSL_has_pending(conn->ssl);
}

int ctls_conn_release_buffers(ctls_conn *conn) {
    if (conn == NULL || conn->failed) return 0;
    return SSL_free_buffers(conn->ssl) == 1 ? 1 : 0;
}

void ctls_conn_free(ctls_conn *conn) {
    if (conn == NULL) return;
    SSL_free(conn->ssl);
    free(conn);
}

const char *ctls_conn_protocol(ctls_conn *conn) {
    if (conn == NULL) return "unknown";
    return SSL_get_version(conn->ssl);
}

const char *ctls_conn_cipher(ctls_conn *conn) {
    if (conn == NULL) return "(NONE)";
    const SSL_CIPHER *cipher = SSL_get_current_cipher(conn->ssl);
    return cipher != NULL ? SSL_CIPHER_get_name(cipher) : "(NONE)";
}

const char *ctls_conn_alpn(ctls_conn *conn) {
    if (conn == NULL) return NULL;
    const unsigned char *data = NULL;
    unsigned int len = 0;
    SSL_get0_alpn_selected(conn->ssl, &data, &len);
    if (data == NULL || len == 0 || len >= sizeof conn->alpn) return NULL;
    // OpenSSL's bytes are not NUL-terminated; keep a terminated copy in the session.
    memcpy(conn->alpn, data, len);
    conn->alpn[len] = '\0';
    return conn->alpn;
}

const char *ctls_conn_error(ctls_conn *conn) {
    if (conn == NULL) return "";
    return conn->error;
}
