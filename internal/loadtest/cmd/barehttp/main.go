// Command barehttp is the start-up baseline of BenchmarkProcessStartToHealthz
// (docs/architecture.md "Performance"): a Go binary that links net/http and
// nothing else, listens on 127.0.0.1:0 (or -addr), prints
// "bare listening on http://ADDR" to stdout and answers 200 "ok" to every
// request. Its start-up is what any Go HTTP server pays on the machine.
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "barehttp:", err)
		os.Exit(1)
	}
	fmt.Printf("bare listening on http://%s\n", ln.Addr())
	err = http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("ok"))
	}))
	fmt.Fprintln(os.Stderr, "barehttp:", err)
	os.Exit(1)
}
