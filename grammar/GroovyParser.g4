// The parser for the Groovy that Jenkinsfiles are written in.
//
// The grammar is general Groovy, not Jenkins-specific: `pipeline { ... }`,
// `stage('x') { ... }` and `sh 'make'` are method calls with closures and
// command expressions like any other, and the parser package builds the
// declarative model from them. That keeps the grammar small and lets one
// parse serve declarative pipelines, scripted pipelines, shared-library
// steps and helper methods alike.
//
// The parser package hands this grammar only the newlines that end a
// statement (see parser/tokens.go and parser/commands.go), so NL appears here as a separator only.
// GroovyParserBase supplies the few predicates that need token lookahead.
parser grammar GroovyParser;

options {
    tokenVocab = GroovyLexer;
    superClass = GroovyParserBase;
}

// ---------------------------------------------------------------- files

compilationUnit
    : sep? (packageDeclaration (sep | EOF))? statements EOF
    ;

packageDeclaration
    : annotation* PACKAGE qualifiedName
    ;

// Statements are separated by newlines or semicolons (written out rather
// than as sep, which would cost a context object per statement). After a
// closing brace the separator may be left out (`stage('a') { } stage('b') { }`): the
// parser package inserts a newline there.
statements
    : (statement ((NL | SEMI)+ statement)* (NL | SEMI)*)?
    ;

sep
    : (NL | SEMI)+
    ;

// ---------------------------------------------------------------- statements

// No labels, as for expression: the parser package tells the alternatives
// apart by their first child (see stmtAlt).
statement
    : importDeclaration
    // Annotated declarations and classes come through their modifiers; a
    // second way to parse them would make the parser look through a whole
    // annotated method to choose, and report an error inside it at the '@'.
    | annotation+ NL? (importDeclaration | IDENTIFIER)
    | classDeclaration
    | declaration
    | BLOCK_LBRACE sep? statements RBRACE
    | IF parExpression NL? statement (SEMI? ELSE statement)?
    | FOR LPAREN forControl RPAREN NL? (statement | SEMI)
    | WHILE parExpression NL? (statement | SEMI)
    | DO NL? statement sep? WHILE parExpression
    | TRY block catchClause* (FINALLY block)?
    | SWITCH parExpression LBRACE sep? switchGroup* RBRACE
    | RETURN expression?
    | BREAK identifier?
    | CONTINUE identifier?
    | THROW expression
    | ASSERT expression ((COLON | COMMA) expression)?
    | identifier COLON statement
    | LPAREN identifier (COMMA identifier)+ RPAREN ASSIGN commandExpression
    | SYNCHRONIZED parExpression block
    // commandExpression, written out: most statements are one, and the rule
    // would cost a context object for each.
    | expression (CMD argumentList commandChain* | CHAIN commandChain+)?
    ;

block
    : (LBRACE | BLOCK_LBRACE) sep? statements RBRACE
    ;

importDeclaration
    : IMPORT STATIC? qualifiedName (DOT MUL | AS identifier)?
    ;

catchClause
    : CATCH LPAREN (DEF | FINAL)* (catchType)? identifier RPAREN block
    ;

catchType
    : type (BITOR type)*
    ;

forControl
    : (DEF | FINAL | type)* identifier (IN | COLON) expression      #forInControl
    | forInit? SEMI expression? SEMI expressionList?                #classicForControl
    ;

forInit
    : declaration
    | expressionList
    ;

switchGroup
    : (switchLabel NL?)+ statements
    ;

switchLabel
    : CASE expression COLON
    | DEFAULT COLON
    ;

// ---------------------------------------------------------------- declarations

declaration
    : (modifiers typeParameters? type? | typeParameters? type) methodName formalParameters (THROWS typeList)? NL? (block)? #methodDeclaration
    | (modifiers type? | type) variableDeclarator (COMMA variableDeclarator)*         #variableDeclaration
    | modifiers LPAREN type? identifier (COMMA type? identifier)* RPAREN ASSIGN commandExpression #multipleAssignment
    ;

// A method may be named by a string: `def "it works"() { }`.
methodName
    : identifier
    | stringLiteral
    | gstring
    ;

modifiers
    : (modifier NL?)+
    ;

modifier
    : annotation
    | DEF | FINAL | STATIC | PUBLIC | PRIVATE | PROTECTED | ABSTRACT | SYNCHRONIZED
    | TRANSIENT | VOLATILE | NATIVE | STRICTFP
    ;

