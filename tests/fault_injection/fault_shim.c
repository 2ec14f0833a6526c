// LD_PRELOAD shim for fault injection: makes the Nth call of one file-system function on a
// path under FAULT_PATH fail with an errno, as a full disk or a failing one would. Used by
// tests/fault_injection_test.py to check that a failed reindex never damages the index
// being served and that the next run recovers (RELIABILITY.md G2, G3).
//
//   FAULT_PATH=/some/index    only calls on paths (or fds open on paths) containing this
//   FAULT_CALL=fsync          which function: fsync fdatasync rename symlink write pwrite
//   FAULT_AT=3                the 3rd such call fails (counted from 1)
//   FAULT_ERRNO=ENOSPC        ENOSPC (default) or EIO
//   FAULT_COUNT_FILE=out.txt  counting mode: at exit, append "<function> <calls>" lines
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

enum { FSYNC, FDATASYNC, RENAME, SYMLINK, WRITE, PWRITE, CALLS };
static const char* const kNames[CALLS] = {"fsync", "fdatasync", "rename", "symlink", "write", "pwrite"};
static atomic_long counts[CALLS];

static int watched_path(const char* path) {
    const char* filter = getenv("FAULT_PATH");
    return filter != NULL && path != NULL && strstr(path, filter) != NULL;
}

static int watched_fd(int fd) {
    if (fd <= 2 || getenv("FAULT_PATH") == NULL) {
        return 0;
    }
    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    const ssize_t length = readlink(link, target, sizeof target - 1);
    if (length <= 0) {
        return 0;
    }
    target[length] = '\0';
    return watched_path(target);
}

/// Counts the call; nonzero when this one is to fail (errno is then set).
static int inject(int call, int watched) {
    if (!watched) {
        return 0;
    }
    const long n = atomic_fetch_add(&counts[call], 1) + 1;
    const char* name = getenv("FAULT_CALL");
    const char* at = getenv("FAULT_AT");
    if (name == NULL || at == NULL || strcmp(name, kNames[call]) != 0 || atol(at) != n) {
        return 0;
    }
    const char* code = getenv("FAULT_ERRNO");
    errno = code != NULL && strcmp(code, "EIO") == 0 ? EIO : ENOSPC;
    return 1;
}

__attribute__((destructor)) static void report(void) {
    const char* file = getenv("FAULT_COUNT_FILE");
    if (file == NULL) {
        return;
    }
    FILE* out = fopen(file, "a");
    if (out == NULL) {
        return;
    }
    for (int call = 0; call < CALLS; ++call) {
        fprintf(out, "%s %ld\n", kNames[call], atomic_load(&counts[call]));
    }
    fclose(out);
}

#define NEXT(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

int fsync(int fd) {
    return inject(FSYNC, watched_fd(fd)) ? -1 : NEXT(fsync)(fd);
}

int fdatasync(int fd) {
    return inject(FDATASYNC, watched_fd(fd)) ? -1 : NEXT(fdatasync)(fd);
}

int rename(const char* from, const char* to) {
    return inject(RENAME, watched_path(to)) ? -1 : NEXT(rename)(from, to);
}

int symlink(const char* target, const char* link) {
    return inject(SYMLINK, watched_path(link)) ? -1 : NEXT(symlink)(target, link);
}

ssize_t write(int fd, const void* data, size_t size) {
    return inject(WRITE, watched_fd(fd)) ? -1 : NEXT(write)(fd, data, size);
}

ssize_t pwrite(int fd, const void* data, size_t size, off_t offset) {
    return inject(PWRITE, watched_fd(fd)) ? -1 : NEXT(pwrite)(fd, data, size, offset);
}

ssize_t pwrite64(int fd, const void* data, size_t size, off_t offset) {
    return inject(PWRITE, watched_fd(fd)) ? -1 : NEXT(pwrite64)(fd, data, size, offset);
}
