package output

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io/fs"
	"reflect"
	"strings"
	"testing"

	"jfcheck/parser"
	"jfcheck/rules"
)

// src is the fixture Jenkinsfile. Line 5 starts with tabs and has a
// two-byte character before the finding.
const src = "pipeline {\n" +
	"\tagent any\n" +
	"\tstages { stage('b') {\n" +
	"\t\tsteps {\n" +
	"\t\t\techo 'é'; sh 'docker login -u $U -p $P'\n" +
	"\t\t}\n" +
	"\t} }\n" +
	"}\n"

func newFile(name, text string) *parser.File {
	b := []byte(text)
	return &parser.File{Name: name, Src: b, Lines: parser.NewLines(b)}
}

// spanOf returns the span of the first occurrence of sub in text.
func spanOf(text, sub string) parser.Span {
	i := strings.Index(text, sub)
	if i < 0 {
		panic("no " + sub)
	}
	return parser.Span{Start: i, End: i + len(sub)}
}

var testRules = []*rules.Rule{
	{ID: "JF101", Name: "docker-config-scope", Title: "docker login without a job-scoped DOCKER_CONFIG", Severity: rules.Error, Fixable: true},
	{ID: "JF102", Name: "docker-logout-cleanup", Title: "docker login without docker logout in post cleanup", Severity: rules.Warning, Fixable: true},
	{ID: "JF103", Name: "password-on-command-line", Title: "password passed to docker login with -p", Severity: rules.Info},
}

// fixture returns a report of two files with findings, one without and one
// that could not be read.
func fixture() *Report {
	f := newFile("ci/Jenkinsfile", src)
	login := spanOf(src, "sh 'docker login -u $U -p $P'")
	agent := spanOf(src, "agent any")
	stages := spanOf(src, "stages")
	diags := []rules.Diagnostic{
		{
			Rule: "password-on-command-line", Severity: rules.Info,
			Span:    spanOf(src, "-p $P"),
			Message: "the password is visible in the process list; use --password-stdin",
		},
		{
			Rule: "docker-logout-cleanup", Severity: rules.Warning,
			Span:    login,
			Message: "docker login is never undone; add docker logout to post { cleanup }",
			Fixes:   []rules.Fix{{Message: "add a post cleanup with docker logout", Level: rules.Review, Edits: []rules.Edit{{Start: len(src) - 2, End: len(src) - 2, New: "\tpost { cleanup { sh 'docker logout' } }\n"}}}},
		},
		{
			Rule: "docker-config-scope", Severity: rules.Error,
			Span:    login,
			Message: "docker login writes credentials to the agent's shared ~/.docker",
			Related: []rules.Related{{Span: agent, Message: "the agent is shared by other jobs"}},
			Fixes: []rules.Fix{{Message: "add a job-scoped DOCKER_CONFIG", Level: rules.Safe, Edits: []rules.Edit{
				{Start: agent.End, End: agent.End, New: "\n\tenvironment { DOCKER_CONFIG = \"${WORKSPACE}/.docker\" }"},
				{Start: stages.Start, End: stages.Start, New: ""},
			}}},
		},
	}
	g := "x\r\ny" // CRLF file with a finding on the second line
	gf := newFile("b.Jenkinsfile", g)
	return &Report{
		Version: "0.3.0",
		Rules:   testRules,
		Files: []FileResult{
			{Path: "ci/Jenkinsfile", File: f, Diagnostics: diags},
			{Path: "clean/Jenkinsfile", File: newFile("clean/Jenkinsfile", "pipeline {}\n")},
			{Path: "gone/Jenkinsfile", Err: &fs.PathError{Op: "open", Path: "gone/Jenkinsfile", Err: fs.ErrNotExist}},
			{Path: "b.Jenkinsfile", File: gf, Diagnostics: []rules.Diagnostic{{Rule: "docker-config-scope", Severity: rules.Error, Span: spanOf(g, "y"), Message: "m"}}},
		},
	}
}

func write(t *testing.T, format string, r *Report, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, r, opts); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return b.String()
}

