package mastosim

import (
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"time"

	"steward/internal/apperr"
)

// DefaultStreamHeartbeat is how often the simulated streaming API sends
// ":thump" when SetStreamHeartbeat was not called (Mastodon: 15 s).
const DefaultStreamHeartbeat = 15 * time.Second

// streamHub fans notifications out to the open streaming connections.
type streamHub struct {
	mu        sync.Mutex
	heartbeat time.Duration
	disabled  bool
	subs      map[*streamSub]struct{}
	nextID    int64
}

type streamSub struct {
	perms uint64
	ch    chan []byte   // encoded SSE events
	drop  chan struct{} // closed to cut the connection
}

// SetStreamHeartbeat sets the interval of ":thump" heartbeats for
// connections opened afterwards (0 restores the default).
func (s *Sim) SetStreamHeartbeat(d time.Duration) {
	s.stream.mu.Lock()
	s.stream.heartbeat = d
	s.stream.mu.Unlock()
}

// SetStreamEnabled turns the streaming endpoint on (default) or off; when
// off it answers 404, as a server without streaming does.
func (s *Sim) SetStreamEnabled(on bool) {
	s.stream.mu.Lock()
	s.stream.disabled = !on
	s.stream.mu.Unlock()
	if !on {
		s.DropStreams()
	}
}

// DropStreams cuts every open streaming connection, as a restarting proxy would.
func (s *Sim) DropStreams() {
	s.stream.mu.Lock()
	defer s.stream.mu.Unlock()
	for sub := range s.stream.subs {
		close(sub.drop)
		delete(s.stream.subs, sub)
	}
}

// StreamSubscribers returns the number of open streaming connections.
func (s *Sim) StreamSubscribers() int {
	s.stream.mu.Lock()
	defer s.stream.mu.Unlock()
	return len(s.stream.subs)
}

func (s *Sim) routesStreaming(mux *http.ServeMux) {
	const pattern = "GET /api/v1/streaming/user/notification"
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		s.countPath(pattern)
		h := &s.stream
		h.mu.Lock()
		disabled, beat := h.disabled, h.heartbeat
		h.mu.Unlock()
		if disabled {
			writeJSON(w, http.StatusNotFound, errBody("Record not found"))
			return
		}
		if beat <= 0 {
			beat = DefaultStreamHeartbeat
		}
		c := &reqCtx{s: s, r: r, hdr: http.Header{}}
		s.mu.RLock()
		status, body := s.authorize(c, "read:notifications", 0)
		var perms uint64
		if status == 0 && c.me == nil {
			status, body = http.StatusUnprocessableEntity, errBody("This method requires an authenticated user")
		}
		if c.me != nil && c.me.role != nil {
			perms = c.me.role.perms
		}
		s.mu.RUnlock()
		if status != 0 {
			writeJSON(w, status, body)
			return
		}
		sub := &streamSub{perms: perms, ch: make(chan []byte, 64), drop: make(chan struct{})}
		h.mu.Lock()
		if h.subs == nil {
			h.subs = map[*streamSub]struct{}{}
		}
		h.subs[sub] = struct{}{}
		h.mu.Unlock()
		defer func() {
			h.mu.Lock()
			delete(h.subs, sub)
			h.mu.Unlock()
		}()
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusOK)
		fl, _ := w.(http.Flusher)
		send := func(b []byte) bool {
			if _, err := w.Write(b); err != nil {
				return false
			}
			if fl != nil {
				fl.Flush()
			}
			return true
		}
		if !send([]byte(":)\n")) {
			return
		}
		tick := time.NewTicker(beat)
		defer tick.Stop()
		for {
			select {
			case <-r.Context().Done():
				return
			case <-sub.drop:
				return
			case <-tick.C:
				if !send([]byte(":thump\n")) {
					return
				}
			case b := <-sub.ch:
				if !send(b) {
					return
				}
			}
		}
	})
}

// PublishNotification pushes a notification to every open stream whose
// user may see it: typ "admin.report" (id is a report id; users who manage
// reports) or "admin.sign_up" (id is an account id; users who manage users).
func (s *Sim) PublishNotification(typ, id string) error {
	n, _ := strconv.ParseInt(id, 10, 64)
	s.mu.RLock()
	defer s.mu.RUnlock()
	if !s.notifyLocked(typ, n) {
		return apperr.Errorf("mastosim: publish notification", apperr.NotFound, "no %s subject %q", typ, id)
	}
	return nil
}

// notifyLocked renders and publishes a notification; s.mu must be held
// (read or write). AddReport calls it as its hook.
func (s *Sim) notifyLocked(typ string, id int64) bool {
	var subject map[string]any
	var perm uint64
	switch typ {
	case "admin.report":
		r, ok := searchByID(s.st.reports, reportID, id)
		if !ok {
			return false
		}
		perm = permManageReports
		subject = map[string]any{"account": s.renderAccount(s.st.accountByID[r.reporterID]),
			"report": map[string]any{"id": idStr(r.id), "category": r.category, "comment": r.comment,
				"created_at": fmtTime(r.createdAt), "target_account": s.renderAccount(s.st.accountByID[r.targetID])}}
	case "admin.sign_up":
		a := s.st.accountByID[id]
		if a == nil {
			return false
		}
		perm = permManageUsers
		subject = map[string]any{"account": s.renderAccount(a)}
	default:
		return false
	}
	h := &s.stream
	h.mu.Lock()
	defer h.mu.Unlock()
	h.nextID++
	subject["id"] = idStr(h.nextID)
	subject["type"] = typ
	subject["created_at"] = fmtTime(s.now())
	data, err := json.Marshal(subject)
	if err != nil {
		return false
	}
	event := []byte("event: notification\ndata: " + string(data) + "\n\n")
	for sub := range h.subs {
		if !(&role{perms: sub.perms}).can(perm) {
			continue
		}
		select {
		case sub.ch <- event:
		default: // a stalled reader loses the event, as on a real server
		}
	}
	return true
}
