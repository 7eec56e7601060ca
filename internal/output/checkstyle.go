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
//	    <error line="12" column="13" severity="error" message="..." source="jfcheck.docker-config-scope"></error>
//	  </file>
//	</checkstyle>
//
// Every file checked is listed, with or without findings; files that could
// not be checked are left out. Severities are error, warning and info.
func writeCheckstyle(w *bufio.Writer, r *Report, _ Options) error {
	root := checkstyleRoot{Version: CheckstyleVersion}
	for i := range r.Files {
		v := newView(&r.Files[i])
		if v.Err != nil {
			continue
		}
		f := checkstyleFile{Name: v.Path}
		for _, d := range v.diags {
			p := v.pos(d.Span.Start)
			f.Errors = append(f.Errors, checkstyleError{
				Line:     p.Line,
				Column:   p.Col,
				Severity: checkstyleSeverity(d.Severity),
				Message:  d.Message,
				Source:   ToolName + "." + d.Rule,
			})
		}
		root.Files = append(root.Files, f)
	}
	w.WriteString(xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return err
	}
	_, err := w.WriteString("\n")
	return err
}

func checkstyleSeverity(s rules.Severity) string {
	return s.String() // error, warning, info: Checkstyle's own names
}
