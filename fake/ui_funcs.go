package fake

import (
	"fmt"
	"html/template"
	"net/url"
	"time"
)

// uiFuncs are the functions the dashboard's templates use.
var uiFuncs = template.FuncMap{
	// wt formats a time as the API does (UTC, seconds).
	"wt": wireTime,
	// secs formats seconds without trailing zeros.
	"secs": secs,
	// ms formats a latency in milliseconds.
	"ms": func(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) },
	// pathEsc escapes one path segment.
	"pathEsc": url.PathEscape,
	// add adds two numbers (SVG offsets).
	"add": func(a float64, b int) float64 { return a + float64(b) },
	// rule describes a fault rule in one line.
	"rule": func(fi FaultInfo) string { return ruleSummary(fi.Fault) },
}