func TestText(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"plain", Options{}, `ci/Jenkinsfile:5:14: error: docker login writes credentials to the agent's shared ~/.docker [docker-config-scope]
ci/Jenkinsfile:5:14: warning: docker login is never undone; add docker logout to post { cleanup } [docker-logout-cleanup]
ci/Jenkinsfile:5:37: info: the password is visible in the process list; use --password-stdin [password-on-command-line]
b.Jenkinsfile:2:1: error: m [docker-config-scope]
`},
		{"source", Options{Source: true}, "" +
			"ci/Jenkinsfile:5:14: error: docker login writes credentials to the agent's shared ~/.docker [docker-config-scope]\n" +
			" 5 | \t\t\techo 'é'; sh 'docker login -u $U -p $P'\n" +
			"   | \t\t\t          ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n" +
			"ci/Jenkinsfile:2:2: note: the agent is shared by other jobs\n" +
			"ci/Jenkinsfile:5:14: warning: docker login is never undone; add docker logout to post { cleanup } [docker-logout-cleanup]\n" +
			" 5 | \t\t\techo 'é'; sh 'docker login -u $U -p $P'\n" +
			"   | \t\t\t          ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n" +
			"ci/Jenkinsfile:5:37: info: the password is visible in the process list; use --password-stdin [password-on-command-line]\n" +
			" 5 | \t\t\techo 'é'; sh 'docker login -u $U -p $P'\n" +
			"   | \t\t\t                                 ^~~~~\n" +
			"b.Jenkinsfile:2:1: error: m [docker-config-scope]\n" +
			" 2 | y\n" +
			"   | ^\n"},
		{"fix hints", Options{FixHint: true}, `ci/Jenkinsfile:5:14: error: docker login writes credentials to the agent's shared ~/.docker [docker-config-scope]
  fix: add a job-scoped DOCKER_CONFIG (--fix)
ci/Jenkinsfile:5:14: warning: docker login is never undone; add docker logout to post { cleanup } [docker-logout-cleanup]
  fix: add a post cleanup with docker logout (--fix=all)
ci/Jenkinsfile:5:37: info: the password is visible in the process list; use --password-stdin [password-on-command-line]
b.Jenkinsfile:2:1: error: m [docker-config-scope]
`},
		{"color", Options{Color: true}, "" +
			"\x1b[1mci/Jenkinsfile:5:14:\x1b[0m \x1b[1;31merror:\x1b[0m docker login writes credentials to the agent's shared ~/.docker \x1b[2m[docker-config-scope]\x1b[0m\n" +
			"\x1b[1mci/Jenkinsfile:5:14:\x1b[0m \x1b[1;33mwarning:\x1b[0m docker login is never undone; add docker logout to post { cleanup } \x1b[2m[docker-logout-cleanup]\x1b[0m\n" +
			"\x1b[1mci/Jenkinsfile:5:37:\x1b[0m \x1b[1;36minfo:\x1b[0m the password is visible in the process list; use --password-stdin \x1b[2m[password-on-command-line]\x1b[0m\n" +
			"\x1b[1mb.Jenkinsfile:2:1:\x1b[0m \x1b[1;31merror:\x1b[0m m \x1b[2m[docker-config-scope]\x1b[0m\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := write(t, "text", fixture(), tt.opts); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestTextColorSource(t *testing.T) {
	r := &Report{Files: []FileResult{{Path: "J", File: newFile("J", "ab\n"), Diagnostics: []rules.Diagnostic{
		{Rule: "r", Severity: rules.Warning, Span: parser.Span{Start: 1, End: 2}, Message: "m",
			Related: []rules.Related{{Span: parser.Span{Start: 0, End: 1}, Message: "here"}},
			Fixes:   []rules.Fix{{Message: "do it"}}},
	}}}}
	want := "\x1b[1mJ:1:2:\x1b[0m \x1b[1;33mwarning:\x1b[0m m \x1b[2m[r]\x1b[0m\n" +
		"\x1b[2m 1 |\x1b[0m ab\n" +
		"\x1b[2m   |\x1b[0m  \x1b[1;33m^\x1b[0m\n" +
		"\x1b[1mJ:1:1:\x1b[0m \x1b[1mnote:\x1b[0m here\n" +
		"  \x1b[1mfix:\x1b[0m do it (--fix)\n"
	if got := write(t, "text", r, Options{Color: true, Source: true, FixHint: true}); got != want {
		t.Errorf("got:\n%q\nwant:\n%q", got, want)
	}
}

