// The lexer for the Groovy that Jenkinsfiles are written in.
//
// Strings are the hard part. Double-quoted, triple-double-quoted, slashy and
// dollar-slashy strings are GStrings: each is lexed as a begin token, text and
// interpolation tokens, and GSTRING_END. An interpolation `${ ... }` switches
// back to the default mode; GroovyLexerBase keeps the brace stack that tells
// the `}` closing an interpolation from the `}` closing a closure inside it.
// Whether `/` starts a slashy string or divides depends on the token before
// it, which GroovyLexerBase also tracks.
//
// Newlines are emitted as NL tokens; the parser package decides which of them
// separate statements (see parser/tokens.go and parser/commands.go).
lexer grammar GroovyLexer;

options {
    superClass = GroovyLexerBase;
}

channels {
    COMMENTS
}

tokens {
    GSTRING_TEXT,
    GSTRING_VAR,
    GSTRING_EXPR_BEGIN,
    GSTRING_EXPR_END,
    GSTRING_END,
    UNTERMINATED_STRING,
    CMD,          // inserted by the parser package before a command's arguments
    BLOCK_LBRACE, // a `{` that opens a block statement, retagged by the parser package
    CAST_LPAREN,  // a `(` that opens a cast such as `(String) x`, retagged by the parser package
    CHAIN         // inserted by the parser package where a command chain follows a call: `foo(1) bar 2`
}

// ---------------------------------------------------------------- trivia

BOM           : '\uFEFF' -> skip;
SHEBANG       : '#!' {p.atFileStart()}? ~[\r\n]* -> channel(COMMENTS);
WS            : [ \t\f]+ -> skip;
LINE_CONT     : '\\' [ \t]* ('\r\n' | '\r' | '\n') -> skip;
NL            : '\r\n' | '\r' | '\n';
BLOCK_COMMENT : '/*' .*? ('*/' | EOF) -> channel(COMMENTS);
LINE_COMMENT  : '//' ~[\r\n]* -> channel(COMMENTS);

// ---------------------------------------------------------------- strings

