#ifndef CTLS_H
#define CTLS_H
// Thin C layer over the system OpenSSL 3: real functions for what Swift cannot
// import (macros, varargs), TLS server and client sessions, and the EVP calls Crypto wraps.
#include <stddef.h>
#include <stdint.h>

/// OpenSSL's version string, for logs and diagnostics.
const char *ctls_openssl_version(void);
#endif
