// Parser for YARA-L 2.0 detection rules. See docs/grammar.md for the
// construct-by-construct coverage table and yaral-spec Appendix A for the
// sketch this follows.
//
// The grammar is deliberately permissive where a precise error message is
// worth more than a parse failure: sections may come in any order (the AST
// builder reports order, duplicates and missing sections), match windows are
// optional, Search-only sections and bare UDM paths parse. Everything the
// grammar lets through that SecOps would refuse becomes a diagnostic in
// lib/syntax/ast_builder.cc with words a rule author understands.
parser grammar YaraLParser;

options { tokenVocab = YaraLLexer; }

file
  : ruleDecl* EOF
  ;

ruleDecl
  : RULE name=ident LBRACE section* RBRACE
  ;

// A missing `:` after a section name is accepted here and reported by the
// builder (E102), so that one forgotten colon costs one clear error instead
// of a cascade of recovery errors.
section
  : META colon=COLON? keyValue*                               # metaSection
  | SETUP colon=COLON? tableAction*                           # setupSection
  | EVENTS colon=COLON? expr*                                 # eventsSection
  | MATCH colon=COLON? matchBody                              # matchSection
  | OUTCOME colon=COLON? outcomeAssignment*                   # outcomeSection
  | CONDITION colon=COLON? expr                               # conditionSection
  | OPTIONS colon=COLON? keyValue*                            # optionsSection
  | EXPORT colon=COLON? tableAction*                          # exportSection
  | searchSectionName COLON searchSectionToken*        # searchOnlySection
  ;

// A bare word value (`severity = HIGH`, `allow_zero_values = yes`) parses so
// that the checker can say what the value should be (E531, E540).
keyValue
  : key=ident EQ value=expr
  | key=ident EQ word=IDENT
  ;

// `$a, $b over 24h`, `over 1h before $e`, `by 1h`. The window is optional
// here so that its absence gets a clear message (rules require one).
matchBody
  : matchKey (COMMA matchKey)* COMMA? matchWindow?   // a trailing comma is tolerated
  ;

// Rules take placeholders only; a field path parses so that the builder can
// say raw UDM fields as match keys are Search-only.
matchKey
  : VARIABLE pathSuffix*
  | IDENT pathSuffix*
  ;

matchWindow
  : OVER DURATION ((BEFORE | AFTER) VARIABLE)?         # overWindow
  | BY DURATION TUMBLING?                              # byWindow
  ;

outcomeAssignment
  : VARIABLE EQ expr
  ;

// Data-table actions: `graph_override(...)`, `graph_append [$g, %t]`,
// `%t.write_row(col: $v)`.
tableAction
  : ident LPAREN arguments? RPAREN                     # callAction
  | ident LBRACKET arguments? RBRACKET                 # listAction
  | listRef LPAREN arguments? RPAREN                   # tableCallAction
  ;

// Tokens of a Search-only section, skipped up to the next section or the end
// of the rule so that parsing can go on after reporting it.
searchSectionToken
  : ~(META | SETUP | EVENTS | MATCH | OUTCOME | CONDITION | OPTIONS | EXPORT
      | DEDUP | ORDER | LIMIT | SELECT | UNSELECT | RBRACE)
  ;

searchSectionName
  : DEDUP | ORDER | LIMIT | SELECT | UNSELECT
  ;

// ---------------------------------------------------------------- expressions
//
// Alternatives are listed tightest-binding first (ANTLR's precedence
// climbing). Prefix `not` sits between comparison and `and`, so
// `not a = b and c` is `(not (a = b)) and c` (yaral-spec §4.11).
expr
  : primary                                            # primaryExpr
  | op=(ANY | ALL) expr                                # quantifiedExpr
  | MINUS expr                                         # negateExpr
  | expr op=(STAR | SLASH | PERCENT) expr              # multiplicativeExpr
  | expr op=(PLUS | MINUS) expr                        # additiveExpr
  | expr op=(EQ | NEQ | LT | LE | GT | GE) expr        # comparisonExpr
  // `nocase` is its own suffix alternative: written as `expr op expr NOCASE?`
  // the comparison would become a suffix rule whose right operand ANTLR
  // parses at the loosest precedence, so `a = "1" or b = "2"` would read as
  // `a = ("1" or b = "2")`.
  | expr NOCASE                                        # nocaseExpr
  | expr NOT? IN kind=(REGEX_KW | CIDR)? membershipTarget NOCASE?   # inListExpr
  | NOT expr                                           # notExpr
  | expr AND expr                                      # andExpr
  | expr OR expr                                       # orExpr
  ;

primary
  : LPAREN expr RPAREN                                 # parenPrimary
  | INTEGER                                            # integerPrimary
  | FLOAT                                              # floatPrimary
  | DURATION                                           # durationPrimary
  | STRING                                             # stringPrimary
  | RAW_STRING                                         # rawStringPrimary
  | REGEX                                              # regexPrimary
  | (TRUE | FALSE)                                     # boolPrimary
  | LBRACKET (expr (COMMA expr)*)? RBRACKET            # arrayPrimary
  | IF LPAREN expr COMMA expr (COMMA expr)? RPAREN     # ifPrimary
  | dottedName LPAREN arguments? RPAREN NOCASE?        # callPrimary
  | VARIABLE pathSuffix*                               # variablePrimary
  | COUNT                                              # countPrimary
  | BANG VARIABLE                                      # notExistsPrimary
  | listRef                                            # listRefPrimary
  ;
// Bare UDM paths (`principal.hostname`, Search-only) are deliberately not an
// operand: with implicit `and` between predicates, `re.regex (...)` would be
// ambiguous. The syntax-error reporter recognises them and says they are
// Search-only (lib/syntax/syntax_errors.cc).

// `.name`, `[0]`, `["key"]` after a variable.
pathSuffix
  : DOT ident                                          # fieldSuffix
  | LBRACKET MINUS? INTEGER RBRACKET                   # indexSuffix
  | LBRACKET (STRING | RAW_STRING) RBRACKET            # keySuffix
  ;

listRef
  : LIST_REF (DOT ident)?
  ;

// What `in` tests against: a reference list or data-table column, and two
// forms seen in Google's SDK documentation: an array literal and a list named
// without `%` (`in reference_list.admins`).
membershipTarget
  : listRef                                            # listTarget
  | LBRACKET (expr (COMMA expr)*)? RBRACKET            # arrayTarget
  | dottedName                                         # bareListTarget
  ;

arguments
  : argument (COMMA argument)*
  ;

// Positional, or named as metrics functions and write_row take them:
// `period:1d`, `principal.asset.ip:$ip`, `dim: *`.
argument
  : (argName=dottedName COLON)? argumentValue
  ;

argumentValue
  : expr                                               # exprArgument
  | STAR                                               # wildcardArgument
  | ident                                              # identArgument
  ;

// A function name or named-argument name. Its first part must not be a
// keyword, or `and`/`not`/`any` could start a predicate.
dottedName
  : IDENT (DOT ident)*
  ;

// Keywords are valid names after a dot and as function, meta, option and
// field names (`$e.network.dns.questions.type`, `arrays.max`, `window.first`).
ident
  : IDENT
  | RULE | META | EVENTS | MATCH | OUTCOME | CONDITION | OPTIONS | SETUP | EXPORT
  | DEDUP | ORDER | LIMIT | SELECT | UNSELECT
  | AND | OR | NOT | NOCASE | IN | REGEX_KW | CIDR | OVER | BEFORE | AFTER
  | BY | TUMBLING | ANY | ALL | IF | TRUE | FALSE
  ;
