package app

import (
	"steward/internal/apperr"
	"steward/internal/jobs"
)

// Jobs is the facade over background jobs.
type Jobs struct {
	m *jobs.Manager
}

// NewJobs returns the facade.
func NewJobs(m *jobs.Manager) *Jobs { return &Jobs{m: m} }

// Get returns a job's progress.
func (j *Jobs) Get(id string) (JobView, error) {
	p, ok := j.m.Get(id)
	if !ok {
		return JobView{}, apperr.Errorf("app: get job", apperr.NotFound, "no job %q", id)
	}
	return ToJobView(p), nil
}

// Cancel asks a job to stop.
func (j *Jobs) Cancel(id string) error { return j.m.Cancel(id) }

// ToJobView converts a job's progress for the UI (and for events).
func ToJobView(p jobs.Progress) JobView {
	return JobView{ID: p.ID, Kind: p.Kind, State: p.State, Done: p.Done, Total: p.Total, Step: p.Step,
		ErrorKind: p.ErrorKind, ErrorDetail: p.ErrorDetail, Result: p.Result}
}

// JobEventName is the event carrying a job's progress.
func JobEventName(id string) string { return EventJobProgress + id }
