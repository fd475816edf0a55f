// `yaral explain`: the plan as text, so a rule author can see what the
// engine will do with each line of the rule (docs/cli.md#explain).
#include <string>

#include "compile/plan.h"

namespace yaral::plan {
namespace {

class Printer {
 public:
  explicit Printer(const Plan& plan) : plan_(plan) {}

  std::string Node(NodeRef ref) const {
    if (ref < 0) return "<none>";
    const plan::Node& n = plan_.nodes[ref];
    auto arg = [&](size_t i) { return i < n.args.size() ? Node(n.args[i]) : std::string("?"); };
    switch (n.op) {
      case Op::kConst: return n.constant.DebugString();
      case Op::kSlot: {
        const Variable& v = plan_.variables[n.a];
        const Slot& s = v.slots[n.b];
        if (v.root == Root::kTable) {
          return v.name + "." + (v.table != nullptr ? v.table->columns()[s.field].name : "?");
        }
        return "$" + v.name + "." + plan_.fields[s.field].text +
               (s.mode == SlotMode::kWhole ? "[*]" : "");
      }
      case Op::kPlaceholder: return "$" + plan_.placeholders[n.a].name;
      case Op::kOutcome: return "$" + plan_.outcomes[n.a].name;
      case Op::kCount:
        return "#" + (n.a >= 0 ? plan_.variables[n.a].name : plan_.placeholders[n.b].name);
      case Op::kExists:
        return "$" + (n.a >= 0 ? plan_.variables[n.a].name : plan_.placeholders[n.b].name);
      case Op::kNotExists:
        return "!$" + (n.a >= 0 ? plan_.variables[n.a].name : plan_.placeholders[n.b].name);
      case Op::kElement: return "<element>";
      case Op::kAnd: return "(" + arg(0) + " and " + arg(1) + ")";
      case Op::kOr: return "(" + arg(0) + " or " + arg(1) + ")";
      case Op::kNot: return "not " + arg(0);
      case Op::kNegate: return "-" + arg(0);
      case Op::kArithmetic: return "(" + arg(0) + " " + std::string(ast::OperatorText(n.arith)) + " " + arg(1) + ")";
      case Op::kCompare:
        return arg(0) + " " + std::string(ast::OperatorText(n.compare)) + " " + arg(1) + (n.nocase ? " nocase" : "");
      case Op::kRegexMatch:
        return arg(0) + (n.compare == ast::ComparisonOp::kNe ? " !~ " : " ~ ") + "/" + n.name + "/" +
               (n.dot_all ? " (whole text)" : " (first line)");
      case Op::kQuantified:
        return std::string(n.quantifier == ast::Quantifier::kAny ? "any" : "all") + " <element> of " +
               arg(0) + ": " + arg(1);
      case Op::kInList:
        return arg(0) + " in " + std::string(ast::ListKindPrefix(n.list_kind)) + "%" + n.name +
               (n.nocase ? " nocase" : "");
      case Op::kInArray: return arg(0) + " in " + arg(1);
      case Op::kInColumn:
        return arg(0) + " in %" + (n.table != nullptr ? n.table->name() : std::string("?")) + "." +
               (n.table != nullptr && n.column < n.table->columns().size()
                    ? n.table->columns()[n.column].name
                    : std::string("?"));
      case Op::kCall:
      case Op::kAggregate: {
        std::string out = n.name + "(";
        for (size_t i = 0; i < n.args.size(); ++i) {
          if (i > 0) out += ", ";
          if (!n.arg_names.empty() && !n.arg_names[i].empty()) out += n.arg_names[i] + ": ";
          out += Node(n.args[i]);
        }
        return out + ")";
      }
      case Op::kIf: return "if(" + arg(0) + ", " + arg(1) + ", " + arg(2) + ")";
      case Op::kWindowStart: return "window_start";
      case Op::kWindowEnd: return "window_end";
    }
    return "?";
  }

 private:
  const Plan& plan_;
};

std::string_view RootText(Root root) {
  switch (root) {
    case Root::kUdm: return "UDM events";
    case Root::kGraph: return "entity-graph records";
    case Root::kDetection: return "detections (not available locally: never matches)";
    case Root::kTable: return "the rows of a data table (row-based join)";
  }
  return "";
}

}  // namespace

std::string ExplainPlan(const Plan& plan) {
  Printer p(plan);
  std::string out = "rule " + plan.rule_name + "\n";
  out += "  fields read:";
  for (const FieldPath& f : plan.fields) out += " " + f.text;
  out += plan.fields.empty() ? " (none)\n" : "\n";
  for (const Variable& v : plan.variables) {
    out += "  $" + v.name + " over " + std::string(RootText(v.root)) +
           (v.optional ? " (may be absent: outer join)" : "") + "\n";
    for (const Slot& s : v.slots) {
      if (v.root == Root::kTable) {
        out += "    reads column " + (v.table != nullptr ? v.table->columns()[s.field].name : "?") + "\n";
        continue;
      }
      out += "    reads " + plan.fields[s.field].text +
             (s.mode == SlotMode::kWhole ? " (all values)" : " (one value per event copy)") + "\n";
    }
    for (const Binding& b : v.bindings) {
      out += "    binds $" + plan.placeholders[b.placeholder].name + " = " + p.Node(b.value) + "\n";
    }
    for (const Predicate& f : v.filters) out += "    keeps rows where " + p.Node(f.node) + "\n";
  }
  for (const Predicate& j : plan.joins) out += "  join: " + p.Node(j.node) + "\n";
  for (const Predicate& c : plan.constants) out += "  constant: " + p.Node(c.node) + "\n";
  const Match& m = plan.match;
  if (m.window == WindowKind::kNone) {
    out += "  single-event: one detection per qualifying event\n";
  } else {
    out += "  group by:";
    for (int k : m.keys) {
      const Placeholder& ph = plan.placeholders[k];
      out += " $" + ph.name;
      if (ph.from_field && !plan.allow_zero_values) out += " (zero values skipped)";
    }
    out += "\n  window: ";
    const std::string d = std::to_string(m.window_seconds) + "s";
    switch (m.window) {
      case WindowKind::kHop:
        out += "hop, " + d + " long, starting every " + std::to_string(m.hop_seconds) +
               "s since the epoch; one detection per distinct set of events\n";
        break;
      case WindowKind::kTumbling: out += "tumbling, " + d + " blocks aligned to the epoch\n"; break;
      case WindowKind::kSlidingBefore:
        out += "sliding, " + d + " before each $" + plan.variables[m.pivot].name + "\n";
        break;
      case WindowKind::kSlidingAfter:
        out += "sliding, " + d + " after each $" + plan.variables[m.pivot].name + "\n";
        break;
      case WindowKind::kNone: break;
    }
  }
  for (const Outcome& o : plan.outcomes) out += "  outcome $" + o.name + " = " + p.Node(o.node) + "\n";
  out += "  condition: " + p.Node(plan.condition.node) + "\n";
  if (plan.suppression_window_seconds > 0) {
    out += "  suppression: " + std::to_string(plan.suppression_window_seconds) + "s per " +
           (m.window == WindowKind::kNone ? "$suppression_key" : "match key") + "\n";
  }
  return out;
}

}  // namespace yaral::plan
