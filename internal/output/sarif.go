package output

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"jfcheck/parser"
	"jfcheck/rules"
)

// Constants of the sarif format.
const (
	SARIFSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	SARIFVersion = "2.1.0"
	// SARIFBaseID is the uriBaseId of relative artifact locations: the top
	// of the repository (Report.Root).
	SARIFBaseID = "%SRCROOT%"
	// SARIFFingerprint is the partialFingerprints key jfcheck sets.
	SARIFFingerprint = "primaryLocationLineHash"
)

// The subset of the SARIF 2.1.0 object model jfcheck writes.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	Invocations        []sarifInvocation                `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult                    `json:"results"`
	ColumnKind         string                           `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string               `json:"id"`
	Name                 string               `json:"name"`
	ShortDescription     *sarifText           `json:"shortDescription,omitempty"`
	FullDescription      *sarifText           `json:"fullDescription,omitempty"`
	Help                 *sarifMultiformat    `json:"help,omitempty"`
	HelpURI              string               `json:"helpUri,omitempty"`
	DefaultConfiguration *sarifConfiguration  `json:"defaultConfiguration,omitempty"`
	Properties           *sarifRuleProperties `json:"properties,omitempty"`
}

// sarifRuleProperties are the rule properties GitHub code scanning reads:
// tags ("security" makes its findings security alerts), precision,
// problem.severity for the rest, and security-severity for security rules.
type sarifRuleProperties struct {
	Tags             []string `json:"tags"`
	Precision        string   `json:"precision"`
	ProblemSeverity  string   `json:"problem.severity"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifMultiformat struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegion locates text by line and column and by bytes; the two agree.
