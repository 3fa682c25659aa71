package mastoapi

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"steward/internal/apperr"
)

func TestAccountActionAlwaysSendsEmailFlag(t *testing.T) {
	var got []url.Values
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		got = append(got, r.PostForm)
		if r.URL.Path != "/api/v1/admin/accounts/42/action" || r.Method != http.MethodPost {
			w.WriteHeader(404)
			return
		}
		w.Write([]byte(`{}`))
	})
	ctx := context.Background()
	if err := c.AccountAction(ctx, "42", AccountAction{Type: "silence", ReportID: "7", Text: "t"}); err != nil {
		t.Fatal(err)
	}
	if err := c.AccountAction(ctx, "42", AccountAction{Type: "suspend", SendEmail: true}); err != nil {
		t.Fatal(err)
	}
	if got[0].Get("send_email_notification") != "false" || got[0].Get("report_id") != "7" || got[0].Get("type") != "silence" {
		t.Fatalf("first form %v", got[0])
	}
	if got[1].Get("send_email_notification") != "true" {
		t.Fatalf("second form %v", got[1])
	}
	if err := c.AccountAction(ctx, "../x", AccountAction{Type: "none"}); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("bad id: %v", err)
	}
}

func TestUpdateReportFormAndErrors(t *testing.T) {
	var form url.Values
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		form = r.PostForm
		if r.Method == http.MethodPost && r.URL.Path == "/api/v1/admin/reports/5/reopen" {
			w.WriteHeader(405)
			w.Write([]byte(`{"error":"Method Not Allowed"}`))
			return
		}
		w.Write([]byte(`{"id":"5","category":"violation","rules":[{"id":"1"},{"id":"3"}]}`))
	})
	r, err := c.UpdateReport(context.Background(), "5", "violation", []string{"1", "3"})
	if err != nil || r.Category != "violation" || len(r.Rules) != 2 {
		t.Fatalf("update: %+v %v", r, err)
	}
	if form.Get("category") != "violation" || len(form["rule_ids[]"]) != 2 {
		t.Fatalf("form %v", form)
	}
	if _, err := c.Reopen(context.Background(), "5"); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("reopen on a server without it: %v", err)
	}
}
