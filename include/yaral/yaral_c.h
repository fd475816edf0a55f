/* The C ABI of yaral: check, compile and run YARA-L 2.0 rules from C or any
 * language with a C FFI. Link `yaral::yaral_c` (CMake) or `yaral_c`
 * (pkg-config), the shared library libyaral_c.so; docs/api.md has the guide.
 *
 *   yaral_rules* rules = NULL;
 *   if (yaral_rules_compile(text, strlen(text), "t1071.yaral", NULL, &rules) != YARAL_OK) {
 *     fprintf(stderr, "%s", rules ? yaral_rules_error(rules) : yaral_last_error());
 *     ...
 *   }
 *   yaral_engine* engine = NULL;
 *   yaral_engine_create(rules, NULL, &engine);
 *   yaral_engine_set_callback(engine, print_detection, NULL);
 *   yaral_engine_feed_file(engine, "events.ndjson");
 *   yaral_engine_finish(engine);  // closes the windows still open
 *   yaral_engine_destroy(engine);
 *   yaral_rules_destroy(rules);
 *
 * Conventions:
 * - Handles are opaque and made by `*_create` / `*_compile`, freed by the
 *   matching `*_destroy` (NULL is accepted and ignored).
 * - Every function that can fail returns a yaral_status. The message of the
 *   failure is kept by the handle it was about (`yaral_rules_error`,
 *   `yaral_engine_error`, `yaral_lists_error`) until its next failing call,
 *   and by the calling thread (`yaral_last_error`) until that thread's next
 *   failing call. Output parameters are set to NULL on failure, except where
 *   a function says otherwise.
 * - Text is UTF-8. Functions taking `(text, length)` do not need it
 *   NUL-terminated; other `const char*` arguments are NUL-terminated.
 * - Strings returned as `const char*` belong to the handle and stay valid
 *   until the handle is destroyed or, for results of a call that is
 *   repeated (stats, errors), until the next such call on it. Strings
 *   returned through `char**` belong to the caller: free them with
 *   yaral_free().
 * - No C++ exception crosses this boundary: every entry point catches them.
 *   Out of memory is YARAL_ERROR_NO_MEMORY; anything unexpected is
 *   YARAL_ERROR_INTERNAL (a bug in yaral: please report it).
 *
 * Thread-safety: a yaral_rules handle is immutable once compiled and may be
 * used by any number of threads and engines at once (each engine copies
 * what it needs, so the rules handle may even be destroyed first). A
 * yaral_engine, yaral_lists or yaral_detection must be used by one thread at
 * a time; use one engine per thread. The detection callback runs on the
 * thread that called feed or finish, inside that call; it must return
 * normally (no longjmp) and must not call back into the same engine.
 */
#ifndef YARAL_YARAL_C_H_
#define YARAL_YARAL_C_H_

#include <stddef.h>

/* libyaral_c.so exports these functions and nothing else. */
#if defined(__GNUC__)
#define YARAL_C_API __attribute__((visibility("default")))
#else
#define YARAL_C_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef enum yaral_status {
  YARAL_OK = 0,
  /* A NULL handle or pointer, malformed options, an unknown list kind, an
   * event that is not a JSON object. */
  YARAL_ERROR_INVALID_ARGUMENT = 1,
  /* The rule text has errors: see yaral_rules_diagnostics_json. */
  YARAL_ERROR_COMPILE = 2,
  /* A list or table has errors; the entries without errors were kept. */
  YARAL_ERROR_LIST = 3,
  /* A file or directory does not exist. */
  YARAL_ERROR_NOT_FOUND = 4,
  /* A file could not be read. */
  YARAL_ERROR_IO = 5,
  /* The call does not fit the handle's state: adding to lists that compiled
   * rules still use. */
  YARAL_ERROR_STATE = 6,
  YARAL_ERROR_NO_MEMORY = 7,
  /* An unexpected failure inside yaral: a bug. */
  YARAL_ERROR_INTERNAL = 8
} yaral_status;

