package parser

// Inspect traverses the tree rooted at n in source order, calling f for each
// node; when f returns false the node's children are skipped. Blocks,
// arguments and string parts are nodes too.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || isNil(n) || !f(n) {
		return
	}
	for _, c := range Children(n) {
		Inspect(c, f)
	}
}

// InspectStmts traverses a list of statements.
func InspectStmts(stmts []Stmt, f func(Node) bool) {
	for _, s := range stmts {
		Inspect(s, f)
	}
}

// WalkPath traverses the tree like Inspect and also passes the chain of
// ancestors of each node, outermost first (not including the node).
func WalkPath(stmts []Stmt, f func(n Node, path []Node) bool) {
	var path []Node
	var walk func(n Node)
	walk = func(n Node) {
		if n == nil || isNil(n) || !f(n, path) {
			return
		}
		path = append(path, n)
		for _, c := range Children(n) {
			walk(c)
		}
		path = path[:len(path)-1]
	}
	for _, s := range stmts {
		walk(s)
	}
}

func isNil(n Node) bool {
	switch v := n.(type) {
	case *Block:
		return v == nil
	case *Closure:
		return v == nil
	case *Call:
		return v == nil
	case *String:
		return v == nil
	}
	return false
}

// Children returns the direct children of n in source order.
func Children(n Node) []Node {
	var out []Node
	add := func(ns ...Node) {
		for _, c := range ns {
			if c != nil && !isNil(c) {
				out = append(out, c)
			}
		}
	}
	addExpr := func(es ...Expr) {
		for _, e := range es {
			if e != nil {
				add(e)
			}
		}
	}
	addStmts := func(ss []Stmt) {
		for _, s := range ss {
			if s != nil {
				add(s)
			}
		}
	}
	switch v := n.(type) {
	case *Block:
		addStmts(v.Stmts)
	case *BlockStmt:
		if v.Block != nil {
			addStmts(v.Block.Stmts)
		}
	case *ExprStmt:
		addExpr(v.X)
	case *VarDecl:
		addExpr(v.Value)
	case *MultiAssign:
		addExpr(v.Value)
	case *MethodDecl:
		for _, p := range v.Params {
			add(p)
		}
		if v.Body != nil {
			add(v.Body)
		}
	case *Param:
		addExpr(v.Default)
	case *ClassDecl:
		addStmts(v.Members)
	case *AnnotatedStmt:
		for _, a := range v.Annotations {
			add(a)
		}
		if v.Stmt != nil {
			add(v.Stmt)
		}
	case *Annotation:
		addExpr(v.Args...)
	case *IfStmt:
		addExpr(v.Cond)
		if v.Then != nil {
			add(v.Then)
		}
		if v.Else != nil {
			add(v.Else)
		}
	case *ForStmt:
		add(v.Init...)
		addExpr(v.Iter, v.Cond)
		addExpr(v.Update...)
		if v.Body != nil {
			add(v.Body)
		}
	case *WhileStmt:
		addExpr(v.Cond)
		if v.Body != nil {
			add(v.Body)
		}
	case *TryStmt:
		if v.Body != nil {
			add(v.Body)
		}
		for _, c := range v.Catches {
			add(c)
		}
		if v.Finally != nil {
			add(v.Finally)
		}
	case *CatchClause:
		if v.Body != nil {
			add(v.Body)
		}
	case *SwitchStmt:
		addExpr(v.Tag)
		for _, c := range v.Cases {
			add(c)
		}
	case *CaseClause:
		addExpr(v.Values...)
		addStmts(v.Body)
	case *ReturnStmt:
		addExpr(v.X)
	case *ThrowStmt:
		addExpr(v.X)
	case *AssertStmt:
		addExpr(v.Cond, v.Message)
	case *LabeledStmt:
		if v.Stmt != nil {
			add(v.Stmt)
		}
	case *String:
		for _, p := range v.Parts {
			add(p)
		}
	case *StringPart:
		addExpr(v.Expr)
		addStmts(v.Stmts)
	case *Select:
		addExpr(v.X, v.Dynamic)
	case *Index:
		addExpr(v.X)
		for _, a := range v.Args {
			add(a)
		}
	case *Call:
		addExpr(v.Fun)
		for _, a := range v.Args {
			add(a)
		}
		if v.Closure != nil {
			add(v.Closure)
		}
	case *Arg:
		addExpr(v.Key, v.Value)
	case *Closure:
		for _, p := range v.Params {
			add(p)
		}
		if v.Body != nil {
			add(v.Body)
		}
	case *ListLit:
		for _, a := range v.Elems {
			add(a)
		}
	case *MapLit:
		for _, a := range v.Entries {
			add(a)
		}
	case *Binary:
		addExpr(v.X, v.Y)
	case *Unary:
		addExpr(v.X)
	case *Ternary:
		addExpr(v.Cond, v.Then, v.Else)
	case *Assign:
		addExpr(v.LHS, v.RHS)
	case *TypeExpr:
		addExpr(v.X)
	case *New:
		for _, a := range v.Args {
			add(a)
		}
	case *Paren:
		addExpr(v.X)
	}
	return out
}
