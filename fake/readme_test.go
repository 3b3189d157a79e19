package fake

import "flag"

// update rewrites generated files (docs/actions.md); the README's
// supported-Actions table is rendered by contract.TestREADMEActionsTable
// from the SDK coverage report.
var update = flag.Bool("update", false, "rewrite generated files")
