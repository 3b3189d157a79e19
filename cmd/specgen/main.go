// Command specgen writes openapi/generated.yaml from the model of the
// official Go SDK of Alibaba Cloud ICE (github.com/alibabacloud-go/ice-20201109).
//
// Usage:
//
//	specgen -sdk DIR -commit SHA [-tag vX.Y.Z] [-out openapi/generated.yaml]
//
// DIR is a checkout of the SDK repository (or its client/ directory); SHA is
// the commit it holds, recorded in the output. It is not part of the icefake
// binary; see docs/architecture.md "Generated spec".
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/icefake/icefake/internal/specgen"
)

func main() {
	sdk := flag.String("sdk", "", "SDK checkout (or its client/ directory)")
	commit := flag.String("commit", "", "the SDK commit (40 hex digits)")
	tag := flag.String("tag", "", "the SDK tag at that commit (optional)")
	out := flag.String("out", "openapi/generated.yaml", "output file")
	flag.Parse()
	if err := run(*sdk, *commit, *tag, *out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(sdk, commit, tag, out string) error {
	if sdk == "" {
		return fmt.Errorf("specgen: -sdk is required")
	}
	dir := sdk
	if _, err := os.Stat(filepath.Join(sdk, "client", "client.go")); err == nil {
		dir = filepath.Join(sdk, "client")
	}
	data, err := specgen.Generate(dir, specgen.Source{Repository: "github.com/alibabacloud-go/ice-20201109", Commit: commit, Tag: tag})
	if err != nil {
		return err
	}
	return os.WriteFile(out, data, 0o644)
}
