package output

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"jfcheck/parser"
	"jfcheck/rules"
)

func decodeSARIF(t *testing.T, out string) sarifLog {
	t.Helper()
	var log sarifLog
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("decoding SARIF: %v\n%s", err, out)
	}
	return log
}

func TestSARIF(t *testing.T) {
	r := fixture()
	r.Files[3].Diagnostics[0].Rule = "not-registered"
	log := decodeSARIF(t, write(t, "sarif", r, Options{}))

	if log.Schema != "https://json.schemastore.org/sarif-2.1.0.json" || log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("header: %s %s %d runs", log.Schema, log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}
	d := run.Tool.Driver
	if d.Name != "jfcheck" || d.Version != "0.3.0" || d.InformationURI != "" {
		t.Errorf("driver: %+v", d)
	}

	wantScope := sarifRule{
		ID:               "docker-config-scope",
		Name:             "DockerConfigScope",
		ShortDescription: &sarifText{"docker login without a job-scoped DOCKER_CONFIG"},
		FullDescription:  &sarifText{"Docker login without a job-scoped DOCKER_CONFIG."},
		Help: &sarifMultiformat{
			Text:     "Docker login without a job-scoped DOCKER_CONFIG.",
			Markdown: "Docker login without a job-scoped DOCKER_CONFIG. `jfcheck --explain docker-config-scope` prints the rule's page: examples, the fix and how to suppress it.",
		},
		DefaultConfiguration: &sarifConfiguration{"error"},
		Properties:           &sarifRuleProperties{Tags: []string{"security"}, Precision: "high", ProblemSeverity: "error", SecuritySeverity: "8.0"},
	}
	if len(d.Rules) != 4 {
		t.Fatalf("%d rules, want the 3 known and the unregistered one", len(d.Rules))
	}
	if !reflect.DeepEqual(d.Rules[0], wantScope) {
		t.Errorf("rule 0:\n%+v\nwant\n%+v", d.Rules[0], wantScope)
	}
	for i, level := range []string{"error", "warning", "note"} {
		if got := d.Rules[i].DefaultConfiguration.Level; got != level {
			t.Errorf("rule %d level %s, want %s", i, got, level)
		}
	}
	if got := d.Rules[3]; got.ID != "not-registered" || got.Name != "NotRegistered" || got.Properties == nil || got.Properties.Tags[0] != "security" {
		t.Errorf("unregistered rule descriptor %+v", got)
	}

	if len(run.Results) != 4 {
		t.Fatalf("%d results", len(run.Results))
	}
	for i, res := range run.Results {
		if d.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d: ruleIndex %d is %s, not %s", i, res.RuleIndex, d.Rules[res.RuleIndex].ID, res.RuleID)
		}
	}
	first := run.Results[0]
	if first.RuleID != "docker-config-scope" || first.Level != "error" || first.Message.Text != "docker login writes credentials to the agent's shared ~/.docker" {
		t.Errorf("first result: %+v", first)
	}
	loginStart := strings.Index(src, "sh 'docker")
	wantLoc := sarifPhysicalLocation{
		ArtifactLocation: sarifArtifactLocation{URI: "ci/Jenkinsfile", URIBaseID: "%SRCROOT%"},
		Region:           &sarifRegion{StartLine: 5, StartColumn: 14, EndLine: 5, EndColumn: 43, ByteOffset: loginStart, ByteLength: 29},
	}
	if !reflect.DeepEqual(first.Locations[0].PhysicalLocation, wantLoc) {
		t.Errorf("location %+v, want %+v", first.Locations[0].PhysicalLocation, wantLoc)
	}
	if len(first.RelatedLocations) != 1 || first.RelatedLocations[0].Message.Text != "the agent is shared by other jobs" ||
		first.RelatedLocations[0].PhysicalLocation.Region.StartLine != 2 {
		t.Errorf("related: %+v", first.RelatedLocations)
	}
	agentEnd := strings.Index(src, "agent any") + len("agent any")
	stagesStart := strings.Index(src, "stages")
	wantFix := sarifFix{
		Description: sarifText{"add a job-scoped DOCKER_CONFIG"},
		ArtifactChanges: []sarifArtifactChange{{
			ArtifactLocation: sarifArtifactLocation{URI: "ci/Jenkinsfile", URIBaseID: "%SRCROOT%"},
			Replacements: []sarifReplacement{
				{DeletedRegion: sarifRegion{ByteOffset: agentEnd}, InsertedContent: &sarifText{"\n\tenvironment { DOCKER_CONFIG = \"${WORKSPACE}/.docker\" }"}},
				{DeletedRegion: sarifRegion{ByteOffset: stagesStart}},
			},
		}},
		Properties: map[string]string{"level": "safe"},
	}
	if len(first.Fixes) != 1 || !reflect.DeepEqual(first.Fixes[0], wantFix) {
		t.Errorf("fixes:\n%+v\nwant\n%+v", first.Fixes, wantFix)
	}
	if run.Results[1].Fixes[0].Properties["level"] != "review" {
		t.Errorf("review fix: %+v", run.Results[1].Fixes)
	}
	if run.Results[2].Level != "note" || run.Results[2].Fixes != nil {
		t.Errorf("info result: %+v", run.Results[2])
	}

	inv := run.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 ||
		inv.ToolExecutionNotifications[0].Message.Text != "open gone/Jenkinsfile: file does not exist" ||
		inv.ToolExecutionNotifications[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "gone/Jenkinsfile" {
		t.Errorf("invocation: %+v", inv)
	}
}

