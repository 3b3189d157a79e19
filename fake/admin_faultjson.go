package fake

import (
	"encoding/json"
	"fmt"
	"time"
)

// The admin API's JSON form of a Fault (openapi/admin.yaml "Fault"): the
// fields of Fault with the lowerCamel keys of a scenario file, durations as
// Go duration strings. TestFaultWireCoversFault fails when Fault, Outcome or
// JSONMatch gain a field this form lacks.

type faultWire struct {
	Action    string            `json:"action"`
	Tenant    string            `json:"tenant,omitempty"`
	Match     map[string]string `json:"match,omitempty"`
	MatchJSON []jsonMatchWire   `json:"matchJSON,omitempty"`
	From      time.Time         `json:"from,omitzero"`
	Until     time.Time         `json:"until,omitzero"`
	After     int               `json:"after,omitempty"`
	Times     int               `json:"times,omitempty"`
	Sequence  []outcomeWire     `json:"sequence,omitempty"`
	Code      string            `json:"code,omitempty"`
	Status    int               `json:"status,omitempty"`
	Message   string            `json:"message,omitempty"`
	Delay     wireDuration      `json:"delay,omitzero"`
	Transport string            `json:"transport,omitempty"`
}

type outcomeWire struct {
	OK        bool         `json:"ok,omitempty"`
	Code      string       `json:"code,omitempty"`
	Status    int          `json:"status,omitempty"`
	Message   string       `json:"message,omitempty"`
	Delay     wireDuration `json:"delay,omitzero"`
	Transport string       `json:"transport,omitempty"`
}

type jsonMatchWire struct {
	Param string `json:"param"`
	Path  string `json:"path"`
	Value string `json:"value"`
}

// wireDuration is a time.Duration written as a Go duration string ("90s").
type wireDuration time.Duration

func (d wireDuration) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Duration(d).String())
}

func (d *wireDuration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a duration is a string like \"90s\": %w", err)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = wireDuration(v)
	return nil
}

func faultToWire(f Fault) faultWire {
	w := faultWire{
		Action: f.Action, Tenant: f.Tenant, Match: f.Match, From: f.From, Until: f.Until, After: f.After, Times: f.Times,
		Code: string(f.Code), Status: f.Status, Message: f.Message, Delay: wireDuration(f.Delay),
		Transport: string(f.Transport),
	}
	for _, m := range f.MatchJSON {
		w.MatchJSON = append(w.MatchJSON, jsonMatchWire(m))
	}
	for _, o := range f.Sequence {
		w.Sequence = append(w.Sequence, outcomeWire{OK: o.OK, Code: string(o.Code), Status: o.Status,
			Message: o.Message, Delay: wireDuration(o.Delay), Transport: string(o.Transport)})
	}
	return w
}

func (w faultWire) fault() Fault {
	f := Fault{
		Action: w.Action, Tenant: w.Tenant, Match: w.Match, From: w.From, Until: w.Until, After: w.After, Times: w.Times,
		Code: Code(w.Code), Status: w.Status, Message: w.Message, Delay: time.Duration(w.Delay),
		Transport: Transport(w.Transport),
	}
	for _, m := range w.MatchJSON {
		f.MatchJSON = append(f.MatchJSON, JSONMatch(m))
	}
	for _, o := range w.Sequence {
		f.Sequence = append(f.Sequence, Outcome{OK: o.OK, Code: Code(o.Code), Status: o.Status,
			Message: o.Message, Delay: time.Duration(o.Delay), Transport: Transport(o.Transport)})
	}
	return f
}

// faultInfoWire is the admin API's JSON form of a FaultInfo.
type faultInfoWire struct {
	ID     int       `json:"id"`
	Rule   faultWire `json:"rule"`
	Seen   int       `json:"seen"`
	Source string    `json:"source"`
}

// MarshalJSON writes i as the admin API lists it: {"id", "rule" (the
// Fault, with a scenario file's keys), "seen", "source"}.
func (i FaultInfo) MarshalJSON() ([]byte, error) {
	return json.Marshal(faultInfoWire{ID: i.ID, Rule: faultToWire(i.Fault), Seen: i.Seen, Source: i.Source})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (i *FaultInfo) UnmarshalJSON(b []byte) error {
	var w faultInfoWire
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*i = FaultInfo{ID: w.ID, Fault: w.Rule.fault(), Seen: w.Seen, Source: w.Source}
	return nil
}
