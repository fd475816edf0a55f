// Which rules of an engine an event can reach, by the values of a few of
// its fields.
//
// Most rules start with an equality on a field of one value per event:
// `$e.metadata.event_type = "PROCESS_LAUNCH"`, `$e.metadata.product_event_type
// = "4688"`, `$e.metadata.vendor_name = "Okta"` (or `in [...]`, or or-ed
// equalities the plan turns into `in`). An event has one value there, so of
// a pack of a thousand rules it can pass the first filter of a few dozen.
// The dispatch index lists each rule under one such test per event variable
// (the one with the fewest constants, also found inside `or`s of `and`s:
// ImpliedStrings), and maps (field, value) to the rules listed there. For an
// event, the rules to ask are those listed under its values, plus the rules
// that have no such test; the others' filters would reject it.
//
// The index only narrows the rules asked; each rule still tests its own
// filters, so results are exactly those of asking every rule (the corpus
// differential test, tests/corpus/corpus_run_test.cc, holds it to that).
//
// Private to lib/engine.
#ifndef YARAL_LIB_ENGINE_DISPATCH_H_
#define YARAL_LIB_ENGINE_DISPATCH_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compile/plan.h"
#include "engine/row_builder.h"
#include "yaral/value.h"

namespace yaral::engine {

// One test a rule's variable makes of every UDM event it takes:
// `field` holds one of `values` (non-empty strings).
struct DispatchTest {
  std::string field;  // the path as plan::FieldPath::text writes it
  std::vector<std::string> values;
  // Where the event's value of `field` is read (any rule's builder will do:
  // every rule reads through the engine's one reader), once the top-level
  // member `member_bit` has been read.
  const RowBuilder* builder = nullptr;
  size_t slot = 0;
  uint64_t member_bit = 0;
};

// What filter `node` of `variable` implies about the event: per slot, the
// strings it must hold for the filter to be true (`f = "a"`, `f in ["a",
// "b"]`, and through `and` and `or`: `(f = "a" and ...) or f = "b"` implies
// f in ["a", "b"]). Only slots `flat(slot)` accepts (one value per event)
// and non-empty string constants without `nocase` count.
std::map<int, std::vector<std::string>> ImpliedStrings(const plan::Plan& plan, plan::NodeRef node,
                                                       int variable,
                                                       const std::function<bool(int slot)>& flat);

class Dispatch {
 public:
  // `tests[i]`: one test per UDM variable of rule i; nullopt when some
  // variable has none, so rule i is asked about every event.
  explicit Dispatch(const std::vector<std::optional<std::vector<DispatchTest>>>& tests);

  // Every rule, ascending.
  const std::vector<uint32_t>& all() const { return all_; }
  // The top-level members holding the indexed fields: Select needs them read.
  uint64_t members() const { return members_; }

  // The rules to ask about the UDM event the reader holds, ascending, in
  // `out` (reused from event to event).
  void Select(std::vector<uint32_t>& out) const;

  size_t indexed_rules() const { return indexed_rules_; }
  size_t fields() const { return fields_.size(); }

 private:
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Field {
    const RowBuilder* builder = nullptr;
    size_t slot = 0;
    std::unordered_map<std::string, std::vector<uint32_t>, StringHash, std::equal_to<>> rules_by_value;
    // A value that is neither a string nor zero (a number where a name was
    // expected) is compared by Value equality, which the index does not
    // model: every rule listed under the field is asked.
    std::vector<uint32_t> rules;
  };

  std::vector<uint32_t> all_;
  std::vector<uint32_t> unindexed_;  // asked about every event
  std::vector<Field> fields_;
  uint64_t members_ = 0;
  size_t indexed_rules_ = 0;
};

}  // namespace yaral::engine

#endif  // YARAL_LIB_ENGINE_DISPATCH_H_
