// Package benchset builds jfcheck's benchmark set, testdata/bench/set: a
// thousand and more Jenkinsfiles shaped like those of public repositories,
// from the repository's own test files and pipelines generated with a fixed
// seed. `go generate ./internal/benchset` writes it; a test checks that the
// committed files are what Generate gives and that every one parses.
//
// The shape follows what a survey of 6,500 Jenkinsfiles and shared-library
// steps from public repositories showed (their text is not used): a median
// file of 1.7 KB, a mean of 4.1 KB, one file in ten above 9.5 KB and one
// in a hundred above 37 KB, the largest near 230 KB; about a quarter are
// declarative pipelines, the rest scripted pipelines and library steps.
package benchset

//go:generate go run ./gen ../../testdata/bench/set

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"jfcheck/parser"
)

// Seed is the seed of the generated files.
const Seed = 15

// Generated is how many files Generate makes besides the copies and
// variants of the test files.
const Generated = 1000

// sizeQuantiles are file sizes in bytes at every tenth of the surveyed
// files, then at 99% and 100%: the target sizes of generated files are
// drawn from them.
var sizeQuantiles = []struct {
	q    float64
	size float64
}{
	{0, 120}, {0.1, 255}, {0.2, 556}, {0.3, 966}, {0.4, 1365}, {0.5, 1724},
	{0.6, 2272}, {0.7, 3174}, {0.8, 5182}, {0.9, 9542}, {0.99, 36976}, {1, 120000},
}

// targetSize draws a file size from sizeQuantiles, linearly between them.
func targetSize(r *rand.Rand) int {
	u := r.Float64()
	for i := 1; i < len(sizeQuantiles); i++ {
		a, b := sizeQuantiles[i-1], sizeQuantiles[i]
		if u <= b.q {
			t := (u - a.q) / (b.q - a.q)
			return int(a.size + t*(b.size-a.size))
		}
	}
	return int(sizeQuantiles[len(sizeQuantiles)-1].size)
}

// Sources lists the test files the set copies and varies: the valid
// pipelines of testdata/parse and the inputs of testdata/fix, relative to
// the repository root.
func Sources(root string) ([]string, error) {
	var out []string
	for _, pat := range []string{"testdata/parse/*.Jenkinsfile", "testdata/fix/*.Jenkinsfile", "testdata/examples/*.Jenkinsfile"} {
		m, err := filepath.Glob(filepath.Join(root, pat))
		if err != nil {
			return nil, err
		}
		out = append(out, m...)
	}
	slices.Sort(out)
	return out, nil
}

// Generate returns the benchmark set, file name to content, built from the
// test files below root (the repository root). valid tells whether a text
// parses without error; variants that do not are left out, so that the
// set holds only files a user would commit.
func Generate(root string, valid func([]byte) bool) (map[string][]byte, error) {
	srcs, err := Sources(root)
	if err != nil {
		return nil, err
	}
	set := map[string][]byte{}
	for _, p := range srcs {
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		if !valid(src) {
			continue
		}
		base := strings.TrimSuffix(filepath.Base(p), ".Jenkinsfile")
		dir := filepath.Base(filepath.Dir(p))
		set[fmt.Sprintf("copy/%s-%s.Jenkinsfile", dir, base)] = src
		// One variant of each: the indentation, line endings or a header
		// comment that real repositories differ in. The choice and its
		// randomness come from the file's name, so that a new test file
		// adds its own copy and variant and changes no other file.
		h := fnv.New64a()
		h.Write([]byte(dir + "/" + base))
		i := h.Sum64()
		r := rand.New(rand.NewPCG(Seed, i))
		var v []byte
		kind := ""
		switch i % 3 {
		case 0:
			v, kind = reindent(src, "\t"), "tabs"
		case 1:
			v, kind = reindent(src, "  "), "two-spaces"
		case 2:
			v, kind = append([]byte(licenseHeader(r)), src...), "header"
		}
		if i%5 == 0 {
			v, kind = crlf(v), kind+"-crlf"
		}
		if valid(v) {
			set[fmt.Sprintf("variant/%s-%s-%s.Jenkinsfile", dir, base, kind)] = v
		}
	}
	for i := 0; i < Generated; i++ {
		// Each generated file draws from a stream of its own.
		r := rand.New(rand.NewPCG(Seed, uint64(i)))
		g := &gen{r: r, indent: []string{"    ", "    ", "    ", "  ", "\t"}[r.IntN(5)]}
		size := targetSize(r)
		var text, kind string
		switch u := r.IntN(100); {
		case u < 45:
			text, kind = g.declarative(size), "declarative"
		case u < 75:
			text, kind = g.scripted(size), "scripted"
		default:
			text, kind = g.library(size), "library"
		}
		src := []byte(text)
		if r.IntN(20) == 0 {
			src = crlf(src)
		}
		if !valid(src) {
			return nil, fmt.Errorf("generated file %d (%s) does not parse:\n%s", i, kind, src)
		}
		set[fmt.Sprintf("gen/%04d-%s.Jenkinsfile", i, kind)] = src
	}
	return set, nil
}

