package mastosim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"time"
)

// faultsWire is the JSON shape of POST /_sim/faults.
type faultsWire struct {
	LatencyMS     int64   `json:"latency_ms"`
	ErrorRate     float64 `json:"error_rate"`
	Status        int     `json:"status"`
	HTMLErrorPage bool    `json:"html_error_page"`
	TruncateJSON  bool    `json:"truncate_json"`
	SlowBodyMS    int64   `json:"slow_body_ms"`
	Down          bool    `json:"down"`
}

func (s *Sim) routesControl(mux *http.ServeMux) {
	mux.HandleFunc("POST /_sim/seed", func(w http.ResponseWriter, r *http.Request) {
		var spec SeedSpec
		if err := decodeStrict(r, &spec); err != nil {
			writeJSON(w, http.StatusBadRequest, errBody(err.Error()))
			return
		}
		if err := s.Seed(spec); err != nil {
			writeJSON(w, http.StatusBadRequest, errBody(err.Error()))
			return
		}
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
	})
	mux.HandleFunc("POST /_sim/faults", func(w http.ResponseWriter, r *http.Request) {
		var f faultsWire
		if err := decodeStrict(r, &f); err != nil {
			writeJSON(w, http.StatusBadRequest, errBody(err.Error()))
			return
		}
		switch {
		case f.LatencyMS < 0 || f.SlowBodyMS < 0:
			writeJSON(w, http.StatusBadRequest, errBody("latency_ms and slow_body_ms must not be negative"))
			return
		case math.IsNaN(f.ErrorRate) || f.ErrorRate < 0 || f.ErrorRate > 1:
			writeJSON(w, http.StatusBadRequest, errBody("error_rate must be between 0 and 1"))
			return
		case f.Status != 0 && (f.Status < 400 || f.Status > 599):
			writeJSON(w, http.StatusBadRequest, errBody("status must be an HTTP error status (400-599)"))
			return
		}
		s.SetFaults(Faults{Latency: time.Duration(f.LatencyMS) * time.Millisecond, ErrorRate: f.ErrorRate,
			Status: f.Status, HTMLErrorPage: f.HTMLErrorPage, TruncateJSON: f.TruncateJSON,
			SlowBody: time.Duration(f.SlowBodyMS) * time.Millisecond, Down: f.Down})
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
	})
	mux.HandleFunc("GET /_sim/faults", func(w http.ResponseWriter, r *http.Request) {
		f := s.Faults()
		writeJSON(w, http.StatusOK, faultsWire{LatencyMS: f.Latency.Milliseconds(), ErrorRate: f.ErrorRate,
			Status: f.Status, HTMLErrorPage: f.HTMLErrorPage, TruncateJSON: f.TruncateJSON,
			SlowBodyMS: f.SlowBody.Milliseconds(), Down: f.Down})
	})
	mux.HandleFunc("GET /_sim/stats", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.Stats())
	})
}

func decodeStrict(r *http.Request, v any) error {
	data, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("reading body: %v", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("malformed JSON: empty body")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("malformed JSON: %v", err)
	}
	if dec.More() {
		return fmt.Errorf("malformed JSON: trailing data after the object")
	}
	return nil
}
