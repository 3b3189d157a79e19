package fake

import (
	"slices"
	"testing"

	"github.com/icefake/icefake/fake/popsign"
)

func TestParamListGet(t *testing.T) {
	l := paramList{{Name: "A", Value: "1"}, {Name: "B", Value: "first"}, {Name: "B", Value: "second"}, {Name: "C", Value: ""}}
	tests := []struct{ name, param, want string }{
		{name: "first name", param: "A", want: "1"},
		{name: "repeated name gives its first value", param: "B", want: "first"},
		{name: "empty value", param: "C", want: ""},
		{name: "absent before all", param: "0", want: ""},
		{name: "absent between", param: "AB", want: ""},
		{name: "absent after all", param: "D", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := l.Get(tt.param); got != tt.want {
				t.Errorf("Get(%q) = %q, want %q", tt.param, got, tt.want)
			}
		})
	}
	if got := (paramList{}).Get("A"); got != "" {
		t.Errorf("empty list Get = %q, want \"\"", got)
	}
}

func TestSortParamsIsStable(t *testing.T) {
	for _, n := range []int{5, 100} { // insertion sort and slices.SortStableFunc
		var l paramList
		for i := range n {
			l = append(l, popsign.Param{Name: string(rune('z' - i%7)), Value: string(rune('0' + i%10))})
		}
		want := slices.Clone(l)
		slices.SortStableFunc(want, func(a, b popsign.Param) int {
			switch {
			case a.Name < b.Name:
				return -1
			case a.Name > b.Name:
				return 1
			}
			return 0
		})
		sortParams(l)
		if !slices.Equal(l, want) {
			t.Errorf("n=%d: sortParams = %q, want %q", n, l, want)
		}
	}
}
