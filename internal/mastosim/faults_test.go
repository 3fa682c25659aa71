package mastosim

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestFaults(t *testing.T) {
	s, ts := newServer(t, Options{}, SeedSpec{Seed: 1, Accounts: 10, Reports: 10})
	u := ts.URL + "/api/v1/instance"

	s.SetFaults(Faults{ErrorRate: 1, Status: 503})
	r := call(t, "GET", u, "", nil)
	wantStatus(t, r, 503)
	if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Errorf("content type %s", r.header.Get("Content-Type"))
	}
	s.SetFaults(Faults{ErrorRate: 1, HTMLErrorPage: true})
	r = call(t, "GET", u, "", nil)
	wantStatus(t, r, 500)
	if !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") || !strings.Contains(string(r.body), "something went wrong") {
		t.Errorf("html page %s %s", r.header.Get("Content-Type"), r.body)
	}
	// control endpoints are not faulted
	res, err := http.Get(ts.URL + "/_sim/stats")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("stats faulted: %v", err)
	}
	res.Body.Close()

	s.SetFaults(Faults{TruncateJSON: true})
	r = call(t, "GET", u, "", nil)
	wantStatus(t, r, 200)
	var v any
	if json.Unmarshal(r.body, &v) == nil {
		t.Error("truncated JSON parsed")
	}

	s.SetFaults(Faults{Down: true})
	if res, err := http.Get(u); err == nil {
		res.Body.Close()
		t.Fatal("Down: request succeeded")
	}

	s.SetFaults(Faults{Latency: 80 * time.Millisecond})
	start := time.Now()
	wantStatus(t, call(t, "GET", u, "", nil), 200)
	if d := time.Since(start); d < 80*time.Millisecond {
		t.Errorf("latency %v", d)
	}
	s.SetFaults(Faults{SlowBody: 100 * time.Millisecond})
	start = time.Now()
	r = call(t, "GET", u, "", nil)
	if d := time.Since(start); d < 80*time.Millisecond || json.Unmarshal(r.body, &v) != nil {
		t.Errorf("slow body %v", d)
	}

	// error rate 0.5 fails some and passes some, deterministically seeded
	s.SetFaults(Faults{ErrorRate: 0.5})
	fails := 0
	for i := 0; i < 40; i++ {
		if call(t, "GET", u, "", nil).status == 500 {
			fails++
		}
	}
	if fails == 0 || fails == 40 {
		t.Errorf("error rate 0.5 failed %d/40", fails)
	}
	s.SetFaults(Faults{})
	if st := s.Stats(); st.Requests == 0 || st.ByPath["GET /api/v1/instance"] == 0 {
		t.Errorf("stats %+v", st)
	}
}

func TestFaultsControlEndpoint(t *testing.T) {
	s, ts := newServer(t, Options{}, SeedSpec{})
	post := func(body string) int {
		res, err := http.Post(ts.URL+"/_sim/faults", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if post(`{"latency_ms":`) != 400 || post(`{"error_rate":3}`) != 400 || post(`{"bogus":1}`) != 400 {
		t.Error("malformed faults accepted")
	}
	if post(`{"latency_ms":5,"error_rate":0.1,"status":503,"html_error_page":true,"truncate_json":true,"slow_body_ms":7,"down":false}`) != 200 {
		t.Fatal("valid faults refused")
	}
	f := s.Faults()
	if f.Latency != 5*time.Millisecond || f.Status != 503 || !f.HTMLErrorPage || f.SlowBody != 7*time.Millisecond {
		t.Errorf("faults %+v", f)
	}
}

func TestStartClose(t *testing.T) {
	s := New(Options{})
	if s.URL() != "" {
		t.Fatal("URL before start")
	}
	base, err := s.Start()
	if err != nil || !strings.HasPrefix(base, "http://127.0.0.1:") || s.URL() != base {
		t.Fatalf("Start %q %v", base, err)
	}
	res, err := http.Get(base + "/api/v1/instance")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("get: %v", err)
	}
	res.Body.Close()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s.URL() != "" {
		t.Error("URL after close")
	}
}
