// Field encryption cost for an 18-character ID number, both suites, beside a plain SHA-256 of the
// same bytes as the in-run baseline. BM_FieldCipherImportRow does what an import does per
// resident (2 fields encrypted, 6 blind indexes): the goal is >= 100k rows/s.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <memory>
#include <string>

#include "core/crypto/field_cipher.hpp"

namespace {

namespace crypto = jiceng::core::crypto;

const std::string kId = "11010519491231002X";
const std::string kPhone = "13800138000";

std::shared_ptr<crypto::FieldCipher> Cipher(const benchmark::State& state) {
  static const std::string key(32, '\x5a');
  static auto sm4 = crypto::FieldCipher::FromKey(key, crypto::FieldSuite::kSm4CtrHmacSm3);
  static auto aes = crypto::FieldCipher::FromKey(key, crypto::FieldSuite::kAes256Gcm);
  return state.range(0) == 0 ? sm4 : aes;
}

void SuiteLabel(benchmark::State& state) { state.SetLabel(state.range(0) == 0 ? "sm4" : "aes"); }

void BM_FieldCipherSha256Baseline(benchmark::State& state) {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  for (auto _ : state) {
    EVP_Digest(kId.data(), kId.size(), out, &len, md, nullptr);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FieldCipherSha256Baseline);

void BM_FieldCipherEncrypt(benchmark::State& state) {
  auto cipher = Cipher(state);
  for (auto _ : state) benchmark::DoNotOptimize(cipher->Encrypt(kId));
  state.SetItemsProcessed(state.iterations());
  SuiteLabel(state);
}
BENCHMARK(BM_FieldCipherEncrypt)->Arg(0)->Arg(1);

void BM_FieldCipherDecrypt(benchmark::State& state) {
  auto cipher = Cipher(state);
  std::string blob = cipher->Encrypt(kId);
  for (auto _ : state) {
    auto plain = cipher->Decrypt(blob);
    if (!plain.ok()) state.SkipWithError("decrypt failed");
    benchmark::DoNotOptimize(plain);
  }
  state.SetItemsProcessed(state.iterations());
  SuiteLabel(state);
}
BENCHMARK(BM_FieldCipherDecrypt)->Arg(0)->Arg(1);

// The index is HMAC-SM3 for both suites; the argument only picks the cipher object.
void BM_FieldCipherBlindIndex(benchmark::State& state) {
  auto cipher = Cipher(state);
  for (auto _ : state) benchmark::DoNotOptimize(cipher->BlindIndex("id", kId));
  state.SetItemsProcessed(state.iterations());
  SuiteLabel(state);
}
BENCHMARK(BM_FieldCipherBlindIndex)->Arg(0)->Threads(1)->Threads(2);

void BM_FieldCipherImportRow(benchmark::State& state) {
  auto cipher = Cipher(state);
  for (auto _ : state) {
    benchmark::DoNotOptimize(cipher->Encrypt(kId));
    benchmark::DoNotOptimize(cipher->Encrypt(kPhone));
    benchmark::DoNotOptimize(cipher->BlindIndex("id", kId));
    benchmark::DoNotOptimize(cipher->BlindIndex("id_tail4", kId.substr(14)));
    benchmark::DoNotOptimize(cipher->BlindIndex("id_birth", kId.substr(6, 8)));
    benchmark::DoNotOptimize(cipher->BlindIndex("phone", kPhone));
    benchmark::DoNotOptimize(cipher->BlindIndex("phone_tail4", kPhone.substr(7)));
    benchmark::DoNotOptimize(cipher->BlindIndex("name_id", kId));
  }
  state.SetItemsProcessed(state.iterations());
  SuiteLabel(state);
}
BENCHMARK(BM_FieldCipherImportRow)->Arg(0)->Arg(1);

}  // namespace
