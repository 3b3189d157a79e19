package contract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNodeMissing: without node or contract/node/node_modules, TestNodeClients
// says in one line how to enable the Node.js tests.
func TestNodeMissing(t *testing.T) {
	found := func(string) (string, error) { return "/usr/bin/node", nil }
	absent := func(string) (string, error) { return "", errors.New("not found") }
	withModules := t.TempDir()
	if err := os.Mkdir(filepath.Join(withModules, "node_modules"), 0o755); err != nil {
		t.Fatal(err)
	}
	modulesFile := t.TempDir()
	if err := os.WriteFile(filepath.Join(modulesFile, "node_modules"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	const noModules = "Node.js client tests not run: contract/node/node_modules is missing; run `make node-deps` (npm ci in contract/node) to enable them"
	tests := []struct {
		name        string
		dir         string
		lookPath    func(string) (string, error)
		wantNode    string
		wantProblem string
	}{
		{"ready", withModules, found, "/usr/bin/node", ""},
		{"no node_modules", t.TempDir(), found, "/usr/bin/node", noModules},
		{"node_modules is a file", modulesFile, found, "/usr/bin/node", noModules},
		{"no node", withModules, absent, "", "Node.js client tests not run: node is not on PATH; install Node.js >= 20, then run `make node-deps` (npm ci in contract/node)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			node, problem := nodeMissing(tt.dir, tt.lookPath)
			if node != tt.wantNode || problem != tt.wantProblem {
				t.Errorf("nodeMissing() = %q, %q, want %q, %q", node, problem, tt.wantNode, tt.wantProblem)
			}
			if strings.Contains(problem, "\n") {
				t.Errorf("problem %q spans lines, want one", problem)
			}
		})
	}
}

// TestNodeRequired: with CI set the missing set-up fails TestNodeClients;
// without it, it skips.
func TestNodeRequired(t *testing.T) {
	for _, tt := range []struct {
		name, ci string
		want     bool
	}{
		{"CI=true", "true", true},
		{"CI=1", "1", true},
		{"CI empty", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", tt.ci)
			if got := nodeRequired(); got != tt.want {
				t.Errorf("nodeRequired() with CI=%q = %v, want %v", tt.ci, got, tt.want)
			}
		})
	}
}
