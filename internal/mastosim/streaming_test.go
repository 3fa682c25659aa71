package mastosim

import (
	"bufio"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestStreamingHeartbeatAndEvents(t *testing.T) {
	s, ts := newServer(t, Options{}, SeedSpec{Seed: 1, Accounts: 10, Reports: 3, PendingAccounts: 1})
	t.Cleanup(s.DropStreams)
	s.SetStreamHeartbeat(30 * time.Millisecond)
	tok := mustToken(t, s, "admin", "read:notifications")
	req, _ := http.NewRequest("GET", ts.URL+"/api/v1/streaming/user/notification", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("status %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	rd := bufio.NewReader(res.Body)
	readUntil := func(prefix string) string {
		t.Helper()
		for i := 0; i < 100; i++ {
			line, err := rd.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(line, prefix) {
				return line
			}
		}
		t.Fatalf("no %q line", prefix)
		return ""
	}
	readUntil(":thump")
	eventually := time.Now().Add(time.Second)
	for s.StreamSubscribers() != 1 && time.Now().Before(eventually) {
		time.Sleep(5 * time.Millisecond)
	}
	if err := s.PublishNotification("admin.report", "2"); err != nil {
		t.Fatal(err)
	}
	readUntil("event: notification")
	if data := readUntil("data: "); !strings.Contains(data, `"type":"admin.report"`) || !strings.Contains(data, `"id":"2"`) {
		t.Fatalf("data %s", data)
	}
	if err := s.PublishNotification("admin.sign_up", idStr(accountIDBase+99)); err == nil {
		t.Fatal("unknown account accepted")
	}
	if err := s.PublishNotification("admin.report", "999"); err == nil {
		t.Fatal("unknown report accepted")
	}
	s.DropStreams()
	if _, err := drain(rd); err != nil {
		t.Fatalf("dropped stream: %v", err)
	}
}

func drain(rd *bufio.Reader) (int, error) {
	n := 0
	for {
		_, err := rd.ReadByte()
		if err != nil {
			if err.Error() == "EOF" {
				return n, nil
			}
			return n, err
		}
		n++
	}
}

func TestStreamingRefusals(t *testing.T) {
	s, ts := newServer(t, Options{}, SeedSpec{Seed: 1})
	noScope := mustToken(t, s, "admin", "admin:read")
	if r := call(t, "GET", ts.URL+"/api/v1/streaming/user/notification", noScope, nil); r.status != 403 {
		t.Fatalf("without read scope: %d", r.status)
	}
	if r := call(t, "GET", ts.URL+"/api/v1/streaming/user/notification", "", nil); r.status != 401 {
		t.Fatalf("without token: %d", r.status)
	}
	s.SetStreamEnabled(false)
	if r := call(t, "GET", ts.URL+"/api/v1/streaming/user/notification", mustToken(t, s, "admin"), nil); r.status != 404 {
		t.Fatalf("disabled: %d", r.status)
	}
}
