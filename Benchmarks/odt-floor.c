/* The floor for a combined .odt (issue 17, item 4): one thread that only builds N small zip packages in
   memory, each holding a "mimetype" entry (stored) and a content.xml the size of one household's
   (raw deflate, zlib level 1, CRC-32, local headers and central directory), and throws them away.
   No templates, no data, no files written. The content is a real household's content.xml (argument 1,
   taken from a real .odt by Benchmarks/pdf.sh) with its first digits changed per package so that
   every package is compressed anew.
   Build: cc -O2 -o odt-floor Benchmarks/odt-floor.c -lz
   Usage: odt-floor content.xml N      prints: N packages, seconds, packages/s, bytes per package */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

static unsigned char *out;
static size_t cap, len;

static void put(const void *p, size_t n) {
  if (len + n > cap) { cap = (len + n) * 2; out = realloc(out, cap); }
  memcpy(out + len, p, n); len += n;
}
static void u16(unsigned v) { unsigned char b[2] = {v, v >> 8}; put(b, 2); }
static void u32(unsigned long v) { unsigned char b[4] = {v, v >> 8, v >> 16, v >> 24}; put(b, 4); }

struct entry { const char *name; unsigned long crc, csize, usize, offset; int method; };

static void local(struct entry *e, const unsigned char *data) {
  e->offset = len;
  u32(0x04034b50); u16(20); u16(0); u16(e->method); u16(0); u16(0x21);
  u32(e->crc); u32(e->csize); u32(e->usize); u16(strlen(e->name)); u16(0);
  put(e->name, strlen(e->name)); put(data, e->csize);
}

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: %s content.xml N\n", argv[0]); return 2; }
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror(argv[1]); return 1; }
  fseek(f, 0, SEEK_END); long size = ftell(f); rewind(f);
  unsigned char *xml = malloc(size), *z = malloc(compressBound(size) + 64);
  if (fread(xml, 1, size, f) != (size_t)size) return 1;
  fclose(f);
  long n = atol(argv[2]);
  static const char mime[] = "application/vnd.oasis.opendocument.text";
  unsigned long mimecrc = crc32(0, (const Bytef *)mime, sizeof mime - 1);
  char *digit = NULL;
  for (long i = 0; i < size; i++) if (xml[i] >= '0' && xml[i] <= '9') { digit = (char *)xml + i; break; }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  size_t total = 0;
  z_stream s; memset(&s, 0, sizeof s);
  deflateInit2(&s, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  for (long i = 0; i < n; i++) {
    if (digit) digit[0] = '0' + i % 10;
    len = 0;
    struct entry e[2] = {{"mimetype", mimecrc, sizeof mime - 1, sizeof mime - 1, 0, 0},
                         {"content.xml", 0, 0, size, 0, 8}};
    local(&e[0], (const unsigned char *)mime);
    deflateReset(&s);
    s.next_in = xml; s.avail_in = size; s.next_out = z; s.avail_out = compressBound(size) + 64;
    if (deflate(&s, Z_FINISH) != Z_STREAM_END) { fprintf(stderr, "deflate failed\n"); return 1; }
    e[1].csize = s.total_out; e[1].crc = crc32(0, xml, size);
    local(&e[1], z);
    unsigned long cd = len;
    for (int k = 0; k < 2; k++) {
      u32(0x02014b50); u16(20); u16(20); u16(0); u16(e[k].method); u16(0); u16(0x21);
      u32(e[k].crc); u32(e[k].csize); u32(e[k].usize); u16(strlen(e[k].name)); u16(0); u16(0);
      u16(0); u16(0); u32(0); u32(e[k].offset); put(e[k].name, strlen(e[k].name));
    }
    unsigned long cdlen = len - cd;
    u32(0x06054b50); u16(0); u16(0); u16(2); u16(2); u32(cdlen); u32(cd); u16(0);
    total += len;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double sec = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  printf("%ld %.4f %.0f %zu\n", n, sec, n / sec, n ? total / n : 0);
  return 0;
}