type sarifRegion struct {
	StartLine   int `json:"startLine,omitempty"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
	ByteOffset  int `json:"byteOffset"`
	ByteLength  int `json:"byteLength"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	Properties      map[string]string     `json:"properties,omitempty"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent *sarifText  `json:"insertedContent,omitempty"`
}

// sarifFormat writes a SARIF 2.1.0 log with one run. The driver describes
// every rule of r.Rules (and any other rule a finding names). Regions give
// 1-based lines, columns in Unicode code points (run.columnKind
// "unicodeCodePoints"; endColumn is the column after the span) and the
// same span as byteOffset and byteLength, which fixes use too. A region at
// the end of a file that ends with a line break (an unexpected end of
// file) is moved onto the last character of the last line, since code
// scanning places nothing on a line that is not there.
//
// Artifact URIs are relative to %SRCROOT%, which originalUriBaseIds gives
// as r.Root (see Report.Root); files outside it get absolute file URIs.
// Rules carry the properties code scanning reads (see ruleClass): tags,
// precision, problem.severity and, for security rules, security-severity;
// a helpUri only when r.DocsURL says where the rule pages are.
//
// partialFingerprints.primaryLocationLineHash is the hex SHA-256 of the
// rule name, the URI, the trimmed text of the finding's first line and the
// finding's occurrence index among findings of that rule on lines with the
// same trimmed text in the file (1 for the first), followed by ":1", the
// version of this scheme. It survives edits that move the finding to
// another line.
//
// Files that could not be checked become error notifications of the run's
// invocation, which then is not successful.
type sarifFormat struct {
	r       *Report
	driver  sarifDriver
	index   map[string]int // of rule descriptors by name
	inv     sarifInvocation
	results []sarifResult
}

func newSARIF(r *Report, _ Options) formatter {
	// The rule pages are the one place to learn about the tool that jfcheck
	// knows to exist, and only when told where they are hosted.
	s := &sarifFormat{r: r, inv: sarifInvocation{ExecutionSuccessful: true}, results: []sarifResult{}, index: map[string]int{}}
	s.driver = sarifDriver{Name: ToolName, Version: r.Version, InformationURI: r.DocsURL, Rules: []sarifRule{}}
	for _, rule := range r.Rules {
		if _, dup := s.index[rule.Name]; dup {
			continue
		}
		s.index[rule.Name] = len(s.driver.Rules)
		s.driver.Rules = append(s.driver.Rules, sarifRuleOf(rule, r.Help, r.DocsURL))
	}
	return s
}

// ruleIndex returns the index of a rule's descriptor.
func (s *sarifFormat) ruleIndex(name string) int {
	i, ok := s.index[name]
	if !ok {
		// A finding of a rule not in r.Rules still needs a descriptor.
		i = len(s.driver.Rules)
		s.index[name] = i
		s.driver.Rules = append(s.driver.Rules, sarifRule{ID: name, Name: pascalCase(name), Properties: sarifPropertiesOf(name, rules.Warning)})
	}
	return i
}

func (s *sarifFormat) file(_ *bufio.Writer, v *fileView) {
	r, inv := s.r, &s.inv
	{
		loc := r.artifactLocation(v.Path)
		if v.Err != nil {
			inv.ExecutionSuccessful = false
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
				Level:     "error",
				Message:   sarifText{Text: v.Err.Error()},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: loc}}},
			})
		}
		occurrences := map[string]int{}
		for _, d := range v.diags {
			res := sarifResult{
				RuleID:    d.Rule,
				RuleIndex: s.ruleIndex(d.Rule),
				Level:     sarifLevel(d.Severity),
				Message:   sarifText{Text: d.Message},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
					ArtifactLocation: loc,
					Region:           sarifRegionOf(v, d.Span),
				}}},
			}
			for _, rel := range d.Related {
				res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
					PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: loc, Region: sarifRegionOf(v, rel.Span)},
					Message:          &sarifText{Text: rel.Message},
				})
			}
			line := strings.TrimSpace(v.lineText(v.pos(d.Span.Start).Line))
			key := d.Rule + "\x00" + line
			occurrences[key]++
			res.PartialFingerprints = map[string]string{
				SARIFFingerprint: fingerprint(d.Rule, loc.URI, line, occurrences[key]),
			}
			for _, f := range d.Fixes {
				change := sarifArtifactChange{ArtifactLocation: loc, Replacements: []sarifReplacement{}}
				for _, e := range f.Edits {
					rep := sarifReplacement{DeletedRegion: sarifRegion{ByteOffset: e.Start, ByteLength: e.End - e.Start}}
					if e.New != "" {
						rep.InsertedContent = &sarifText{Text: e.New}
					}
					change.Replacements = append(change.Replacements, rep)
				}
				res.Fixes = append(res.Fixes, sarifFix{
					Description:     sarifText{Text: f.Message},
					ArtifactChanges: []sarifArtifactChange{change},
					Properties:      map[string]string{"level": f.Level.String()},
				})
			}
			s.results = append(s.results, res)
		}
	}
}

func (s *sarifFormat) finish(w *bufio.Writer) error {
	r := s.r
	run := sarifRun{
		Tool:        sarifTool{Driver: s.driver},
		Invocations: []sarifInvocation{s.inv},
		Results:     s.results,
		ColumnKind:  "unicodeCodePoints",
	}
	if r.Root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{SARIFBaseID: {URI: fileURI(r.Root, true)}}
	}
	log := sarifLog{Schema: SARIFSchema, Version: SARIFVersion, Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

func sarifRuleOf(rule *rules.Rule, help func(*rules.Rule) string, docsURL string) sarifRule {
	sr := sarifRule{
		ID:                   rule.Name,
		Name:                 pascalCase(rule.Name),
		ShortDescription:     &sarifText{Text: rule.Title},
		FullDescription:      &sarifText{Text: sentence(rule.Title)},
		DefaultConfiguration: &sarifConfiguration{Level: sarifLevel(rule.Severity)},
		Properties:           sarifPropertiesOf(rule.Name, rule.Severity),
	}
	more := fmt.Sprintf("`jfcheck --explain %s` prints the rule's page: examples, the fix and how to suppress it.", rule.Name)
	if docsURL != "" {
		sr.HelpURI = strings.TrimSuffix(docsURL, "/") + "/" + url.PathEscape(rule.Name) + ".md"
		more = fmt.Sprintf("See [%s](%s) for examples, the fix and how to suppress it.", rule.Name, sr.HelpURI)
	}
	sr.Help = &sarifMultiformat{
		Text:     sentence(rule.Title),
		Markdown: sentence(rule.Title) + " " + more,
	}
	if help != nil {
		if md := strings.TrimSpace(help(rule)); md != "" {
			sr.Help = &sarifMultiformat{Text: md, Markdown: md}
			if p := firstParagraph(md); p != "" {
				sr.FullDescription = &sarifText{Text: p}
			}
		}
	}
	return sr
}

// sarifPropertiesOf returns the code-scanning properties of a rule.
func sarifPropertiesOf(name string, severity rules.Severity) *sarifRuleProperties {
	c := classOf(name, severity)
	p := &sarifRuleProperties{Tags: []string{c.Category}, Precision: c.Precision, ProblemSeverity: problemSeverity(severity)}
	if c.Category == "security" {
		p.SecuritySeverity = c.SecuritySeverity
	}
	return p
}

// problemSeverity is GitHub's problem.severity: error, warning or
// recommendation.
func problemSeverity(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "recommendation"
}

func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "note"
}

func sarifRegionOf(v *fileView, s parser.Span) *sarifRegion {
	s = clampEOF(v, s)
	start, end := v.pos(s.Start), v.pos(s.End)
	return &sarifRegion{
		StartLine:   start.Line,
		StartColumn: start.Col,
		EndLine:     end.Line,
		EndColumn:   end.Col,
		ByteOffset:  s.Start,
		ByteLength:  s.End - s.Start,
	}
}

// clampEOF moves a span that starts at the end of a file, after its last
// line break (or past the end), onto the last character of the file that is
// not a line break, so that it lies inside the file's last line. An empty
// file keeps an empty span at its start.
func clampEOF(v *fileView, s parser.Span) parser.Span {
	var src []byte
	if v.File != nil {
		src = v.File.Src
	}
	n := len(src)
	s.Start, s.End = min(s.Start, n), min(max(s.End, s.Start), n)
	if s.Start < n || n == 0 || src[n-1] != '\n' && src[n-1] != '\r' {
		return s
	}
	last := n
	for last > 0 && (src[last-1] == '\n' || src[last-1] == '\r') {
		last--
	}
	if last == 0 {
		return parser.Span{}
	}
	_, size := utf8.DecodeLastRune(src[:last])
	return parser.Span{Start: last - size, End: last}
}

// artifactLocation turns a file path into a SARIF artifact location:
// relative to r.Root when it lies under it, or with r.Root unset a
// relative path as it is, both relative to %SRCROOT% with forward slashes;
// otherwise an absolute file URI.
func (r *Report) artifactLocation(p string) sarifArtifactLocation {
	if r.Root != "" {
		abs, err := filepath.Abs(p)
		if err == nil {
			rel, err := filepath.Rel(r.Root, abs)
			if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return sarifArtifactLocation{URI: fileURI(abs, false)}
			}
			p = rel
		}
	}
	return artifactLocation(p)
}

// artifactLocation turns a path into a SARIF artifact location: relative
// paths relative to %SRCROOT% with forward slashes, absolute ones as file
// URIs.
func artifactLocation(p string) sarifArtifactLocation {
	if filepath.IsAbs(p) {
		return sarifArtifactLocation{URI: fileURI(p, false)}
	}
	rel := strings.TrimPrefix(path.Clean(toSlash(p)), "./")
	return sarifArtifactLocation{URI: (&url.URL{Path: rel}).String(), URIBaseID: SARIFBaseID}
}

// fileURI returns the file URI of an absolute path; dir adds the final
// slash that SARIF wants on a base URI.
func fileURI(p string, dir bool) string {
	sp := toSlash(p)
	if !strings.HasPrefix(sp, "/") {
		sp = "/" + sp // a Windows drive letter
	}
	if dir && !strings.HasSuffix(sp, "/") {
		sp += "/"
	}
	return (&url.URL{Scheme: "file", Path: sp}).String()
}

func toSlash(p string) string { return filepath.ToSlash(p) }

func fingerprint(rule, uri, line string, occurrence int) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%d", rule, uri, line, occurrence)
	return hex.EncodeToString(h.Sum(nil)) + ":1"
}

// pascalCase turns "docker-config-scope" into "DockerConfigScope".
func pascalCase(name string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == ' ' || r == '.' }) {
		r, size := utf8.DecodeRuneInString(part)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(part[size:])
	}
	return b.String()
}

// sentence turns a title into a sentence: capital first letter, final
// period.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[size:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// firstParagraph returns the first paragraph of Markdown text that is not a
// heading, its lines joined by spaces.
func firstParagraph(md string) string {
	var para []string
	for _, line := range strings.Split(md, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			if len(para) > 0 {
				return strings.Join(para, " ")
			}
		case strings.HasPrefix(line, "#") && len(para) == 0:
			// a heading before the paragraph
		default:
			para = append(para, line)
		}
	}
	return strings.Join(para, " ")
}
