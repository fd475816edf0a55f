// yaral::Engine: one event reader shared by every rule, one runner per rule.
#include <algorithm>
#include <limits>

#include "engine/dispatch.h"
#include "engine/event_reader.h"
#include "engine/rule_runner.h"
#include "yaral/engine.h"

namespace yaral {

class Engine::Impl : private engine::ReadGate {
 public:
  Impl(std::vector<CompiledRule> rules, EngineOptions options)
      : rules_(std::move(rules)), options_(std::move(options)) {
    context_.now_seconds = options_.now_seconds.value_or(0);
    context_.random_seed = options_.random_seed;
    context_.metrics = options_.metrics;
    auto emit = [this](Detection&& d) {
      if (callback_) {
        callback_(d);
      } else {
        collected_.push_back(std::move(d));
      }
    };
    for (const CompiledRule& rule : rules_) {
      runners_.push_back(
          std::make_unique<engine::RuleRunner>(rule, reader_, options_, context_, stats_, emit));
    }
    reader_.AddTimeFields();
    std::vector<std::optional<std::vector<engine::DispatchTest>>> tests;
    for (size_t i = 0; i < runners_.size(); ++i) {
      tests.push_back(runners_[i]->DispatchTests());
      if (runners_[i]->windowed()) windowed_.push_back(i);
    }
    dispatch_.emplace(tests);
  }

  // `padded`: SIMDJSON_PADDING readable bytes follow `json` (EventSource's).
  absl::Status Feed(std::string_view json, bool padded) {
    // Explanations say why each rule rejects each event: read it whole.
    rejecting_ = 0;
    asked_ = nullptr;
    if (absl::Status status = reader_.Read(json, padded, options_.explain ? nullptr : this); !status.ok()) {
      ++stats_.invalid_events;
      ++stats_.invalid_by_reason[std::string(reader_.refusal_reason())];
      return status;
    }
    const int64_t event = ++sequence_;
    ++stats_.events;
    const UdmTimestamp time = reader_.time();
    latest_ = std::max(latest_, time.seconds);
    // The run's clock follows the data, never the wall clock, unless the
    // caller fixes it.
    if (!options_.now_seconds) context_.now_seconds = latest_;
    bool late = false;
    if (!reader_.rejected()) {
      for (uint32_t i : Asked(~uint64_t{0})) late = !runners_[i]->OnEvent(event, json, time) || late;
    }
    if (late) ++stats_.late_events;
    const int64_t watermark = latest_ - std::max<int64_t>(0, options_.allowed_lateness_seconds);
    if (watermark > watermark_) {
      watermark_ = watermark;
      for (size_t i : windowed_) runners_[i]->Advance(watermark_);
    }
    size_t live = 0;
    for (size_t i : windowed_) live += runners_[i]->live_rows();
    stats_.peak_live_rows = std::max(stats_.peak_live_rows, live);
    return absl::OkStatus();
  }

  void Finish() {
    for (auto& runner : runners_) runner->Finish();
    latest_ = std::numeric_limits<int64_t>::min();
    watermark_ = std::numeric_limits<int64_t>::min();
  }

  EngineStats stats_;
  DetectionCallback callback_;
  std::vector<Detection> collected_;

 private:
  // ReadGate: the reader stops walking an event once every rule rejects it.
  // A rule that rejects stays rejecting as more members are read, so the
  // runners before `rejecting_` are not asked again for this event.
  bool Rejects(uint64_t members_read) override {
    const std::vector<uint32_t>& asked = Asked(members_read);
    while (rejecting_ < asked.size() && runners_[asked[rejecting_]]->RejectsEarly(members_read)) ++rejecting_;
    return rejecting_ == asked.size();
  }

  // The runners the event being read can reach (dispatch.h): every runner
  // until the members holding the indexed fields are read (`members_read`;
  // all bits once the read is complete). Explanations say why every rule
  // rejects every event, so with them every runner is asked.
  const std::vector<uint32_t>& Asked(uint64_t members_read) {
    if (asked_ != nullptr) return *asked_;
    const uint64_t needed = dispatch_->members();
    if (options_.explain || reader_.root() != plan::Root::kUdm || (members_read & needed) != needed) {
      return dispatch_->all();
    }
    dispatch_->Select(selected_);
    asked_ = &selected_;
    rejecting_ = 0;  // it counted in every runner's list until now
    return selected_;
  }

  std::vector<CompiledRule> rules_;
  EngineOptions options_;
  functions::EvalContext context_;
  engine::EventReader reader_;
  std::vector<std::unique_ptr<engine::RuleRunner>> runners_;
  std::optional<engine::Dispatch> dispatch_;
  std::vector<uint32_t> selected_;  // Select's output for the event being read
  const std::vector<uint32_t>* asked_ = nullptr;  // the event's runners, once known
  std::vector<size_t> windowed_;  // runners holding rows between events
  // Runners of Asked()'s current list known to reject the event being read.
  size_t rejecting_ = 0;
  int64_t sequence_ = 0;
  int64_t latest_ = std::numeric_limits<int64_t>::min();
  int64_t watermark_ = std::numeric_limits<int64_t>::min();
};

Engine::Engine(std::vector<CompiledRule> rules, EngineOptions options)
    : impl_(std::make_unique<Impl>(std::move(rules), std::move(options))) {}
Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

void Engine::OnDetection(DetectionCallback callback) { impl_->callback_ = std::move(callback); }

absl::Status Engine::Feed(std::string_view event_json) { return impl_->Feed(event_json, false); }

absl::Status Engine::Feed(const RawEvent& event) { return impl_->Feed(event.json, true); }

void Engine::Finish() { impl_->Finish(); }

std::vector<Detection> Engine::TakeDetections() {
  std::vector<Detection> out = std::move(impl_->collected_);
  impl_->collected_.clear();
  return out;
}

const EngineStats& Engine::stats() const { return impl_->stats_; }

std::vector<Detection> RunRules(const std::vector<CompiledRule>& rules,
                                std::span<const std::string> events, const EngineOptions& options) {
  Engine engine(rules, options);
  for (const std::string& event : events) (void)engine.Feed(event);
  engine.Finish();
  return engine.TakeDetections();
}

}  // namespace yaral
