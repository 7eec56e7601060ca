package cli

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"jfcheck/parser"
)

// endless is an input without end, like /dev/zero.
type endless struct{ n int }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	e.n += len(p)
	return len(p), nil
}

// Standard input without end is refused once it passes the size limit,
// having read no more than that.
func TestStdinSizeLimit(t *testing.T) {
	in := &endless{}
	var stdout, stderr bytes.Buffer
	code := Main([]string{"-"}, in, &stdout, &stderr)
	if code != ExitUsage {
		t.Errorf("exit status %d, want %d", code, ExitUsage)
	}
	if want := "jfcheck: <stdin>: file too large: jfcheck reads files up to 16777216 bytes"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q does not say %q", stderr.String(), want)
	}
	if in.n > parser.MaxFileSize+64<<10 {
		t.Errorf("read %d bytes of an endless input", in.n)
	}
}

func TestReadBounded(t *testing.T) {
	src, err := readBounded(io.LimitReader(&endless{}, parser.MaxFileSize), 0)
	if err != nil || len(src) != parser.MaxFileSize {
		t.Errorf("a file of exactly the limit: %d bytes, %v", len(src), err)
	}
	if _, err := readBounded(io.LimitReader(&endless{}, parser.MaxFileSize+1), 0); !errors.Is(err, errTooLarge) {
		t.Errorf("one byte past the limit: %v", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("standard output is closed") }

// Findings that cannot be written are an internal failure, not a clean run.
func TestReportWriteError(t *testing.T) {
	src := "pipeline {\n    agent any\n    stages {\n        stage('a') {\n            steps {\n                sh 'docker login -u a -p b registry.example.com'\n            }\n        }\n    }\n}\n"
	var stderr bytes.Buffer
	code := Main([]string{"--stdin-filename", "Jenkinsfile", "-"}, strings.NewReader(src), failWriter{}, &stderr)
	if code != ExitInternal {
		t.Errorf("exit status %d, want %d", code, ExitInternal)
	}
	if want := "jfcheck: writing the report: standard output is closed"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q does not say %q", stderr.String(), want)
	}
}
