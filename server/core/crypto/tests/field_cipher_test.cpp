// Field encryption and blind index: both suites, tampering, key files and the pinned formats that
// rows already in databases depend on.
#include "core/crypto/field_cipher.hpp"

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/test_support.hpp"

namespace jiceng::core::crypto {
namespace {

const std::string kKey = std::string("0123456789abcdef0123456789ABCDEF", 32);
constexpr FieldSuite kSuites[] = {FieldSuite::kSm4CtrHmacSm3, FieldSuite::kAes256Gcm};

std::string SuiteName(FieldSuite s) { return s == FieldSuite::kAes256Gcm ? "aes" : "sm4"; }

std::string NewPath() {
  static std::atomic<int> n{0};
  return jiceng::testing::TempDir() + "/field" + std::to_string(++n) + ".key";
}

void WriteFile(const std::string& path, const std::string& text, mode_t mode) {
  std::ofstream(path, std::ios::binary) << text;
  ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

std::string Hex(const unsigned char* p, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += kDigits[p[i] >> 4];
    out += kDigits[p[i] & 15];
  }
  return out;
}

TEST(FieldCipherTest, RoundTripBothSuites) {
  for (FieldSuite suite : kSuites) {
    SCOPED_TRACE(SuiteName(suite));
    auto cipher = FieldCipher::FromKey(kKey, suite);
    for (std::string plain :
         {std::string("11010519491231002X"), std::string("13800138000"), std::string(""),
          std::string("张三 · 居民"), std::string(1000, 'x')}) {
      std::string blob = cipher->Encrypt(plain);
      EXPECT_EQ(blob.size(), plain.size() + (suite == FieldSuite::kAes256Gcm ? 29u : 33u));
      EXPECT_EQ(blob.find(plain.empty() ? "\xff\xff\xff" : plain), std::string::npos);
      Result<std::string> back = cipher->Decrypt(blob);
      ASSERT_TRUE(back.ok()) << back.error().code;
      EXPECT_EQ(*back, plain);
    }
  }
}

TEST(FieldCipherTest, EitherSuiteDecryptsTheOther) {
  // Changing [security] field_suite must not strand the rows written before.
  auto sm4 = FieldCipher::FromKey(kKey, FieldSuite::kSm4CtrHmacSm3);
  auto aes = FieldCipher::FromKey(kKey, FieldSuite::kAes256Gcm);
  EXPECT_EQ(*aes->Decrypt(sm4->Encrypt("330681199001011234")), "330681199001011234");
  EXPECT_EQ(*sm4->Decrypt(aes->Encrypt("330681199001011234")), "330681199001011234");
  EXPECT_EQ(sm4->Encrypt("x")[0], '\x01');
  EXPECT_EQ(aes->Encrypt("x")[0], '\x02');
}

TEST(FieldCipherTest, EveryChangedByteIsDetected) {
  for (FieldSuite suite : kSuites) {
    SCOPED_TRACE(SuiteName(suite));
    auto cipher = FieldCipher::FromKey(kKey, suite);
    std::string blob = cipher->Encrypt("11010519491231002X");
    for (std::size_t i = 0; i < blob.size(); ++i) {
      std::string bad = blob;
      bad[i] = static_cast<char>(bad[i] ^ 0x01);
      Result<std::string> r = cipher->Decrypt(bad);
      ASSERT_FALSE(r.ok()) << "byte " << i;
      EXPECT_EQ(r.error().code, "security.field.decrypt");
    }
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{16}, blob.size() - 1}) {
      EXPECT_FALSE(cipher->Decrypt(blob.substr(0, n)).ok()) << "truncated to " << n;
    }
    EXPECT_FALSE(cipher->Decrypt(blob + "x").ok());
    std::string other_key = kKey;
    other_key[0] = 'X';
    EXPECT_FALSE(FieldCipher::FromKey(other_key, suite)->Decrypt(blob).ok());
  }
  EXPECT_FALSE(FieldCipher::FromKey(kKey, kSuites[0])
                   ->Decrypt(std::string("\x03", 1) + std::string(40, 'a'))
                   .ok());
}