variableDeclarator
    : identifier (ASSIGN commandExpression)?
    ;

// Groovy 2.4 lets a comma go missing after a parameter's default value:
// `def f(a = 1 b)`. The grammar takes a missing comma anywhere and the
// parser package reports the places Groovy does not.
formalParameters
    : LPAREN (formalParameter (COMMA? formalParameter)*)? RPAREN
    ;

formalParameter
    : modifiers? type? ELLIPSIS? identifier (ASSIGN expression)?
    ;

classDeclaration
    : modifiers? (CLASS | INTERFACE | TRAIT | ENUM | AT INTERFACE) identifier typeParameters?
      (EXTENDS typeList)? (IMPLEMENTS typeList)? classBody
    ;

typeParameters
    : LT typeParameter (COMMA typeParameter)* GT
    ;

typeParameter
    : identifier (EXTENDS type (BITAND type)*)?
    ;

classBody
    : LBRACE sep? (enumConstants (sep | COMMA)?)? classMembers RBRACE
    ;

enumConstants
    : enumConstant (COMMA sep? enumConstant)*
    ;

enumConstant
    : annotation* identifier arguments? classBody?
    ;

classMembers
    : (classMember (sep classMember)* sep?)?
    ;

classMember
    : classDeclaration
    | STATIC? block
    | identifier formalParameters (THROWS typeList)? block
    | declaration
    // An annotation type's member with its default: `boolean on() default false`.
    | modifiers? type identifier LPAREN RPAREN DEFAULT expression
    ;

typeList
    : type (COMMA type)*
    ;

type
    : (PRIMITIVE_TYPE | VOID | qualifiedName typeArguments?) (LBRACK RBRACK)*
    ;

typeArguments
    : LT (typeArgument (COMMA typeArgument)*)? GT
    ;

typeArgument
    : type
    | QUESTION ((EXTENDS | SUPER) type)?
    ;

// After a dot a keyword is a name too: `import org.acme.package.Tool`.
qualifiedName
    : identifier (DOT (identifier | keyword))*
    ;

annotation
    : AT qualifiedName (LPAREN (expression (COMMA expression)*)? RPAREN)?
    ;

// ---------------------------------------------------------------- expressions

// A command expression calls a method without parentheses: `sh 'make'`,
// `git url: u, branch: 'b'`, `agent any`. The parser package marks where
// such arguments start with a CMD token (see parser/tokens.go and parser/commands.go), so the
// grammar need not guess.
commandExpression
    : expression (CMD argumentList commandChain* | CHAIN commandChain+)?
    ;

// `a b c d` is `a(b).c(d)`: a command chain.
commandChain
    : chainName (arguments closure* | closure+ | argumentList)?
    ;

// A command chain may call a method named by a string: `sh 'a' 'b'`.
chainName
    : identifier
    | stringLiteral
    | gstring
    | INTEGER_LITERAL
    | FLOAT_LITERAL
    | TRUE
    | FALSE
    | NULL
    ;

// Groovy 2.4 takes one empty argument between two others,
// `sh(script: 'ls', , returnStdout: true)`; the parser package reports one
// outside parentheses.
// The arguments are written out rather than as a rule of their own, which
// would cost a context object per argument: a named argument, a spread
// `*list` or an expression.
argumentList
    : (namedArgument | MUL expression | expression) (COMMA COMMA? (namedArgument | MUL expression | expression))*
    ;

// The name, written out rather than as a rule of its own, which would cost
// a context object per named argument; a plain name is IDENTIFIER or TRAIT,
// as in identifier.
namedArgument
    : ( IDENTIFIER | TRAIT
      | keyword
      | stringLiteral
      | gstring
      | INTEGER_LITERAL
      | FLOAT_LITERAL
      | parExpression
      ) COLON expression
    | MUL COLON expression
    ;

arguments
    : LPAREN (argumentList COMMA?)? RPAREN
    ;

expressionList
    : expression (COMMA expression)*
    ;

parExpression
    : LPAREN expression RPAREN
    ;

