#include "functions/bytes_hash_eval.h"

#include <openssl/evp.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "functions/eval_util.h"

namespace yaral::functions::internal {

absl::StatusOr<Value> BytesToBase64(std::span<const Value> args, const EvalContext&) {
  const Value& value = ArgOr(args, 0);
  // Every string or bytes value encodes; only a value with no bytes of its
  // own (a list) is the documented "invalid input".
  if (value.is_list()) return Value::String(std::string(ArgOr(args, 1).string()));
  return Value::String(absl::Base64Escape(AbslView(value.string())));
}

absl::StatusOr<Value> HashSha256(std::span<const Value> args, const EvalContext&) {
  std::string_view input = ArgOr(args, 0).string();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  // EVP_Digest rather than SHA256(): the low-level call is deprecated in
  // OpenSSL 3.
  if (EVP_Digest(input.data(), input.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    return absl::InternalError("hash.sha256: OpenSSL could not compute the digest");
  }
  return Value::String(
      absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), length)));
}

absl::StatusOr<Value> HashFingerprint2011(std::span<const Value> args, const EvalContext&) {
  return Value::Uint(Fingerprint2011(ArgOr(args, 0).string()));
}

uint64_t Fingerprint2011(std::string_view bytes) {
  constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
  constexpr uint64_t kFnvPrime = 0x100000001b3ULL;
  uint64_t hash = kFnvOffset;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnvPrime;
  }
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdULL;
  hash ^= hash >> 33;
  hash *= 0xc4ceb9fe1a85ec53ULL;
  hash ^= hash >> 33;
  // SecOps documents the range [2, 2^64-1]: 0 and 1 are reserved there.
  return hash < 2 ? hash + 2 : hash;
}

}  // namespace yaral::functions::internal
