package parser

//go:generate bash ../grammar/generate.sh internal/gen
