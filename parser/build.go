package parser

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/antlr4-go/antlr/v4"

	"jfcheck/parser/internal/gen"
)

// builder turns ANTLR's parse tree into the model. It is written to accept
// the partial trees that error recovery leaves: a missing child becomes a
// BadExpr or is skipped, never a nil dereference.
type builder struct {
	p *parse
	// check is set when the file parsed without syntax errors: then the
	// builder also reports what Groovy's own AST builder rejects
	// (a method inside a closure, a try without catch, ...).
	check bool
}

// report records an error that Groovy reports while building its AST.
func (b *builder) report(s Span, msg string) {
	if b.check {
		b.p.errs = append(b.p.errs, Error{Span: s, Msg: msg})
	}
}

// topLevel reports whether the statement ctx lies directly in the file.
func topLevel(ctx antlr.ParserRuleContext) bool {
	p := ctx.GetParent()
	if _, ok := p.(*gen.StatementsContext); !ok {
		return false
	}
	_, ok := p.GetParent().(*gen.CompilationUnitContext)
	return ok
}

func (b *builder) posString(off int) string {
	pos := b.p.lines.Position(off)
	return fmt.Sprintf("%d:%d", pos.Line, pos.Col)
}

func (b *builder) span(ctx antlr.ParserRuleContext) Span {
	if ctx == nil || ctx.GetStart() == nil {
		return Span{}
	}
	first := ctx.GetStart()
	start := b.p.tokSpan(first).Start
	stop := ctx.GetStop()
	if stop == nil || stop.GetTokenIndex() < first.GetTokenIndex() {
		return Span{start, start}
	}
	end := b.p.tokSpan(stop).End
	if end < start {
		end = start
	}
	return Span{start, end}
}

func (b *builder) tok(n antlr.TerminalNode) Span {
	if n == nil {
		return Span{}
	}
	return b.p.tokSpan(n.GetSymbol())
}

func (b *builder) text(s Span) string { return b.p.text[s.Start:s.End] }

func (b *builder) ctxText(ctx antlr.ParserRuleContext) string { return b.text(b.span(ctx)) }

// ---------------------------------------------------------------- statements

func (b *builder) statements(ctx gen.IStatementsContext) []Stmt {
	if ctx == nil {
		return nil
	}
	var out []Stmt
	var prev Stmt
	for _, s := range ctx.AllStatement() {
		ss := b.statement(s)
		if prev != nil && len(ss) > 0 && b.sameLine(s) {
			// `stage('a') { } stage('b') { }` is one command chain to
			// Groovy; only a command may follow a closure this way.
			ps, ok1 := prev.(*ExprStmt)
			cs, ok2 := ss[0].(*ExprStmt)
			_, assign := exprOf(cs).(*Assign)
			if !ok1 || !ok2 || assign || !endsWithClosure(ps.X) {
				b.report(Span{ss[0].Pos().Start, ss[0].Pos().Start}, fmt.Sprintf("unexpected %s after '}': a new statement needs a new line or ';'", describe(s.GetStart())))
			}
		}
		if len(ss) > 0 {
			prev = ss[len(ss)-1]
		}
		out = append(out, ss...)
	}
	return out
}

func exprOf(s *ExprStmt) Expr {
	if s == nil {
		return nil
	}
	return s.X
}

// endsWithClosure reports whether x ends with a closure argument.
func endsWithClosure(x Expr) bool {
	switch c := x.(type) {
	case *Call:
		return c.Closure != nil
	}
	return false
}

// sameLine reports whether only a separator the scan inserted (after a
// closing brace on the same line) comes before statement s.
func (b *builder) sameLine(s gen.IStatementContext) bool {
	i := s.GetStart().GetTokenIndex()
	if i <= 0 || i > len(b.p.tokens) {
		return false
	}
	t := b.p.tokens[i-1]
	return t.GetTokenType() == gen.GroovyLexerNL && t.GetStop() < t.GetStart()
}

func (b *builder) block(ctx gen.IBlockContext) *Block {
	if ctx == nil {
		return nil
	}
	c := ctx.(*gen.BlockContext)
	l := c.LBRACE()
	if l == nil {
		l = c.BLOCK_LBRACE()
	}
	return b.braced(c, l, c.RBRACE(), b.statements(c.Statements()))
}

func (b *builder) braced(ctx antlr.ParserRuleContext, l, r antlr.TerminalNode, stmts []Stmt) *Block {
	blk := &Block{Span: b.span(ctx), Lbrace: b.tok(l).Start, Rbrace: -1, Stmts: stmts}
	if r != nil && r.GetSymbol().GetTokenIndex() >= 0 && b.p.tokSpan(r.GetSymbol()).Len() == 1 {
		blk.Rbrace = b.tok(r).Start
	}
	return blk
}

// stmtOrBad returns the single statement for ctx, or a BadStmt.
func (b *builder) stmtOne(ctx gen.IStatementContext) Stmt {
	if ctx == nil {
		return nil
	}
	ss := b.statement(ctx)
	if len(ss) == 1 {
		return ss[0]
	}
	if len(ss) == 0 {
		return &BadStmt{b.span(ctx)}
	}
	return &BlockStmt{&Block{Span: b.span(ctx), Lbrace: -1, Rbrace: -1, Stmts: ss}}
}

