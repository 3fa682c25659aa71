package mastoapi

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"steward/internal/apperr"
)

// Notification types Steward reacts to.
const (
	NotificationAdminReport = "admin.report"
	NotificationAdminSignUp = "admin.sign_up"
)

// Notification is a notification as the streaming API delivers it (the
// fields Steward uses).
type Notification struct {
	ID        string              `json:"id"`
	Type      string              `json:"type"`
	CreatedAt time.Time           `json:"created_at"`
	Account   *Account            `json:"account"`
	Report    *NotificationReport `json:"report"`
}

// NotificationReport is the report an admin.report notification carries.
type NotificationReport struct {
	ID            string   `json:"id"`
	Category      string   `json:"category"`
	Comment       string   `json:"comment"`
	TargetAccount *Account `json:"target_account"`
}

// StreamState is the state of a notification stream.
type StreamState string

// Stream states reported to StreamOptions.OnState.
const (
	StreamConnecting   StreamState = "connecting"
	StreamConnected    StreamState = "connected"
	StreamDisconnected StreamState = "disconnected" // err says why; a reconnect follows unless it is permanent
)

// StreamOptions configure StreamNotifications.
type StreamOptions struct {
	// Heartbeat is the server's heartbeat interval (Mastodon sends ":thump"
	// every 15 s). A stream silent for twice as long is treated as dead (a
	// dropped connection, or a machine that slept) and reconnected.
	Heartbeat time.Duration
	// MinBackoff and MaxBackoff bound the exponential reconnect delay (1 s, 1 min).
	MinBackoff, MaxBackoff time.Duration
	// ConnectTimeout bounds waiting for the answer's headers (default the client's timeout).
	ConnectTimeout time.Duration
	// OnEvent receives every notification (may be nil).
	OnEvent func(Notification)
	// OnState receives state changes (may be nil).
	OnState func(StreamState, error)
}

const streamPath = "/api/v1/streaming/user/notification"

// StreamNotifications follows GET /api/v1/streaming/user/notification
// (server-sent events) until ctx ends, reconnecting with exponential backoff
// after drops, server errors and silent periods. It returns when ctx ends
// (nil) or on a permanent refusal: NotFound (no streaming here — GoToSocial
// may not offer it), Unauthorized, Forbidden or Invalid; callers then fall
// back to polling.
func (c *Client) StreamNotifications(ctx context.Context, opts StreamOptions) error {
	if opts.Heartbeat <= 0 {
		opts.Heartbeat = 15 * time.Second
	}
	if opts.MinBackoff <= 0 {
		opts.MinBackoff = time.Second
	}
	if opts.MaxBackoff < opts.MinBackoff {
		opts.MaxBackoff = max(time.Minute, opts.MinBackoff)
	}
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = c.timeout
	}
	state := func(s StreamState, err error) {
		if opts.OnState != nil {
			opts.OnState(s, err)
		}
	}
	backoff := opts.MinBackoff
	for {
		state(StreamConnecting, nil)
		connected, err := c.streamOnce(ctx, opts, func() { state(StreamConnected, nil) })
		if ctx.Err() != nil {
			state(StreamDisconnected, ctx.Err())
			return nil
		}
		state(StreamDisconnected, err)
		switch apperr.KindOf(err) {
		case apperr.NotFound, apperr.Unauthorized, apperr.Forbidden, apperr.Invalid:
			return err
		}
		if connected {
			backoff = opts.MinBackoff
		}
		wait := jitter(backoff)
		var he *HTTPError
		if errors.As(err, &he) && !he.RetryAt.IsZero() {
			wait = max(wait, time.Until(he.RetryAt))
		}
		backoff = min(backoff*2, opts.MaxBackoff)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			state(StreamDisconnected, ctx.Err())
			return nil
		case <-t.C:
		}
	}
}

func jitter(d time.Duration) time.Duration {
	return d - d/5 + time.Duration(rand.Int64N(int64(d/5)*2+1))
}

// streamOnce runs one connection. connected tells whether it got through.
func (c *Client) streamOnce(ctx context.Context, opts StreamOptions, onConnected func()) (connected bool, err error) {
	const op = "mastoapi: stream notifications"
	connCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, err := http.NewRequestWithContext(connCtx, http.MethodGet, c.resolve(streamPath, nil), nil)
	if err != nil {
		return false, apperr.E(op, apperr.Internal, err)
	}
	req.Header.Set("Accept", "text/event-stream")
	req.Header.Set("Cache-Control", "no-cache")
	req.Header.Set("User-Agent", c.ua)
	if tok := c.mc.Config.AccessToken; tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	var timedOut atomic.Bool
	connTimer := time.AfterFunc(opts.ConnectTimeout, func() { timedOut.Store(true); cancel() })
	resp, err := c.mc.Client.Do(req)
	connTimer.Stop()
	if err != nil {
		if timedOut.Load() {
			return false, &apperr.Error{Op: op, Kind: apperr.Unavailable, Extra: DetailTimeout, Err: err}
		}
		return false, classifyTransport(op, ctx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		return false, statusError(op, resp, raw, c.budget)
	}
	if ct := strings.ToLower(resp.Header.Get("Content-Type")); !strings.HasPrefix(ct, "text/event-stream") {
		return false, &apperr.Error{Op: op, Kind: apperr.NotFound, Extra: DetailHTMLPage, Err: errors.New("not an event stream: " + ct)}
	}
	onConnected()
	// The watchdog drops a connection that stays silent for two heartbeats.
	dead := 2 * opts.Heartbeat
	watchdog := time.AfterFunc(dead, cancel)
	defer watchdog.Stop()
	rd := bufio.NewReaderSize(resp.Body, 64<<10)
	var event string
	var data strings.Builder
	for {
		line, err := rd.ReadString('\n')
		if err != nil {
			if ctx.Err() == nil && connCtx.Err() != nil {
				return true, &apperr.Error{Op: op, Kind: apperr.Unavailable, Extra: DetailTimeout, Err: errors.New("stream silent for " + dead.String())}
			}
			return true, classifyTransport(op, ctx, err)
		}
		watchdog.Reset(dead)
		line = strings.TrimRight(line, "\r\n")
		switch {
		case line == "":
			if event == "notification" && data.Len() > 0 && opts.OnEvent != nil {
				var n Notification
				if json.Unmarshal([]byte(data.String()), &n) == nil {
					opts.OnEvent(n)
				}
			}
			event = ""
			data.Reset()
		case strings.HasPrefix(line, ":"): // heartbeat (":thump") or comment
		case strings.HasPrefix(line, "event:"):
			event = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
		case strings.HasPrefix(line, "data:"):
			if data.Len() > 0 {
				data.WriteByte('\n')
			}
			data.WriteString(strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " "))
		}
	}
}