func TestSnippet(t *testing.T) {
	tests := []struct {
		name string
		text string
		span parser.Span // -1 End means "to the end of text"
		want string      // the two snippet lines
	}{
		{"one character", "abc", parser.Span{Start: 1, End: 2}, " 1 | abc\n   |  ^\n"},
		{"empty span", "abc", parser.Span{Start: 1, End: 1}, " 1 | abc\n   |  ^\n"},
		{"whole line", "abc\n", parser.Span{Start: 0, End: 3}, " 1 | abc\n   | ^~~\n"},
		{"span over the line end", "abc\ndef", parser.Span{Start: 1, End: 6}, " 1 | abc\n   |  ^~\n"},
		{"at the line end", "abc\ndef", parser.Span{Start: 3, End: 4}, " 1 | abc\n   |    ^\n"},
		{"tabs kept, spaces elsewhere", "\t x\ty", parser.Span{Start: 4, End: 5}, " 1 | \t x\ty\n   | \t  \t^\n"},
		{"code points", "日本語 x", parser.Span{Start: 10, End: 11}, " 1 | 日本語 x\n   |     ^\n"},
		{"wide span", "a 日本語", parser.Span{Start: 2, End: 11}, " 1 | a 日本語\n   |   ^~~\n"},
		{"byte-order mark", "\uFEFFab", parser.Span{Start: 4, End: 5}, " 1 | ab\n   |  ^\n"},
		{"later line number", "\n\n\n\n\n\n\n\n\nline ten", parser.Span{Start: 14, End: 17}, " 10 | line ten\n    |      ^~~\n"},
		{"control characters", "a\x1b[31mb", parser.Span{Start: 6, End: 7}, " 1 | a\uFFFD[31mb\n   |       ^\n"},
		{"empty file", "", parser.Span{}, " 1 | \n   | ^\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Report{Files: []FileResult{{Path: "J", File: newFile("J", tt.text),
				Diagnostics: []rules.Diagnostic{{Rule: "r", Span: tt.span, Message: "m"}}}}}
			got := write(t, "text", r, Options{Source: true})
			_, got, _ = strings.Cut(got, "\n") // drop the finding's line
			if got != tt.want {
				t.Errorf("got:\n%q\nwant:\n%q", got, tt.want)
			}
		})
	}
}

