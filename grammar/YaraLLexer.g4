// Lexer for YARA-L 2.0 detection rules (Google Security Operations).
//
// Keywords are case-insensitive (`and`, `AND`, `And`), hence the letter
// fragments at the end. The lexer never fails: malformed input becomes an
// error token on the ERRORS channel (unterminated strings, comments and
// regexes, stray characters), which lib/syntax turns into a diagnostic.
//
// `/` is both division and the start of a regex literal, and `%` both modulo
// and the start of a reference list. They are told apart by the previous
// significant token: after an operand (a name, literal, `)` or `]`) they are
// operators, anywhere else they open a literal. See yaral-spec §1.5 and §1.6.
lexer grammar YaraLLexer;

channels { ERRORS }

@lexer::members {
  // Type of the last token sent to the parser on the default channel.
  size_t last_significant_type_ = 0;

  bool AfterOperand() const {
    switch (last_significant_type_) {
      case IDENT: case VARIABLE: case COUNT: case LIST_REF:
      case INTEGER: case FLOAT: case DURATION: case STRING: case RAW_STRING:
      case REGEX: case RPAREN: case RBRACKET: case TRUE: case FALSE:
        return true;
      default:
        return false;
    }
  }

  // A line break since that token: `%name` at the start of a line begins a
  // new predicate (`%table.col = ...`), even after an operand.
  bool newline_since_significant_ = false;

  std::unique_ptr<antlr4::Token> nextToken() override {
    std::unique_ptr<antlr4::Token> token = antlr4::Lexer::nextToken();
    if (token->getChannel() == antlr4::Token::DEFAULT_CHANNEL) {
      last_significant_type_ = token->getType();
      newline_since_significant_ = false;
    } else if (token->getText().find('\n') != std::string::npos) {
      newline_since_significant_ = true;
    }
    return token;
  }
}

// ---------------------------------------------------------------- keywords

RULE           : R U L E ;
META           : M E T A ;
EVENTS         : E V E N T S ;
MATCH          : M A T C H ;
OUTCOME        : O U T C O M E ;
CONDITION      : C O N D I T I O N ;
OPTIONS        : O P T I O N S ;
SETUP          : S E T U P ;
EXPORT         : E X P O R T ;
// Search/Dashboard sections: recognised only to say they do not belong in rules.
DEDUP          : D E D U P ;
ORDER          : O R D E R ;
LIMIT          : L I M I T ;
SELECT         : S E L E C T ;
UNSELECT       : U N S E L E C T ;

AND            : A N D ;
OR             : O R ;
NOT            : N O T ;
NOCASE         : N O C A S E ;
IN             : I N ;
REGEX_KW       : R E G E X ;
CIDR           : C I D R ;
OVER           : O V E R ;
BEFORE         : B E F O R E ;
AFTER          : A F T E R ;
BY             : B Y ;
TUMBLING       : T U M B L I N G ;
ANY            : A N Y ;
ALL            : A L L ;
IF             : I F ;
TRUE           : T R U E ;
FALSE          : F A L S E ;

// ---------------------------------------------------------------- punctuation

LBRACE         : '{' ;
RBRACE         : '}' ;
LPAREN         : '(' ;
RPAREN         : ')' ;
LBRACKET       : '[' ;
RBRACKET       : ']' ;
COLON          : ':' ;
COMMA          : ',' ;
DOT            : '.' ;
NEQ            : '!=' ;
LE             : '<=' ;
GE             : '>=' ;
EQ             : '=' ;
LT             : '<' ;
GT             : '>' ;
BANG           : '!' ;
PLUS           : '+' ;
MINUS          : '-' ;
STAR           : '*' ;

// A regex literal may only start where an operand may; elsewhere `/` divides.
// Trailing letters are flags (`/x/i`), seen in Google's own examples though
// undocumented; lib/syntax keeps them for the checker to judge.
// The predicates sit after the first character on purpose: a predicate at
// the very start of a rule is evaluated for every token and stops ANTLR from
// caching the lexer's DFA, which made lexing several times slower.
// A regex cannot begin with `*` or `/`, which keeps `/* ... */` and `//` comments
// from reading as one.
REGEX          : '/' {!AfterOperand()}? REGEX_FIRST REGEX_CHAR* '/' [ims]* ;
UNTERMINATED_REGEX
               : '/' {!AfterOperand()}? REGEX_FIRST REGEX_CHAR* -> channel(ERRORS) ;
SLASH          : '/' ;

// `%name` / `%table.column` is a list reference unless it follows an operand.
LIST_REF       : '%' {!AfterOperand() || newline_since_significant_}? IDENT_START IDENT_PART* ;
PERCENT        : '%' ;

// ---------------------------------------------------------------- literals

// Integer followed by a unit letter: `5m`, `24h`, `2d`. Any letters are
// accepted here so that `10x` is reported as a bad unit, not as two tokens.
DURATION       : DIGIT+ [a-zA-Z]+ ;
FLOAT          : DIGIT+ '.' DIGIT+ ;
INTEGER        : DIGIT+ ;

STRING         : '"' STRING_CHAR* '"' ;
UNTERMINATED_STRING
               : '"' STRING_CHAR* -> channel(ERRORS) ;
RAW_STRING     : '`' ~'`'* '`' ;
UNTERMINATED_RAW_STRING
               : '`' ~'`'* -> channel(ERRORS) ;

// ---------------------------------------------------------------- names

VARIABLE       : '$' IDENT_START IDENT_PART* ;
COUNT          : '#' IDENT_START IDENT_PART* ;
IDENT          : IDENT_START IDENT_PART* ;

// ---------------------------------------------------------------- trivia

LINE_COMMENT   : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT  : '/*' ( ~'*' | '*'+ ~[*/] )* '*'+ '/' -> channel(HIDDEN) ;
// Shorter than BLOCK_COMMENT whenever the comment is closed, so it only wins
// for a comment that runs to the end of the file.
UNTERMINATED_COMMENT
               : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* -> channel(ERRORS) ;
WHITESPACE     : [ \t\r\n\f\u000B\u00A0\uFEFF]+ -> channel(HIDDEN) ;

// Anything else: reported as an unexpected character, never a lexer failure.
ERROR_CHAR     : . -> channel(ERRORS) ;

// ---------------------------------------------------------------- fragments

fragment DIGIT       : [0-9] ;
fragment IDENT_START : [a-zA-Z_] ;
fragment IDENT_PART  : [a-zA-Z0-9_] ;
// Double-quoted strings may span lines: a public Google rule has one.
fragment STRING_CHAR : ~["\\] | '\\' . ;
fragment REGEX_CHAR  : ~[/\\\r\n] | '\\' ~[\r\n] ;
fragment REGEX_FIRST : ~[/*\\\r\n] | '\\' ~[\r\n] ;

fragment A : [aA] ; fragment B : [bB] ; fragment C : [cC] ; fragment D : [dD] ;
fragment E : [eE] ; fragment F : [fF] ; fragment G : [gG] ; fragment H : [hH] ;
fragment I : [iI] ; fragment J : [jJ] ; fragment K : [kK] ; fragment L : [lL] ;
fragment M : [mM] ; fragment N : [nN] ; fragment O : [oO] ; fragment P : [pP] ;
fragment Q : [qQ] ; fragment R : [rR] ; fragment S : [sS] ; fragment T : [tT] ;
fragment U : [uU] ; fragment V : [vV] ; fragment W : [wW] ; fragment X : [xX] ;
fragment Y : [yY] ; fragment Z : [zZ] ;
