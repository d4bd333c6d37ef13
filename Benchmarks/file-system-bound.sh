#!/usr/bin/env bash
# The file system's bound for per-file batches: a C program that only creates N files of 8 KB
# (open, write, close; no merging, no deflating) in one folder, the way a batch writes its
# .odt files. Per-file throughput cannot beat this on the same disk; compare with
# Benchmarks/batch.sh on the same OUT folder's disk.
# Usage: Benchmarks/file-system-bound.sh [N]       (default 10000; OUT=/path to pick the disk)
set -euo pipefail
n=${1:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${OUT:-$work/out}
cat > "$work/create.c" <<'C'
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
int main(int argc, char **argv) {
    int n = atoi(argv[1]);
    static char bytes[8000];
    char path[4096];
    mkdir(argv[2], 0755);
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/file-%06d.odt", argv[2], i);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || write(fd, bytes, sizeof bytes) != sizeof bytes || close(fd) != 0) return 1;
    }
    return 0;
}
C
cc -O2 "$work/create.c" -o "$work/create"
for run in 1 2 3; do
  rm -rf "$out"
  /usr/bin/time -f "run $run: $n files in %e s (user %U s, system %S s)" "$work/create" "$n" "$out"
done
rm -rf "$out"
