// net.*: spec §5.2. The CIDR is not required to be a literal: rules pass
// data-table CIDR columns (`net.ip_in_range_cidr($e.ip, %t.col)`, §10.4).
#include <vector>

#include "functions/function_tables.h"

namespace yaral::functions::internal {

void AddNetFunctions(std::vector<FunctionInfo>& out) {
  out.push_back({
      .name = "net.ip_in_range_cidr",
      .params = {Arg("ip", kStringLike), Arg("cidr", kStringLike)},
      .result = Of(BaseType::kBool),
      .predicate = true,
      .summary = "True when the IPv4 or IPv6 address `ip` is inside the subnet `cidr`.",
  });
}

}  // namespace yaral::functions::internal
