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
	// SARIFBaseID is the uriBaseId of relative artifact locations: the
	// directory jfcheck ran in, normally the top of the repository.
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
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
	ColumnKind  string            `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     *sarifText          `json:"shortDescription,omitempty"`
	FullDescription      *sarifText          `json:"fullDescription,omitempty"`
	Help                 *sarifMultiformat   `json:"help,omitempty"`
	HelpURI              string              `json:"helpUri,omitempty"`
	DefaultConfiguration *sarifConfiguration `json:"defaultConfiguration,omitempty"`
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

// writeSARIF writes a SARIF 2.1.0 log with one run. The driver describes
// every rule of r.Rules (and any other rule a finding names). Regions give
// 1-based lines, columns in Unicode code points (run.columnKind
// "unicodeCodePoints"; endColumn is the column after the span) and the
// same span as byteOffset and byteLength, which fixes use too. Relative
// paths become URIs relative to %SRCROOT%; absolute ones file URIs.
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
func writeSARIF(w *bufio.Writer, r *Report, _ Options) error {
	driver := sarifDriver{Name: ToolName, Version: r.Version, InformationURI: InformationURI, Rules: []sarifRule{}}
	index := map[string]int{}
	for _, rule := range r.Rules {
		if _, dup := index[rule.Name]; dup {
			continue
		}
		index[rule.Name] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRuleOf(rule, r.Help))
	}
	ruleIndex := func(name string) int {
		i, ok := index[name]
		if !ok {
			// A finding of a rule not in r.Rules still needs a descriptor.
			i = len(driver.Rules)
			index[name] = i
			driver.Rules = append(driver.Rules, sarifRule{ID: name, Name: pascalCase(name)})
		}
		return i
	}

	inv := sarifInvocation{ExecutionSuccessful: true}
	results := []sarifResult{}
	for i := range r.Files {
		v := newView(&r.Files[i])
		loc := artifactLocation(v.Path)
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
				RuleIndex: ruleIndex(d.Rule),
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
			results = append(results, res)
		}
	}

	log := sarifLog{
		Schema:  SARIFSchema,
		Version: SARIFVersion,
		Runs: []sarifRun{{
			Tool:        sarifTool{Driver: driver},
			Invocations: []sarifInvocation{inv},
			Results:     results,
			ColumnKind:  "unicodeCodePoints",
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

func sarifRuleOf(rule *rules.Rule, help func(*rules.Rule) string) sarifRule {
	uri := RuleDocsBase + rule.Name
	sr := sarifRule{
		ID:                   rule.Name,
		Name:                 pascalCase(rule.Name),
		ShortDescription:     &sarifText{Text: rule.Title},
		FullDescription:      &sarifText{Text: sentence(rule.Title)},
		HelpURI:              uri,
		DefaultConfiguration: &sarifConfiguration{Level: sarifLevel(rule.Severity)},
		Help: &sarifMultiformat{
			Text:     fmt.Sprintf("%s See %s", sentence(rule.Title), uri),
			Markdown: fmt.Sprintf("%s See [%s](%s) for examples, the fix and how to suppress it.", sentence(rule.Title), rule.Name, uri),
		},
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

// artifactLocation turns a path into a SARIF artifact location: relative
// paths relative to %SRCROOT% with forward slashes, absolute ones as file
// URIs.
func artifactLocation(p string) sarifArtifactLocation {
	if filepath.IsAbs(p) {
		sp := toSlash(p)
		if !strings.HasPrefix(sp, "/") {
			sp = "/" + sp // a Windows drive letter
		}
		return sarifArtifactLocation{URI: (&url.URL{Scheme: "file", Path: sp}).String()}
	}
	rel := strings.TrimPrefix(path.Clean(toSlash(p)), "./")
	return sarifArtifactLocation{URI: (&url.URL{Path: rel}).String(), URIBaseID: SARIFBaseID}
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
