#ifndef GONGWEN_CZLIB_SHIM_H
#define GONGWEN_CZLIB_SHIM_H
/* zlib: the default deflater of .odt packages and zip files (raw deflate at level 1), its
   CRC-32, and crc32_combine (the CRC of pieces deflated apart, joined). With the package
   trait ISAL, deflating and the CRC are ISA-L's (CISAL) and only crc32_combine is used here.
   Swift sees functions and an opaque pointer: deflateInit2 is a macro. */
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

/* A raw-deflate stream at level 1, or NULL when memory is short. */
static inline void *gongwen_zlib_deflater_new(void) {
    z_stream *stream = calloc(1, sizeof(z_stream));
    if (!stream) return NULL;
    if (deflateInit2(stream, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(stream);
        return NULL;
    }
    return stream;
}

/* A zlib-format stream (header and Adler-32, PDF's FlateDecode) at level 1, or NULL; used with
   gongwen_zlib_deflate_piece(…, final = 1) to compress many small streams without setting up
   zlib's tables for each. memLevel 3: a 1,024-entry hash, which deflateReset clears for every
   stream (the default 8 clears 128 KiB, more work than compressing a 5 KB page). */
static inline void *gongwen_zlib_stream_deflater_new(void) {
    z_stream *stream = calloc(1, sizeof(z_stream));
    if (!stream) return NULL;
    if (deflateInit2(stream, 1, Z_DEFLATED, 15, 3, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(stream);
        return NULL;
    }
    return stream;
}

static inline void gongwen_zlib_deflater_free(void *opaque) {
    if (!opaque) return;
    deflateEnd((z_stream *)opaque);
    free(opaque);
}

/* Deflates in[0..count) from a reset stream into out[0..capacity): ended by a sync flush
   (byte-aligned, not the last block: pieces can be joined) or, with `final`, by the last block.
   Returns the bytes written; -1 when `out` was too small (call again with more room); -2 on
   an error from zlib. */
static inline long gongwen_zlib_deflate_piece(void *opaque, const uint8_t *in, size_t count,
                                              uint8_t *out, size_t capacity, int final) {
    z_stream *stream = opaque;
    if (deflateReset(stream) != Z_OK) return -2;
    if (count > UINT32_MAX || capacity > UINT32_MAX) return -2;
    stream->next_in = (Bytef *)in;
    stream->avail_in = (uInt)count;
    stream->next_out = out;
    stream->avail_out = (uInt)capacity;
    int status = deflate(stream, final ? Z_FINISH : Z_SYNC_FLUSH);
    if (final) {
        if (status == Z_STREAM_END) return (long)(capacity - stream->avail_out);
        if (status == Z_OK || status == Z_BUF_ERROR) return -1;
        return -2;
    }
    if (status != Z_OK && status != Z_BUF_ERROR) return -2;
    /* A sync flush is complete only if all input was taken and room was left over. */
    if (stream->avail_in != 0 || stream->avail_out == 0) return -1;
    return (long)(capacity - stream->avail_out);
}

/* The CRC-32 of zip and gzip. */
static inline uint32_t gongwen_zlib_crc32(uint32_t crc, const uint8_t *bytes, size_t count) {
    while (count > 0) {
        uInt chunk = count > 0x40000000 ? 0x40000000 : (uInt)count;
        crc = (uint32_t)crc32(crc, bytes, chunk);
        bytes += chunk;
        count -= chunk;
    }
    return crc;
}
#endif
