package scenarios

import (
	"encoding/json"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

var (
	templateKeys = []string{"templateId", "type", "name", "config"}

	// templateTypes are the values Template.Type may take.
	templateTypes = []string{"Timeline", "VETemplate"}
)

func (p *parser) templates(n *yaml.Node, path string, sc *Scenario) {
	items, _ := p.sequence(n, path)
	seen := map[string]int{}
	for i, item := range items {
		ip := index(path, i)
		fields, ok := p.mapping(item, ip, templateKeys)
		if !ok {
			continue
		}
		t := Template{Type: "Timeline", Line: item.Line}
		var config *yaml.Node
		for _, f := range fields {
			kp := child(ip, f.key.Value)
			v, ok := p.str(f.val, kp)
			if !ok {
				continue
			}
			switch f.key.Value {
			case "templateId":
				t.TemplateId = v
				p.unique(seen, v, f.val, kp, "templateId")
			case "type":
				if !slices.Contains(templateTypes, v) {
					p.errorf(f.val.Line, kp, "unknown template type %q (allowed: %s)", clip(v), strings.Join(templateTypes, ", "))
				}
				t.Type = v
			case "name":
				t.Name = v
			case "config":
				t.Config, config = v, f.val
			}
		}
		p.require(fields, item, ip, "templateId")
		switch {
		case config != nil:
			p.templateConfig(t, config, child(ip, "config"))
		case has(fields, "config"): // of the wrong type, already reported
		case t.Type == "Timeline":
			p.errorf(item.Line, child(ip, "config"), "required for a Timeline template")
		}
		sc.Templates = append(sc.Templates, t)
	}
}

// templateConfig checks a template's config text: JSON, and for a Timeline
// template a JSON object.
func (p *parser) templateConfig(t Template, n *yaml.Node, path string) {
	if t.Type != "Timeline" && strings.TrimSpace(t.Config) == "" {
		return
	}
	var v any
	if err := json.Unmarshal([]byte(t.Config), &v); err != nil {
		p.errorf(n.Line, path, "not JSON: %v", err)
		return
	}
	if _, ok := v.(map[string]any); !ok && t.Type == "Timeline" {
		p.errorf(n.Line, path, "a Timeline template's config must be a JSON object")
	}
}