// statement returns the statements for ctx: usually one, several for
// `def a = 1, b = 2`.
func (b *builder) statement(ctx gen.IStatementContext) []Stmt {
	sp := b.span(ctx)
	c, _ := ctx.(*gen.StatementContext)
	switch stmtAlt(c) {
	case importStmt:
		if !topLevel(c) {
			b.report(sp, "an import is only allowed at the top level of the file: move it to the top")
		}
		return []Stmt{b.importDecl(c.ImportDeclaration())}
	case annotatedStmt:
		st := &AnnotatedStmt{Span: sp}
		for _, a := range c.AllAnnotation() {
			st.Annotations = append(st.Annotations, b.annotation(a))
		}
		switch {
		case c.ImportDeclaration() != nil:
			if !topLevel(c) {
				b.report(sp, "an import is only allowed at the top level of the file: move it to the top")
			}
			st.Stmt = b.importDecl(c.ImportDeclaration())
		}
		return []Stmt{st}
	case classStmt:
		b.checkTopClass(c, sp)
		cd := b.classDecl(c.ClassDeclaration())
		if cc, ok := c.ClassDeclaration().(*gen.ClassDeclarationContext); ok && cc != nil {
			if anns, start := b.annotationsOf(cc.Modifiers()); len(anns) > 0 {
				if d, ok := cd.(*ClassDecl); ok {
					d.Span.Start = start
				}
				return []Stmt{&AnnotatedStmt{Span: sp, Annotations: anns, Stmt: cd}}
			}
		}
		return []Stmt{cd}
	case declarationStmt:
		b.checkTopMethod(c, c.Declaration(), sp)
		ds := b.declaration(c.Declaration())
		var mods gen.IModifiersContext
		switch d := c.Declaration().(type) {
		case *gen.MethodDeclarationContext:
			mods = d.Modifiers()
		case *gen.VariableDeclarationContext:
			mods = d.Modifiers()
		case *gen.MultipleAssignmentContext:
			mods = d.Modifiers()
		}
		anns, start := b.annotationsOf(mods)
		if len(anns) == 0 || len(ds) == 0 {
			return ds
		}
		// `@NonCPS def f() { }`: the annotations wrap the declaration,
		// whose span starts after them.
		st := &AnnotatedStmt{Span: sp, Annotations: anns}
		switch d := ds[0].(type) {
		case *MethodDecl:
			d.Span.Start = start
		case *VarDecl:
			d.Span.Start = start
		case *MultiAssign:
			d.Span.Start = start
		}
		if len(ds) == 1 {
			st.Stmt = ds[0]
		} else {
			st.Stmt = &BlockStmt{&Block{Span: Span{start, sp.End}, Lbrace: -1, Rbrace: -1, Stmts: ds}}
		}
		return []Stmt{st}
	case blockStmt:
		if _, ok := c.GetParent().(*gen.StatementsContext); ok {
			b.report(Span{sp.Start, sp.Start + 1}, "a block '{ ... }' on its own does not compile in Groovy (closure or code block?): remove the braces, or write '{ -> ... }' for a closure")
		}
		return []Stmt{&BlockStmt{b.braced(c, c.BLOCK_LBRACE(), c.RBRACE(), b.statements(c.Statements()))}}
	case ifStmt:
		st := &IfStmt{Span: sp, Cond: b.parExpr(c.ParExpression())}
		ss := c.AllStatement()
		if len(ss) > 0 {
			st.Then = b.stmtOne(ss[0])
		}
		if len(ss) > 1 {
			st.Else = b.stmtOne(ss[1])
		}
		return []Stmt{st}
	case forStmt:
		st := &ForStmt{Span: sp, Body: b.stmtOne(c.Statement(0))}
		switch fc := c.ForControl().(type) {
		case *gen.ForInControlContext:
			if id := fc.Identifier(); id != nil {
				st.Var = b.ctxText(id)
				if fc.COLON() != nil && len(fc.AllType_()) == 0 && len(fc.AllDEF()) == 0 {
					b.report(b.span(id), fmt.Sprintf("a for (%s : ...) loop needs a type: write for (def %[1]s : ...) or for (%[1]s in ...)", st.Var))
				}
			}
			st.Iter = b.expr(fc.Expression())
		case *gen.ClassicForControlContext:
			if in := fc.ForInit(); in != nil {
				ic := in.(*gen.ForInitContext)
				if d := ic.Declaration(); d != nil {
					for _, s := range b.declaration(d) {
						st.Init = append(st.Init, s)
					}
				}
				if el := ic.ExpressionList(); el != nil {
					for _, e := range b.exprList(el) {
						st.Init = append(st.Init, e)
					}
				}
			}
			if e := fc.Expression(); e != nil {
				st.Cond = b.expr(e)
			}
			if el := fc.ExpressionList(); el != nil {
				st.Update = b.exprList(el)
			}
		}
		return []Stmt{st}
	case whileStmt:
		return []Stmt{&WhileStmt{Span: sp, Cond: b.parExpr(c.ParExpression()), Body: b.stmtOne(c.Statement(0))}}
	case doWhileStmt:
		b.report(b.tok(c.DO()), "'do ... while' is not Groovy 2.4 syntax and Jenkins cannot compile it: use a while loop")
		return []Stmt{&WhileStmt{Span: sp, Cond: b.parExpr(c.ParExpression()), Body: b.stmtOne(c.Statement(0)), Do: true}}
	case tryStmt:
		st := &TryStmt{Span: sp}
		if c.FINALLY() == nil && len(c.AllCatchClause()) == 0 {
			b.report(b.tok(c.TRY()), "a try needs a catch or a finally block")
		}
		blocks := c.AllBlock()
		if len(blocks) > 0 {
			st.Body = b.block(blocks[0])
		}
		if c.FINALLY() != nil && len(blocks) > 1 {
			st.Finally = b.block(blocks[len(blocks)-1])
		}
		for _, cc := range c.AllCatchClause() {
			cx := cc.(*gen.CatchClauseContext)
			cl := &CatchClause{Span: b.span(cx), Body: b.block(cx.Block())}
			if id := cx.Identifier(); id != nil {
				cl.Name = b.ctxText(id)
			}
			if ct := cx.CatchType(); ct != nil {
				for _, t := range ct.(*gen.CatchTypeContext).AllType_() {
					cl.Types = append(cl.Types, b.ctxText(t))
				}
			}
			st.Catches = append(st.Catches, cl)
		}
		return []Stmt{st}
	case switchStmt:
		st := &SwitchStmt{Span: sp, Tag: b.parExpr(c.ParExpression())}
		for _, g := range c.AllSwitchGroup() {
			gx := g.(*gen.SwitchGroupContext)
			cc := &CaseClause{Span: b.span(gx), Body: b.statements(gx.Statements())}
			for _, l := range gx.AllSwitchLabel() {
				lx := l.(*gen.SwitchLabelContext)
				if lx.DEFAULT() != nil {
					cc.Values = append(cc.Values, nil)
				} else {
					cc.Values = append(cc.Values, b.expr(lx.Expression()))
				}
			}
			st.Cases = append(st.Cases, cc)
		}
		return []Stmt{st}
	case returnStmt:
		st := &ReturnStmt{Span: sp}
		if e := c.Expression(0); e != nil {
			st.X = b.expr(e)
		}
		return []Stmt{st}
	case breakStmt:
		st := &BranchStmt{Span: sp, Keyword: "break"}
		if id := c.Identifier(0); id != nil {
			st.Label = b.ctxText(id)
		}
		return []Stmt{st}
	case continueStmt:
		st := &BranchStmt{Span: sp, Keyword: "continue"}
		if id := c.Identifier(0); id != nil {
			st.Label = b.ctxText(id)
		}
		return []Stmt{st}
	case throwStmt:
		return []Stmt{&ThrowStmt{Span: sp, X: b.expr(c.Expression(0))}}
	case assertStmt:
		st := &AssertStmt{Span: sp}
		es := c.AllExpression()
		if len(es) > 0 {
			st.Cond = b.expr(es[0])
		}
		if len(es) > 1 {
			st.Message = b.expr(es[1])
		}
		return []Stmt{st}
	case labeledStmt:
		st := &LabeledStmt{Span: sp, Stmt: b.stmtOne(c.Statement(0))}
		if id := c.Identifier(0); id != nil {
			st.Label = b.ctxText(id)
		}
		return []Stmt{st}
	case multiAssignStmt:
		return []Stmt{b.multiAssign(sp, c.AllIdentifier(), c.CommandExpression())}
	case synchronizedStmt:
		if blk := b.block(c.Block(0)); blk != nil {
			return []Stmt{&BlockStmt{blk}}
		}
	case expressionStmt:
		return []Stmt{&ExprStmt{Span: sp, X: b.commandOf(c.Expression(0), c.ArgumentList(), c.CHAIN() != nil, c.AllCommandChain())}}
	}
	if sp.Len() == 0 {
		return nil
	}
	return []Stmt{&BadStmt{sp}}
}

