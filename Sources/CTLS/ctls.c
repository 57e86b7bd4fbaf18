#include "ctls.h"
#include "ctls_internal.h"
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <stdio.h>
#include <string.h>

const char *ctls_openssl_version(void) { return OpenSSL_version(OPENSSL_VERSION); }

// Appends formatted text, truncating silently: error messages are diagnostics.
static void append_text(char *buf, size_t buf_len, size_t *used, const char *text) {
    if (buf == NULL || buf_len == 0 || *used >= buf_len - 1) return;
    size_t room = buf_len - 1 - *used;
    size_t n = strlen(text);
    if (n > room) n = room;
    memcpy(buf + *used, text, n);
    *used += n;
    buf[*used] = '\0';
}

void ctls_append_queue(char *buf, size_t buf_len, size_t *used) {
    const char *data = NULL;
    int flags = 0;
    unsigned long code;
    int first = 1;
    // Every queued entry, oldest first: the first usually names the root cause
    // (e.g. fopen failing), later ones the layer that gave up.
    while ((code = ERR_get_error_all(NULL, NULL, NULL, &data, &flags)) != 0) {
        char line[256];
        ERR_error_string_n(code, line, sizeof line);
        if (!first) append_text(buf, buf_len, used, "; ");
        append_text(buf, buf_len, used, line);
        if (data != NULL && (flags & ERR_TXT_STRING) && data[0] != '\0') {
            append_text(buf, buf_len, used, " (");
            append_text(buf, buf_len, used, data);
            append_text(buf, buf_len, used, ")");
        }
        first = 0;
    }
    if (first) append_text(buf, buf_len, used, "no OpenSSL error");
}

void ctls_set_error(char *err, size_t err_len, const char *what) {
    if (err == NULL || err_len == 0) {
        ERR_clear_error();
        return;
    }
    size_t used = 0;
    err[0] = '\0';
    append_text(err, err_len, &used, what);
    append_text(err, err_len, &used, ": ");
    ctls_append_queue(err, err_len, &used);
}

void ctls_set_error_text(char *err, size_t err_len, const char *what, const char *detail) {
    if (err == NULL || err_len == 0) return;
    size_t used = 0;
    err[0] = '\0';
    append_text(err, err_len, &used, what);
    append_text(err, err_len, &used, ": ");
    append_text(err, err_len, &used, detail);
}

void ctls_last_error(char *buf, size_t buf_len) {
    if (buf == NULL || buf_len == 0) {
        ERR_clear_error();
        return;
    }
    size_t used = 0;
    buf[0] = '\0';
    ctls_append_queue(buf, buf_len, &used);
}