/* The library's version, "MAJOR.MINOR.PATCH". */
YARAL_C_API const char* yaral_version(void);

/* "ok", "invalid_argument", "compile", "list", "not_found", "io", "state",
 * "no_memory", "internal"; "unknown" for any other value. */
YARAL_C_API const char* yaral_status_name(yaral_status status);

/* The message of the last failing call on this thread; "" when none. */
YARAL_C_API const char* yaral_last_error(void);

/* Frees a string returned through a `char**` parameter. NULL is fine. */
YARAL_C_API void yaral_free(char* text);

/* ------------------------------------------------------------ checking */

/* Checks rule text as `yaral check` does: syntax, the compile errors of
 * SecOps and, when `lint` is non-zero, the best-practice warnings.
 * `*diagnostics_json` receives a JSON array in the format of
 * `yaral check --format json` (docs/cli.md); free it with yaral_free.
 * Returns YARAL_OK without errors (warnings allowed), YARAL_ERROR_COMPILE
 * with errors; in both cases `*diagnostics_json` is set. `name` is the file
 * name diagnostics print (NULL: "<string>"). */
YARAL_C_API yaral_status yaral_check(const char* text, size_t length, const char* name, int lint,
                                     char** diagnostics_json);

/* ----------------------------------------------- reference lists, tables */

/* Reference lists (`%name`) and data tables (`%table.column`) for rules to
 * use (docs/lists.md). Build it, then compile rules with it; while any
 * compiled rules use it, adding more fails with YARAL_ERROR_STATE. */
typedef struct yaral_lists yaral_lists;

YARAL_C_API yaral_status yaral_lists_create(yaral_lists** out);
YARAL_C_API void yaral_lists_destroy(yaral_lists* lists);

/* A list from literal entries; `kind` is "string", "regex" or "cidr".
 * Replaces a list of the same name. */
YARAL_C_API yaral_status yaral_lists_add(yaral_lists* lists, const char* name, const char* kind,
                                         const char* const* entries, size_t count);
/* A list from text in the list-file syntax (comments, escapes, an optional
 * `// yaral:kind=` line); `file_name` is what diagnostics print. */
YARAL_C_API yaral_status yaral_lists_add_text(yaral_lists* lists, const char* name,
                                              const char* file_name, const char* text,
                                              size_t length);
/* Every list file of a directory, named after the files. */
YARAL_C_API yaral_status yaral_lists_load_directory(yaral_lists* lists, const char* directory);
/* A data table from CSV text with a header row. */
YARAL_C_API yaral_status yaral_lists_add_table_csv(yaral_lists* lists, const char* name,
                                                   const char* file_name, const char* csv,
                                                   size_t length);
/* Every `*.csv` file of a directory as a table. */
YARAL_C_API yaral_status yaral_lists_load_table_directory(yaral_lists* lists,
                                                          const char* directory);

/* The diagnostics of the last add or load call (errors and SecOps-limit
 * warnings), rendered as text; "" when there were none. */
YARAL_C_API const char* yaral_lists_error(const yaral_lists* lists);
/* The same diagnostics as a JSON array (format of yaral_check). */
YARAL_C_API const char* yaral_lists_diagnostics_json(const yaral_lists* lists);

/* ---------------------------------------------------------------- rules */

/* The rules of one source text, compiled: immutable and shareable. */
typedef struct yaral_rules yaral_rules;

/* Parses, checks and compiles every rule of `text`. `lists` may be NULL.
 * YARAL_OK: every rule compiled. YARAL_ERROR_COMPILE: some rule has
 * errors; `*out` is still set, holding the rules that did compile and the
 * diagnostics, and must be destroyed. Other statuses leave `*out` NULL. */
YARAL_C_API yaral_status yaral_rules_compile(const char* text, size_t length, const char* name,
                                             const yaral_lists* lists, yaral_rules** out);
