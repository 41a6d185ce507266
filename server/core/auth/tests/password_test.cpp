#include "core/auth/password.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "core/crypto/crypto.hpp"

namespace jiceng::core::auth {
namespace {

TEST(AuthPasswordPolicy, SevenCharactersAreTooShort) {
  app::AuthConfig config;
  auto r = CheckPasswordPolicy("Abc12!x", config);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "auth.password.too_short");
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);
  EXPECT_FALSE(r.error().message.empty());
}

TEST(AuthPasswordPolicy, EightCharactersWithThreeClassesPass) {
  app::AuthConfig config;
  EXPECT_TRUE(CheckPasswordPolicy("abcdef1A", config).ok());     // lower, digit, upper
  EXPECT_TRUE(CheckPasswordPolicy("abcdef1!", config).ok());     // lower, digit, symbol
  EXPECT_TRUE(CheckPasswordPolicy("网格员abc1!", config).ok());  // CJK counts as symbol
}

TEST(AuthPasswordPolicy, TwoClassesAreTooWeak) {
  app::AuthConfig config;
  auto r = CheckPasswordPolicy("abcdefg1", config);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "auth.password.too_weak");
  EXPECT_FALSE(CheckPasswordPolicy("ABCDEFGH", config).ok());
}

TEST(AuthPasswordPolicy, LengthCountsCharactersNotBytes) {
  app::AuthConfig config;
  // 7 characters but 15 bytes in UTF-8: still too short.
  auto r = CheckPasswordPolicy("密码密码a1A", config);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "auth.password.too_short");
}

TEST(AuthPasswordPolicy, FollowsConfiguration) {
  app::AuthConfig config;
  config.password_min_length = 12;
  config.password_min_classes = 4;
  EXPECT_FALSE(CheckPasswordPolicy("abcdefgh1A!", config).ok());
  EXPECT_FALSE(CheckPasswordPolicy("abcdefghi1Ax", config).ok());
  EXPECT_TRUE(CheckPasswordPolicy("abcdefghi1A!", config).ok());
}

TEST(AuthPasswordHash, HashesVerifyAndDiffer) {
  auto start = std::chrono::steady_clock::now();
  std::string h1 = HashPassword("Correct-horse-1");
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  std::string h2 = HashPassword("Correct-horse-1");
  EXPECT_EQ(h1.rfind("$argon2id$", 0), 0u);
  EXPECT_NE(h1, h2);  // salted
  EXPECT_TRUE(VerifyPassword(h1, "Correct-horse-1"));
  EXPECT_FALSE(VerifyPassword(h1, "Correct-horse-2"));
  EXPECT_FALSE(VerifyPassword("not a hash", "Correct-horse-1"));
  EXPECT_FALSE(PasswordNeedsRehash(h1));
  RecordProperty("argon2id_hash_ms", static_cast<int>(ms));
  EXPECT_LT(ms, 1000) << "argon2id parameters far too slow for this machine";
}

TEST(AuthPasswordHash, DummyHashRejectsEverything) {
  EXPECT_FALSE(VerifyPassword(DummyPasswordHash(), ""));
  EXPECT_FALSE(VerifyPassword(DummyPasswordHash(), "password"));
}

TEST(CryptoPrimitives, Sm3KnownAnswer) {
  // GB/T 32905-2016 example 1.
  EXPECT_EQ(crypto::Sm3Hex("abc"),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
}

TEST(CryptoPrimitives, Sha256KnownAnswer) {
  EXPECT_EQ(crypto::Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(CryptoPrimitives, RandomTokensAreUrlSafeAndDistinct) {
  std::string a = crypto::RandomToken(32), b = crypto::RandomToken(32);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  for (char c : a) {
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << c;
  }
}

TEST(CryptoPrimitives, ConstantTimeEquals) {
  EXPECT_TRUE(crypto::ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(crypto::ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(crypto::ConstantTimeEquals("abc", "abcd"));
  EXPECT_TRUE(crypto::ConstantTimeEquals("", ""));
}

}  // namespace
}  // namespace jiceng::core::auth
