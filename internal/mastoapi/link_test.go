package mastoapi

import "testing"

func TestParseLinks(t *testing.T) {
	cases := []struct {
		in   string
		want Links
	}{
		{`<https://a.example/api/v1/admin/reports?limit=200&max_id=9>; rel="next", <https://a.example/api/v1/admin/reports?limit=200&min_id=20>; rel="prev"`,
			Links{Next: "https://a.example/api/v1/admin/reports?limit=200&max_id=9", Prev: "https://a.example/api/v1/admin/reports?limit=200&min_id=20"}},
		{`<https://gts.example/api/v2/admin/accounts?max_id=remote.example%2F%40bob>; rel="next"`,
			Links{Next: "https://gts.example/api/v2/admin/accounts?max_id=remote.example%2F%40bob"}},
		{``, Links{}},
		{`garbage, <no-rel>`, Links{}},
		{`<https://x.example/?a=1,2>; rel=next`, Links{Next: "https://x.example/?a=1,2"}},
	}
	for _, tc := range cases {
		if got := parseLinks(tc.in); got != tc.want {
			t.Errorf("parseLinks(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}