// Lowest precedence last. The alternatives carry no labels, which would cost
// the parser a second context object per expression; the parser package
// tells them apart by their first two children (see exprAlt).
expression
    : CAST_LPAREN type RPAREN expression
    // The primary expressions, written out here rather than as a rule of
    // their own, which would cost a second context object per operand.
    | ( IDENTIFIER | TRAIT
      | INTEGER_LITERAL | FLOAT_LITERAL | SQ_STRING | TSQ_STRING | TRUE | FALSE | NULL
      | gstring
      | THIS
      | SUPER
      | parExpression
      | closure
      | list
      | map
      | NEW creator
      | PRIMITIVE_TYPE | VOID
      ) pathElement* (INC | DEC)?
    | (NOT | BITNOT) expression
    | <assoc = right> expression POWER expression
    | (INC | DEC | ADD | SUB) expression
    | expression (MUL | DIV | MOD) expression
    | expression (ADD | SUB) expression
    | expression (SHL | GT GT GT | GT GT | RANGE | RANGE_EXCLUSIVE) expression
    | expression (AS | INSTANCEOF | NOT_INSTANCEOF) type
    | expression (LE | GE | GT | LT | IN | NOT_IN) expression
    | expression (EQUAL | NOTEQUAL | IDENTICAL | NOT_IDENTICAL | SPACESHIP) expression
    | expression (REGEX_FIND | REGEX_MATCH) expression
    | expression BITAND expression
    | expression XOR expression
    | expression BITOR expression
    | expression AND expression
    | expression OR expression
    | <assoc = right> expression (QUESTION expression COLON | ELVIS) expression
    | <assoc = right> expression
      ( ASSIGN | ADD_ASSIGN | SUB_ASSIGN | MUL_ASSIGN | DIV_ASSIGN | MOD_ASSIGN
      | AND_ASSIGN | OR_ASSIGN | XOR_ASSIGN | SHL_ASSIGN | POWER_ASSIGN | ELVIS_ASSIGN
      | GT GT GE | GT GE
      ) expression
    ;

// No labels, as for expression: the parser package reads the first child.
pathElement
    : (DOT | SAFE_DOT | SPREAD_DOT) (AT)? memberName
    | (METHOD_POINTER | METHOD_REF) memberName
    | LPAREN (argumentList COMMA?)? RPAREN // arguments, written out: a call is the most frequent path element
    | closure
    | LBRACK (argumentList COMMA? | COLON)? RBRACK
    ;

// A plain name is IDENTIFIER or TRAIT, as in identifier, written out here
// because this is one of the most frequent places of a name.
memberName
    : IDENTIFIER | TRAIT
    | keyword
    | stringLiteral
    | gstring
    | closure
    | parExpression
    | typeArguments identifier
    ;

creator
    : type arguments? classBody?
    | qualifiedName typeArguments? (LBRACK expression? RBRACK)+
    | (PRIMITIVE_TYPE) (LBRACK expression? RBRACK)+
    ;

closure
    : LBRACE (closureParameters? ARROW)? sep? statements RBRACE
    ;

closureParameters
    : formalParameter (COMMA formalParameter)*
    ;

list
    : LBRACK (listElement (COMMA COMMA? listElement)* COMMA?)? RBRACK
    ;

listElement
    : MUL? expression
    ;

map
    : LBRACK COLON RBRACK
    | LBRACK mapEntry (COMMA COMMA? mapEntry)* COMMA? RBRACK
    ;

mapEntry
    : namedArgument
    ;

stringLiteral
    : SQ_STRING
    | TSQ_STRING
    ;

// The parts are written out rather than as a rule of their own, which would
// cost a context object per part.
gstring
    : (GSTRING_BEGIN | TGSTRING_BEGIN | SLASHY_BEGIN | DOLLAR_SLASHY_BEGIN)
      ( GSTRING_TEXT
      | GSTRING_VAR
      | GSTRING_EXPR_BEGIN (ARROW)? sep? statements GSTRING_EXPR_END
      )* GSTRING_END
    ;

identifier
    : IDENTIFIER
    | TRAIT
    ;

// Keywords that may still name a property, a map key or a named argument.
keyword
    : ABSTRACT | AS | ASSERT | BREAK | CASE | CATCH | CLASS | CONST | CONTINUE | DEFAULT | DO
    | DEF | ELSE | ENUM | EXTENDS | FALSE | FINAL | FINALLY | FOR | GOTO | IF | IMPLEMENTS | IMPORT
    | IN | INSTANCEOF | INTERFACE | NATIVE | NEW | NULL | PACKAGE | PRIVATE | PROTECTED | PUBLIC
    | RETURN | STATIC | STRICTFP | SUPER | SWITCH | SYNCHRONIZED | THIS | THROW | THROWS
    | TRANSIENT | TRUE | TRY | VOID | VOLATILE | WHILE | PRIMITIVE_TYPE
    ;
