// The implementations of bytes.to_base64, hash.sha256 and
// hash.fingerprint2011 (spec §5.2), kept apart from misc_functions.cc (the
// registry table of the small namespaces) so the table stays a table.
// Private to lib/functions.
#ifndef YARAL_LIB_FUNCTIONS_BYTES_HASH_EVAL_H_
#define YARAL_LIB_FUNCTIONS_BYTES_HASH_EVAL_H_

#include <cstdint>
#include <span>
#include <string_view>

#include "absl/status/statusor.h"
#include "functions/eval_context.h"
#include "yaral/value.h"

namespace yaral::functions::internal {

// bytes.to_base64(value, default?): standard base64 with padding of the
// value's bytes (a string's UTF-8); `default` (or "") for a list.
absl::StatusOr<Value> BytesToBase64(std::span<const Value> args, const EvalContext& context);

// hash.sha256(value): lowercase hex SHA-256 of the value's bytes.
absl::StatusOr<Value> HashSha256(std::span<const Value> args, const EvalContext& context);

// hash.fingerprint2011(value): Fingerprint2011(value's bytes) as a uint.
absl::StatusOr<Value> HashFingerprint2011(std::span<const Value> args, const EvalContext& context);

// Google's fingerprint2011 is unpublished, so this is yaral's own stable
// 64-bit hash: FNV-1a 64 followed by the MurmurHash3 fmix64 finalizer (FNV
// alone spreads short inputs poorly in the low bits that `% denominator`
// reads), moved into the documented range [2, 2^64-1]. Stable across
// processes, platforms and versions: tests pin its values.
uint64_t Fingerprint2011(std::string_view bytes);

}  // namespace yaral::functions::internal

#endif  // YARAL_LIB_FUNCTIONS_BYTES_HASH_EVAL_H_
