// Self-signed development certificate (employer-agent dev-cert, and tests).
// POSIX 2008 for O_CLOEXEC, fchmod and fdopen even under a strict -std=c11.
#define _POSIX_C_SOURCE 200809L
#include "ctls.h"
#include "ctls_internal.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

static int add_ext(X509 *cert, X509V3_CTX *v3, int nid, const char *value) {
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, v3, nid, value);
    if (ext == NULL) return 0;
    int ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

// A random positive 159-bit serial (RFC 5280: at most 20 octets, positive), so two
// dev certificates never share issuer+serial in a browser's or curl's cache.
static int set_random_serial(X509 *cert) {
    BIGNUM *bn = BN_new();
    if (bn == NULL) return 0;
    int ok = BN_rand(bn, 159, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1 &&
             BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert)) != NULL;
    BN_free(bn);
    return ok;
}

static X509 *make_cert(EVP_PKEY *key, int days) {
    X509 *cert = X509_new();
    if (cert == NULL) return NULL;
    X509V3_CTX v3;
    X509_NAME *name = X509_get_subject_name(cert);
    if (X509_set_version(cert, X509_VERSION_3) != 1) goto fail;
    if (!set_random_serial(cert)) goto fail;
    // Backdated an hour so a client with a slightly slow clock accepts it at once.
    if (X509_gmtime_adj(X509_getm_notBefore(cert), -3600) == NULL) goto fail;
    if (X509_time_adj_ex(X509_getm_notAfter(cert), days, 0, NULL) == NULL) goto fail;
    if (X509_set_pubkey(cert, key) != 1) goto fail;
    if (name == NULL ||
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)"localhost", -1, -1, 0) != 1)
        goto fail;
    if (X509_set_issuer_name(cert, name) != 1) goto fail;
    // Issuer is the certificate itself (self-signed), so the authority key identifier
    // can point at its own subject key identifier, added first.
    X509V3_set_ctx(&v3, cert, cert, NULL, NULL, 0);
    if (!add_ext(cert, &v3, NID_basic_constraints, "critical,CA:TRUE")) goto fail;
    if (!add_ext(cert, &v3, NID_key_usage, "critical,digitalSignature,keyCertSign")) goto fail;
    if (!add_ext(cert, &v3, NID_ext_key_usage, "serverAuth")) goto fail;
    if (!add_ext(cert, &v3, NID_subject_key_identifier, "hash")) goto fail;
    if (!add_ext(cert, &v3, NID_authority_key_identifier, "keyid:always")) goto fail;
    if (!add_ext(cert, &v3, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1")) goto fail;
    // X509_sign returns the signature size, 0 on failure.
    if (X509_sign(cert, key, EVP_sha256()) <= 0) goto fail;
    return cert;
fail:
    X509_free(cert);
    return NULL;
}

static int write_key(const char *path, EVP_PKEY *key, char *err, size_t err_len) {
    // Created 0600 from the start (no window where another user could read it), and
    // chmod-ed in case the file already existed with a wider mode.
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        ctls_set_error_text(err, err_len, "opening the key file", strerror(errno));
        return 0;
    }
    if (fchmod(fd, 0600) != 0) {
        ctls_set_error_text(err, err_len, "chmod 0600 on the key file", strerror(errno));
        close(fd);
        return 0;
    }
    FILE *fp = fdopen(fd, "w");
    if (fp == NULL) {
        ctls_set_error_text(err, err_len, "fdopen on the key file", strerror(errno));
        close(fd);
        return 0;
    }
    if (PEM_write_PrivateKey(fp, key, NULL, NULL, 0, NULL, NULL) != 1) {
        ctls_set_error(err, err_len, "writing the key");
        fclose(fp);
        return 0;
    }
    if (fclose(fp) != 0) {
        ctls_set_error_text(err, err_len, "closing the key file", strerror(errno));
        return 0;
    }
    return 1;
}

static int write_cert(const char *path, X509 *cert, char *err, size_t err_len) {
    FILE *fp = fopen(path, "we");
    if (fp == NULL) {
        ctls_set_error_text(err, err_len, "opening the certificate file", strerror(errno));
        return 0;
    }
    if (PEM_write_X509(fp, cert) != 1) {
        ctls_set_error(err, err_len, "writing the certificate");
        fclose(fp);
        return 0;
    }
    if (fclose(fp) != 0) {
        ctls_set_error_text(err, err_len, "closing the certificate file", strerror(errno));
        return 0;
    }
    return 1;
}

int ctls_write_self_signed(const char *cert_path, const char *key_path, int days, char *err,
                           size_t err_len) {
    if (cert_path == NULL || key_path == NULL || days <= 0) {
        ctls_set_error_text(err, err_len, "self-signed certificate", "paths and a positive day count are required");
        return 0;
    }
    ERR_clear_error();
    EVP_PKEY *key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
    if (key == NULL) {
        ctls_set_error(err, err_len, "generating a P-256 key");
        return 0;
    }
    int ok = 0;
    X509 *cert = make_cert(key, days);
    if (cert == NULL) {
        ctls_set_error(err, err_len, "building the certificate");
        goto done;
    }
    if (!write_key(key_path, key, err, err_len)) goto done;
    if (!write_cert(cert_path, cert, err, err_len)) goto done;
    ok = 1;
done:
    X509_free(cert);
    EVP_PKEY_free(key);
    return ok;
}
