#include "core/crypto/crypto.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace jiceng::core::crypto {

namespace {

std::string ToHex(const unsigned char* data, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[data[i] >> 4];
    out[2 * i + 1] = kDigits[data[i] & 0x0f];
  }
  return out;
}

// Fetching an algorithm is costly in OpenSSL 3; fetch each once and keep it for the process.
const EVP_MD* FetchDigest(const char* name) {
  EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  if (md == nullptr) throw std::runtime_error(std::string("OpenSSL digest unavailable: ") + name);
  return md;
}

std::string DigestHex(const EVP_MD* md, std::string_view bytes) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), out, &len, md, nullptr) != 1) {
    throw std::runtime_error("OpenSSL digest failed");
  }
  return ToHex(out, len);
}

}  // namespace

void InitSodium() {
  static const bool kReady = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialized");
    return true;
  }();
  (void)kReady;
}

std::string Sm3Hex(std::string_view bytes) {
  static const EVP_MD* const kSm3 = FetchDigest("SM3");
  return DigestHex(kSm3, bytes);
}

std::string Sha256Hex(std::string_view bytes) {
  static const EVP_MD* const kSha256 = FetchDigest("SHA256");
  return DigestHex(kSha256, bytes);
}

std::string RandomToken(std::size_t n_bytes) {
  InitSodium();
  std::vector<unsigned char> raw(n_bytes);
  randombytes_buf(raw.data(), raw.size());
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(n_bytes, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), variant);
  out.resize(out.size() - 1);  // drop the terminating NUL written by libsodium
  sodium_memzero(raw.data(), raw.size());
  return out;
}

std::string RandomBytes(std::size_t n_bytes) {
  InitSodium();
  std::string out(n_bytes, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

std::string RandomChars(std::size_t n, std::string_view alphabet) {
  InitSodium();
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
  }
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  InitSodium();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace jiceng::core::crypto
