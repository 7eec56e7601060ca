package output

import (
	"bufio"
	"encoding/xml"

	"jfcheck/rules"
)

// CheckstyleVersion is the version attribute of the checkstyle format's root.
const CheckstyleVersion = "4.3"

type checkstyleRoot struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// writeCheckstyle writes Checkstyle's XML report:
//
//	<?xml version="1.0" encoding="UTF-8"?>
//	<checkstyle version="4.3">
//	  <file name="Jenkinsfile">
//	    <error line="12" column="13" severity="error" message="..." source="jfcheck.security.docker-config-scope"></error>
//	  </file>
//	</checkstyle>
//
// Every file checked is listed, with or without findings; files that could
// not be checked are left out. Severities are error, warning and info.
//
// The source is "jfcheck.<category>.<rule>" (see ruleClass), the shape of
// Checkstyle's own sources (com.puppycrawl.tools.checkstyle.checks.coding.
// EqualsHashCodeCheck): the Warnings Next Generation plugin (its
// analysis-model CheckStyleParser) takes the part after the last dot as the
// issue's type and the part before it, capitalized, as its category, so
// its reports show the rule as type and Security, Reliability, Correctness
// or Maintainability as category.
type checkstyleFormat struct {
	r    *Report
	root checkstyleRoot
}

func newCheckstyle(r *Report, _ Options) formatter {
	return &checkstyleFormat{r: r, root: checkstyleRoot{Version: CheckstyleVersion}}
}

func (c *checkstyleFormat) file(_ *bufio.Writer, v *fileView) {
	r, root := c.r, &c.root
	{
		if v.Err != nil {
			return
		}
		f := checkstyleFile{Name: v.Path}
		for _, d := range v.diags {
			p := v.pos(d.Span.Start)
			f.Errors = append(f.Errors, checkstyleError{
				Line:     p.Line,
				Column:   p.Col,
				Severity: checkstyleSeverity(d.Severity),
				Message:  d.Message,
				Source:   checkstyleSource(d.Rule, d.Severity, r.Rules),
			})
		}
		root.Files = append(root.Files, f)
	}
}

func (c *checkstyleFormat) finish(w *bufio.Writer) error {
	root := c.root
	w.WriteString(xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return err
	}
	_, err := w.WriteString("\n")
	return err
}

// checkstyleSource returns "jfcheck.<category>.<rule>"; the category is that
// of the rule's default severity when the rule is known.
func checkstyleSource(name string, severity rules.Severity, known []*rules.Rule) string {
	for _, r := range known {
		if r.Name == name {
			severity = r.Severity
			break
		}
	}
	return ToolName + "." + classOf(name, severity).Category + "." + name
}

func checkstyleSeverity(s rules.Severity) string {
	return s.String() // error, warning, info: Checkstyle's own names
}
