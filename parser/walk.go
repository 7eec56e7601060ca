package parser

// Inspect traverses the tree rooted at n in source order, calling f for each
// node; when f returns false the node's children are skipped. Blocks,
// arguments and string parts are nodes too.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || isNil(n) || !f(n) {
		return
	}
	eachChild(n, func(c Node) { Inspect(c, f) })
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
		eachChild(n, walk)
		path = path[:len(path)-1]
	}
	for _, s := range stmts {
		walk(s)
	}
}

// nodeOrder is a tree's nodes in the order Inspect visits them, each with
// the index just past the nodes below it: the rules walk a whole file about
// a dozen times, and a loop over this is several times cheaper than the
// recursive walk that makes it.
type nodeOrder []orderedNode

type orderedNode struct {
	n   Node
	end int32
}

// newNodeOrder lists the nodes of stmts; size is a guess of their number
// (a file has about as many as it has tokens).
func newNodeOrder(stmts []Stmt, size int) nodeOrder {
	o := make(nodeOrder, 0, size)
	var add func(n Node)
	add = func(n Node) {
		i := len(o)
		o = append(o, orderedNode{n: n})
		eachChild(n, add)
		o[i].end = int32(len(o))
	}
	for _, s := range stmts {
		if s != nil && !isNil(s) {
			add(s)
		}
	}
	return o
}

func (f *File) nodeOrder() nodeOrder {
	if f.order == nil {
		f.order = newNodeOrder(f.Body, f.tokens+16)
	}
	return f.order
}

// Inspect is InspectStmts(f.Body, fn), through the file's node order.
func (f *File) Inspect(fn func(Node) bool) {
	o := f.nodeOrder()
	for i := 0; i < len(o); {
		if fn(o[i].n) {
			i++
		} else {
			i = int(o[i].end)
		}
	}
}

// WalkPath is WalkPath(f.Body, fn), through the file's node order. As
// there, path is only valid during the call.
func (f *File) WalkPath(fn func(n Node, path []Node) bool) {
	o := f.nodeOrder()
	var path []Node
	var ends []int32 // of the nodes on path
	for i := 0; i < len(o); {
		for len(ends) > 0 && int(ends[len(ends)-1]) <= i {
			path, ends = path[:len(path)-1], ends[:len(ends)-1]
		}
		n := o[i].n
		if !fn(n, path) {
			i = int(o[i].end)
			continue
		}
		path, ends = append(path, n), append(ends, o[i].end)
		i++
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
	eachChild(n, func(c Node) { out = append(out, c) })
	return out
}

// eachChild calls f with each direct child of n in source order, without
// collecting them: Inspect runs over every node of every file.
func eachChild(n Node, f func(Node)) {
	add := func(c Node) {
		if c != nil && !isNil(c) {
			f(c)
		}
	}
	addExpr := func(e Expr) {
		if e != nil {
			add(e)
		}
	}
	addExprs := func(es []Expr) {
		for _, e := range es {
			addExpr(e)
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
		addExprs(v.Args)
	case *IfStmt:
		addExpr(v.Cond)
		if v.Then != nil {
			add(v.Then)
		}
		if v.Else != nil {
			add(v.Else)
		}
	case *ForStmt:
		for _, c := range v.Init {
			add(c)
		}
		addExpr(v.Iter)
		addExpr(v.Cond)
		addExprs(v.Update)
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
		addExprs(v.Values)
		addStmts(v.Body)
	case *ReturnStmt:
		addExpr(v.X)
	case *ThrowStmt:
		addExpr(v.X)
	case *AssertStmt:
		addExpr(v.Cond)
		addExpr(v.Message)
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
		addExpr(v.X)
		addExpr(v.Dynamic)
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
		addExpr(v.Key)
		addExpr(v.Value)
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
		addExpr(v.X)
		addExpr(v.Y)
	case *Unary:
		addExpr(v.X)
	case *Ternary:
		addExpr(v.Cond)
		addExpr(v.Then)
		addExpr(v.Else)
	case *Assign:
		addExpr(v.LHS)
		addExpr(v.RHS)
	case *TypeExpr:
		addExpr(v.X)
	case *New:
		for _, a := range v.Args {
			add(a)
		}
	case *Paren:
		addExpr(v.X)
	}
}
