#include "ctls.h"
#include <openssl/crypto.h>

const char *ctls_openssl_version(void) { return OpenSSL_version(OPENSSL_VERSION); }
