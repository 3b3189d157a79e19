package main

import (
	"flag"
	"fmt"
	"io"
)

// commandsHelp lists the subcommands; `icefake -h` prints it above the
// server's flags.
const commandsHelp = `usage: icefake [flags]                 run the fake ICE server (flags below)
       icefake validate [flags] FILE...  check Timelines, ClipsParam, scenarios before they fail a job (docs/validate.md)
       icefake proxy -upstream URL [flags]  forward to the real service and report drift from the spec (docs/proxy.md)

Run "icefake validate -h" or "icefake proxy -h" for their flags. Server flags:
`

// serverUsage is the server's -h: the subcommands, then fs's flags.
func serverUsage(fs *flag.FlagSet, w io.Writer) func() {
	return func() {
		fmt.Fprint(w, commandsHelp)
		fs.PrintDefaults()
	}
}