// stmtKind is an alternative of the grammar's statement rule.
type stmtKind int

const (
	badStmt stmtKind = iota
	importStmt
	annotatedStmt
	classStmt
	declarationStmt
	blockStmt
	ifStmt
	forStmt
	whileStmt
	doWhileStmt
	tryStmt
	switchStmt
	returnStmt
	breakStmt
	continueStmt
	throwStmt
	assertStmt
	labeledStmt
	multiAssignStmt
	synchronizedStmt
	expressionStmt
)

// stmtKeywords maps the tokens that start a statement alternative to it.
var stmtKeywords = map[int]stmtKind{
	gen.GroovyLexerBLOCK_LBRACE: blockStmt, gen.GroovyLexerIF: ifStmt, gen.GroovyLexerFOR: forStmt,
	gen.GroovyLexerWHILE: whileStmt, gen.GroovyLexerDO: doWhileStmt, gen.GroovyLexerTRY: tryStmt,
	gen.GroovyLexerSWITCH: switchStmt, gen.GroovyLexerRETURN: returnStmt, gen.GroovyLexerBREAK: breakStmt,
	gen.GroovyLexerCONTINUE: continueStmt, gen.GroovyLexerTHROW: throwStmt, gen.GroovyLexerASSERT: assertStmt,
	gen.GroovyLexerLPAREN: multiAssignStmt, gen.GroovyLexerSYNCHRONIZED: synchronizedStmt,
}

// stmtAlt tells which alternative of statement c is, from its first child
// that error recovery did not insert: each alternative starts with its own
// token or rule.
func stmtAlt(c *gen.StatementContext) stmtKind {
	if c == nil {
		return badStmt
	}
	kids := c.GetChildren()
	i := nextReal(kids, 0)
	if i >= len(kids) {
		return badStmt
	}
	switch x := kids[i].(type) {
	case antlr.TerminalNode:
		return stmtKeywords[x.GetSymbol().GetTokenType()]
	case *gen.ImportDeclarationContext:
		return importStmt
	case *gen.AnnotationContext:
		return annotatedStmt
	case *gen.ClassDeclarationContext:
		return classStmt
	case gen.IDeclarationContext:
		return declarationStmt
	case *gen.IdentifierContext:
		return labeledStmt
	case *gen.ExpressionContext:
		return expressionStmt
	}
	return badStmt
}

func (b *builder) importDecl(ctx gen.IImportDeclarationContext) Stmt {
	if ctx == nil {
		return &BadStmt{}
	}
	c := ctx.(*gen.ImportDeclarationContext)
	st := &ImportStmt{Span: b.span(c), Static: c.STATIC() != nil}
	if q := c.QualifiedName(); q != nil {
		st.Path = b.ctxText(q)
	}
	if c.MUL() != nil {
		st.Path += ".*"
	}
	if id := c.Identifier(); id != nil {
		st.Alias = b.ctxText(id)
	}
	return st
}

func (b *builder) annotation(ctx gen.IAnnotationContext) *Annotation {
	c := ctx.(*gen.AnnotationContext)
	a := &Annotation{Span: b.span(c)}
	if q := c.QualifiedName(); q != nil {
		a.Name = b.ctxText(q)
	}
	for _, e := range c.AllExpression() {
		a.Args = append(a.Args, b.expr(e))
	}
	return a
}

func (b *builder) modifiers(ctx gen.IModifiersContext) []string {
	if ctx == nil {
		return nil
	}
	var out []string
	for _, m := range ctx.(*gen.ModifiersContext).AllModifier() {
		if m.(*gen.ModifierContext).Annotation() != nil {
			continue // in the AnnotatedStmt around the declaration
		}
		if t := b.ctxText(m); t != "" { // not the DEF the scan inserts in `foo(String s) { }`
			out = append(out, t)
		}
	}
	return out
}

func (b *builder) typeText(ctx gen.ITypeContext) string {
	if ctx == nil {
		return ""
	}
	return b.ctxText(ctx)
}

func (b *builder) declaration(ctx gen.IDeclarationContext) []Stmt {
	sp := b.span(ctx)
	switch c := ctx.(type) {
	case *gen.MethodDeclarationContext:
		m := &MethodDecl{Span: sp, Modifiers: b.modifiers(c.Modifiers()), Type: b.typeText(c.Type_())}
		if mn, ok := c.MethodName().(*gen.MethodNameContext); ok && mn != nil {
			m.NameSpan = b.span(mn)
			switch {
			case mn.Identifier() != nil:
				m.Name = b.ctxText(mn.Identifier())
			case mn.StringLiteral() != nil:
				m.Name, _ = b.stringLit(mn.StringLiteral()).Literal()
			case mn.Gstring() != nil:
				v, ok := b.gstring(mn.Gstring()).Literal()
				if !ok {
					b.report(m.NameSpan, "a method name cannot interpolate: use a plain string")
				}
				m.Name = v
			}
		}
		if c.Modifiers() != nil {
			b.checkTypeName(c.Type_())
		}
		m.Params = b.params(c.FormalParameters())
		m.Body = b.block(c.Block())
		if m.Body == nil && !b.mayBeAbstract(c, m) {
			b.report(m.NameSpan, fmt.Sprintf("method '%s' has no body: add { }, or declare it abstract in an abstract class", m.Name))
		}
		return []Stmt{m}
	case *gen.VariableDeclarationContext:
		mods, typ := b.modifiers(c.Modifiers()), b.typeText(c.Type_())
		if c.Modifiers() != nil {
			b.checkTypeName(c.Type_())
		}
		var out []Stmt
		ds := c.AllVariableDeclarator()
		for i, d := range ds {
			dc := d.(*gen.VariableDeclaratorContext)
			v := &VarDecl{Span: b.span(dc), Modifiers: mods, Type: typ}
			if i == 0 {
				v.Span.Start = sp.Start
			}
			if len(ds) == 1 {
				v.Span = sp
			}
			if id := dc.Identifier(); id != nil {
				v.Name, v.NameSpan = b.ctxText(id), b.span(id)
			}
			if ce := dc.CommandExpression(); ce != nil {
				v.Value = b.command(ce)
			}
			out = append(out, v)
		}
		return out
	case *gen.MultipleAssignmentContext:
		return []Stmt{b.multiAssign(sp, c.AllIdentifier(), c.CommandExpression())}
	}
	if sp.Len() == 0 {
		return nil
	}
	return []Stmt{&BadStmt{sp}}
}