func TestSARIFEmpty(t *testing.T) {
	out := write(t, "sarif", &Report{Version: "1"}, Options{})
	for _, want := range []string{`"results": []`, `"rules": []`, `"executionSuccessful": true`} {
		if !strings.Contains(out, want) {
			t.Errorf("empty log lacks %s:\n%s", want, out)
		}
	}
}

func TestSARIFHelp(t *testing.T) {
	page := "# docker-config-scope\n\nFinds `docker login` that writes\nto the shared home.\n\n## Example\n"
	r := &Report{Rules: testRules[:1], Help: func(rule *rules.Rule) string {
		if rule.Name == "docker-config-scope" {
			return page
		}
		return ""
	}}
	log := decodeSARIF(t, write(t, "sarif", r, Options{}))
	rule := log.Runs[0].Tool.Driver.Rules[0]
	if rule.Help.Markdown != strings.TrimSpace(page) || rule.Help.Text != strings.TrimSpace(page) {
		t.Errorf("help %+v", rule.Help)
	}
	if rule.FullDescription.Text != "Finds `docker login` that writes to the shared home." {
		t.Errorf("fullDescription %q", rule.FullDescription.Text)
	}
}

// fingerprints returns the fingerprint of each finding of a one-file report.
func fingerprints(t *testing.T, path, text string, ds []rules.Diagnostic) []string {
	t.Helper()
	r := &Report{Files: []FileResult{{Path: path, File: newFile(path, text), Diagnostics: ds}}}
	var out []string
	for _, res := range decodeSARIF(t, write(t, "sarif", r, Options{})).Runs[0].Results {
		out = append(out, res.PartialFingerprints[SARIFFingerprint])
	}
	return out
}

func TestSARIFFingerprints(t *testing.T) {
	line := "\tsh 'docker login'\n"
	at := func(text string, n int, rule string) rules.Diagnostic {
		// The nth occurrence of "docker" in text.
		off := -1
		for range n {
			off += 1 + strings.Index(text[off+1:], "docker")
		}
		return rules.Diagnostic{Rule: rule, Span: parser.Span{Start: off, End: off + 6}, Message: "m"}
	}
	a := fingerprints(t, "J", line+line, []rules.Diagnostic{at(line+line, 1, "r"), at(line+line, 2, "r")})
	// Lines added above, indentation changed: the same findings.
	moved := "// new\n\n" + "    sh 'docker login'  \n" + line
	b := fingerprints(t, "J", moved, []rules.Diagnostic{at(moved, 1, "r"), at(moved, 2, "r")})
	if !reflect.DeepEqual(a, b) {
		t.Errorf("fingerprints changed when lines moved: %q vs %q", a, b)
	}
	if a[0] == a[1] {
		t.Error("two findings on identical lines share a fingerprint")
	}
	for _, f := range a {
		if len(f) != 64+2 || !strings.HasSuffix(f, ":1") {
			t.Errorf("fingerprint %q is not hex SHA-256 with :1", f)
		}
	}
	otherRule := fingerprints(t, "J", line, []rules.Diagnostic{at(line, 1, "s")})
	otherPath := fingerprints(t, "K", line, []rules.Diagnostic{at(line, 1, "r")})
	if otherRule[0] == a[0] || otherPath[0] == a[0] {
		t.Error("fingerprint ignores the rule or the path")
	}
	if want := fingerprint("r", "J", "sh 'docker login'", 1); a[0] != want {
		t.Errorf("fingerprint %s, want %s", a[0], want)
	}
}

