#ifndef GONGWEN_CISAL_SHIM_H
#define GONGWEN_CISAL_SHIM_H
/* Intel ISA-L's igzip: deflate and CRC-32 with SIMD, ten times zlib's speed at its fastest
   level. Swift sees only these functions and an opaque pointer: the stream struct holds
   arrays of tens of thousands of elements, which Swift would import as tuples. */
#include <stdint.h>
#include <stdlib.h>
#include <isa-l/igzip_lib.h>
#include <isa-l/crc.h>

/* A raw-deflate stream at level 0 (hashing only; on forms it compresses better than zlib's
   level 1), or NULL when memory is short. */
static inline void *gongwen_isal_deflater_new(void) {
    struct isal_zstream *stream = calloc(1, sizeof(struct isal_zstream));
    if (stream) isal_deflate_init(stream);
    return stream;
}

static inline void gongwen_isal_deflater_free(void *stream) { free(stream); }

/* Deflates in[0..count) from a reset stream into out[0..capacity): ended by a sync flush
   (byte-aligned, not the last block: pieces can be joined) or, with `final`, by the last block.
   Returns the bytes written; -1 when `out` was too small (call again with more room); -2 on
   an error from igzip. */
static inline long gongwen_isal_deflate_piece(void *opaque, const uint8_t *in, size_t count,
                                              uint8_t *out, size_t capacity, int final) {
    struct isal_zstream *stream = opaque;
    isal_deflate_reset(stream);
    stream->level = 0;
    stream->gzip_flag = IGZIP_DEFLATE;
    stream->flush = final ? NO_FLUSH : SYNC_FLUSH;
    stream->end_of_stream = final ? 1 : 0;
    stream->next_in = (uint8_t *)in;
    stream->avail_in = (uint32_t)count;
    stream->next_out = out;
    stream->avail_out = (uint32_t)capacity;
    if (isal_deflate(stream) != COMP_OK) return -2;
    if (stream->avail_in != 0 || stream->avail_out == 0) return -1;
    if (final && stream->internal_state.state != ZSTATE_END) return -1;
    return (long)(capacity - stream->avail_out);
}

/* The CRC-32 of zip and gzip (zlib's crc32). */
static inline uint32_t gongwen_isal_crc32(uint32_t crc, const uint8_t *bytes, size_t count) {
    return crc32_gzip_refl(crc, bytes, count);
}
#endif
