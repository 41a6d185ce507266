#include "core/crypto/key_file.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace jiceng::core::crypto {

namespace {

DomainError KeyError(const KeyFileKind& kind, const char* what, const std::string& message) {
  return DomainError::Invalid(std::string(kind.code_prefix) + "." + what, message, kind.field);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<void> CreateKeyFile(const std::string& path, const KeyFileKind& kind) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return {};
    return KeyError(
        kind, "create",
        std::string("无法创建") + kind.noun + "：" + path + "：" + std::strerror(errno));
  }
  unsigned char key[KeyBytes::kSize];
  if (RAND_bytes(key, sizeof key) != 1) {
    ::close(fd);
    ::unlink(path.c_str());
    throw std::runtime_error("OpenSSL: random bytes");
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  char text[KeyBytes::kSize * 2 + 1];
  for (std::size_t i = 0; i < sizeof key; ++i) {
    text[2 * i] = kDigits[key[i] >> 4];
    text[2 * i + 1] = kDigits[key[i] & 0x0f];
  }
  text[sizeof text - 1] = '\n';
  // The umask cannot widen 0600, but a narrower one must not leave the owner unable to read.
  bool ok = ::fchmod(fd, 0600) == 0 && ::write(fd, text, sizeof text) == ssize_t(sizeof text) &&
            ::fsync(fd) == 0;
  int saved = errno;
  OPENSSL_cleanse(key, sizeof key);
  OPENSSL_cleanse(text, sizeof text);
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    return KeyError(
        kind, "create",
        std::string("无法写入") + kind.noun + "：" + path + "：" + std::strerror(saved));
  }
  // The key must survive a power cut as surely as the rows protected with it.
  std::string dir = path.find('/') == std::string::npos ? "." : path.substr(0, path.rfind('/'));
  if (dir.empty()) dir = "/";
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

}  // namespace

KeyBytes::KeyBytes(KeyBytes&& other) noexcept : bytes_(std::move(other.bytes_)) {
  OPENSSL_cleanse(other.bytes_.data(), other.bytes_.size());
  other.bytes_.clear();
}

KeyBytes::~KeyBytes() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }

Result<KeyBytes> ReadKeyFile(const std::string& path, bool create, const KeyFileKind& kind) {
  if (path.empty()) return KeyError(kind, "missing", std::string("未配置") + kind.noun + "路径");
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT && create) {
    JC_TRY(CreateKeyFile(path, kind));
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  }
  if (fd < 0) {
    if (errno == ENOENT)
      return KeyError(kind, "missing", kind.noun + std::string("不存在：") + path);
    return KeyError(
        kind, "unreadable",
        std::string("无法读取") + kind.noun + "：" + path + "：" + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return KeyError(kind, "unreadable", kind.noun + std::string("不是普通文件：") + path);
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return KeyError(
        kind, "permissions",
        kind.noun + std::string("权限过宽（") + mode + "），只允许属主读写：chmod 600 " + path);
  }
  // 64 hex characters and an optional line end; read one more byte than that to notice extra.
  char buf[68];
  ssize_t n = ::read(fd, buf, sizeof buf);
  int saved = errno;
  ::close(fd);
  if (n < 0) {
    return KeyError(
        kind, "unreadable",
        std::string("无法读取") + kind.noun + "：" + path + "：" + std::strerror(saved));
  }
  std::size_t len = static_cast<std::size_t>(n);
  if (len > 0 && buf[len - 1] == '\n') --len;
  if (len > 0 && buf[len - 1] == '\r') --len;
  std::string key(KeyBytes::kSize, '\0');
  bool ok = len == KeyBytes::kSize * 2;
  for (std::size_t i = 0; ok && i < KeyBytes::kSize; ++i) {
    int hi = HexValue(buf[2 * i]), lo = HexValue(buf[2 * i + 1]);
    ok = hi >= 0 && lo >= 0;
    key[i] = static_cast<char>(hi << 4 | lo);
  }
  OPENSSL_cleanse(buf, sizeof buf);
  KeyBytes out(std::move(key));
  if (!ok) {
    return KeyError(kind, "format",
                    kind.noun + std::string("格式错误（应为 64 个十六进制字符）：") + path);
  }
  return out;
}

}  // namespace jiceng::core::crypto