func TestArtifactLocation(t *testing.T) {
	tests := []struct {
		path string
		want sarifArtifactLocation
	}{
		{"Jenkinsfile", sarifArtifactLocation{"Jenkinsfile", "%SRCROOT%"}},
		{"ci/Jenkinsfile", sarifArtifactLocation{"ci/Jenkinsfile", "%SRCROOT%"}},
		{"./ci//x/../Jenkinsfile", sarifArtifactLocation{"ci/Jenkinsfile", "%SRCROOT%"}},
		{"a b/Jenkins#file?", sarifArtifactLocation{"a%20b/Jenkins%23file%3F", "%SRCROOT%"}},
		{"c:d/J", sarifArtifactLocation{"./c:d/J", "%SRCROOT%"}},
		{"dé/J", sarifArtifactLocation{"d%C3%A9/J", "%SRCROOT%"}},
		{"../up/J", sarifArtifactLocation{"../up/J", "%SRCROOT%"}},
		{"/abs/dir/J", sarifArtifactLocation{URI: "file:///abs/dir/J"}},
		{"/abs/a b", sarifArtifactLocation{URI: "file:///abs/a%20b"}},
	}
	for _, tt := range tests {
		if got := artifactLocation(filepath.FromSlash(tt.path)); got != tt.want {
			t.Errorf("artifactLocation(%q) = %+v, want %+v", tt.path, got, tt.want)
		}
	}
}