func TestTextSanitizes(t *testing.T) {
	r := &Report{Files: []FileResult{{Path: "a\x1b]0;x\x07", File: newFile("J", "x"),
		Diagnostics: []rules.Diagnostic{{Rule: "r", Span: parser.Span{End: 1}, Message: "bad \x1b[2J\ttab",
			Fixes: []rules.Fix{{Message: "f\r"}}}}}}}
	got := write(t, "text", r, Options{FixHint: true})
	want := "a\uFFFD]0;x\uFFFD:1:1: info: bad \uFFFD[2J\ttab [r]\n  fix: f\uFFFD (--fix)\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSummary(t *testing.T) {
	d := func(levels ...rules.FixLevel) rules.Diagnostic {
		var d rules.Diagnostic
		for _, l := range levels {
			d.Fixes = append(d.Fixes, rules.Fix{Level: l})
		}
		return d
	}
	ok := func(ds ...rules.Diagnostic) FileResult { return FileResult{Path: "f", Diagnostics: ds} }
	bad := FileResult{Path: "g", Err: errors.New("unreadable")}
	tests := []struct {
		name  string
		files []FileResult
		want  string
	}{
		{"nothing", nil, "no findings in 0 files"},
		{"clean files", []FileResult{ok(), ok(), ok(), ok(), ok()}, "no findings in 5 files"},
		{"one clean file", []FileResult{ok()}, "no findings in 1 file"},
		{"one finding", []FileResult{ok(d())}, "1 finding in 1 file"},
		{"safe fixes", []FileResult{ok(d(rules.Safe), d()), ok(d())}, "3 findings in 2 files (1 fixable with --fix)"},
		{"review fixes only", []FileResult{ok(d(rules.Review))}, "1 finding in 1 file (1 fixable with --fix=all)"},
		{"both", []FileResult{ok(d(rules.Safe), d(rules.Review), d(rules.Review, rules.Safe), d(rules.Review))},
			"4 findings in 1 file (2 fixable with --fix, 2 more with --fix=all)"},
		{"unreadable files", []FileResult{ok(d()), bad}, "1 finding in 1 file; 1 file could not be checked"},
		{"only unreadable", []FileResult{bad, bad}, "no findings in 0 files; 2 files could not be checked"},
		{"fixture", fixture().Files, "4 findings in 3 files (1 fixable with --fix, 1 more with --fix=all); 1 file could not be checked"},
	}
	for _, tt := range tests {
		if got := Summary(&Report{Files: tt.files}); got != tt.want {
			t.Errorf("%s: Summary = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestJSON(t *testing.T) {
	r := fixture()
	r.Files = r.Files[1:] // keep the golden short
	r.Files[2].Diagnostics[0].Related = []rules.Related{{Span: parser.Span{Start: 0, End: 1}, Message: "see <here> & there"}}
	r.Files[2].Diagnostics[0].Fixes = []rules.Fix{{Message: "drop it", Level: rules.Review, Edits: []rules.Edit{{Start: 3, End: 4}}}}
	want := `{
  "version": 1,
  "tool": {
    "name": "jfcheck",
    "version": "0.3.0"
  },
  "files": [
    {
      "path": "clean/Jenkinsfile",
      "findings": []
    },
    {
      "path": "gone/Jenkinsfile",
      "error": "open gone/Jenkinsfile: file does not exist",
      "findings": []
    },
    {
      "path": "b.Jenkinsfile",
      "findings": [
        {
          "rule": "docker-config-scope",
          "severity": "error",
          "message": "m",
          "start": {
            "offset": 3,
            "line": 2,
            "column": 1
          },
          "end": {
            "offset": 4,
            "line": 2,
            "column": 2
          },
          "related": [
            {
              "message": "see <here> & there",
              "start": {
                "offset": 0,
                "line": 1,
                "column": 1
              },
              "end": {
                "offset": 1,
                "line": 1,
                "column": 2
              }
            }
          ],
          "fixes": [
            {
              "message": "drop it",
              "level": "review",
              "edits": [
                {
                  "start": 3,
                  "end": 4,
                  "new": ""
                }
              ]
            }
          ]
        }
      ]
    }
  ]
}
`
	if got := write(t, "json", r, Options{}); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	out := write(t, "json", fixture(), Options{})
	var got JSONReport
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	if want := NewJSONReport(fixture()); !reflect.DeepEqual(&got, want) {
		t.Errorf("decoded report differs:\n%+v\n%+v", got, want)
	}
	if got.Version != JSONVersion || got.Tool.Name != "jfcheck" || len(got.Files) != 4 {
		t.Fatalf("header: %+v", got)
	}
	f := got.Files[0]
	var rulesSeen []string
	for _, x := range f.Findings {
		rulesSeen = append(rulesSeen, x.Rule)
	}
	// Sorted by offset, then rule.
	if want := []string{"docker-config-scope", "docker-logout-cleanup", "password-on-command-line"}; !reflect.DeepEqual(rulesSeen, want) {
		t.Errorf("order %q, want %q", rulesSeen, want)
	}
	scope := f.Findings[0]
	if scope.Start.Line != 5 || scope.Start.Column != 14 || scope.End.Column != 43 ||
		src[scope.Start.Offset:scope.End.Offset] != "sh 'docker login -u $U -p $P'" {
		t.Errorf("span %+v %+v", scope.Start, scope.End)
	}
	if len(scope.Fixes) != 1 || scope.Fixes[0].Level != "safe" || len(scope.Fixes[0].Edits) != 2 || len(scope.Related) != 1 {
		t.Errorf("fixes/related: %+v", scope)
	}
	for _, raw := range []string{`"findings": null`, `"related": null`, `"fixes": null`, `"edits": null`} {
		if strings.Contains(out, raw) {
			t.Errorf("output has %s", raw)
		}
	}
}

func TestJSONNoFiles(t *testing.T) {
	if got := write(t, "json", &Report{}, Options{}); !strings.Contains(got, `"files": []`) {
		t.Errorf("no files: %s", got)
	}
}

func TestCheckstyle(t *testing.T) {
	r := fixture()
	r.Files[3].Diagnostics[0].Message = `quote " amp & lt < gt > apos ' nl` + "\n" + `end ` + "\x01"
	out := write(t, "checkstyle", r, Options{})
	if !strings.HasPrefix(out, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<checkstyle version="4.3">`) {
		t.Errorf("header: %s", out)
	}
	var doc checkstyleRoot
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, out)
	}
	want := checkstyleRoot{
		XMLName: xml.Name{Local: "checkstyle"},
		Version: "4.3",
		Files: []checkstyleFile{
			{Name: "ci/Jenkinsfile", Errors: []checkstyleError{
				{5, 14, "error", "docker login writes credentials to the agent's shared ~/.docker", "jfcheck.security.docker-config-scope"},
				{5, 14, "warning", "docker login is never undone; add docker logout to post { cleanup }", "jfcheck.security.docker-logout-cleanup"},
				{5, 37, "info", "the password is visible in the process list; use --password-stdin", "jfcheck.security.password-on-command-line"},
			}},
			{Name: "clean/Jenkinsfile"},
			{Name: "b.Jenkinsfile", Errors: []checkstyleError{
				{2, 1, "error", `quote " amp & lt < gt > apos ' nl` + "\n" + "end \uFFFD", "jfcheck.security.docker-config-scope"},
			}},
		},
	}
	if !reflect.DeepEqual(doc, want) {
		t.Errorf("parsed back:\n%+v\nwant\n%+v", doc, want)
	}
}

