// Checked, atomic output files (see output_file.h).
#include "caseaudit/ocr/output_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <streambuf>
#include <string>

#include "caseaudit/ocr/error.h"
#include "caseaudit/ocr/readable_text.h"

namespace caseaudit::ocr {

namespace fs = std::filesystem;

std::string write_failure_reason(int error_number) {
  const std::string system = std::strerror(error_number);
  switch (error_number) {
    case ENOSPC: return "磁盘空间不足 (" + system + ")";
    case EDQUOT: return "超出磁盘配额 (" + system + ")";
    case EROFS: return "只读文件系统 (" + system + ")";
    case EACCES:
    case EPERM: return "没有写入权限 (" + system + ")";
    case ENOENT: return "文件夹不存在 (" + system + ")";
    case EIO: return "读写错误 (" + system + ")";
    default: return "写入失败 (" + system + ")";
  }
}

namespace {

[[noreturn]] void fail(const fs::path& file, int error_number) {
  throw EnvironmentError("无法写入 (cannot write) " + readable_path(file) + ": " + write_failure_reason(error_number), file);
}

// A stream buffer over a file descriptor that keeps the first write error.
class FdBuffer : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (drain() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain(); }
  // tellp and seekp (PoDoFo asks for offsets and seeks back to fill them in).
  pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode which) override {
    if (!(which & std::ios_base::out) || drain() != 0) return pos_type(off_type(-1));
    const int whence = dir == std::ios_base::beg ? SEEK_SET : dir == std::ios_base::cur ? SEEK_CUR : SEEK_END;
    const off_t at = ::lseek(fd_, static_cast<off_t>(off), whence);
    return pos_type(off_type(at));
  }
  pos_type seekpos(pos_type pos, std::ios_base::openmode which) override {
    return seekoff(off_type(pos), std::ios_base::beg, which);
  }

 private:
  int drain() {
    if (error_ != 0) return -1;
    const char* p = pbase();
    std::size_t left = static_cast<std::size_t>(pptr() - pbase());
    while (left > 0) {
      const ssize_t n = ::write(fd_, p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return -1;
      }
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return 0;
  }

  int fd_;
  int error_ = 0;
  std::array<char, 1 << 16> buffer_{};
};

// A name in the target's folder that no other writer uses at the same time.
fs::path temporary_beside(const fs::path& file) {
  static std::atomic<unsigned> counter{0};
  fs::path name = file;
  name.replace_filename("." + file.filename().string() + ".part-" + std::to_string(::getpid()) + "-" +
                        std::to_string(counter++));
  return name;
}

// fsync that accepts files that cannot be synced (a character device).
int sync_fd(int fd) {
  if (::fsync(fd) == 0 || errno == EINVAL || errno == EROFS) return 0;
  return errno;
}

void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);  // best effort: the rename itself has happened
  ::close(fd);
}

// Renames the finished temporary file into place.
void publish(const fs::path& temporary, const fs::path& file) {
  if (::rename(temporary.c_str(), file.c_str()) != 0) {
    const int e = errno;
    ::unlink(temporary.c_str());
    fail(file, e);
  }
  sync_folder(file.parent_path());
}

void remove_quietly(const fs::path& p) {
  std::error_code ec;
  fs::remove(p, ec);
}

}  // namespace

struct OutputFile::Impl {
  fs::path shown;
  int fd = -1;
  FdBuffer buffer;
  std::ostream stream;
  Impl(fs::path s, int descriptor) : shown(std::move(s)), fd(descriptor), buffer(descriptor), stream(&buffer) {}
};

OutputFile::OutputFile(const fs::path& path, const fs::path& shown_as) {
  const fs::path& shown = shown_as.empty() ? path : shown_as;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) fail(shown, errno);
  impl_ = std::make_unique<Impl>(shown, fd);
}

OutputFile::~OutputFile() {
  if (impl_ && impl_->fd >= 0) ::close(impl_->fd);
}

std::ostream& OutputFile::stream() { return impl_->stream; }

void OutputFile::commit() {
  impl_->stream.flush();
  int error = impl_->buffer.error();
  if (error == 0 && !impl_->stream) error = EIO;
  if (error == 0) error = sync_fd(impl_->fd);
  const int fd = impl_->fd;
  impl_->fd = -1;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) fail(impl_->shown, error);
}

void write_file_atomically(const fs::path& file, std::string_view bytes) {
  write_file_atomically(file, [&](std::ostream& out) { out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); });
}

void write_file_atomically(const fs::path& file, const std::function<void(std::ostream&)>& write) {
  const fs::path temporary = temporary_beside(file);
  try {
    OutputFile out(temporary, file);  // messages name the file asked for, not the temporary one
    write(out.stream());
    out.commit();
  } catch (...) {
    remove_quietly(temporary);
    throw;
  }
  publish(temporary, file);
}

void write_file_atomically_via_path(const fs::path& file, const std::function<void(const fs::path& temporary)>& write) {
  const fs::path temporary = temporary_beside(file);
  try {
    write(temporary);
    const int fd = ::open(temporary.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail(file, errno);
    int error = sync_fd(fd);
    if (::close(fd) != 0 && error == 0) error = errno;
    if (error != 0) fail(file, error);
  } catch (...) {
    remove_quietly(temporary);
    throw;
  }
  publish(temporary, file);
}

void check_output_folder(const fs::path& folder) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec || !fs::is_directory(folder, ec))
    throw EnvironmentError("无法创建输出文件夹 (cannot create the output folder) " + readable_path(folder) +
                               (ec ? ": " + write_failure_reason(ec.value()) : std::string(": 不是文件夹 (not a folder)")),
                           folder);
  const fs::path probe = temporary_beside(folder / "write-test");
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0)
    throw EnvironmentError("输出文件夹不可写 (the output folder is not writable) " + readable_path(folder) + ": " +
                               write_failure_reason(errno),
                           folder);
  ::close(fd);
  ::unlink(probe.c_str());
}

}  // namespace caseaudit::ocr