// multiAssign builds `def (a, b) = value` and `(a, b) = value`.
func (b *builder) multiAssign(sp Span, names []gen.IIdentifierContext, value gen.ICommandExpressionContext) *MultiAssign {
	m := &MultiAssign{Span: sp}
	for _, id := range names {
		m.Names = append(m.Names, b.ctxText(id))
	}
	if value != nil {
		m.Value = b.command(value)
	}
	return m
}

func (b *builder) params(ctx gen.IFormalParametersContext) []*Param {
	if ctx == nil {
		return nil
	}
	var out []*Param
	comma := true
	for _, ch := range ctx.(*gen.FormalParametersContext).GetChildren() {
		switch c := ch.(type) {
		case gen.IFormalParameterContext:
			p := b.param(c)
			if !comma && len(out) > 0 && out[len(out)-1].Default == nil {
				// Groovy 2.4 lets the comma go only after a default value.
				b.report(Span{p.Start, p.Start}, fmt.Sprintf("expected ',' before parameter '%s'", p.Name))
			}
			out = append(out, p)
			comma = false
		case antlr.TerminalNode:
			if c.GetSymbol().GetTokenType() == gen.GroovyParserCOMMA {
				comma = true
			}
		}
	}
	return out
}

// mayBeAbstract reports whether the method m may lack a body: an abstract
// method, or one in an interface or annotation type.
func (b *builder) mayBeAbstract(c antlr.ParserRuleContext, m *MethodDecl) bool {
	for _, mod := range m.Modifiers {
		if mod == "abstract" {
			return true
		}
	}
	for p := c.GetParent(); p != nil; p = p.GetParent() {
		if cd, ok := p.(*gen.ClassDeclarationContext); ok {
			return cd.INTERFACE() != nil
		}
		if _, ok := p.(*gen.StatementContext); ok {
			return false
		}
	}
	return false
}

// annotationsOf returns the annotations among modifiers and the byte
// offset where what they annotate starts: the first other modifier, or
// what follows the modifiers.
func (b *builder) annotationsOf(ctx gen.IModifiersContext) ([]*Annotation, int) {
	mc, ok := ctx.(*gen.ModifiersContext)
	if !ok || mc == nil {
		return nil, 0
	}
	var anns []*Annotation
	start := -1
	for _, m := range mc.AllModifier() {
		c := m.(*gen.ModifierContext)
		if a := c.Annotation(); a != nil {
			anns = append(anns, b.annotation(a))
		} else if start < 0 && b.span(c).Len() > 0 {
			start = b.span(c).Start
		}
	}
	if start < 0 {
		i := mc.GetStop().GetTokenIndex() + 1
		for i < len(b.p.tokens) && b.p.tokens[i].GetTokenType() == gen.GroovyLexerNL {
			i++
		}
		start = b.span(mc).End
		if i < len(b.p.tokens) {
			start = b.p.tokSpan(b.p.tokens[i]).Start
		}
	}
	return anns, start
}

// checkTypeName reports a type after modifiers whose name is not
// capitalised, as in `def foo x = 1`: Groovy does not read it as a type.
func (b *builder) checkTypeName(ctx gen.ITypeContext) {
	tc, ok := ctx.(*gen.TypeContext)
	if !ok || tc == nil || tc.QualifiedName() == nil {
		return
	}
	ids := tc.QualifiedName().(*gen.QualifiedNameContext).AllIdentifier()
	if len(ids) == 0 {
		return
	}
	last := b.ctxText(ids[len(ids)-1])
	if r, _ := utf8.DecodeRuneInString(last); !unicode.IsUpper(r) {
		b.report(b.span(tc), fmt.Sprintf("unexpected name %q: a type here must start with a capital letter", b.ctxText(tc)))
	}
}

// checkTopClass reports a class defined anywhere but the top level.
func (b *builder) checkTopClass(c antlr.ParserRuleContext, sp Span) {
	if !topLevel(c) {
		b.report(Span{sp.Start, sp.Start}, "a class definition is only allowed at the top level of the file: move it out")
	}
}

// checkTopMethod reports a method defined in a block or closure.
func (b *builder) checkTopMethod(c antlr.ParserRuleContext, d gen.IDeclarationContext, sp Span) {
	if _, ok := d.(*gen.MethodDeclarationContext); ok && !topLevel(c) {
		b.report(Span{sp.Start, sp.Start}, "a method definition is only allowed at the top level of the file or in a class: use a closure here (def name = { ... })")
	}
}

func (b *builder) param(ctx gen.IFormalParameterContext) *Param {
	c := ctx.(*gen.FormalParameterContext)
	p := &Param{Span: b.span(c), Type: b.typeText(c.Type_())}
	if id := c.Identifier(); id != nil {
		p.Name = b.ctxText(id)
	}
	if e := c.Expression(); e != nil {
		p.Default = b.expr(e)
	}
	return p
}

func (b *builder) classDecl(ctx gen.IClassDeclarationContext) Stmt {
	if ctx == nil {
		return &BadStmt{}
	}
	c := ctx.(*gen.ClassDeclarationContext)
	cd := &ClassDecl{Span: b.span(c)}
	switch {
	case c.AT() != nil:
		cd.Kind = "@interface"
	case c.INTERFACE() != nil:
		cd.Kind = "interface"
	case c.TRAIT() != nil:
		cd.Kind = "trait"
	case c.ENUM() != nil:
		cd.Kind = "enum"
	default:
		cd.Kind = "class"
	}
	if id := c.Identifier(); id != nil {
		cd.Name = b.ctxText(id)
	}
	body, ok := c.ClassBody().(*gen.ClassBodyContext)
	if !ok || body == nil {
		return cd
	}
	if ms, ok := body.ClassMembers().(*gen.ClassMembersContext); ok && ms != nil {
		for _, m := range ms.AllClassMember() {
			mc := m.(*gen.ClassMemberContext)
			switch {
			case mc.ClassDeclaration() != nil:
				cd.Members = append(cd.Members, b.classDecl(mc.ClassDeclaration()))
			case mc.Declaration() != nil:
				cd.Members = append(cd.Members, b.declaration(mc.Declaration())...)
			case mc.DEFAULT() != nil: // an annotation type's member
				md := &MethodDecl{Span: b.span(mc), Modifiers: b.modifiers(mc.Modifiers()), Type: b.typeText(mc.Type_())}
				if id := mc.Identifier(); id != nil {
					md.Name, md.NameSpan = b.ctxText(id), b.span(id)
				}
				cd.Members = append(cd.Members, md)
			case mc.FormalParameters() != nil: // constructor
				md := &MethodDecl{Span: b.span(mc), Params: b.params(mc.FormalParameters()), Body: b.block(mc.Block())}
				if id := mc.Identifier(); id != nil {
					md.Name, md.NameSpan = b.ctxText(id), b.span(id)
				}
				cd.Members = append(cd.Members, md)
			case mc.Block() != nil:
				if blk := b.block(mc.Block()); blk != nil {
					cd.Members = append(cd.Members, &BlockStmt{blk})
				}
			}
		}
	}
	return cd
}