/* The same for a rule file; its path is the name diagnostics print. */
YARAL_C_API yaral_status yaral_rules_compile_file(const char* path, const yaral_lists* lists,
                                                  yaral_rules** out);
YARAL_C_API void yaral_rules_destroy(yaral_rules* rules);

/* How many rules compiled, and their names (NULL past the end). */
YARAL_C_API size_t yaral_rules_count(const yaral_rules* rules);
YARAL_C_API const char* yaral_rules_name(const yaral_rules* rules, size_t index);
/* Errors and warnings of the compile, as a JSON array (format of
 * yaral_check); "[]" when clean. */
YARAL_C_API const char* yaral_rules_diagnostics_json(const yaral_rules* rules);
/* The errors rendered as compiler-style text with source lines; "" when
 * there are none. */
YARAL_C_API const char* yaral_rules_error(const yaral_rules* rules);

/* --------------------------------------------------------------- engine */

/* A streaming run of some rules over events: single-threaded state. */
typedef struct yaral_engine yaral_engine;
/* One detection taken with yaral_engine_next_detection. */
typedef struct yaral_detection yaral_detection;

/* Receives each detection as one line of JSON (the format `yaral run`
 * prints; docs/api.md), valid only during the call. */
typedef void (*yaral_detection_callback)(const char* detection_json, void* user);

/* An engine over every rule of `rules`. `options_json` may be NULL (the
 * defaults) or an object with `max_samples`, `allowed_lateness_seconds`,
 * `now_seconds`, `random_seed` (docs/api.md). */
YARAL_C_API yaral_status yaral_engine_create(const yaral_rules* rules, const char* options_json,
                                             yaral_engine** out);
YARAL_C_API void yaral_engine_destroy(yaral_engine* engine);

/* Where detections go. With a callback, each is passed to it as it is
 * found; with NULL (the default) they are queued for
 * yaral_engine_next_detection. */
YARAL_C_API yaral_status yaral_engine_set_callback(yaral_engine* engine,
                                                   yaral_detection_callback callback,
                                                   void* user);

/* One UDM event as JSON text (an object). YARAL_ERROR_INVALID_ARGUMENT when
 * it is not one; the event is then counted as invalid and ignored, and the
 * engine goes on. */
YARAL_C_API yaral_status yaral_engine_feed(yaral_engine* engine, const char* event_json,
                                           size_t length);
/* Every event of a file in any shape docs/events.md accepts (NDJSON, arrays,
 * API envelopes); "-" is stdin. Malformed values are skipped and counted
 * (`input_skipped` in the stats). */
YARAL_C_API yaral_status yaral_engine_feed_file(yaral_engine* engine, const char* path);
/* Closes every open window, emitting what they hold. Feeding afterwards
 * starts a new run with the same rules. */
YARAL_C_API yaral_status yaral_engine_finish(yaral_engine* engine);

/* Takes the oldest queued detection (no callback set): `*out` is NULL when
 * the queue is empty. Destroy each with yaral_detection_destroy. */
YARAL_C_API yaral_status yaral_engine_next_detection(yaral_engine* engine,
                                                     yaral_detection** out);

/* Counters as a JSON object: events, invalid_events, late_events,
 * rows_kept, detections, runtime_errors, runtime_errors_by_message,
 * peak_live_rows, input_skipped. Valid until the next call on the engine. */
YARAL_C_API const char* yaral_engine_stats_json(yaral_engine* engine);
/* The message of the engine's last failing call; "" when none. */
YARAL_C_API const char* yaral_engine_error(const yaral_engine* engine);

/* A detection's JSON (as given to the callback) and its rule's name. */
YARAL_C_API const char* yaral_detection_json(const yaral_detection* detection);
YARAL_C_API const char* yaral_detection_rule(const yaral_detection* detection);
YARAL_C_API void yaral_detection_destroy(yaral_detection* detection);

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif /* YARAL_YARAL_C_H_ */