TSQ_STRING        : '\'\'\'' (ESC | ~'\\')*? ('\'\'\'' | EOF);
SQ_STRING         : '\'' (ESC | ~['\\\r\n])* '\'';
SQ_UNTERMINATED   : '\'' (ESC | ~['\\\r\n])* -> type(UNTERMINATED_STRING);
TGSTRING_BEGIN    : '"""' -> pushMode(TDQ);
GSTRING_BEGIN     : '"' -> pushMode(DQ);
// Where `/` would divide, `$/` is the name `$` and a division, as in Groovy.
DOLLAR_SLASHY_BEGIN : '$/' {p.slashyAllowed()}? -> pushMode(DOLLAR_SLASHY);
SLASHY_BEGIN      : '/' {p.slashyAllowed()}? -> pushMode(SLASHY);

// ---------------------------------------------------------------- numbers

FLOAT_LITERAL
    : DIGITS '.' DIGITS EXPONENT? FLOAT_SUFFIX?
    | DIGITS EXPONENT FLOAT_SUFFIX?
    | DIGITS FLOAT_SUFFIX
    ;
INTEGER_LITERAL
    : ('0' [xX] [0-9a-fA-F_]+ | '0' [bB] [01_]+ | DIGITS) INT_SUFFIX?
    ;

fragment DIGITS       : [0-9] [0-9_]*;
fragment EXPONENT     : [eE] [+-]? DIGITS;
fragment FLOAT_SUFFIX : [fFdDgG];
fragment INT_SUFFIX   : [lLiIgG];

// ---------------------------------------------------------------- keywords

ABSTRACT     : 'abstract';
AS           : 'as';
ASSERT       : 'assert';
BREAK        : 'break';
CASE         : 'case';
CATCH        : 'catch';
CLASS        : 'class';
CONST        : 'const';
CONTINUE     : 'continue';
DEF          : 'def';
DEFAULT      : 'default';
DO           : 'do';
ELSE         : 'else';
ENUM         : 'enum';
EXTENDS      : 'extends';
FALSE        : 'false';
FINAL        : 'final';
FINALLY      : 'finally';
FOR          : 'for';
GOTO         : 'goto';
IF           : 'if';
IMPLEMENTS   : 'implements';
IMPORT       : 'import';
IN           : 'in';
INSTANCEOF   : 'instanceof';
INTERFACE    : 'interface';
NATIVE       : 'native';
NEW          : 'new';
NULL         : 'null';
PACKAGE      : 'package';
PRIVATE      : 'private';
PROTECTED    : 'protected';
PUBLIC       : 'public';
RETURN       : 'return';
STATIC       : 'static';
STRICTFP     : 'strictfp';
SUPER        : 'super';
SWITCH       : 'switch';
SYNCHRONIZED : 'synchronized';
THIS         : 'this';
THROW        : 'throw';
THROWS       : 'throws';
TRAIT        : 'trait';
TRANSIENT    : 'transient';
TRUE         : 'true';
TRY          : 'try';
VOID         : 'void';
VOLATILE     : 'volatile';
WHILE        : 'while';

PRIMITIVE_TYPE
    : 'boolean' | 'byte' | 'char' | 'short' | 'int' | 'long' | 'float' | 'double'
    ;

// ---------------------------------------------------------------- operators

RANGE_EXCLUSIVE : '..<';
ELLIPSIS        : '...';
RANGE           : '..';
SPREAD_DOT      : '*.';
SAFE_DOT        : '?.';
METHOD_POINTER  : '.&';
METHOD_REF      : '::';
REGEX_MATCH     : '==~';
REGEX_FIND      : '=~';
POWER_ASSIGN    : '**=';
POWER           : '**';
SPACESHIP       : '<=>';
IDENTICAL       : '===';
NOT_IDENTICAL   : '!==';
ARROW           : '->';
NOT_INSTANCEOF  : '!instanceof' {p.notIdentifierPartAhead()}?;
NOT_IN          : '!in' {p.notIdentifierPartAhead()}?;

LPAREN   : '(';
RPAREN   : ')';
LBRACE   : '{' {l.openBrace()};
RBRACE   : '}' {l.closeBrace()};
LBRACK   : '[';
RBRACK   : ']';
SEMI     : ';';
COMMA    : ',';
DOT      : '.';
AT       : '@';

ASSIGN         : '=';
GT             : '>';
LT             : '<';
NOT            : '!';
BITNOT         : '~';
QUESTION       : '?';
ELVIS          : '?:';
ELVIS_ASSIGN   : '?=';
COLON          : ':';
EQUAL          : '==';
LE             : '<=';
GE             : '>=';
NOTEQUAL       : '!=';
AND            : '&&';
OR             : '||';
INC            : '++';
DEC            : '--';
ADD            : '+';
SUB            : '-';
MUL            : '*';
DIV            : '/';
BITAND         : '&';
BITOR          : '|';
XOR            : '^';
MOD            : '%';
SHL            : '<<';
ADD_ASSIGN     : '+=';
SUB_ASSIGN     : '-=';
MUL_ASSIGN     : '*=';
DIV_ASSIGN     : '/=';
AND_ASSIGN     : '&=';
OR_ASSIGN      : '|=';
XOR_ASSIGN     : '^=';
MOD_ASSIGN     : '%=';
SHL_ASSIGN     : '<<=';

// ---------------------------------------------------------------- names

IDENTIFIER : IDENT_START IDENT_PART*;

// Groovy 2.4 takes every character from U+00C0 on (but × and ÷) as a
// letter, symbols such as ❤ too; a byte-order mark stays out.
fragment IDENT_START : [_$a-zA-Z] | LETTER | UNICODE_ESC;
fragment IDENT_PART  : [_$a-zA-Z0-9] | LETTER | UNICODE_ESC;
fragment LETTER      : [\u00C0-\u00D6\u00D8-\u00F6\u00F8-\uFEFE\uFF00-\uFFFE\u{10000}-\u{10FFFF}];
fragment UNICODE_ESC : '\\' 'u'+ [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F];
// A name interpolated with `$name` starts with a letter or underscore and,
// unlike other names, holds no `$`: `"$a$b"` interpolates a and b.
fragment VAR_START   : [_a-zA-Z] | LETTER;
fragment VAR_PART    : [_a-zA-Z0-9] | LETTER;
// An escape; which ones Groovy knows is checked by the parser package.
fragment ESC         : '\\' ('\r\n' | .);

// Anything else is one character the parser will reject with a clear message.
ERROR_CHAR : .;

// ---------------------------------------------------------------- "..."

mode DQ;
DQ_END       : '"' -> type(GSTRING_END), popMode;
DQ_EXPR      : '${' {l.openInterpolation()} -> type(GSTRING_EXPR_BEGIN), pushMode(DEFAULT_MODE);
DQ_VAR       : '$' VAR_START VAR_PART* ('.' VAR_START VAR_PART*)* -> type(GSTRING_VAR);
DQ_TEXT      : (ESC | ~["\\$\r\n])+ -> type(GSTRING_TEXT);
DQ_DOLLAR    : '$' -> type(GSTRING_TEXT);
DQ_BACKSLASH : '\\' -> type(GSTRING_TEXT);
// A newline ends an unterminated "..." so the error stays on its line.
DQ_NL        : ('\r\n' | '\r' | '\n') -> type(UNTERMINATED_STRING), popMode;

// ---------------------------------------------------------------- """..."""

mode TDQ;
TDQ_END       : '"""' -> type(GSTRING_END), popMode;
TDQ_EXPR      : '${' {l.openInterpolation()} -> type(GSTRING_EXPR_BEGIN), pushMode(DEFAULT_MODE);
TDQ_VAR       : '$' VAR_START VAR_PART* ('.' VAR_START VAR_PART*)* -> type(GSTRING_VAR);
TDQ_TEXT      : (ESC | ~["\\$])+ -> type(GSTRING_TEXT);
TDQ_QUOTE     : '"' -> type(GSTRING_TEXT);
TDQ_DOLLAR    : '$' -> type(GSTRING_TEXT);
TDQ_BACKSLASH : '\\' -> type(GSTRING_TEXT);

// ---------------------------------------------------------------- /.../

mode SLASHY;
SL_END   : '/' -> type(GSTRING_END), popMode;
SL_EXPR  : '${' {l.openInterpolation()} -> type(GSTRING_EXPR_BEGIN), pushMode(DEFAULT_MODE);
SL_VAR   : '$' VAR_START VAR_PART* ('.' VAR_START VAR_PART*)* -> type(GSTRING_VAR);
SL_TEXT  : ('\\/' | ~[/$\\])+ -> type(GSTRING_TEXT);
SL_OTHER : ('$' | '\\') -> type(GSTRING_TEXT);

// ---------------------------------------------------------------- $/.../$

mode DOLLAR_SLASHY;
// `/$$` is a slash followed by an escaped dollar, not the end.
DS_END    : '/$' {p.GetInputStream().LA(1) != '$'}? -> type(GSTRING_END), popMode;
DS_EXPR   : '${' {l.openInterpolation()} -> type(GSTRING_EXPR_BEGIN), pushMode(DEFAULT_MODE);
DS_ESCAPE : ('$$' | '$/') -> type(GSTRING_TEXT);
DS_VAR    : '$' VAR_START VAR_PART* ('.' VAR_START VAR_PART*)* -> type(GSTRING_VAR);
DS_TEXT   : ~[/$]+ -> type(GSTRING_TEXT);
DS_OTHER  : ('$' | '/') -> type(GSTRING_TEXT);