// ---------------------------------------------------------------- expressions

func (b *builder) parExpr(ctx gen.IParExpressionContext) Expr {
	if ctx == nil {
		return &BadExpr{}
	}
	return b.expr(ctx.(*gen.ParExpressionContext).Expression())
}

func (b *builder) exprList(ctx gen.IExpressionListContext) []Expr {
	if ctx == nil {
		return nil
	}
	var out []Expr
	for _, e := range ctx.(*gen.ExpressionListContext).AllExpression() {
		out = append(out, b.expr(e))
	}
	return out
}

// command builds a command expression: `sh 'x'` becomes a Call without
// parentheses; `x = sh 'y'` becomes an assignment of such a call.
func (b *builder) command(ctx gen.ICommandExpressionContext) Expr {
	c := ctx.(*gen.CommandExpressionContext)
	return b.commandOf(c.Expression(), c.ArgumentList(), c.CHAIN() != nil, c.AllCommandChain())
}

// commandOf builds a command expression from its parts: a commandExpression
// of the grammar, or a statement's last alternative, which is one written
// out.
func (b *builder) commandOf(head gen.IExpressionContext, al gen.IArgumentListContext, chain bool, chains []gen.ICommandChainContext) Expr {
	if al == nil && !chain {
		return b.expr(head)
	}
	var lhs Expr
	var op string
	fun := head
	if a, ok := head.(*gen.ExpressionContext); ok && exprAlt(a) == assignExpr {
		lhs, op, fun = b.expr(a.Expression(0)), b.assignOp(a), a.Expression(1)
	}
	f := b.expr(fun)
	var call Expr = f
	if al != nil {
		args := b.argList(al)
		b.checkNoEmpty(al)
		b.checkNamed(args)
		call = &Call{Span: Span{f.Pos().Start, b.span(al).End}, Fun: f, Args: args, Command: true, Lparen: -1, Rparen: -1}
	}
	start := f.Pos().Start
	for _, ch := range chains {
		cc := ch.(*gen.CommandChainContext)
		end := b.span(cc).End
		sel := &Select{Span: Span{start, b.span(cc.ChainName()).End}, X: call, Op: "."}
		var next *Call
		if cn, ok := cc.ChainName().(*gen.ChainNameContext); ok && cn != nil {
			sel.NameSpan = b.span(cn)
			switch {
			case cn.Identifier() != nil:
				sel.Name = b.ctxText(cn.Identifier())
			case cn.StringLiteral() != nil:
				sel.Name, _ = b.stringLit(cn.StringLiteral()).Literal()
			case cn.Gstring() != nil:
				str := b.gstring(cn.Gstring())
				if v, ok := str.Literal(); ok {
					sel.Name = v
				} else {
					sel.Dynamic = str
				}
			}
		}
		switch {
		case cc.ArgumentList() != nil:
			cal := cc.ArgumentList()
			b.checkNoEmpty(cal)
			next = &Call{Span: Span{start, end}, Fun: sel, Args: b.argList(cal), Command: true, Lparen: -1, Rparen: -1}
			b.checkNamed(next.Args)
		case cc.Arguments() != nil:
			ac := cc.Arguments().(*gen.ArgumentsContext)
			next = &Call{Span: Span{start, end}, Fun: sel, Args: b.argList(ac.ArgumentList()), Parens: true,
				Lparen: b.tok(ac.LPAREN()).Start, Rparen: -1}
			if r := ac.RPAREN(); r != nil {
				next.Rparen = b.tok(r).Start
			}
			b.checkNamed(next.Args)
		case len(cc.AllClosure()) == 0:
			// `foo(1) bar`: a property of what foo returns.
			sel.Span.End = end
			call = sel
			continue
		default:
			next = &Call{Span: Span{start, end}, Fun: sel, Lparen: -1, Rparen: -1}
		}
		for i, cl := range cc.AllClosure() {
			c := b.closure(cl)
			if i == 0 {
				next.Closure = c
				next.Command = false
			} else {
				next = &Call{Span: Span{start, c.End}, Fun: next, Closure: c, Lparen: -1, Rparen: -1}
			}
		}
		call = next
	}
	if lhs != nil {
		b.checkTarget(lhs)
		return &Assign{Span: Span{b.span(head).Start, call.Pos().End}, Op: op, LHS: lhs, RHS: call}
	}
	return call
}

// checkTarget reports an assignment to something that is not a variable,
// a property or an index: `hey-look = 1`, `"x" = 1`, `f() = 1`.
func (b *builder) checkTarget(x Expr) {
	switch t := x.(type) {
	case *Ident, *Index, *BadExpr:
		return
	case *Select:
		if t.Op != ".&" && t.Op != "::" {
			return
		}
	case *Paren:
		b.checkTarget(t.X)
		return
	}
	b.report(x.Pos(), "cannot assign to this: the left side of an assignment must be a variable, a property or an index")
}

// checkNamed reports a named argument given twice in one call.
func (b *builder) checkNamed(args []*Arg) {
	for i, a := range args {
		if a.Name == "" || a.NamedExpr || a.Spread {
			continue
		}
		for _, c := range args[:i] {
			if c.Name == a.Name && !c.NamedExpr && !c.Spread && c.NameSpan.Len() > 0 {
				b.report(a.NameSpan, fmt.Sprintf("duplicate named argument '%s': it is already given at %s", a.Name, b.posString(c.NameSpan.Start)))
				break
			}
		}
	}
}

// checkNoEmpty reports an empty argument (`a, , b`) outside parentheses,
// where Groovy 2.4 does not take one.
func (b *builder) checkNoEmpty(ctx gen.IArgumentListContext) {
	if ctx == nil {
		return
	}
	comma := false
	for _, ch := range ctx.GetChildren() {
		t, ok := ch.(antlr.TerminalNode)
		if !ok || t.GetSymbol().GetTokenType() != gen.GroovyLexerCOMMA {
			comma = false
			continue
		}
		if comma {
			b.report(b.tok(t), "unexpected ',': an argument is missing")
			return
		}
		comma = true
	}
}

