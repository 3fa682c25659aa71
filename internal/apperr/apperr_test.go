package apperr

import (
	"errors"
	"fmt"
	"testing"
)

func TestKindOf(t *testing.T) {
	base := E("mastoapi: get", NotFound, errors.New("404"))
	cases := []struct {
		err  error
		want Kind
	}{
		{nil, Unknown},
		{errors.New("plain"), Internal},
		{base, NotFound},
		{fmt.Errorf("sync: %w", base), NotFound},
		{E("outer", Unknown, base), NotFound},
		{E("outer", Conflict, base), Conflict},
		{&Error{Op: "x"}, Internal},
	}
	for _, tc := range cases {
		if got := KindOf(tc.err); got != tc.want {
			t.Errorf("KindOf(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}

func TestDetailAndMessage(t *testing.T) {
	inner := &Error{Op: "mastoapi: list", Kind: Unavailable, Extra: "html_page", Err: errors.New("500")}
	outer := fmt.Errorf("sync a: %w", inner)
	if DetailOf(outer) != "html_page" {
		t.Fatal(DetailOf(outer))
	}
	if got := inner.Error(); got != "mastoapi: list [unavailable] (html_page): 500" {
		t.Fatal(got)
	}
	if !errors.Is(outer, inner.Err) {
		t.Fatal("cause must unwrap")
	}
	if !Is(outer, Unavailable) || Is(nil, Unavailable) {
		t.Fatal("Is")
	}
	if Errorf("op", Invalid, "bad %d", 3).Error() != "op [invalid]: bad 3" {
		t.Fatal("Errorf")
	}
}
