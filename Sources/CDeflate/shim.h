#ifndef GONGWEN_CZLIB_SHIM_H
#define GONGWEN_CZLIB_SHIM_H
#include <zlib.h>
/* deflateInit2 is a macro in zlib.h; Swift cannot call macros, so wrap it. */
static inline int gongwen_deflate_init(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
#endif