func (b *builder) assignOp(a *gen.ExpressionContext) string {
	var op strings.Builder
	for _, ch := range a.GetChildren() {
		if t, ok := ch.(antlr.TerminalNode); ok {
			op.WriteString(t.GetText())
		}
	}
	return op.String()
}

func (b *builder) argList(ctx gen.IArgumentListContext) []*Arg {
	if ctx == nil {
		return nil
	}
	// The children are the arguments, each a named argument, `*` and an
	// expression, or an expression, between commas (see the grammar).
	var out []*Arg
	spread := Span{-1, -1} // the `*` before the expression to come
	for _, ch := range ctx.GetChildren() {
		switch c := ch.(type) {
		case *gen.NamedArgumentContext:
			out = append(out, b.namedArg(c))
		case *gen.ExpressionContext:
			a := &Arg{Span: b.span(c), Value: b.expr(c)}
			if spread.Start >= 0 {
				a.Span.Start, a.Spread = spread.Start, true
				spread = Span{-1, -1}
			}
			out = append(out, a)
		case antlr.TerminalNode:
			if c.GetSymbol().GetTokenType() == gen.GroovyLexerMUL {
				spread = b.tok(c)
			}
		}
	}
	return out
}

func (b *builder) namedArg(ctx gen.INamedArgumentContext) *Arg {
	c := ctx.(*gen.NamedArgumentContext)
	a := &Arg{Span: b.span(c), Value: b.expr(c.Expression())}
	// The name is the first child, or `*` for `*: map` (see the grammar).
	kids := c.GetChildren()
	i := nextReal(kids, 0)
	if i >= len(kids) {
		return a
	}
	switch k := kids[i].(type) {
	case antlr.TerminalNode:
		a.NameSpan = b.tok(k)
		switch k.GetSymbol().GetTokenType() {
		case gen.GroovyLexerMUL:
			a.Spread, a.NameSpan = true, Span{}
		case gen.GroovyLexerIDENTIFIER, gen.GroovyLexerTRAIT, gen.GroovyLexerINTEGER_LITERAL, gen.GroovyLexerFLOAT_LITERAL:
			a.Name = b.text(a.NameSpan)
		}
	case *gen.KeywordContext:
		a.NameSpan = b.span(k)
		a.Name = b.text(a.NameSpan)
	case *gen.StringLiteralContext:
		a.NameSpan = b.span(k)
		s := b.stringLit(k)
		if v, ok := s.Literal(); ok {
			a.Name = v
		}
		a.Key = s
	case *gen.GstringContext:
		a.NameSpan = b.span(k)
		s := b.gstring(k)
		if v, ok := s.Literal(); ok {
			a.Name = v
		} else {
			a.NamedExpr = true
		}
		a.Key = s
	case *gen.ParExpressionContext:
		a.NameSpan = b.span(k)
		a.NamedExpr = true
		a.Key = b.parExpr(k)
	}
	return a
}

func (b *builder) binary(ctx antlr.ParserRuleContext) Expr {
	var x, y Expr
	var op strings.Builder
	opSpan := Span{-1, -1}
	for _, ch := range ctx.GetChildren() {
		switch c := ch.(type) {
		case gen.IExpressionContext:
			if x == nil {
				x = b.expr(c)
			} else {
				y = b.expr(c)
			}
		case antlr.TerminalNode:
			op.WriteString(c.GetText())
			s := b.tok(c)
			if opSpan.Start < 0 {
				opSpan = s
			}
			opSpan.End = s.End
		}
	}
	if x == nil {
		x = &BadExpr{}
	}
	if y == nil {
		y = &BadExpr{Span{b.span(ctx).End, b.span(ctx).End}}
	}
	return &Binary{Span: b.span(ctx), Op: op.String(), OpSpan: opSpan, X: x, Y: y}
}

// exprKind is an alternative of the grammar's expression rule.
type exprKind int

const (
	badExpr exprKind = iota
	castExpr
	pathExpr
	notExpr
	unaryExpr
	typeTestExpr
	ternaryExpr
	assignExpr
	shiftExpr
	binaryExpr
)

// exprAlt tells which alternative of expression c is, from its children:
// a prefix token or a primary first, or an operand followed by its
// operator's tokens. What error recovery skipped or invented (error nodes)
// does not count.
func exprAlt(c *gen.ExpressionContext) exprKind {
	if c == nil {
		return badExpr
	}
	kids := c.GetChildren()
	i := nextReal(kids, 0)
	if i >= len(kids) {
		return badExpr
	}
	switch x := kids[i].(type) {
	case antlr.TerminalNode:
		switch x.GetSymbol().GetTokenType() {
		case gen.GroovyLexerCAST_LPAREN:
			return castExpr
		case gen.GroovyLexerNOT, gen.GroovyLexerBITNOT:
			return notExpr
		case gen.GroovyLexerINC, gen.GroovyLexerDEC, gen.GroovyLexerADD, gen.GroovyLexerSUB:
			return unaryExpr
		}
		return pathExpr // a primary token: a name, a literal, new, this ...
	case *gen.GstringContext, *gen.ParExpressionContext, *gen.ClosureContext, *gen.ListContext, *gen.MapContext:
		return pathExpr
	case *gen.ExpressionContext:
	default:
		return badExpr
	}
	i = nextReal(kids, i+1)
	if i >= len(kids) {
		return badExpr
	}
	op, ok := kids[i].(antlr.TerminalNode)
	if !ok {
		return badExpr
	}
	switch op.GetSymbol().GetTokenType() {
	case gen.GroovyLexerAS, gen.GroovyLexerINSTANCEOF, gen.GroovyLexerNOT_INSTANCEOF:
		return typeTestExpr
	case gen.GroovyLexerQUESTION, gen.GroovyLexerELVIS:
		return ternaryExpr
	case gen.GroovyLexerASSIGN, gen.GroovyLexerADD_ASSIGN, gen.GroovyLexerSUB_ASSIGN,
		gen.GroovyLexerMUL_ASSIGN, gen.GroovyLexerDIV_ASSIGN, gen.GroovyLexerMOD_ASSIGN,
		gen.GroovyLexerAND_ASSIGN, gen.GroovyLexerOR_ASSIGN, gen.GroovyLexerXOR_ASSIGN,
		gen.GroovyLexerSHL_ASSIGN, gen.GroovyLexerPOWER_ASSIGN, gen.GroovyLexerELVIS_ASSIGN:
		return assignExpr
	case gen.GroovyLexerSHL, gen.GroovyLexerRANGE, gen.GroovyLexerRANGE_EXCLUSIVE:
		return shiftExpr
	case gen.GroovyLexerGT:
		// `>` compares, `> >` and `> > >` shift, `> >=` and `> > >=`
		// assign.
		n := 1
		for i = nextReal(kids, i+1); i < len(kids); i = nextReal(kids, i+1) {
			t, ok := kids[i].(antlr.TerminalNode)
			if !ok {
				break
			}
			if tt := t.GetSymbol().GetTokenType(); tt == gen.GroovyLexerGE {
				return assignExpr
			} else if tt != gen.GroovyLexerGT {
				break
			}
			n++
		}
		if n > 1 {
			return shiftExpr
		}
	}
	return binaryExpr
}

