// RFC 6238 TOTP through liboath: the RFC's own test vectors (SHA-1, last six digits), the
// one-step drift window at its exact edges, and no code accepted twice.
#include "core/auth/totp.hpp"

#include <gtest/gtest.h>

namespace jiceng::core::auth {
namespace {

const std::string kRfcSecret = "12345678901234567890";

TEST(Totp, RfcTestVectors) {
  EXPECT_EQ(TotpCode(kRfcSecret, 59'000), "287082");
  EXPECT_EQ(TotpCode(kRfcSecret, 1'111'111'109'000), "081804");
  EXPECT_EQ(TotpCode(kRfcSecret, 1'234'567'890'000), "005924");
  EXPECT_EQ(TotpCode(kRfcSecret, 2'000'000'000'000), "279037");
}

TEST(Totp, AcceptsOneStepOfDriftEitherWayAndNoMore) {
  const std::int64_t now = 1'234'567'890'000;  // step 41152263
  const std::int64_t step = now / 1000 / 30;
  auto code_at = [&](std::int64_t s) { return TotpCode(kRfcSecret, s * 30'000); };
  EXPECT_EQ(VerifyTotp(kRfcSecret, code_at(step), now, 0), step);
  EXPECT_EQ(VerifyTotp(kRfcSecret, code_at(step - 1), now, 0), step - 1);
  EXPECT_EQ(VerifyTotp(kRfcSecret, code_at(step + 1), now, 0), step + 1);
  EXPECT_FALSE(VerifyTotp(kRfcSecret, code_at(step - 2), now, 0));
  EXPECT_FALSE(VerifyTotp(kRfcSecret, code_at(step + 2), now, 0));
}

TEST(Totp, ACodeIsNeverAcceptedTwice) {
  const std::int64_t now = 1'234'567'890'000;
  const std::int64_t step = now / 1000 / 30;
  const std::string code = TotpCode(kRfcSecret, now);
  EXPECT_FALSE(VerifyTotp(kRfcSecret, code, now, step));     // this step already used
  EXPECT_TRUE(VerifyTotp(kRfcSecret, code, now, step - 1));  // an older one was
  EXPECT_FALSE(VerifyTotp(kRfcSecret, "", now, 0));
  EXPECT_FALSE(VerifyTotp(kRfcSecret, "12345", now, 0));
  EXPECT_FALSE(VerifyTotp(kRfcSecret, "1234567", now, 0));
}

TEST(Totp, Base32RoundTripAndUri) {
  EXPECT_EQ(TotpBase32(kRfcSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(TotpSecretFromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), kRfcSecret);
  EXPECT_FALSE(TotpSecretFromBase32("not base32!"));
  EXPECT_EQ(TotpUri("Jiceng", "sec admin", kRfcSecret),
            "otpauth://totp/Jiceng:sec%20admin?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=Jiceng&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(NewTotpSecret().size(), 20u);
  EXPECT_NE(NewTotpSecret(), NewTotpSecret());
}

}  // namespace
}  // namespace jiceng::core::auth
