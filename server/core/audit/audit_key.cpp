#include "core/audit/audit_key.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <stdexcept>

#include "core/crypto/key_file.hpp"

namespace jiceng::core::audit {

namespace {

int AuditHexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string AuditToHex(const unsigned char* data, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[data[i] >> 4];
    out[2 * i + 1] = kDigits[data[i] & 0x0f];
  }
  return out;
}

// Hex to bytes; leaves that are not hex (a tampered column) are hashed as their text, which
// still cannot match an honest root.
std::string AuditFromHex(const std::string& hex) {
  if (hex.size() % 2 != 0) return hex;
  std::string out(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    int hi = AuditHexValue(hex[2 * i]), lo = AuditHexValue(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return hex;
    out[i] = static_cast<char>(hi << 4 | lo);
  }
  return out;
}

// Fetching an algorithm is costly in OpenSSL 3: once per process.
EVP_MAC* AuditHmac() {
  static EVP_MAC* const kMac = [] {
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (mac == nullptr) throw std::runtime_error("OpenSSL MAC unavailable: HMAC");
    return mac;
  }();
  return kMac;
}

const EVP_MD* AuditSm3() {
  static const EVP_MD* const kMd = [] {
    EVP_MD* md = EVP_MD_fetch(nullptr, "SM3", nullptr);
    if (md == nullptr) throw std::runtime_error("OpenSSL digest unavailable: SM3");
    return md;
  }();
  return kMd;
}

// SM3 of prefix byte || a || b, raw 32 bytes.
std::string Sm3Raw(unsigned char prefix, std::string_view a, std::string_view b = {}) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr) throw std::bad_alloc();
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  bool ok =
      EVP_DigestInit_ex(ctx, AuditSm3(), nullptr) == 1 && EVP_DigestUpdate(ctx, &prefix, 1) == 1 &&
      EVP_DigestUpdate(ctx, a.data(), a.size()) == 1 &&
      EVP_DigestUpdate(ctx, b.data(), b.size()) == 1 && EVP_DigestFinal_ex(ctx, out, &len) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok) throw std::runtime_error("OpenSSL SM3 failed");
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string MerkleOf(const std::vector<std::string>& leaves, std::size_t begin, std::size_t end) {
  if (end - begin == 1) return Sm3Raw(0x00, leaves[begin]);
  std::size_t k = 1;
  while (k * 2 < end - begin) k *= 2;
  return Sm3Raw(0x01, MerkleOf(leaves, begin, begin + k), MerkleOf(leaves, begin + k, end));
}

}  // namespace

AuditKey::AuditKey(std::string_view key32) : key_(key32) {}

AuditKey::~AuditKey() { OPENSSL_cleanse(key_.data(), key_.size()); }

std::shared_ptr<const AuditKey> AuditKey::FromBytes(std::string_view key32) {
  if (key32.size() != kKeyBytes) throw std::invalid_argument("audit key must be 32 bytes");
  return std::shared_ptr<const AuditKey>(new AuditKey(key32));
}

std::shared_ptr<const AuditKey> AuditKey::Random() {
  unsigned char key[kKeyBytes];
  if (RAND_bytes(key, sizeof key) != 1) throw std::runtime_error("OpenSSL: random bytes");
  auto out = FromBytes(std::string_view(reinterpret_cast<const char*>(key), sizeof key));
  OPENSSL_cleanse(key, sizeof key);
  return out;
}

Result<std::shared_ptr<const AuditKey>> AuditKey::FromFile(const std::string& path, bool create) {
  static constexpr crypto::KeyFileKind kKind{"audit.key_file", "[audit] key_file", "审计密钥文件"};
  JC_ASSIGN_OR_RETURN(auto key, crypto::ReadKeyFile(path, create, kKind));
  return FromBytes(key.view());
}

std::string AuditKey::MacHex(std::string_view message) const {
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(AuditHmac());
  if (ctx == nullptr) throw std::bad_alloc();
  char digest[] = "SM3";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                         OSSL_PARAM_construct_end()};
  unsigned char out[EVP_MAX_MD_SIZE];
  std::size_t len = 0;
  bool ok = EVP_MAC_init(ctx, reinterpret_cast<const unsigned char*>(key_.data()), key_.size(),
                         params) == 1 &&
            EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(message.data()),
                           message.size()) == 1 &&
            EVP_MAC_final(ctx, out, &len, sizeof out) == 1;
  EVP_MAC_CTX_free(ctx);
  if (!ok) throw std::runtime_error("OpenSSL HMAC-SM3 failed");
  return AuditToHex(out, len);
}

std::string MerkleRootHex(const std::vector<std::string>& leaves_hex) {
  if (leaves_hex.empty()) {
    std::string empty = Sm3Raw(0x00, {});
    return AuditToHex(reinterpret_cast<const unsigned char*>(empty.data()), empty.size());
  }
  std::vector<std::string> leaves;
  leaves.reserve(leaves_hex.size());
  for (const auto& h : leaves_hex) leaves.push_back(AuditFromHex(h));
  std::string root = MerkleOf(leaves, 0, leaves.size());
  return AuditToHex(reinterpret_cast<const unsigned char*>(root.data()), root.size());
}

}  // namespace jiceng::core::audit