// nextReal is the index of the first child from i on that is not an error
// node, or len(kids).
func nextReal(kids []antlr.Tree, i int) int {
	for i < len(kids) {
		if _, bad := kids[i].(antlr.ErrorNode); !bad {
			break
		}
		i++
	}
	return i
}

func (b *builder) expr(ctx gen.IExpressionContext) Expr {
	c, _ := ctx.(*gen.ExpressionContext)
	if c == nil {
		return &BadExpr{}
	}
	sp := b.span(c)
	switch exprAlt(c) {
	case pathExpr:
		return b.path(c)
	case castExpr:
		return &TypeExpr{Span: sp, Op: "cast", X: b.expr(c.Expression(0)), Type: b.typeText(c.Type_())}
	case notExpr:
		op := "!"
		if c.BITNOT() != nil {
			op = "~"
		}
		return &Unary{Span: sp, Op: op, X: b.expr(c.Expression(0))}
	case unaryExpr:
		op := "-"
		switch {
		case c.INC() != nil:
			op = "++"
		case c.DEC() != nil:
			op = "--"
		case c.ADD() != nil:
			op = "+"
		}
		if u, ok := c.Expression(0).(*gen.ExpressionContext); ok && exprAlt(u) == unaryExpr {
			// Groovy 2.4 takes no sign or ++/-- right after another.
			b.report(b.p.tokSpan(u.GetStart()), fmt.Sprintf("unexpected '%s' right after '%s': write %s(%s...)", u.GetStart().GetText(), op, op, u.GetStart().GetText()))
		}
		return &Unary{Span: sp, Op: op, X: b.expr(c.Expression(0))}
	case typeTestExpr:
		op := "as"
		switch {
		case c.INSTANCEOF() != nil:
			op = "instanceof"
		case c.NOT_INSTANCEOF() != nil:
			op = "!instanceof"
		}
		return &TypeExpr{Span: sp, Op: op, X: b.expr(c.Expression(0)), Type: b.typeText(c.Type_())}
	case ternaryExpr:
		es := c.AllExpression()
		get := func(i int) Expr {
			if i < len(es) {
				return b.expr(es[i])
			}
			return &BadExpr{Span{sp.End, sp.End}}
		}
		if c.ELVIS() != nil {
			return &Binary{Span: sp, Op: "?:", OpSpan: b.tok(c.ELVIS()), X: get(0), Y: get(1)}
		}
		return &Ternary{Span: sp, Cond: get(0), Then: get(1), Else: get(2)}
	case assignExpr:
		b.checkAdjacent(append(c.AllGT(), c.GE()))
		a := &Assign{Span: sp, Op: b.assignOp(c), LHS: b.expr(c.Expression(0)), RHS: b.expr(c.Expression(1))}
		b.checkTarget(a.LHS)
		return a
	case shiftExpr:
		b.checkAdjacent(c.AllGT())
		return b.binary(c)
	case binaryExpr:
		return b.binary(c)
	}
	return &BadExpr{sp}
}

// primary builds the operand that a path expression c starts with: its
// first child, and for `new` the creator after it.
func (b *builder) primary(c *gen.ExpressionContext) Expr {
	kids := c.GetChildren()
	i := nextReal(kids, 0)
	if i >= len(kids) {
		return &BadExpr{b.span(c)}
	}
	var sp Span
	switch x := kids[i].(type) {
	case antlr.TerminalNode:
		sp = b.tok(x)
		if x.GetSymbol().GetTokenType() == gen.GroovyLexerNEW {
			if cr, ok := c.Creator().(*gen.CreatorContext); ok && cr != nil {
				sp.End = max(sp.End, b.span(cr).End)
			}
		}
	case antlr.ParserRuleContext:
		sp = b.span(x)
	}
	switch x := kids[i].(type) {
	case antlr.TerminalNode:
		switch x.GetSymbol().GetTokenType() {
		case gen.GroovyLexerIDENTIFIER, gen.GroovyLexerTRAIT:
			return &Ident{Span: sp, Name: b.text(sp)}
		case gen.GroovyLexerSQ_STRING:
			return b.stringToken(x, SingleQuoted)
		case gen.GroovyLexerTSQ_STRING:
			return b.stringToken(x, TripleSingleQuoted)
		case gen.GroovyLexerINTEGER_LITERAL:
			return &Literal{Span: sp, Kind: IntLit, Raw: b.text(sp)}
		case gen.GroovyLexerFLOAT_LITERAL:
			return &Literal{Span: sp, Kind: FloatLit, Raw: b.text(sp)}
		case gen.GroovyLexerNULL:
			return &Literal{Span: sp, Kind: NullLit, Raw: "null"}
		case gen.GroovyLexerTRUE, gen.GroovyLexerFALSE:
			return &Literal{Span: sp, Kind: BoolLit, Raw: b.text(sp)}
		case gen.GroovyLexerTHIS:
			return &Ident{Span: sp, Name: "this"}
		case gen.GroovyLexerSUPER:
			return &Ident{Span: sp, Name: "super"}
		case gen.GroovyLexerNEW:
			return b.creator(sp, c.Creator())
		case gen.GroovyLexerPRIMITIVE_TYPE, gen.GroovyLexerVOID:
			return &TypeName{Span: sp, Name: b.text(sp)}
		}
	case *gen.GstringContext:
		return b.gstring(x)
	case *gen.ParExpressionContext:
		return &Paren{Span: sp, X: b.parExpr(x)}
	case *gen.ClosureContext:
		return b.closure(x)
	case *gen.ListContext:
		l := &ListLit{Span: sp}
		for _, e := range x.AllListElement() {
			ec := e.(*gen.ListElementContext)
			l.Elems = append(l.Elems, &Arg{Span: b.span(ec), Value: b.expr(ec.Expression()), Spread: ec.MUL() != nil})
		}
		return l
	case *gen.MapContext:
		m := &MapLit{Span: sp}
		for _, e := range x.AllMapEntry() {
			if na := e.(*gen.MapEntryContext).NamedArgument(); na != nil {
				m.Entries = append(m.Entries, b.namedArg(na))
			}
		}
		return m
	}
	return &BadExpr{sp}
}

