#ifndef GONGWEN_CZLIB_SHIM_H
#define GONGWEN_CZLIB_SHIM_H
/* zlib, for crc32_combine: the CRC of pieces deflated apart, joined (deflating is ISA-L's). */
#include <zlib.h>
#endif
