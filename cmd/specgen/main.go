// Command specgen writes openapi/generated.yaml from the models of the
// official Go SDK of Alibaba Cloud ICE (github.com/alibabacloud-go/ice-20201109).
//
// Usage:
//
//	specgen -out openapi/generated.yaml DIR@COMMIT@TAG [DIR@COMMIT@TAG ...]
//
// Each argument is a checkout of the SDK repository (or its client/
// directory), the commit it holds and its tag, all recorded in the output.
// The first is the newest SDK and wins; later ones (e.g. v2.1.0, which
// icefake's contract tests use) add the Actions and fields the newest no
// longer has. It is not part of the icefake binary; see docs/architecture.md
// "Generated spec".
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/icefake/icefake/internal/specgen"
)

func main() {
	out := flag.String("out", "openapi/generated.yaml", "output file")
	flag.Parse()
	if err := run(*out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(out string, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("specgen: give at least one DIR@COMMIT@TAG, the newest SDK first")
	}
	var inputs []specgen.Input
	for _, arg := range args {
		parts := strings.Split(arg, "@")
		if len(parts) != 3 {
			return fmt.Errorf("specgen: %q is not DIR@COMMIT@TAG", arg)
		}
		dir := parts[0]
		if _, err := os.Stat(filepath.Join(dir, "client", "client.go")); err == nil {
			dir = filepath.Join(dir, "client")
		}
		inputs = append(inputs, specgen.Input{Dir: dir, Source: specgen.Source{
			Repository: "github.com/alibabacloud-go/ice-20201109", Commit: parts[1], Tag: parts[2]}})
	}
	data, err := specgen.Generate(inputs...)
	if err != nil {
		return err
	}
	return os.WriteFile(out, data, 0o644)
}
