// The built-in function registry (lib/functions): its integrity, its
// coverage of spec §5, docs/functions.md staying in step with it, and every
// function called by the public rule corpus being known.
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include <catch2/catch.hpp>

#include "../../support/corpus.h"
#include "functions/function_registry.h"
#include "yaral/ast.h"
#include "yaral/parser.h"
#include "yaral/schema.h"
#include "yaral/source.h"
#include "yaral/types.h"

namespace {

namespace fs = std::filesystem;
namespace ast = yaral::ast;
namespace fn = yaral::functions;
using yaral::BaseType;
using yaral::Type;

// Every function of spec §5.2 and §5.3 (the "Other" entries that are not
// calls — graph_override, write_row — are setup/export actions, not
// functions).
const std::vector<std::string_view> kSpecFunctions = {
    "arrays.concat", "arrays.contains", "arrays.index_to_float", "arrays.index_to_int",
    "arrays.index_to_str", "arrays.join_string", "arrays.length", "arrays.max", "arrays.min",
    "arrays.size",
    "bytes.to_base64",
    "cast.as_bool", "cast.as_float", "cast.as_int", "cast.as_string", "cast.as_uint",
    "hash.fingerprint2011", "hash.sha256",
    "math.abs", "math.ceil", "math.floor", "math.geo_distance", "math.is_increasing",
    "math.log", "math.pow", "math.random", "math.round", "math.sqrt",
    "metrics.alert_event_name_count", "metrics.auth_attempts_fail",
    "metrics.auth_attempts_success", "metrics.auth_attempts_total",
    "metrics.dns_bytes_outbound", "metrics.dns_queries_fail", "metrics.dns_queries_success",
    "metrics.dns_queries_total", "metrics.file_executions_fail",
    "metrics.file_executions_success", "metrics.file_executions_total",
    "metrics.http_queries_fail", "metrics.http_queries_success", "metrics.http_queries_total",
    "metrics.network_bytes_inbound", "metrics.network_bytes_outbound",
    "metrics.network_bytes_total", "metrics.resource_creation_success",
    "metrics.resource_creation_total", "metrics.resource_deletion_success",
    "metrics.resource_read_fail", "metrics.resource_read_success",
    "net.ip_in_range_cidr",
    "optimization.sample_rate",
    "re.regex", "re.capture", "re.capture_all", "re.replace",
    "strings.base64_decode", "strings.coalesce", "strings.concat", "strings.contains",
    "strings.count_substrings", "strings.ends_with", "strings.extract_domain",
    "strings.extract_hostname", "strings.from_base64", "strings.from_hex", "strings.length",
    "strings.ltrim", "strings.reverse", "strings.rtrim", "strings.split", "strings.starts_with",
    "strings.to_lower", "strings.to_upper", "strings.trim", "strings.url_decode",
    "timestamp.as_unix_seconds", "timestamp.current_seconds", "timestamp.now",
    "timestamp.get_date", "timestamp.get_minute", "timestamp.get_hour",
    "timestamp.get_day_of_week", "timestamp.get_week", "timestamp.get_timestamp",
    "window.avg", "window.first", "window.last", "window.median", "window.mode",
    "window.range", "window.stddev", "window.variance",
    "group",
    "max", "min", "sum", "count", "count_distinct", "array", "array_distinct", "avg",
    "stddev", "earliest", "latest", "period_start_for_max", "period_start_for_min",
};

const fn::FunctionInfo& Get(std::string_view name) {
  const fn::FunctionInfo* info = fn::Find(name);
  INFO(name);
  REQUIRE(info != nullptr);
  return *info;
}

std::string_view Namespace(std::string_view name) {
  size_t dot = name.find('.');
  return dot == std::string_view::npos ? std::string_view() : name.substr(0, dot);
}

TEST_CASE("function names are unique and Find returns each entry") {
  std::set<std::string_view> seen;
  for (const fn::FunctionInfo& info : fn::All()) {
    INFO(info.name);
    CHECK(seen.insert(info.name).second);
    CHECK(fn::Find(info.name) == &info);
  }
  CHECK(fn::Find("re.nope") == nullptr);
  CHECK(fn::Find("") == nullptr);
  CHECK(fn::Find("RE.REGEX") == nullptr);  // names are case-sensitive
}

TEST_CASE("every function of spec section 5 is registered, and nothing else") {
  std::set<std::string_view> spec(kSpecFunctions.begin(), kSpecFunctions.end());
  CHECK(spec.size() == kSpecFunctions.size());
  for (std::string_view name : kSpecFunctions) {
    INFO(name);
    CHECK(fn::Find(name) != nullptr);
  }
  for (const fn::FunctionInfo& info : fn::All()) {
    INFO(info.name);
    CHECK(spec.count(info.name) == 1);
  }
}

TEST_CASE("per-namespace counts") {
  std::map<std::string_view, int> counts;
  for (const fn::FunctionInfo& info : fn::All()) ++counts[Namespace(info.name)];
  CHECK(counts["arrays"] == 10);
  CHECK(counts["bytes"] == 1);
  CHECK(counts["cast"] == 5);
  CHECK(counts["hash"] == 2);
  CHECK(counts["math"] == 10);
  CHECK(counts["metrics"] == 22);
  CHECK(counts["net"] == 1);
  CHECK(counts["optimization"] == 1);
  CHECK(counts["re"] == 4);
  CHECK(counts["strings"] == 20);
  CHECK(counts["timestamp"] == 9);
  CHECK(counts["window"] == 8);
  CHECK(counts[""] == 14);  // 13 aggregations and group
}

TEST_CASE("signatures are well-formed") {
  for (const fn::FunctionInfo& info : fn::All()) {
    INFO(info.name);
    CHECK(!info.summary.empty());
    CHECK(info.summary.find('\n') == std::string_view::npos);
    CHECK(info.summary.find('|') == std::string_view::npos);  // docs table cell
    std::set<std::string_view> param_names;
    for (const fn::Param& param : info.params) {
      CHECK(!param.name.empty());
      CHECK(param_names.insert(param.name).second);
      CHECK(param.accepts != 0);
    }
    if (!info.named_arguments_only) {
      // Optional parameters only trail; a variadic one only comes last.
      bool seen_optional = false;
      for (size_t i = 0; i < info.params.size(); ++i) {
        const fn::Param& param = info.params[i];
        if (seen_optional) CHECK(param.optional);
        seen_optional = seen_optional || param.optional;
        if (param.variadic) CHECK(i + 1 == info.params.size());
      }
    }
    // Results that follow an argument need one.
    if (info.result_rule != fn::ResultRule::kFixed) {
      REQUIRE(!info.params.empty());
      CHECK(info.result.base == BaseType::kUnknown);
    } else {
      CHECK(info.result.known());
    }
    if (info.result_rule == fn::ResultRule::kElementOfArg0) CHECK(info.params[0].list);
    // A predicate is exactly a function returning bool.
    bool returns_bool =
        info.result_rule == fn::ResultRule::kFixed && info.result.Is(BaseType::kBool);
    CHECK(info.predicate == returns_bool);
    // Only the capturing functions limit capture groups, on a literal pattern.
    if (info.max_capture_groups >= 0) {
      REQUIRE(info.params.size() >= 2);
      CHECK(info.params[1].constant);
    }
    // Kinds follow the namespaces.
    std::string_view ns = Namespace(info.name);
    if (ns == "window") CHECK(info.kind == fn::FunctionKind::kWindow);
    if (ns == "metrics") {
      CHECK(info.kind == fn::FunctionKind::kMetrics);
      CHECK(info.named_arguments_only);
    } else {
      CHECK(!info.named_arguments_only);
    }
    if (ns.empty() && info.name != "group") CHECK(info.kind == fn::FunctionKind::kAggregation);
    if (!ns.empty() && ns != "window" && ns != "metrics") {
      CHECK(info.kind == fn::FunctionKind::kScalar);
    }
  }
}

TEST_CASE("aggregation entries carry what the engine computes, scalars none") {
  std::set<fn::Aggregate> seen;
  for (const fn::FunctionInfo& f : fn::All()) {
    INFO(f.name);
    const bool aggregates =
        f.kind == fn::FunctionKind::kAggregation || f.kind == fn::FunctionKind::kWindow;
    CHECK(f.aggregate.has_value() == aggregates);
    if (f.aggregate) CHECK(seen.insert(*f.aggregate).second);  // one entry per kind
  }
  CHECK(Get("count_distinct").aggregate == fn::Aggregate::kCountDistinct);
  CHECK(Get("window.first").aggregate == fn::Aggregate::kWindowFirst);
  CHECK(Get("period_start_for_min").aggregate == fn::Aggregate::kPeriodStartForMin);
  CHECK_FALSE(Get("metrics.auth_attempts_total").aggregate.has_value());
}

TEST_CASE("signature spot checks") {
  const fn::FunctionInfo& regex = Get("re.regex");
  REQUIRE(regex.params.size() == 2);
  CHECK(regex.params[0].accepts == fn::kAnyScalar);
  CHECK((regex.params[1].accepts & fn::Mask(BaseType::kRegex)) != 0);
  CHECK(regex.result == Type::Of(BaseType::kBool));
  CHECK(regex.predicate);
  CHECK(regex.kind == fn::FunctionKind::kScalar);

  const fn::FunctionInfo& capture = Get("re.capture");
  CHECK(capture.result == Type::Of(BaseType::kString));
  CHECK(capture.max_capture_groups == 1);
  CHECK(capture.params[1].constant);
  const fn::FunctionInfo& capture_all = Get("re.capture_all");
  CHECK(capture_all.result == Type::ListOf(BaseType::kString));
  CHECK(capture_all.max_capture_groups == 1);
  CHECK(Get("re.replace").params.size() == 3);
  CHECK(Get("re.regex").max_capture_groups == -1);

  const fn::FunctionInfo& cidr = Get("net.ip_in_range_cidr");
  CHECK(cidr.params.size() == 2);
  CHECK(cidr.result == Type::Of(BaseType::kBool));

  const fn::FunctionInfo& concat = Get("strings.concat");
  REQUIRE(concat.params.size() == 1);
  CHECK(concat.params[0].variadic);
  CHECK(!concat.params[0].optional);
  CHECK((concat.params[0].accepts & fn::kNumeric) == fn::kNumeric);
  CHECK(Get("strings.coalesce").params[0].variadic);

  const fn::FunctionInfo& hour = Get("timestamp.get_hour");
  REQUIRE(hour.params.size() == 2);
  CHECK(hour.params[0].accepts == fn::kIntegral);
  CHECK(hour.params[1].optional);
  CHECK(hour.params[1].constant);
  CHECK(hour.result == Type::Of(BaseType::kInt));
  CHECK(Get("timestamp.get_timestamp").params.size() == 3);
  CHECK(Get("timestamp.now").params.empty());

  const fn::FunctionInfo& abs = Get("math.abs");
  CHECK(abs.result_rule == fn::ResultRule::kSameAsArg0);
  CHECK(abs.params[0].accepts == fn::kNumeric);
  CHECK(Get("math.ceil").result == Type::Of(BaseType::kInt));
  CHECK(Get("math.geo_distance").params.size() == 4);
  CHECK(Get("math.random").params.empty());

  const fn::FunctionInfo& length = Get("arrays.length");
  CHECK(length.params[0].list);
  CHECK(length.result == Type::Of(BaseType::kInt));
  const fn::FunctionInfo& contains = Get("arrays.contains");
  CHECK(contains.params[0].list);
  CHECK(!contains.params[1].list);
  CHECK(contains.predicate);
  CHECK(Get("arrays.min").params[1].optional);

  CHECK(Get("cast.as_int").result == Type::Of(BaseType::kInt));  // spec: recommend INT
  CHECK(Get("hash.fingerprint2011").result == Type::Of(BaseType::kUint));

  for (std::string_view name : {"max", "min", "sum"}) {
    const fn::FunctionInfo& f = Get(name);
    CHECK(f.kind == fn::FunctionKind::kAggregation);
    CHECK(f.params[0].accepts == fn::kNumeric);
    CHECK(f.result_rule == fn::ResultRule::kSameAsArg0);
  }
  for (std::string_view name : {"avg", "stddev"}) {
    CHECK(Get(name).result == Type::Of(BaseType::kFloat));
  }
  for (std::string_view name : {"count", "count_distinct"}) {
    CHECK(Get(name).params[0].accepts == fn::kAnyScalar);
    CHECK(Get(name).result == Type::Of(BaseType::kInt));
  }
  for (std::string_view name : {"array", "array_distinct"}) {
    CHECK(Get(name).result_rule == fn::ResultRule::kListOfArg0);
  }
  CHECK((Get("earliest").params[0].accepts & fn::Mask(BaseType::kMessage)) != 0);
  CHECK(Get("window.range").result == Type::ListOf(BaseType::kFloat));
  CHECK(Get("group").search_only);

  const fn::FunctionInfo& metric = Get("metrics.network_bytes_outbound");
  CHECK(metric.kind == fn::FunctionKind::kMetrics);
  CHECK(metric.named_arguments_only);
  std::set<std::string_view> names;
  for (const fn::Param& param : metric.params) names.insert(param.name);
  CHECK(names == std::set<std::string_view>{"period", "window", "metric", "agg", "filter",
                                            "dimension"});
}

TEST_CASE("FormatSignature") {
  CHECK(fn::FormatSignature(Get("re.regex")) ==
        "re.regex(text: any, pattern: string|regex) -> bool");
  CHECK(fn::FormatSignature(Get("re.capture")) ==
        "re.capture(text: string, pattern: const string|regex) -> string");
  CHECK(fn::FormatSignature(Get("timestamp.get_hour")) ==
        "timestamp.get_hour(seconds: int, time_zone?: const string) -> int");
  CHECK(fn::FormatSignature(Get("strings.concat")) ==
        "strings.concat(values: string|number...) -> string");
  CHECK(fn::FormatSignature(Get("arrays.length")) == "arrays.length(list: list<any>) -> int");
  CHECK(fn::FormatSignature(Get("math.abs")) == "math.abs(value: number) -> type of value");
  CHECK(fn::FormatSignature(Get("array_distinct")) ==
        "array_distinct(value: any) -> list of type of value");
  CHECK(fn::FormatSignature(Get("earliest")) ==
        "earliest(value: int|timestamp) -> type of value");
  CHECK(fn::FormatSignature(Get("math.random")) == "math.random() -> float");
  CHECK(fn::KindName(fn::FunctionKind::kWindow) == "window");
}

TEST_CASE("type names") {
  CHECK(yaral::BaseTypeName(BaseType::kString) == "string");
  CHECK(yaral::BaseTypeName(BaseType::kUint) == "uint");
  CHECK(yaral::TypeName(Type::Of(BaseType::kInt)) == "int");
  CHECK(yaral::TypeName(Type::ListOf(BaseType::kString)) == "list<string>");
  CHECK(yaral::TypeName(Type::Of(BaseType::kEnum)) == "enum");
  CHECK(yaral::TypeName(Type{}) == "unknown");
  yaral::EnumInfo event_type;
  event_type.name = "Metadata.EventType";
  CHECK(yaral::TypeName(Type::Enum(&event_type)) == "enum Metadata.EventType");
  Type list_of_enum = Type::Enum(&event_type);
  list_of_enum.list = true;
  CHECK(yaral::TypeName(list_of_enum) == "list<enum Metadata.EventType>");
}

// ------------------------------------------------------------ docs/functions.md

// A Markdown table cell: pipes inside code spans must be escaped in GFM.
std::string Cell(std::string_view text) {
  std::string cell;
  for (char c : text) {
    if (c == '|') cell += '\\';
    cell += c;
  }
  return cell;
}

std::string DocRow(const fn::FunctionInfo& info) {
  return "| `" + Cell(fn::FormatSignature(info)) + "` | " + std::string(fn::KindName(info.kind)) +
         " | " + std::string(info.summary) + " |";
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST_CASE("docs/functions.md lists every function with its current signature") {
  fs::path doc = fs::path(YARAL_SOURCE_DIR) / "docs" / "functions.md";
  REQUIRE(fs::exists(doc));
  std::set<std::string> lines;
  std::istringstream text(ReadFile(doc));
  for (std::string line; std::getline(text, line);) lines.insert(line);
  for (const fn::FunctionInfo& info : fn::All()) {
    INFO("regenerate with: yaral_functions_tests '[.docs]'");
    INFO(DocRow(info));
    CHECK(lines.count(DocRow(info)) == 1);
  }
}

// Prints the rows of docs/functions.md, one table per namespace, for pasting
// into the doc after a registry change. Hidden: run it by its tag.
TEST_CASE("print docs/functions.md tables", "[.docs]") {
  std::string_view current = "-";
  for (const fn::FunctionInfo& info : fn::All()) {
    std::string_view ns = Namespace(info.name);
    if (ns != current) {
      current = ns;
      std::cout << "\n### " << (ns.empty() ? "aggregations" : std::string(ns) + ".*") << "\n\n"
                << "| Signature | Kind | Semantics |\n|---|---|---|\n";
    }
    std::cout << DocRow(info) << "\n";
  }
}

// ------------------------------------------------------------ the corpus

// Records the name of every call anywhere in a rule. The visitor names each
// expression kind, so a new kind does not compile until it is walked.
class CallCollector {
 public:
  explicit CallCollector(std::map<std::string, int>& calls) : calls_(calls) {}

  void Visit(const ast::Expr* expr) {
    if (expr != nullptr) std::visit(*this, expr->kind);
  }
  void Visit(const std::vector<ast::Argument>& arguments) {
    for (const ast::Argument& argument : arguments) Visit(argument.value.get());
  }

  void operator()(const ast::NumberLiteral&) {}
  void operator()(const ast::StringLiteral&) {}
  void operator()(const ast::RegexLiteral&) {}
  void operator()(const ast::BoolLiteral&) {}
  void operator()(const ast::Duration&) {}
  void operator()(const ast::Variable&) {}
  void operator()(const ast::FieldPath&) {}
  void operator()(const ast::Count&) {}
  void operator()(const ast::ReferenceList&) {}
  void operator()(const ast::Identifier&) {}
  void operator()(const ast::Wildcard&) {}
  void operator()(const ast::ArrayLiteral& array) {
    for (const ast::ExprPtr& element : array.elements) Visit(element.get());
  }
  void operator()(const ast::Unary& unary) { Visit(unary.operand.get()); }
  void operator()(const ast::Binary& binary) {
    Visit(binary.lhs.get());
    Visit(binary.rhs.get());
  }
  void operator()(const ast::Comparison& comparison) {
    Visit(comparison.lhs.get());
    Visit(comparison.rhs.get());
  }
  void operator()(const ast::Quantified& quantified) { Visit(quantified.operand.get()); }
  void operator()(const ast::InList& in_list) {
    Visit(in_list.value.get());
    Visit(in_list.list.get());
  }
  void operator()(const ast::Call& call) {
    ++calls_[call.name];
    Visit(call.arguments);
  }
  void operator()(const ast::If& if_expr) {
    Visit(if_expr.condition.get());
    Visit(if_expr.then_value.get());
    Visit(if_expr.else_value.get());
  }

  void VisitRule(const ast::Rule& rule) {
    if (rule.meta) {
      for (const ast::KeyValue& entry : rule.meta->entries) Visit(entry.value.get());
    }
    if (rule.setup) {
      for (const ast::TableAction& action : rule.setup->actions) Visit(action.arguments);
    }
    if (rule.events) {
      for (const ast::ExprPtr& predicate : rule.events->predicates) Visit(predicate.get());
    }
    if (rule.match) {
      for (const ast::ExprPtr& key : rule.match->keys) Visit(key.get());
    }
    if (rule.outcome) {
      for (const ast::OutcomeAssignment& a : rule.outcome->assignments) Visit(a.value.get());
    }
    if (rule.condition) Visit(rule.condition->expr.get());
    if (rule.options) {
      for (const ast::KeyValue& entry : rule.options->entries) Visit(entry.value.get());
    }
    if (rule.export_) {
      for (const ast::TableAction& action : rule.export_->actions) Visit(action.arguments);
    }
  }

 private:
  std::map<std::string, int>& calls_;
};

TEST_CASE("every function called by the valid public rules is registered") {
  fs::path corpus = fs::path(YARAL_SHARED_DIR) / "corpus";
  if (!fs::exists(corpus / "SOURCES.tsv")) {
    WARN("skipped: no rule corpus at " << corpus.string());
    return;
  }
  // Files whose rules SecOps compiles: not the invalid or elided ones, nor
  // the synthetic samples.
  std::vector<yaral::testing::CorpusFile> files = yaral::testing::LoadCorpus(corpus);
  std::erase_if(files, [](const yaral::testing::CorpusFile& file) {
    return file.kind != yaral::testing::CorpusKind::kValid;
  });
  REQUIRE(!files.empty());
  std::map<std::string, int> calls;
  CallCollector collector(calls);
  size_t rules = 0;
  for (const yaral::testing::CorpusFile& file : files) {
    yaral::SourceFile source(file.path, file.text);
    yaral::ParseResult parsed = yaral::Parse(source);
    for (const ast::Rule& rule : parsed.file.rules) {
      collector.VisitRule(rule);
      ++rules;
    }
  }
  std::ostringstream unknown;
  for (const auto& [name, count] : calls) {
    if (fn::Find(name) == nullptr) unknown << "  " << name << " (" << count << " calls)\n";
  }
  INFO(files.size() << " files, " << rules << " rules, " << calls.size() << " distinct functions");
  INFO("unknown functions:\n" << unknown.str());
  CHECK(unknown.str().empty());
  CHECK(calls.size() > 30);  // the walk reaches every section (36 in 2025)
}

}  // namespace
