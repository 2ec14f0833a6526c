#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <exception>
#include <functional>

namespace libsearch::testing {

/// Runs `check` in a child process as the unprivileged user nobody and returns its result.
/// Permission tests need it: CI runs as root, and root reads mode-000 files.
inline bool passes_as_nobody(const std::function<bool()>& check) {
    const pid_t child = ::fork();
    if (child < 0) {
        return false;
    }
    if (child == 0) {
        if (::setgid(65534) != 0 || ::setuid(65534) != 0) {
            ::_exit(2);
        }
        bool passed = false;
        try {
            passed = check();
        } catch (...) {
            passed = false;
        }
        ::_exit(passed ? 0 : 1);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace libsearch::testing
