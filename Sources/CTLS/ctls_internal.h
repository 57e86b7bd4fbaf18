#ifndef CTLS_INTERNAL_H
#define CTLS_INTERNAL_H
// Helpers shared by the CTLS .c files; not part of the public header.
#include <stddef.h>

/// Writes "<what>: <OpenSSL error queue>" into err (always NUL-terminated when
/// err_len > 0) and clears the thread's error queue.
void ctls_set_error(char *err, size_t err_len, const char *what);
/// Writes "<what>: <detail>" into err (no OpenSSL queue involved).
void ctls_set_error_text(char *err, size_t err_len, const char *what, const char *detail);
/// Appends the thread's OpenSSL error queue to buf at position *used, clearing it.
void ctls_append_queue(char *buf, size_t buf_len, size_t *used);
#endif