TEST(FieldCipherTest, NoncesDifferEachTime) {
  for (FieldSuite suite : kSuites) {
    SCOPED_TRACE(SuiteName(suite));
    auto cipher = FieldCipher::FromKey(kKey, suite);
    std::set<std::string> blobs;
    for (int i = 0; i < 1000; ++i) blobs.insert(cipher->Encrypt("11010519491231002X"));
    EXPECT_EQ(blobs.size(), 1000u);
  }
}

// Per-thread contexts keep the last key schedule; a cipher with another key on the same thread,
// or a new cipher where an old one was freed, must never run with a stale key.
TEST(FieldCipherTest, InterleavedKeysOnOneThreadKeepTheirOwnKey) {
  for (FieldSuite suite : kSuites) {
    SCOPED_TRACE(SuiteName(suite));
    std::string key_b = kKey;
    key_b[5] = '#';
    auto a = FieldCipher::FromKey(kKey, suite);
    auto b = FieldCipher::FromKey(key_b, suite);
    std::string from_a = a->Encrypt("1");
    std::string from_b = b->Encrypt("1");
    EXPECT_FALSE(a->Decrypt(from_b).ok());
    EXPECT_FALSE(b->Decrypt(from_a).ok());
    EXPECT_EQ(*a->Decrypt(from_a), "1");
    EXPECT_EQ(*b->Decrypt(from_b), "1");
    a.reset();
    auto c = FieldCipher::FromKey(key_b, suite);  // may reuse a's address
    EXPECT_EQ(*FieldCipher::FromKey(key_b, suite)->Decrypt(c->Encrypt("2")), "2");
    EXPECT_FALSE(FieldCipher::FromKey(kKey, suite)->Decrypt(c->Encrypt("2")).ok());
  }
}

// Nonces come from a per-thread buffer; a forked child must not reuse the parent's.
TEST(FieldCipherTest, ForkedChildDrawsOtherNonces) {
  auto cipher = FieldCipher::FromKey(kKey, FieldSuite::kAes256Gcm);
  (void)cipher->Encrypt("warm up the buffer");
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::string blob = cipher->Encrypt("x");
    ssize_t n = ::write(fds[1], blob.data(), blob.size());
    ::_exit(n == ssize_t(blob.size()) ? 0 : 1);
  }
  std::string parent = cipher->Encrypt("x");
  std::string child(parent.size(), '\0');
  ASSERT_EQ(::read(fds[0], child.data(), child.size()), ssize_t(child.size()));
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(fds[0]);
  ::close(fds[1]);
  EXPECT_NE(parent.substr(1, 12), child.substr(1, 12));
  EXPECT_EQ(*cipher->Decrypt(child), "x");
}

TEST(FieldCipherTest, BlindIndexIsDeterministicKeyedAndDomainSeparated) {
  auto a = FieldCipher::FromKey(kKey, FieldSuite::kSm4CtrHmacSm3);
  auto b = FieldCipher::FromKey(kKey, FieldSuite::kAes256Gcm);
  std::string id = a->BlindIndex("id", "11010519491231002X");
  EXPECT_EQ(id.size(), FieldCipher::kBlindIndexHexChars);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(id, a->BlindIndex("id", "11010519491231002X"));
  EXPECT_EQ(id, b->BlindIndex("id", "11010519491231002X"));  // independent of the suite
  EXPECT_NE(id, a->BlindIndex("id", "11010519491231002x"));
  EXPECT_NE(id, a->BlindIndex("phone", "11010519491231002X"));
  EXPECT_NE(a->BlindIndex("ab", "c"), a->BlindIndex("a", "bc"));
  std::string other_key = kKey;
  other_key[31] = '!';
  EXPECT_NE(id,
            FieldCipher::FromKey(other_key, kSuites[0])->BlindIndex("id", "11010519491231002X"));
}

