package output

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"

	"jfcheck/parser"
	"jfcheck/rules"
)

// JSONVersion is the version of the json format. It changes only when a
// field is removed or changes meaning; new fields may appear in any version.
const JSONVersion = 1

// JSONReport is the document the json format writes:
//
//	{
//	  "version": 1,
//	  "tool": {"name": "jfcheck", "version": "1.2.0"},
//	  "files": [
//	    {
//	      "path": "ci/Jenkinsfile",
//	      "findings": [
//	        {
//	          "rule": "docker-config-scope",
//	          "severity": "error",
//	          "message": "docker login without a job-scoped DOCKER_CONFIG ...",
//	          "start": {"offset": 210, "line": 12, "column": 13},
//	          "end": {"offset": 240, "line": 12, "column": 43},
//	          "related": [
//	            {"message": "...", "start": {...}, "end": {...}}
//	          ],
//	          "fixes": [
//	            {
//	              "message": "add a job-scoped DOCKER_CONFIG",
//	              "level": "safe",
//	              "edits": [{"start": 35, "end": 35, "new": "..."}]
//	            }
//	          ]
//	        }
//	      ]
//	    },
//	    {"path": "gone/Jenkinsfile", "error": "open gone/Jenkinsfile: no such file or directory", "findings": []}
//	  ]
//	}
//
// Files come in the order they were given, each one listed even when it has
// no findings; findings are sorted by start offset, then rule. "findings",
// "related", "fixes" and "edits" are always arrays, never null. "error" is
// present only for a file that could not be checked.
//
// Offsets are 0-based byte offsets into the file; lines are 1-based; columns
// are 1-based and count Unicode code points (a byte-order mark takes none).
// A span runs from "start" up to but not including "end". "severity" is
// "error", "warning" or "info"; a fix's "level" is "safe" (applied by --fix)
// or "review" (applied by --fix=all). An edit replaces the bytes
// [start, end) of the original file with "new"; start == end inserts. The
// edits of one fix are applied together or not at all.
type JSONReport struct {
	Version int        `json:"version"`
	Tool    JSONTool   `json:"tool"`
	Files   []JSONFile `json:"files"`
}

// JSONTool names the program that wrote a JSONReport.
type JSONTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// JSONFile is one file of a JSONReport.
type JSONFile struct {
	Path     string        `json:"path"`
	Error    string        `json:"error,omitempty"`
	Findings []JSONFinding `json:"findings"`
}

// JSONFinding is one finding of a JSONFile.
type JSONFinding struct {
	Rule     string        `json:"rule"`
	Severity string        `json:"severity"`
	Message  string        `json:"message"`
	Start    JSONPosition  `json:"start"`
	End      JSONPosition  `json:"end"`
	Related  []JSONRelated `json:"related"`
	Fixes    []JSONFix     `json:"fixes"`
	// NotFixed says why the finding has no fix, when one was refused or
	// (with --fix) why it is left.
	NotFixed string `json:"not_fixed,omitempty"`
}

// JSONPosition is a place in a file.
type JSONPosition struct {
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Column int `json:"column"`
}

// JSONRelated is another place that explains a finding.
type JSONRelated struct {
	Message string       `json:"message"`
	Start   JSONPosition `json:"start"`
	End     JSONPosition `json:"end"`
}

// JSONFix is one way to fix a finding.
type JSONFix struct {
	Message string     `json:"message"`
	Level   string     `json:"level"`
	Edits   []JSONEdit `json:"edits"`
}

// JSONEdit replaces the bytes [Start, End) with New.
type JSONEdit struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	New   string `json:"new"`
}

// NewJSONReport builds the json format's document for r.
func NewJSONReport(r *Report) *JSONReport {
	out := &JSONReport{
		Version: JSONVersion,
		Tool:    JSONTool{Name: ToolName, Version: r.Version},
		Files:   []JSONFile{},
	}
	for i := range r.Files {
		out.Files = append(out.Files, jsonFile(newView(&r.Files[i])))
	}
	return out
}

func jsonFile(v *fileView) JSONFile {
	f := JSONFile{Path: v.Path, Findings: []JSONFinding{}}
	if v.Err != nil {
		f.Error = v.Err.Error()
	}
	for _, d := range v.diags {
		f.Findings = append(f.Findings, jsonFinding(v, d))
	}
	return f
}

func jsonFinding(v *fileView, d rules.Diagnostic) JSONFinding {
	pos := func(off int) JSONPosition {
		p := v.pos(off)
		return JSONPosition{Offset: off, Line: p.Line, Column: p.Col}
	}
	span := func(s parser.Span) (JSONPosition, JSONPosition) { return pos(s.Start), pos(s.End) }
	f := JSONFinding{
		Rule:     d.Rule,
		Severity: d.Severity.String(),
		Message:  d.Message,
		Related:  []JSONRelated{},
		Fixes:    []JSONFix{},
		NotFixed: d.NotFixed,
	}
	f.Start, f.End = span(d.Span)
	for _, rel := range d.Related {
		jr := JSONRelated{Message: rel.Message}
		jr.Start, jr.End = span(rel.Span)
		f.Related = append(f.Related, jr)
	}
	for _, fix := range d.Fixes {
		jf := JSONFix{Message: fix.Message, Level: fix.Level.String(), Edits: []JSONEdit{}}
		for _, e := range fix.Edits {
			jf.Edits = append(jf.Edits, JSONEdit{Start: e.Start, End: e.End, New: e.New})
		}
		f.Fixes = append(f.Fixes, jf)
	}
	return f
}

// jsonFormat writes the JSONReport of its files as encoding/json would,
// indented by two spaces, but one file at a time: the document's head, then
// each file as it comes, then the end.
type jsonFormat struct {
	r     *Report
	files int
	err   error
}

func newJSON(r *Report, _ Options) formatter { return &jsonFormat{r: r} }

// head returns the document without files, cut after the opening bracket
// of "files", and what follows an empty files array.
func (j *jsonFormat) head() (string, string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&JSONReport{Version: JSONVersion, Tool: JSONTool{Name: ToolName, Version: j.r.Version}, Files: []JSONFile{}}); err != nil {
		return "", "", err
	}
	doc := b.String()
	const files = `"files": [`
	i := strings.LastIndex(doc, files) + len(files)
	return doc[:i], doc[i:], nil
}

func (j *jsonFormat) file(w *bufio.Writer, v *fileView) {
	if j.err != nil {
		return
	}
	if j.files == 0 {
		head, _, err := j.head()
		if err != nil {
			j.err = err
			return
		}
		w.WriteString(head)
		w.WriteString("\n    ")
	} else {
		w.WriteString(",\n    ")
	}
	j.files++
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(jsonFile(v)); err != nil {
		j.err = err
		return
	}
	w.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

func (j *jsonFormat) finish(w *bufio.Writer) error {
	if j.err != nil {
		return j.err
	}
	head, tail, err := j.head()
	if err != nil {
		return err
	}
	if j.files == 0 {
		w.WriteString(head)
		w.WriteString(tail)
		return nil
	}
	w.WriteString("\n  ]")
	w.WriteString(strings.TrimPrefix(tail, "]"))
	return nil
}
