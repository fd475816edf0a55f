// The plan a rule compiles to: what the engine executes.
//
// A Plan is the checked AST lowered into flat, index-addressed tables, so the
// engine never looks at syntax or names while it runs:
//
//   fields      every UDM path the rule reads, as steps the event reader
//               follows (FieldPath); a `slot` is one such read for one event
//               variable, either per event copy (row slot) or whole
//   variables   per event variable: its slots, the placeholders it binds and
//               its filter program (predicates on that variable alone)
//   joins       predicates over several variables, checked on bindings
//   match       the key (placeholders) and the window
//   outcomes    one program each, in section order
//   condition   one program
//
// Expressions are a tree of `Node`s stored in one vector and addressed by
// index (`NodeRef`); constants, compiled regexes and list pointers are
// resolved at compile time.
//
// Thread-safety: immutable once built; shared by every engine running it.
#ifndef YARAL_LIB_COMPILE_PLAN_H_
#define YARAL_LIB_COMPILE_PLAN_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "functions/eval_context.h"
#include "functions/function_registry.h"
#include "re2/re2.h"
#include "yaral/ast.h"
#include "yaral/data_tables.h"
#include "yaral/reference_lists.h"
#include "yaral/schema.h"
#include "yaral/value.h"

namespace yaral::plan {

using NodeRef = int32_t;
inline constexpr NodeRef kNoNode = -1;

// ------------------------------------------------------------ field reads

// One step of a UDM path as the reader follows it through JSON.
struct FieldStep {
  std::string name;       // proto name: "event_timestamp"
  std::string json_name;  // lowerCamelCase: "eventTimestamp"
  bool repeated = false;  // a proto repeated field (a JSON array, or a scalar)
  int64_t index = -1;     // `[N]`: this element only
  std::optional<std::string> key;  // `["k"]`: a Struct entry or Label value
  bool label_list = false;         // keyed read of a repeated {key, value}
  // `seconds` / `nanos` of a Timestamp or Duration: read from the parent's
  // JSON value, which may be an RFC 3339 string.
  bool timestamp_part = false;
  FieldType type = FieldType::kString;  // of the value after this step
  const EnumInfo* enum_type = nullptr;
};

// What an event variable ranges over. kTable is a data table joined with
// `=` (spec §10.4): its "events" are the table's rows, so every row-based
// comparison with one table holds on the same row.
enum class Root { kUdm, kGraph, kDetection, kTable };

Root RootOf(PathRoot root);

struct FieldPath {
  Root root = Root::kUdm;
  std::vector<FieldStep> steps;
  std::string text;  // "principal.ip[0]", for explain and messages
};

// The plan form of a path the schema resolved. `segments` are the path's
// input segments (root keyword included, as the schema saw them), for
// their `[N]` / `["k"]` subscripts; empty for a path written without any.
FieldPath FieldPathOf(const ResolvedPath& resolved, std::span<const ast::PathSegment> segments = {});

// How a slot reads its path.
enum class SlotMode {
  kRow,    // one value per event copy: repeated levels without [N] unnest
  kWhole,  // every value of the event as a list (any/all, list arguments)
};

struct Slot {
  int field = 0;  // index into Plan::fields; the column, for a table variable
  SlotMode mode = SlotMode::kRow;
};

// ------------------------------------------------------------ expressions

enum class Op : uint8_t {
  kConst,        // constant
  kSlot,         // variable `a`, slot `b` of the current binding's row
  kPlaceholder,  // placeholder `a`
  kOutcome,      // outcome `a` (already computed)
  kCount,        // #v: event variable (a >= 0) or placeholder (b >= 0)
  kExists,       // $v in the condition: count > 0
  kNotExists,    // !$v
  kElement,      // the element a quantifier is testing
  kAnd,
  kOr,
  kNot,
  kNegate,
  kArithmetic,   // args[0] op args[1]; `arith`
  kCompare,      // args[0] cmp args[1]; `compare`, `nocase`, `enum_type`
  kRegexMatch,   // args[0] matches `regex` (or not, with kNe)
  kQuantified,   // any/all: list args[0], predicate args[1] over kElement
  kInList,       // args[0] in `list` of `list_kind`
  kInArray,      // args[0] equal to one of args[1..]
  kInColumn,     // args[0] in data-table `table` column `column`
  kCall,         // function `call` on args
  kAggregate,    // aggregation `aggregate` of args[0] over the group
  kIf,           // args[0] ? args[1] : args[2]
  kWindowStart,
  kWindowEnd,
};

// The registry entry's aggregation kind (functions::FunctionInfo::aggregate).
using Aggregate = functions::Aggregate;

struct Node {
  Op op = Op::kConst;
  int32_t a = -1;
  int32_t b = -1;
  std::vector<NodeRef> args;
  Value constant;
  ast::BinaryOp arith = ast::BinaryOp::kAdd;
  ast::ComparisonOp compare = ast::ComparisonOp::kEq;
  ast::Quantifier quantifier = ast::Quantifier::kAny;
  bool nocase = false;
  // Ordering comparisons of an enum field compare value numbers.
  const EnumInfo* enum_type = nullptr;
  std::shared_ptr<const RE2> regex;
  const ReferenceList* list = nullptr;
  ast::ListKind list_kind = ast::ListKind::kString;
  const DataTable* table = nullptr;
  size_t column = 0;
  functions::EvalFn call = nullptr;
  std::string name;  // function or aggregation name, for errors and explain
  // kCall: the names of named arguments (metrics.*), "" for positional ones;
  // a named argument reaches the function as the list [name, value].
  std::vector<std::string> arg_names;
  Aggregate aggregate = Aggregate::kMax;
  // kRegexMatch: the pattern starts with `(?s)`, so the whole subject is
  // searched instead of its first line (functions::RegexSubject).
  bool dot_all = false;
};

// A predicate with the text it came from, for explain output.
struct Predicate {
  NodeRef node = kNoNode;
  std::string text;
  std::vector<int> variables;  // event variables it reads
};

// `$ph = expr`: defines a placeholder on a row of one variable; when the row
// already has it (assigned twice), it is a filter `ph == expr` instead.
struct Binding {
  int placeholder = 0;
  NodeRef value = kNoNode;
  std::string text;
};

struct Variable {
  std::string name;  // without `$`; `%table` for a table variable
  Root root = Root::kUdm;
  const DataTable* table = nullptr;  // Root::kTable
  std::vector<Slot> slots;
  std::vector<Binding> bindings;    // evaluated first, in order
  std::vector<Predicate> filters;   // then these, all must hold
  // The condition lets it be absent (`!$v`, `#v = 0`): joined as an outer
  // join, and its fields read as zero values when absent.
  bool optional = false;
};

struct Placeholder {
  std::string name;
  int variable = -1;  // the first event variable that binds it
  // Bound directly from a field: as a match variable, zero values drop the
  // binding unless allow_zero_values (spec §6.5).
  bool from_field = false;
  bool is_match = false;
  // An enum's zero value is its position-0 value (spec §3.4), which the
  // match filter skips like "" and 0.
  const EnumInfo* enum_type = nullptr;
};

struct Outcome {
  std::string name;
  NodeRef node = kNoNode;
  std::string text;
};

enum class WindowKind { kNone, kHop, kTumbling, kSlidingBefore, kSlidingAfter };

struct Match {
  std::vector<int> keys;  // placeholders, in `match:` order
  WindowKind window = WindowKind::kNone;
  int64_t window_seconds = 0;
  int64_t hop_seconds = 0;  // hop windows: window / 10; tumbling: window
  int pivot = -1;           // sliding windows: the pivot event variable
};

struct Plan {
  std::string rule_name;
  std::vector<std::pair<std::string, Value>> meta;
  std::vector<FieldPath> fields;
  std::vector<Node> nodes;
  std::vector<Variable> variables;
  std::vector<Placeholder> placeholders;
  std::vector<Predicate> joins;      // over two or more variables
  std::vector<Predicate> constants;  // over none: checked once per binding
  Match match;
  std::vector<Outcome> outcomes;
  Predicate condition;
  bool allow_zero_values = false;
  int64_t suppression_window_seconds = 0;
  int suppression_key_outcome = -1;  // $suppression_key
  // Keeps lists and tables alive as long as the plan points into them.
  std::shared_ptr<const ReferenceListSet> lists;
  std::shared_ptr<const DataTableSet> tables;
};

// Readable text of the plan (`yaral explain`).
std::string ExplainPlan(const Plan& plan);

}  // namespace yaral::plan

#endif  // YARAL_LIB_COMPILE_PLAN_H_
