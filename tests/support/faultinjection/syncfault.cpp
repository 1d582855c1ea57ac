// libmtga_syncfault: an LD_PRELOAD shim that makes fdatasync() fail the way a dying disk does.
//
// With MTGA_SYNC_FAULT_DIR set, the first fdatasync() of a file under that folder after the file
// named by MTGA_SYNC_FAULT_TRIGGER appears fails with EIO, and the trigger goes. Like Linux after
// a writeback error, the failure loses the data and is reported once: the file is cut back to its
// length at its last successful fdatasync in this process (to nothing if it had none: a test
// triggers the fault only after the worker synced its files), and the next
// fdatasync succeeds. A worker that trusts those bytes afterwards loses events where a test can
// see it. Every other fdatasync() goes to the C library.

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

namespace {

using SyncFunction = int (*)(int);

std::mutex& lengthsMutex() {
    static std::mutex mutex;
    return mutex;
}

// The length of each file at its last successful fdatasync, by path.
std::map<std::string, off_t>& syncedLengths() {
    static std::map<std::string, off_t> lengths;
    return lengths;
}

std::string pathOf(int fd) {
    char link[64];
    std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    char target[PATH_MAX];
    const ssize_t size = ::readlink(link, target, sizeof target - 1);
    return size > 0 ? std::string(target, static_cast<size_t>(size)) : std::string();
}

// Whether `fd` is a regular file under MTGA_SYNC_FAULT_DIR (resolved: /proc gives real paths).
bool watched(int fd, const std::string& path) {
    const char* folder = std::getenv("MTGA_SYNC_FAULT_DIR");
    struct stat info {};
    if (folder == nullptr || *folder == '\0' || path.empty() || ::fstat(fd, &info) != 0 ||
        !S_ISREG(info.st_mode)) {
        return false;
    }
    char resolved[PATH_MAX];
    const std::string prefix =
        std::string(::realpath(folder, resolved) != nullptr ? resolved : folder) + "/";
    return path.compare(0, prefix.size(), prefix) == 0;
}

// Whether this call fails: the trigger exists, and is taken away.
bool failing() {
    const char* trigger = std::getenv("MTGA_SYNC_FAULT_TRIGGER");
    return trigger != nullptr && ::unlink(trigger) == 0;
}

}  // namespace

extern "C" int fdatasync(int fd) {
    static const auto real = reinterpret_cast<SyncFunction>(::dlsym(RTLD_NEXT, "fdatasync"));
    const std::string path = pathOf(fd);
    if (!watched(fd, path)) {
        return real(fd);
    }
    std::lock_guard lock(lengthsMutex());
    if (failing()) {
        const auto it = syncedLengths().find(path);
        const off_t kept = it == syncedLengths().end() ? 0 : it->second;
        if (::ftruncate(fd, kept) == 0) {
            std::fprintf(stderr, "syncfault: fdatasync(%s) fails, cut to %lld bytes\n",
                         path.c_str(), static_cast<long long>(kept));
        }
        errno = EIO;
        return -1;
    }
    const int result = real(fd);
    struct stat info {};
    if (result == 0 && ::fstat(fd, &info) == 0) {
        syncedLengths()[path] = info.st_size;
    }
    return result;
}