// Stored indexes and blobs outlive any build: the derivation and the HMAC must never drift.
// Recomputes the index with OpenSSL's own HKDF and HMAC, and pins one value.
TEST(FieldCipherTest, BlindIndexMatchesHkdfAndHmacSm3AndIsPinned) {
  auto cipher = FieldCipher::FromKey(kKey, FieldSuite::kSm4CtrHmacSm3);
  unsigned char subkey[32];
  EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
  EVP_KDF_CTX* kctx = EVP_KDF_CTX_new(kdf);
  char digest[] = "SM3";
  char info[] = "jiceng blind index hmac-sm3 v1";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<char*>(kKey.data()), 32),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info, std::strlen(info)),
      OSSL_PARAM_construct_end()};
  ASSERT_EQ(EVP_KDF_derive(kctx, subkey, sizeof subkey, params), 1);
  EVP_KDF_CTX_free(kctx);
  EVP_KDF_free(kdf);

  std::string message = std::string("\x02", 1) + "id" + "11010519491231002X";
  unsigned char mac[64];
  std::size_t mac_len = 0;
  ASSERT_NE(EVP_Q_mac(nullptr, "HMAC", nullptr, "SM3", nullptr, subkey, sizeof subkey,
                      reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac,
                      sizeof mac, &mac_len),
            nullptr);
  ASSERT_EQ(mac_len, 32u);
  std::string index = cipher->BlindIndex("id", "11010519491231002X");
  EXPECT_EQ(index, Hex(mac, 16));
  EXPECT_EQ(index, "4d3f9880428c0f353045393a79e2aadf");
}

std::string Unhex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return out;
}

TEST(FieldCipherTest, BlobsWrittenByEarlierBuildsStillDecrypt) {
  auto cipher = FieldCipher::FromKey(kKey, FieldSuite::kSm4CtrHmacSm3);
  const char* sm4 =
      "01bdd0760f6558c79fcaf6988cf75966c890d8397c5156ea899fee7dd03db4a65775cd22c78037bb80098b5237f8"
      "dd8851b741";
  const char* aes =
      "0283ac6011f9734653af117929a34b9f91152eed5cd134ec99ad98ed5b13b76b0c09df41dc4a3d21d38d322020"
      "4ecf";
  for (const char* hex : {sm4, aes}) {
    Result<std::string> plain = cipher->Decrypt(Unhex(hex));
    ASSERT_TRUE(plain.ok()) << hex;
    EXPECT_EQ(*plain, "11010519491231002X");
  }
}

TEST(FieldCipherTest, ManyThreadsShareOneCipher) {
  auto sm4 = FieldCipher::FromKey(kKey, FieldSuite::kSm4CtrHmacSm3);
  auto aes = FieldCipher::FromKey(kKey, FieldSuite::kAes256Gcm);
  std::string expected = sm4->BlindIndex("phone", "13800138000");
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        std::string plain = "1380013" + std::to_string(t * 10000 + i);
        auto& c = (i % 2) ? sm4 : aes;
        Result<std::string> back = c->Decrypt(c->Encrypt(plain));
        if (!back.ok() || *back != plain) ++failures;
        if (sm4->BlindIndex("phone", "13800138000") != expected) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(FieldCipherTest, WrongKeySizeIsRefused) {
  EXPECT_THROW(FieldCipher::FromKey(std::string(16, 'k'), FieldSuite::kAes256Gcm),
               std::invalid_argument);
  EXPECT_THROW(FieldCipher::FromKey(std::string(33, 'k'), FieldSuite::kSm4CtrHmacSm3),
               std::invalid_argument);
  for (std::string text :
       {std::string(62, 'a'), std::string(66, 'a') + "\n", std::string(63, 'a') + "g",
        std::string(64, 'a') + "\n\n", std::string(64, 'a') + " ", std::string()}) {
    SCOPED_TRACE(text);
    std::string path = NewPath();
    WriteFile(path, text, 0600);
    auto r = FieldCipher::FromKeyFile(path, false, FieldSuite::kSm4CtrHmacSm3);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "security.key_file.format");
    EXPECT_EQ(r.error().field, "[security] key_file");
    EXPECT_EQ(r.error().message.find(std::string(62, 'a')), std::string::npos);  // no key echoed
  }
}

