// A client configuration that trusts the system's CA store, for outbound calls to
// servers on the Internet (webhook receivers).
#include "ctls.h"
#include "ctls_internal.h"
#include <openssl/err.h>
#include <openssl/ssl.h>

ctls_ctx *ctls_client_ctx_new_system_trust(char *err, size_t err_len) {
    // TLS 1.2 minimum, ALPN http/1.1: the test client's configuration, then switched
    // to verify against the default CA locations (OpenSSL's directory and bundle file,
    // or SSL_CERT_FILE / SSL_CERT_DIR when set).
    ctls_ctx *ctx = ctls_client_ctx_new(NULL, CTLS_TLS1_2_VERSION, 0, err, err_len);
    if (ctx == NULL) return NULL;
    SSL_CTX *ssl_ctx = (SSL_CTX *)(void *)ctx;
    ERR_clear_error();
    if (SSL_CTX_set_default_verify_paths(ssl_ctx) != 1) {
        ctls_set_error(err, err_len, "loading the system CA store");
        ctls_ctx_free(ctx);
        return NULL;
    }
    SSL_CTX_set_verify(ssl_ctx, SSL_VERIFY_PEER, NULL);
    return ctx;
}