// creator builds `new Type(...)`.
func (b *builder) creator(sp Span, ctx gen.ICreatorContext) Expr {
	n := &New{Span: sp}
	if cr, ok := ctx.(*gen.CreatorContext); ok && cr != nil {
		switch {
		case cr.Type_() != nil:
			n.Type = b.typeText(cr.Type_())
		case cr.QualifiedName() != nil:
			n.Type = b.ctxText(cr.QualifiedName())
		case cr.PRIMITIVE_TYPE() != nil:
			n.Type = cr.PRIMITIVE_TYPE().GetText()
		}
		if tc, ok := cr.Type_().(*gen.TypeContext); ok && tc != nil && len(tc.AllLBRACK()) > 0 {
			b.report(b.tok(tc.AllLBRACK()[0]), "an array needs a size here: new Type[n]; for a list write [a, b] as Type[]")
		} else if ls := cr.AllLBRACK(); len(ls) > 0 && len(cr.AllExpression()) == 0 {
			b.report(b.tok(ls[0]), "an array needs a size here: new Type[n]; for a list write [a, b] as Type[]")
		}
		if a := cr.Arguments(); a != nil {
			n.Args = b.argList(a.(*gen.ArgumentsContext).ArgumentList())
		}
	}
	return n
}

func (b *builder) closure(ctx gen.IClosureContext) *Closure {
	if ctx == nil {
		return nil
	}
	c := ctx.(*gen.ClosureContext)
	cl := &Closure{Span: b.span(c), HasArrow: c.ARROW() != nil}
	if ps, ok := c.ClosureParameters().(*gen.ClosureParametersContext); ok && ps != nil {
		for _, fp := range ps.AllFormalParameter() {
			cl.Params = append(cl.Params, b.param(fp))
		}
	}
	cl.Body = b.braced(c, c.LBRACE(), c.RBRACE(), b.statements(c.Statements()))
	return cl
}

// path builds a primary followed by member accesses, calls, closures and
// indexes, left to right.
func (b *builder) path(c *gen.ExpressionContext) Expr {
	x := b.primary(c)
	start := x.Pos().Start
	for _, el := range c.AllPathElement() {
		end := b.span(el).End
		sp := Span{start, end}
		e := el.(*gen.PathElementContext)
		kids := e.GetChildren()
		i := nextReal(kids, 0)
		if i >= len(kids) {
			continue
		}
		switch first := kids[i].(type) {
		case antlr.TerminalNode:
			switch first.GetSymbol().GetTokenType() {
			case gen.GroovyLexerDOT, gen.GroovyLexerSAFE_DOT, gen.GroovyLexerSPREAD_DOT:
				op := "."
				switch {
				case e.SAFE_DOT() != nil:
					op = "?."
				case e.SPREAD_DOT() != nil:
					op = "*."
				}
				if e.AT() != nil {
					op += "@"
				}
				x = b.member(sp, x, op, e.MemberName())
			case gen.GroovyLexerMETHOD_POINTER, gen.GroovyLexerMETHOD_REF:
				op := ".&"
				if e.METHOD_REF() != nil {
					op = "::"
				}
				x = b.member(sp, x, op, e.MemberName())
			case gen.GroovyLexerLBRACK:
				x = &Index{Span: sp, X: x, Args: b.argList(e.ArgumentList())}
			case gen.GroovyLexerLPAREN:
				call := &Call{Span: sp, Fun: x, Args: b.argList(e.ArgumentList()), Parens: true,
					Lparen: b.tok(first).Start, Rparen: -1}
				b.checkNamed(call.Args)
				if r := e.RPAREN(); r != nil {
					call.Rparen = b.tok(r).Start
				}
				x = call
			}
		case *gen.ClosureContext:
			cl := b.closure(first)
			if call, ok := x.(*Call); ok && call.Closure == nil && !call.Command {
				call.Closure = cl
				call.Span = sp
			} else {
				x = &Call{Span: sp, Fun: x, Closure: cl, Lparen: -1, Rparen: -1}
			}
		}
	}
	// A postfix ++ or -- is the last child.
	if kids := c.GetChildren(); len(kids) > 1 {
		if t, ok := kids[len(kids)-1].(antlr.TerminalNode); ok {
			switch t.GetSymbol().GetTokenType() {
			case gen.GroovyLexerINC:
				x = &Unary{Span: b.span(c), Op: "++", X: x, Postfix: true}
			case gen.GroovyLexerDEC:
				x = &Unary{Span: b.span(c), Op: "--", X: x, Postfix: true}
			}
		}
	}
	return x
}

func (b *builder) member(sp Span, x Expr, op string, ctx gen.IMemberNameContext) Expr {
	s := &Select{Span: sp, X: x, Op: op}
	mc, ok := ctx.(*gen.MemberNameContext)
	if !ok || mc == nil {
		return s
	}
	s.NameSpan = b.span(mc)
	switch {
	case mc.IDENTIFIER() != nil || mc.TRAIT() != nil:
		s.Name = b.text(s.NameSpan)
	case mc.Identifier() != nil: // after type arguments
		s.Name = b.ctxText(mc.Identifier())
		s.NameSpan = b.span(mc.Identifier())
	case mc.Keyword() != nil:
		s.Name = b.ctxText(mc)
	case mc.StringLiteral() != nil:
		str := b.stringLit(mc.StringLiteral())
		s.Name, _ = str.Literal()
	case mc.Gstring() != nil:
		str := b.gstring(mc.Gstring())
		if v, ok := str.Literal(); ok {
			s.Name = v
		} else {
			s.Dynamic = str
		}
	case mc.ParExpression() != nil:
		s.Dynamic = b.parExpr(mc.ParExpression())
	case mc.Closure() != nil:
		cl := b.closure(mc.Closure())
		if cl.HasArrow {
			b.report(cl.Span, "a closure after '.' takes no parameters: call a method with it instead")
		}
		s.Dynamic = cl
	}
	return s
}

// checkAdjacent reports a space inside `>>`, `>>>` or `>>=`, which the
// grammar reads as separate '>' tokens.
func (b *builder) checkAdjacent(ts []antlr.TerminalNode) {
	prev := -1
	for _, t := range ts {
		if t == nil {
			continue
		}
		sp := b.tok(t)
		if prev >= 0 && sp.Start != prev {
			b.report(sp, fmt.Sprintf("unexpected '%s': write the shift operator without spaces", t.GetText()))
			return
		}
		prev = sp.End
	}
}