func TestGitHub(t *testing.T) {
	r := fixture()
	multi := spanOf(src, "steps {\n\t\t\techo")
	r.Files = append(r.Files, FileResult{Path: `dir,with:odd%/J` + "\n", File: newFile("J", src), Diagnostics: []rules.Diagnostic{
		{Rule: "r,1", Severity: rules.Warning, Span: multi, Message: "100% bad:\r\nreally, yes"},
		{Rule: "e", Severity: rules.Info, Span: parser.Span{Start: 0, End: 0}, Message: "empty span"},
	}})
	want := `::error file=ci/Jenkinsfile,line=5,col=14,endLine=5,endColumn=42,title=docker-config-scope::docker login writes credentials to the agent's shared ~/.docker
::warning file=ci/Jenkinsfile,line=5,col=14,endLine=5,endColumn=42,title=docker-logout-cleanup::docker login is never undone; add docker logout to post { cleanup }
::notice file=ci/Jenkinsfile,line=5,col=37,endLine=5,endColumn=41,title=password-on-command-line::the password is visible in the process list; use --password-stdin
::error file=b.Jenkinsfile,line=2,col=1,endLine=2,endColumn=1,title=docker-config-scope::m
::notice file=dir%2Cwith%3Aodd%25/J%0A,line=1,col=1,endLine=1,endColumn=1,title=e::empty span
::warning file=dir%2Cwith%3Aodd%25/J%0A,line=4,endLine=5,title=r%2C1::100%25 bad:%0D%0Areally, yes
`
	if got := write(t, "github", r, Options{}); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	tests := map[string]string{
		"jsn":  `unknown output format "jsn" (did you mean "json"?)`,
		"xml":  `unknown output format "xml" (want text, json, sarif, checkstyle, github)`,
		"":     `unknown output format "" (want text, json, sarif, checkstyle, github)`,
		"TEXT": `unknown output format "TEXT" (did you mean "text"?)`,
	}
	for format, want := range tests {
		var b bytes.Buffer
		err := Write(&b, format, fixture(), Options{})
		if err == nil || err.Error() != want {
			t.Errorf("Write(%q) error = %v, want %s", format, err, want)
		}
		if b.Len() != 0 {
			t.Errorf("Write(%q) wrote %q", format, b.String())
		}
	}
	if got := Formats(); !reflect.DeepEqual(got, []string{"text", "json", "sarif", "checkstyle", "github"}) {
		t.Errorf("Formats() = %q", got)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrors(t *testing.T) {
	for _, format := range Formats() {
		if err := Write(failWriter{}, format, fixture(), Options{}); err == nil || err.Error() != "disk full" {
			t.Errorf("Write(%s) to a failing writer = %v", format, err)
		}
	}
}

func TestOrderIsDeterministicAndInputKept(t *testing.T) {
	r := fixture()
	before := append([]rules.Diagnostic(nil), r.Files[0].Diagnostics...)
	for _, format := range Formats() {
		a := write(t, format, r, Options{Source: true})
		// Reverse the input: the output must not change.
		ds := r.Files[0].Diagnostics
		rev := make([]rules.Diagnostic, len(ds))
		for i := range ds {
			rev[len(ds)-1-i] = ds[i]
		}
		r2 := fixture()
		r2.Files[0].Diagnostics = rev
		if b := write(t, format, r2, Options{Source: true}); a != b {
			t.Errorf("%s: output depends on the order of findings", format)
		}
	}
	if !reflect.DeepEqual(r.Files[0].Diagnostics, before) {
		t.Error("Write reordered the caller's diagnostics")
	}
}

func TestNilFile(t *testing.T) {
	// A result without a parsed file still prints, at 1:1.
	r := &Report{Files: []FileResult{{Path: "x", Diagnostics: []rules.Diagnostic{{Rule: "r", Span: parser.Span{Start: 5, End: 9}, Message: "m"}}}}}
	for _, format := range Formats() {
		write(t, format, r, Options{Source: true})
	}
	if got := write(t, "text", r, Options{}); got != "x:1:1: info: m [r]\n" {
		t.Errorf("got %q", got)
	}
}

// warningsNG reads a checkstyle source as the Warnings Next Generation
// plugin does (analysis-model's CheckStyleParser): the type is what follows
// the last dot, the category the capitalized last part of what precedes it.
func warningsNG(source string) (typ, category string) {
	after := func(s string) string { return s[strings.LastIndex(s, ".")+1:] }
	typ = after(source)
	before := source
	if i := strings.LastIndex(source, "."); i >= 0 {
		before = source[:i]
	}
	category = after(before)
	if category != "" {
		category = strings.ToUpper(category[:1]) + category[1:]
	}
	return typ, category
}

func TestCheckstyleCategory(t *testing.T) {
	text := "node {\n"
	r := &Report{Rules: rules.All(), Files: []FileResult{{Path: "Jenkinsfile", File: newFile("Jenkinsfile", text), Diagnostics: []rules.Diagnostic{
		{Rule: "docker-config-scope", Severity: rules.Error, Span: parser.Span{End: 4}, Message: "m"},
		{Rule: "docker-prune-shared-node", Severity: rules.Warning, Span: parser.Span{End: 4}, Message: "m"},
		{Rule: "syntax-error", Severity: rules.Error, Span: parser.Span{Start: 7, End: 7}, Message: "m"},
		{Rule: "unused-suppression", Severity: rules.Warning, Span: parser.Span{End: 4}, Message: "m"},
	}}}}
	var doc checkstyleRoot
	if err := xml.Unmarshal([]byte(write(t, "checkstyle", r, Options{})), &doc); err != nil {
		t.Fatal(err)
	}
	want := [][2]string{{"docker-config-scope", "Security"}, {"docker-prune-shared-node", "Reliability"},
		{"unused-suppression", "Maintainability"}, {"syntax-error", "Correctness"}}
	for i, e := range doc.Files[0].Errors {
		typ, cat := warningsNG(e.Source)
		if typ != want[i][0] || cat != want[i][1] {
			t.Errorf("source %q shows as type %q, category %q; want %q, %q", e.Source, typ, cat, want[i][0], want[i][1])
		}
	}
}

// The json format writes one file at a time; what it writes must be the
// document encoding/json gives for the whole report, with and without
// files.
func TestJSONStreamIsTheDocument(t *testing.T) {
	for _, r := range []*Report{fixture(), {Version: "1.0"}} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(NewJSONReport(r)); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := Write(&got, "json", r, Options{}); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("streamed json differs from the document:\n%s\nwant:\n%s", got.String(), want.String())
		}
	}
}