// reindent replaces each leading run of four spaces by unit.
func reindent(src []byte, unit string) []byte {
	var b bytes.Buffer
	for _, line := range bytes.SplitAfter(src, []byte("\n")) {
		n := 0
		for bytes.HasPrefix(line[n:], []byte("    ")) {
			n += 4
		}
		b.WriteString(strings.Repeat(unit, n/4))
		b.Write(line[n:])
	}
	return b.Bytes()
}

// crlf turns "\n" line endings into "\r\n".
func crlf(src []byte) []byte {
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))
}

func licenseHeader(r *rand.Rand) string {
	org := pick(r, orgs)
	return fmt.Sprintf("/*\n * Copyright %d %s\n *\n * Licensed under the Apache License, Version 2.0 (the \"License\");\n * you may not use this file except in compliance with the License.\n */\n\n", 2015+r.IntN(10), org)
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

var (
	orgs     = []string{"Example Corp", "The Widget Authors", "ACME Ltd.", "Northwind Traders", "Contoso"}
	services = []string{"api", "web", "worker", "gateway", "billing", "auth", "search", "frontend", "scheduler", "reports"}
	stages   = []string{"Checkout", "Build", "Unit tests", "Lint", "Integration tests", "Package", "Docker build", "Push image", "Deploy to staging", "Smoke tests", "Deploy to production", "Publish docs", "Security scan", "Archive"}
	labels   = []string{"docker", "linux", "build-node", "k8s", "ubuntu-22.04", "windows", "master"}
	regs     = []string{"registry.example.com", "docker.io", "ghcr.io", "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "harbor.internal:5000", "quay.io"}
	creds    = []string{"registry-creds", "dockerhub", "docker-hub-credentials", "nexus-deploy", "ecr-push", "harbor-robot"}
	tools    = []string{"maven", "gradle", "npm", "go", "python", "dotnet"}
)

// gen writes one generated file.
type gen struct {
	r      *rand.Rand
	b      strings.Builder
	indent string
	depth  int
	logins int // docker logins written
}

func (g *gen) line(format string, args ...any) {
	if format == "" {
		g.b.WriteString("\n")
		return
	}
	g.b.WriteString(strings.Repeat(g.indent, g.depth))
	fmt.Fprintf(&g.b, format, args...)
	g.b.WriteString("\n")
}

func (g *gen) open(format string, args ...any) {
	g.line(format+" {", args...)
	g.depth++
}

func (g *gen) close() {
	g.depth--
	g.line("}")
}

func (g *gen) pick(list []string) string { return pick(g.r, list) }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// buildCommand is a build tool's command line.
func (g *gen) buildCommand() string {
	switch g.pick(tools) {
	case "maven":
		return "mvn -B -DskipTests=" + g.pick([]string{"true", "false"}) + " clean verify"
	case "gradle":
		return "./gradlew --no-daemon " + g.pick([]string{"build", "check", "assemble publish"})
	case "npm":
		return "npm ci && npm run " + g.pick([]string{"build", "test", "lint"})
	case "go":
		return "go test ./... && go build -o bin/app ./cmd/app"
	case "python":
		return "pip install -r requirements.txt && pytest -q"
	}
	return "dotnet build -c Release"
}

// maxLogins is how many docker logins a generated file holds at most: real
// files that log in at all do so in one to three places.
const maxLogins = 3

// steps writes a few steps of a stage: shell commands, docker logins in
// the forms real files use, credentials, archiving.
func (g *gen) steps(svc string) {
	for n := 1 + g.r.IntN(4); n > 0; n-- {
		reg, cred := g.pick(regs), g.pick(creds)
		k := g.r.IntN(12)
		if k >= 2 && k <= 4 {
			if g.logins >= maxLogins || g.chance(0.5) {
				k = 0
			} else {
				g.logins++
			}
		}
		switch k {
		case 0:
			g.line("sh '%s'", g.buildCommand())
		case 1:
			g.line(`sh "docker build -t %s/%s:${env.BUILD_NUMBER} ."`, reg, svc)
		case 2:
			g.open("withCredentials([usernamePassword(credentialsId: '%s', usernameVariable: 'DOCKER_USER', passwordVariable: 'DOCKER_PASS')])", cred)
			g.line(`sh 'echo "$DOCKER_PASS" | docker login %s -u "$DOCKER_USER" --password-stdin'`, reg)
			g.line(`sh "docker push %s/%s:${env.BUILD_NUMBER}"`, reg, svc)
			g.close()
		case 3:
			g.open("withCredentials([usernamePassword(credentialsId: '%s', usernameVariable: 'USER', passwordVariable: 'PASS')])", cred)
			g.line(`sh "docker login -u ${USER} -p ${PASS} %s"`, reg)
			g.close()
		case 4:
			g.open("script")
			g.open("docker.withRegistry('https://%s', '%s')", reg, cred)
			g.line(`def img = docker.build("%s/%s:${env.GIT_COMMIT}")`, reg, svc)
			g.line("img.push()")
			g.line("img.push('latest')")
			g.close()
			g.close()
		case 5:
			g.line("sh '''")
			g.depth++
			g.line("set -eu")
			g.line("%s", g.buildCommand())
			g.line("ls -la build/ || true")
			g.depth--
			g.line("'''")
		case 6:
			g.line("archiveArtifacts artifacts: '%s', fingerprint: true", g.pick([]string{"build/**/*.jar", "dist/*.tgz", "target/*.war", "**/*.zip"}))
		case 7:
			g.line("junit '%s'", g.pick([]string{"**/target/surefire-reports/*.xml", "build/test-results/**/*.xml", "reports/junit.xml"}))
		case 8:
			g.line(`echo "Building %s on ${env.NODE_NAME} (${env.BRANCH_NAME})"`, svc)
		case 9:
			g.open("withEnv([\"PATH+TOOLS=${tool '%s'}/bin\", 'CI=true'])", g.pick(tools))
			g.line("sh '%s'", g.buildCommand())
			g.close()
		case 10:
			g.open("timeout(time: %d, unit: 'MINUTES')", 5+g.r.IntN(55))
			g.line("sh './scripts/%s.sh %s'", g.pick([]string{"deploy", "migrate", "smoke"}), svc)
			g.close()
		default:
			g.line("stash name: '%s-build', includes: 'build/**'", svc)
		}
	}
}

func (g *gen) declarative(size int) string {
	svc := g.pick(services)
	if g.chance(0.3) {
		g.line("@Library('%s') _", g.pick([]string{"shared-pipeline@main", "jenkins-lib", "ci-utils@v2"}))
		g.line("")
	}
	g.open("pipeline")
	switch g.r.IntN(4) {
	case 0:
		g.line("agent any")
	case 1:
		g.line("agent { label '%s' }", g.pick(labels))
	case 2:
		g.open("agent")
		g.open("docker")
		g.line("image '%s:%s'", g.pick([]string{"maven", "node", "golang", "python"}), g.pick([]string{"latest", "3.9", "20", "1.22"}))
		g.line("args '-v /var/run/docker.sock:/var/run/docker.sock'")
		g.close()
		g.close()
	default:
		g.line("agent none")
	}
	if g.chance(0.6) {
		g.open("options")
		g.line("timestamps()")
		g.line("buildDiscarder(logRotator(numToKeepStr: '%d'))", 5+g.r.IntN(30))
		if g.chance(0.5) {
			g.line("timeout(time: 1, unit: 'HOURS')")
		}
		g.close()
	}
	if g.chance(0.6) {
		g.open("environment")
		g.line("REGISTRY = '%s'", g.pick(regs))
		g.line(`IMAGE = "${REGISTRY}/%s"`, svc)
		if g.chance(0.4) {
			g.line("REGISTRY_CREDS = credentials('%s')", g.pick(creds))
		}
		g.close()
	}
	if g.chance(0.3) {
		g.open("parameters")
		g.line("booleanParam(name: 'DEPLOY', defaultValue: false, description: 'deploy after the build')")
		g.line("string(name: 'TAG', defaultValue: 'latest', description: 'image tag')")
		g.close()
	}
	g.open("stages")
	for i := 0; g.b.Len() < size-200 || i == 0; i++ {
		name := g.pick(stages)
		if g.chance(0.1) {
			g.open("stage('%s %d')", name, i)
			g.open("parallel")
			for _, s := range []string{"linux", "windows"} {
				g.open("stage('%s on %s')", name, s)
				g.line("agent { label '%s' }", s)
				g.open("steps")
				g.steps(svc)
				g.close()
				g.close()
			}
			g.close()
			g.close()
			continue
		}
		g.open("stage('%s %d')", name, i)
		if g.chance(0.3) {
			g.open("when")
			g.line("branch '%s'", g.pick([]string{"main", "master", "release/*"}))
			g.close()
		}
		g.open("steps")
		g.steps(svc)
		g.close()
		if g.chance(0.15) {
			g.open("post")
			g.open("always")
			g.line("sh 'docker logout %s || true'", g.pick(regs))
			g.close()
			g.close()
		}
		g.close()
	}
	g.close()
	if g.chance(0.7) {
		g.open("post")
		g.open("always")
		g.line("cleanWs()")
		g.close()
		if g.chance(0.5) {
			g.open("failure")
			g.line(`mail to: 'team@example.com', subject: "Failed: ${currentBuild.fullDisplayName}", body: "See ${env.BUILD_URL}"`)
			g.close()
		}
		g.close()
	}
	g.close()
	return g.b.String()
}

func (g *gen) scripted(size int) string {
	svc := g.pick(services)
	g.line("def registry = '%s'", g.pick(regs))
	g.line("def image = \"${registry}/%s\"", svc)
	if g.chance(0.5) {
		g.line("def services = [%s]", quoteList(g.r, services, 1+g.r.IntN(4)))
	}
	g.line("")
	g.open("node('%s')", g.pick(labels))
	g.open("try")
	for i := 0; g.b.Len() < size-200 || i == 0; i++ {
		g.open("stage('%s %d')", g.pick(stages), i)
		switch g.r.IntN(5) {
		case 0:
			g.line("checkout scm")
			g.line("def commit = sh(script: 'git rev-parse --short HEAD', returnStdout: true).trim()")
			g.line("currentBuild.displayName = \"#${env.BUILD_NUMBER} ${commit}\"")
		case 1:
			g.open("if (env.BRANCH_NAME == 'main' || env.BRANCH_NAME ==~ /release\\/.*/)")
			g.steps(svc)
			g.depth--
			g.line("} else {")
			g.depth++
			g.line("echo 'not a release branch: %s skipped'", svc)
			g.close()
		case 2:
			g.line("def branches = [:]")
			g.open("for (s in ['%s', '%s'])", g.pick(services), g.pick(services))
			g.line("def name = s")
			g.open("branches[name] =")
			g.line(`sh "make -C services/${name} test"`)
			g.close()
			g.close()
			g.line("parallel branches")
		case 3:
			g.open("docker.image('%s').inside('-u root')", g.pick([]string{"maven:3-eclipse-temurin-17", "node:20", "golang:1.22"}))
			g.steps(svc)
			g.close()
		default:
			g.steps(svc)
		}
		g.close()
	}
	g.depth--
	g.line("} catch (err) {")
	g.depth++
	g.line("currentBuild.result = 'FAILURE'")
	g.line("echo \"build failed: ${err.getMessage()}\"")
	g.line("throw err")
	g.depth--
	g.line("} finally {")
	g.depth++
	g.line("sh 'docker logout %s || true'", g.pick(regs))
	g.line("deleteDir()")
	g.close()
	g.close()
	return g.b.String()
}

func (g *gen) library(size int) string {
	svc := g.pick(services)
	g.line("// vars/%sPipeline.groovy", svc)
	g.open("def call(Map config = [:])")
	g.line("def registry = config.registry ?: '%s'", g.pick(regs))
	g.line("def credentialsId = config.credentialsId ?: '%s'", g.pick(creds))
	g.line("")
	g.open("pipeline")
	g.line("agent { label config.label ?: '%s' }", g.pick(labels))
	g.open("stages")
	for i := 0; g.b.Len() < size-600 || i == 0; i++ {
		g.open("stage('%s: %s %d')", svc, g.pick(stages), i)
		g.open("steps")
		g.steps(svc)
		g.close()
		g.close()
	}
	g.close()
	g.close()
	g.close()
	g.line("")
	g.open("def login(String registry, String credentialsId)")
	g.open("withCredentials([usernamePassword(credentialsId: credentialsId, usernameVariable: 'U', passwordVariable: 'P')])")
	g.line(`sh "echo \$P | docker login ${registry} -u \$U --password-stdin"`)
	g.close()
	g.close()
	g.line("")
	g.open("def tagFor(String branch)")
	g.line("return branch == 'main' ? 'latest' : branch.replaceAll('/', '-')")
	g.close()
	return g.b.String()
}

func quoteList(r *rand.Rand, list []string, n int) string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, "'"+pick(r, list)+"'")
	}
	return strings.Join(out, ", ")
}

// Parses tells whether src parses without a syntax error.
func Parses(src []byte) bool {
	_, errs := parser.Parse("Jenkinsfile", src)
	return len(errs) == 0
}
