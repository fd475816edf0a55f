// Host and registrable-domain extraction for strings.extract_hostname and
// strings.extract_domain (spec §5.2).
//
//   ExtractHostname("https://user@www.Example.co.uk:8443/x")  // "www.Example.co.uk"
//   ExtractDomain("https://user@www.Example.co.uk:8443/x")    // "Example.co.uk"
//
// Both are lenient, as SecOps is: junk before a `scheme://` is skipped, and a
// bare host or `host:port` is a URL too. ExtractDomain reads the Public
// Suffix List through libpsl (docs/functions.md, "Registrable domains").
//
// Private to lib/functions. Thread-safety: safe from any thread (the suffix
// list is loaded once, under C++'s static-initialisation guard).
#ifndef YARAL_LIB_FUNCTIONS_URL_PARTS_H_
#define YARAL_LIB_FUNCTIONS_URL_PARTS_H_

#include <string_view>

namespace yaral::functions {

// The host of `url`, case kept, without user info or port; an IPv6 host
// keeps its brackets. "" when there is none. A view into `url`.
std::string_view ExtractHostname(std::string_view url);

// The registrable domain of ExtractHostname(url): the public suffix plus one
// label. "" for IP addresses, single labels, numeric top-level labels, hosts
// that are a suffix themselves and malformed hosts. A view into `url`.
std::string_view ExtractDomain(std::string_view url);

}  // namespace yaral::functions

#endif  // YARAL_LIB_FUNCTIONS_URL_PARTS_H_
