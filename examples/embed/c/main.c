/* Runs a YARA-L rule over UDM event files with yaral's C ABI and prints each
 * detection as one line of JSON.
 *
 *   yaral_c_example RULE_FILE EVENTS_FILE...
 *
 * With the shipped example, from the repository root (the shell expands the
 * pattern to every events file):
 *   yaral_c_example examples/rules/t1071_003_non_mail_process_mail_protocol.yaral \
 *       examples/events/t1071_003/[a-z]*.ndjson
 *
 * Exit status: 0 when it ran (detections or not), 1 on an error, 2 on bad
 * usage. */
#include <stdio.h>

#include "yaral/yaral_c.h"

/* Called by the engine for each detection, during feed or finish. */
static void print_detection(const char* detection_json, void* user) {
  long* count = (long*)user;
  ++*count;
  printf("%s\n", detection_json);
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s RULE_FILE EVENTS_FILE...\n", argv[0]);
    return 2;
  }

  yaral_rules* rules = NULL;
  yaral_status status = yaral_rules_compile_file(argv[1], NULL, &rules);
  if (status != YARAL_OK) {
    /* With compile errors the handle exists and holds them, rendered. */
    fprintf(stderr, "%s", rules != NULL ? yaral_rules_error(rules) : yaral_last_error());
    if (rules == NULL) fprintf(stderr, "\n");
    yaral_rules_destroy(rules);
    return 1;
  }

  /* The shipped scenarios are separate recordings, not one time-ordered
   * stream: let events arrive up to a week late so none is dropped. */
  yaral_engine* engine = NULL;
  status = yaral_engine_create(rules, "{\"allowed_lateness_seconds\": 604800}", &engine);
  /* The engine keeps what it needs: the rules handle may go now. */
  yaral_rules_destroy(rules);
  if (status != YARAL_OK) {
    fprintf(stderr, "%s\n", yaral_last_error());
    return 1;
  }

  long count = 0;
  yaral_engine_set_callback(engine, print_detection, &count);
  int exit_code = 0;
  for (int i = 2; i < argc; ++i) {
    if (yaral_engine_feed_file(engine, argv[i]) != YARAL_OK) {
      fprintf(stderr, "%s: %s\n", argv[i], yaral_engine_error(engine));
      exit_code = 1;
    }
  }
  yaral_engine_finish(engine); /* closes the windows still open */

  fprintf(stderr, "yaral %s: %ld detection(s); %s\n", yaral_version(), count,
          yaral_engine_stats_json(engine));
  yaral_engine_destroy(engine);
  return exit_code;
}
