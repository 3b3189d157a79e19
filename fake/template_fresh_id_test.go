package fake

import "testing"

// TestGeneratedTemplateIdSkipsSeededOne: with WithSeed the generator's
// TemplateIds are known in advance, so a template seeded with AddTemplate may
// hold the very ID the next AddTemplate call generates. The new template gets
// another ID and the seeded one stays reachable under its own.
func TestGeneratedTemplateIdSkipsSeededOne(t *testing.T) {
	add := map[string]string{"Name": "added", "Type": "VETemplate", "Config": `{"Music":"music.mp3"}`}
	templateID := func(body map[string]any) string {
		t.Helper()
		return prString(t, body["Template"].(map[string]any), "TemplateId")
	}
	// The TemplateId the first AddTemplate generates on a fresh server.
	taken := templateID(prOK(t, newProductionServer(t), "AddTemplate", add))

	s := newProductionServer(t)
	if err := s.AddTemplate(Template{TemplateId: taken, Type: TemplateTypeVETemplate, Name: "seeded", Config: `{}`}); err != nil {
		t.Fatalf("AddTemplate(%s) error = %v", taken, err)
	}
	got := templateID(prOK(t, s, "AddTemplate", add))
	if got == taken || !reIDOK(got) {
		t.Fatalf("AddTemplate TemplateId = %s, want a 32-hex ID other than the seeded %s", got, taken)
	}
	for id, want := range map[string]string{taken: "seeded", got: "added"} {
		tpl := prOK(t, s, "GetTemplate", map[string]string{"TemplateId": id})["Template"].(map[string]any)
		if tpl["Name"] != want {
			t.Errorf("GetTemplate(%s) Name = %v, want %q", id, tpl["Name"], want)
		}
	}
}
