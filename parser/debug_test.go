package parser

import (
	"encoding/json"
	"os"
	"testing"
)

func TestDebugDump(t *testing.T) {
	catchPanics = false
	path := os.Getenv("JF_DUMP")
	if path == "" {
		t.Skip()
	}
	src, _ := os.ReadFile(path)
	f, errs := Parse(path, src)
	for _, e := range errs {
		p := f.Position(e.Span.Start)
		t.Logf("%d:%d: %s", p.Line, p.Col, e.Msg)
	}
	if os.Getenv("JF_JSON") != "" {
		b, _ := json.MarshalIndent(f.Pipelines, "", " ")
		t.Log(string(b))
	}
	for _, p := range f.Pipelines {
		for _, s := range p.AllStages() {
			t.Logf("stage %q steps=%v", s.Name, s.Steps != nil)
		}
		if p.Environment != nil {
			for _, e := range p.Environment.Entries {
				t.Logf("env %s = %s", e.Name, src[e.Value.Pos().Start:e.Value.Pos().End])
			}
		}
		if p.Post != nil {
			for _, c := range p.Post.Conditions {
				t.Logf("post %s", c.Name)
			}
		}
	}
}