TEST(FieldCipherTest, KeyFileIsReadWithOrWithoutNewline) {
  std::string hex = Hex(reinterpret_cast<const unsigned char*>(kKey.data()), 32);
  auto direct = FieldCipher::FromKey(kKey, FieldSuite::kSm4CtrHmacSm3);
  for (std::string text : {hex, hex + "\n", hex + "\r\n"}) {
    std::string path = NewPath();
    WriteFile(path, text, 0600);
    auto r = FieldCipher::FromKeyFile(path, false, FieldSuite::kSm4CtrHmacSm3);
    ASSERT_TRUE(r.ok()) << r.error().code;
    EXPECT_EQ((*r)->BlindIndex("id", "1"), direct->BlindIndex("id", "1"));
    EXPECT_EQ(*direct->Decrypt((*r)->Encrypt("abc")), "abc");
  }
}

TEST(FieldCipherTest, CreatedKeyFileIsPrivateAndReusedLater) {
  std::string path = NewPath();
  auto missing = FieldCipher::FromKeyFile(path, false, FieldSuite::kSm4CtrHmacSm3);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "security.key_file.missing");

  mode_t old_umask = ::umask(0);  // even a permissive umask must not widen the mode
  auto created = FieldCipher::FromKeyFile(path, true, FieldSuite::kSm4CtrHmacSm3);
  ::umask(old_umask);
  ASSERT_TRUE(created.ok()) << created.error().message;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(st.st_size, 65);

  std::string blob = (*created)->Encrypt("11010519491231002X");
  auto again = FieldCipher::FromKeyFile(path, true, FieldSuite::kAes256Gcm);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*(*again)->Decrypt(blob), "11010519491231002X");

  std::string other = NewPath();
  auto fresh = FieldCipher::FromKeyFile(other, true, FieldSuite::kSm4CtrHmacSm3);
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE((*fresh)->Decrypt(blob).ok());  // a new file holds a new random key
}

TEST(FieldCipherTest, KeyFileReadableByOthersIsRefused) {
  std::string hex = Hex(reinterpret_cast<const unsigned char*>(kKey.data()), 32);
  for (mode_t mode : {0644, 0640, 0604, 0660, 0602}) {
    SCOPED_TRACE(mode);
    std::string path = NewPath();
    WriteFile(path, hex + "\n", mode);
    auto r = FieldCipher::FromKeyFile(path, true, FieldSuite::kSm4CtrHmacSm3);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "security.key_file.permissions");
    EXPECT_NE(r.error().message.find(path), std::string::npos);
  }
  std::string path = NewPath();
  WriteFile(path, hex, 0400);
  EXPECT_TRUE(FieldCipher::FromKeyFile(path, false, FieldSuite::kSm4CtrHmacSm3).ok());
}

TEST(FieldCipherTest, KeyFileInMissingDirectoryOrDirectoryIsAnError) {
  auto r = FieldCipher::FromKeyFile(jiceng::testing::TempDir() + "/no/such/dir/k.key", true,
                                    FieldSuite::kSm4CtrHmacSm3);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "security.key_file.create");
  auto dir = FieldCipher::FromKeyFile(jiceng::testing::TempDir(), false, FieldSuite::kAes256Gcm);
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.error().code, "security.key_file.unreadable");
}

TEST(FieldCipherTest, SuiteNamesParse) {
  EXPECT_EQ(ParseFieldSuite("sm4"), FieldSuite::kSm4CtrHmacSm3);
  EXPECT_EQ(ParseFieldSuite("aes"), FieldSuite::kAes256Gcm);
  EXPECT_EQ(ParseFieldSuite("SM4"), std::nullopt);
  EXPECT_EQ(ParseFieldSuite(""), std::nullopt);
}

}  // namespace
}  // namespace jiceng::core::crypto
