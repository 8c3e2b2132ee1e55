// Opening user files without surprises: O_NONBLOCK so a FIFO never blocks the
// open, fstat on the opened descriptor so the regular-file check cannot race,
// and errno mapped to reasons a person understands.
#include "file_probe.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "caseaudit/ocr/error.h"

namespace caseaudit::ocr {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

[[noreturn]] void fail_errno(int err) {
  switch (err) {
    case ENOENT:
      throw InputFailure("文件不存在 (no such file)");
    case EACCES:
    case EPERM:
      throw InputFailure("没有读取权限 (permission denied)");
    case ELOOP:
      throw InputFailure("符号链接循环 (symbolic link loop)");
    case EISDIR:
      throw InputFailure("这是文件夹，不是文件 (is a folder, not a file)");
    default:
      throw InputFailure(std::string("无法打开文件 (cannot open file: ") + std::strerror(err) + ")");
  }
}

// Opens read-only and checks the descriptor is a regular file.
int open_regular(const std::filesystem::path& file, struct stat& st) {
  struct stat lst {};
  if (::lstat(file.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode) && ::stat(file.c_str(), &st) != 0 &&
      errno == ENOENT) {
    throw InputFailure("符号链接指向的文件不存在 (broken symbolic link)");
  }
  const int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) fail_errno(errno);
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    fail_errno(err);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw InputFailure("这是文件夹，不是文件 (is a folder, not a file)");
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    throw InputFailure("不是普通文件（管道、设备或套接字） (not a regular file: pipe, device or socket)");
  }
  return fd;
}

// Reads up to n bytes at the current position; stops early at end of file.
std::string read_up_to(int fd, std::size_t n) {
  std::string out(n, '\0');
  std::size_t got = 0;
  while (got < n) {
    const ssize_t r = ::read(fd, out.data() + got, n - got);
    if (r < 0) {
      if (errno == EINTR) continue;
      throw InputFailure(std::string("读取文件出错 (read error: ") + std::strerror(errno) + ")");
    }
    if (r == 0) break;
    got += static_cast<std::size_t>(r);
  }
  out.resize(got);
  return out;
}

}  // namespace

FileProbe probe_file(const std::filesystem::path& file, std::size_t head_bytes) {
  struct stat st {};
  Fd fd(open_regular(file, st));
  if (st.st_size == 0) throw InputFailure("文件为空 (empty file)");
  FileProbe probe;
  probe.size = static_cast<std::uint64_t>(st.st_size);
  probe.head = read_up_to(fd.get(), head_bytes);
  if (probe.head.empty()) throw InputFailure("文件为空 (empty file)");
  return probe;
}

std::string read_regular_file(const std::filesystem::path& file, std::uint64_t max_bytes) {
  struct stat st {};
  Fd fd(open_regular(file, st));
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size == 0) throw InputFailure("文件为空 (empty file)");
  if (size > max_bytes) {
    throw InputFailure("文件过大：" + std::to_string(size) + " 字节，上限 " + std::to_string(max_bytes) +
                       " 字节 (file too large: " + std::to_string(size) + " bytes, limit " +
                       std::to_string(max_bytes) + ")");
  }
  std::string bytes = read_up_to(fd.get(), static_cast<std::size_t>(size));
  if (bytes.size() != size) throw InputFailure("文件在读取时被改变 (file changed while being read)");
  return bytes;
}

}  // namespace caseaudit::ocr