func TestPascalCase(t *testing.T) {
	for in, want := range map[string]string{
		"docker-config-scope": "DockerConfigScope",
		"x":                   "X",
		"a--b":                "AB",
		"snake_case.rule":     "SnakeCaseRule",
		"jf101-é":             "Jf101É",
		"":                    "",
	} {
		if got := pascalCase(in); got != want {
			t.Errorf("pascalCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSentence(t *testing.T) {
	for in, want := range map[string]string{
		"docker login without logout": "Docker login without logout.",
		"already.":                    "Already.",
		"  padded ":                   "Padded.",
		"":                            "",
	} {
		if got := sentence(in); got != want {
			t.Errorf("sentence(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFirstParagraph(t *testing.T) {
	for in, want := range map[string]string{
		"# T\n\nOne\ntwo.\n\nThree.": "One two.",
		"Just this.":                 "Just this.",
		"# Only a heading\n":         "",
		"\n\n  a  \n  b\n\n":         "a b",
	} {
		if got := firstParagraph(in); got != want {
			t.Errorf("firstParagraph(%q) = %q, want %q", in, got, want)
		}
	}
}

// sarifSample is the report validated by the SARIF multitool: the fixture
// and the awkward cases (empty and multi-line spans, an absolute path, a
// path that needs escaping, an unregistered rule, a deletion).
func sarifSample() *Report {
	r := fixture()
	text := "é\n\tx y\n"
	r.Files = append(r.Files,
		FileResult{Path: "/abs/Jenkinsfile", File: newFile("J", text), Diagnostics: []rules.Diagnostic{
			{Rule: "docker-config-scope", Severity: rules.Error, Span: parser.Span{Start: 0, End: 5}, Message: "multi-line."},
		}},
		FileResult{Path: "dir with space/ö.Jenkinsfile", File: newFile("J", text), Diagnostics: []rules.Diagnostic{
			{Rule: "no-such-rule", Severity: rules.Warning, Span: parser.Span{Start: 4, End: 4}, Message: "empty span.",
				Fixes: []rules.Fix{{Message: "delete", Edits: []rules.Edit{{Start: 4, End: 6}}}}},
		}},
	)
	return r
}

// TestSARIFMultitool validates a sample log with Microsoft's SARIF
// multitool when JFCHECK_SARIF_MULTITOOL names its binary (npm package
// @microsoft/sarif-multitool-linux, file Sarif.Multitool). Any result at
// level error fails the test; warnings are logged.
func TestSARIFMultitool(t *testing.T) {
	bin := os.Getenv("JFCHECK_SARIF_MULTITOOL")
	if bin == "" {
		t.Skip("JFCHECK_SARIF_MULTITOOL is not set")
	}
	var b bytes.Buffer
	if err := Write(&b, "sarif", sarifSample(), Options{}); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, bin, "sample", b.Bytes())
	// JFCHECK_SARIF_FILES lists more logs to validate, such as jfcheck's
	// output for the testdata (see .ci/sarif.sh).
	for _, path := range filepath.SplitList(os.Getenv("JFCHECK_SARIF_FILES")) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		validateSARIF(t, bin, path, data)
	}
}

func validateSARIF(t *testing.T, bin, name string, log []byte) {
	t.Helper()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "jfcheck.sarif"), filepath.Join(dir, "validation.sarif")
	if err := os.WriteFile(in, log, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "validate", in, "--output", out, "--log", "ForceOverwrite")
	console, err := cmd.CombinedOutput()
	t.Logf("%s: %s\n%s", name, cmd, console)
	if err != nil {
		t.Fatalf("multitool: %v", err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var report struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Level   string `json:"level"`
				Message struct {
					ID string `json:"id"`
				} `json:"message"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatalf("reading the multitool's log: %v", err)
	}
	errs := 0
	for _, run := range report.Runs {
		for _, res := range run.Results {
			if res.Level == "error" {
				errs++
				t.Errorf("%s: %s %s", name, res.RuleID, res.Message.ID)
			}
		}
	}
	t.Logf("%s: %d errors", name, errs)
}

// GitHub code scanning reads tags, precision, problem.severity and, for
// security rules, security-severity from the rule properties.
func TestSARIFRuleProperties(t *testing.T) {
	r := &Report{Rules: []*rules.Rule{
		{Name: "docker-config-scope", Title: "t", Severity: rules.Error},
		{Name: "syntax-error", Title: "t", Severity: rules.Error},
		{Name: "unused-suppression", Title: "t", Severity: rules.Warning},
		{Name: "declarative-unknown-section", Title: "t", Severity: rules.Error},
		{Name: "some-new-hazard", Title: "t", Severity: rules.Info},
	}}
	want := []sarifRuleProperties{
		{Tags: []string{"security"}, Precision: "high", ProblemSeverity: "error", SecuritySeverity: "8.0"},
		{Tags: []string{"correctness"}, Precision: "very-high", ProblemSeverity: "error"},
		{Tags: []string{"maintainability"}, Precision: "very-high", ProblemSeverity: "warning"},
		{Tags: []string{"correctness"}, Precision: "very-high", ProblemSeverity: "error"},
		{Tags: []string{"security"}, Precision: "medium", ProblemSeverity: "recommendation", SecuritySeverity: "3.0"},
	}
	out := write(t, "sarif", r, Options{})
	for i, rule := range decodeSARIF(t, out).Runs[0].Tool.Driver.Rules {
		if !reflect.DeepEqual(*rule.Properties, want[i]) {
			t.Errorf("%s: properties %+v, want %+v", rule.ID, *rule.Properties, want[i])
		}
	}
	if !strings.Contains(out, `"security-severity": "8.0"`) || !strings.Contains(out, `"problem.severity": "error"`) {
		t.Errorf("property names:\n%s", out)
	}
	// Every registered rule has a class whose values GitHub accepts.
	for _, rule := range rules.All() {
		c := classOf(rule.Name, rule.Severity)
		switch c.Precision {
		case "very-high", "high", "medium", "low":
		default:
			t.Errorf("%s: precision %q", rule.Name, c.Precision)
		}
		if c.Category == "security" {
			if score, err := strconv.ParseFloat(c.SecuritySeverity, 64); err != nil || score <= 0 || score > 10 {
				t.Errorf("%s: security-severity %q", rule.Name, c.SecuritySeverity)
			}
		} else if c.SecuritySeverity != "" {
			t.Errorf("%s: security-severity on a %s rule", rule.Name, c.Category)
		}
	}
}

// helpUri links the rule page only when the report says where the pages
// are hosted.
func TestSARIFHelpURI(t *testing.T) {
	r := &Report{Rules: testRules[:1], DocsURL: "https://github.com/acme/jfcheck/blob/v1.2.0/docs/rules/"}
	rule := decodeSARIF(t, write(t, "sarif", r, Options{})).Runs[0].Tool.Driver.Rules[0]
	want := "https://github.com/acme/jfcheck/blob/v1.2.0/docs/rules/docker-config-scope.md"
	if rule.HelpURI != want || !strings.Contains(rule.Help.Markdown, "("+want+")") {
		t.Errorf("helpUri %q, help %q", rule.HelpURI, rule.Help.Markdown)
	}
	if got := decodeSARIF(t, write(t, "sarif", r, Options{})).Runs[0].Tool.Driver.InformationURI; got != r.DocsURL {
		t.Errorf("informationUri %q", got)
	}
	r.DocsURL = ""
	out := write(t, "sarif", r, Options{})
	if strings.Contains(out, "helpUri") || strings.Contains(out, "informationUri") || strings.Contains(out, "http") && !strings.Contains(out, SARIFSchema) {
		t.Errorf("links without DocsURL:\n%s", out)
	}
}

// With a Root, artifact URIs are relative to it, whatever the current
// directory, and originalUriBaseIds says where %SRCROOT% is.
func TestSARIFRoot(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "ci")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(sub)
	text := "node {}\n"
	r := &Report{Root: root, Files: []FileResult{
		{Path: "Jenkinsfile", File: newFile("Jenkinsfile", text), Diagnostics: []rules.Diagnostic{{Rule: "r", Span: parser.Span{End: 4}}}},
		{Path: filepath.Join(root, "a b", "Jenkinsfile"), File: newFile("J", text), Diagnostics: []rules.Diagnostic{{Rule: "r", Span: parser.Span{End: 4}}}},
		{Path: filepath.Join("..", "..", "elsewhere", "Jenkinsfile"), File: newFile("J", text), Diagnostics: []rules.Diagnostic{{Rule: "r", Span: parser.Span{End: 4}}}},
	}}
	run := decodeSARIF(t, write(t, "sarif", r, Options{})).Runs[0]
	var got []sarifArtifactLocation
	for _, res := range run.Results {
		got = append(got, res.Locations[0].PhysicalLocation.ArtifactLocation)
	}
	want := []sarifArtifactLocation{
		{URI: "ci/Jenkinsfile", URIBaseID: "%SRCROOT%"},
		{URI: "a%20b/Jenkinsfile", URIBaseID: "%SRCROOT%"},
		{URI: fileURI(filepath.Join(filepath.Dir(root), "elsewhere", "Jenkinsfile"), false)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("locations %+v, want %+v", got, want)
	}
	base := run.OriginalURIBaseIDs["%SRCROOT%"]
	if base.URI != fileURI(root, false)+"/" || !strings.HasPrefix(base.URI, "file:///") {
		t.Errorf("originalUriBaseIds %+v (root %s)", run.OriginalURIBaseIDs, root)
	}
}

// An unexpected end of file is reported after the last line break; SARIF
// places it on the last character of the last line instead.
func TestSARIFEndOfFile(t *testing.T) {
	tests := []struct {
		text       string
		want       sarifRegion
		start, end int // of the span reported
	}{
		{"node {\n  x\n", sarifRegion{StartLine: 2, StartColumn: 3, EndLine: 2, EndColumn: 4, ByteOffset: 9, ByteLength: 1}, 11, 11},
		{"node {\r\n  é\r\n\r\n", sarifRegion{StartLine: 2, StartColumn: 3, EndLine: 2, EndColumn: 4, ByteOffset: 10, ByteLength: 2}, 16, 16},
		{"node {", sarifRegion{StartLine: 1, StartColumn: 7, EndLine: 1, EndColumn: 7, ByteOffset: 6}, 6, 6},
		{"\n\n", sarifRegion{StartLine: 1, StartColumn: 1, EndLine: 1, EndColumn: 1}, 2, 2},
		{"", sarifRegion{StartLine: 1, StartColumn: 1, EndLine: 1, EndColumn: 1}, 0, 0},
		{"node {\n}\n", sarifRegion{StartLine: 2, StartColumn: 1, EndLine: 2, EndColumn: 2, ByteOffset: 7, ByteLength: 1}, 7, 8},
	}
	for _, tt := range tests {
		r := &Report{Files: []FileResult{{Path: "J", File: newFile("J", tt.text),
			Diagnostics: []rules.Diagnostic{{Rule: "syntax-error", Span: parser.Span{Start: tt.start, End: tt.end}}}}}}
		got := decodeSARIF(t, write(t, "sarif", r, Options{})).Runs[0].Results[0].Locations[0].PhysicalLocation.Region
		if *got != tt.want {
			t.Errorf("%q [%d,%d): region %+v, want %+v", tt.text, tt.start, tt.end, *got, tt.want)
		}
	}
}
