#ifndef GONGWEN_CLIBCRYPTO_SHIM_H
#define GONGWEN_CLIBCRYPTO_SHIM_H
/* OpenSSL's libcrypto, for SHA-256 only (manifests of batches). Swift sees three functions and
   an opaque pointer; the EVP interface works alike in OpenSSL 1.1 and 3. */
#include <stddef.h>
#include <stdint.h>
#include <openssl/evp.h>

/* A SHA-256 context ready for updates, or NULL when memory is short. */
static inline void *gongwen_sha256_new(void) {
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    if (context && EVP_DigestInit_ex(context, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(context);
        return NULL;
    }
    return context;
}

static inline int gongwen_sha256_update(void *context, const uint8_t *bytes, size_t count) {
    return EVP_DigestUpdate((EVP_MD_CTX *)context, bytes, count);
}

/* Writes the 32-byte digest to `out`. Returns 1 on success. */
static inline int gongwen_sha256_finish(void *context, uint8_t *out) {
    unsigned int length = 0;
    return EVP_DigestFinal_ex((EVP_MD_CTX *)context, out, &length) == 1 && length == 32;
}

static inline void gongwen_sha256_free(void *context) { EVP_MD_CTX_free((EVP_MD_CTX *)context); }
#endif
