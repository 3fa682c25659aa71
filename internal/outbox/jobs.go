package outbox

import (
	"fmt"
	"strings"

	"steward/internal/apperr"
)

// JobProgress is the state of a bulk job.
type JobProgress struct {
	JobID     string `json:"job_id"`
	Total     int    `json:"total"`
	Done      int    `json:"done"`
	Failed    int    `json:"failed"`
	Conflict  int    `json:"conflict"`
	Discarded int    `json:"discarded"`
	Pending   int    `json:"pending"` // pending or applying
	Finished  bool   `json:"finished"`
}

type job struct {
	id       string
	counts   map[State]int
	progress func(JobProgress)
}

func (j *job) add(s State) { j.counts[s]++ }

func (j *job) move(from, to State) {
	j.counts[from]--
	j.counts[to]++
}

func (j *job) snapshot() JobProgress {
	p := JobProgress{JobID: j.id, Done: j.counts[StateDone], Failed: j.counts[StateFailed],
		Conflict: j.counts[StateConflict], Discarded: j.counts[StateDiscarded],
		Pending: j.counts[StatePending] + j.counts[StateApplying]}
	p.Total = p.Done + p.Failed + p.Conflict + p.Discarded + p.Pending
	p.Finished = p.Pending == 0
	return p
}

// jobFor returns the job, creating it; o.mu must be held.
func (o *Outbox) jobFor(id string, progress func(JobProgress)) *job {
	j := o.jobs[id]
	if j == nil {
		j = &job{id: id, counts: map[State]int{}}
		o.jobs[id] = j
	}
	if progress != nil {
		j.progress = progress
	}
	return j
}

func (o *Outbox) notifyJob(id string) {
	o.mu.Lock()
	j := o.jobs[id]
	if j == nil || j.progress == nil {
		o.mu.Unlock()
		return
	}
	p, fn := j.snapshot(), j.progress
	o.mu.Unlock()
	fn(p)
}

// EnqueueBulk queues many actions as one job, written in one synced batch,
// and returns the job id at once. progress (may be nil) is called after each
// state change of a member with done/total counts. After a restart the job's
// actions are simply pending; WatchJob re-attaches a progress callback.
func (o *Outbox) EnqueueBulk(actions []Action, progress func(JobProgress)) (string, error) {
	if len(actions) == 0 {
		return "", apperr.Errorf("outbox: enqueue bulk", apperr.Invalid, "no actions")
	}
	o.mu.Lock()
	if !o.started {
		o.mu.Unlock()
		return "", apperr.Errorf("outbox: enqueue bulk", apperr.Unavailable, "the outbox is not running")
	}
	jobID := "job-" + o.newIDLocked()
	o.jobFor(jobID, progress)
	o.mu.Unlock()
	if _, err := o.enqueue(actions, jobID); err != nil {
		o.mu.Lock()
		delete(o.jobs, jobID)
		o.mu.Unlock()
		return "", err
	}
	o.notifyJob(jobID)
	return jobID, nil
}

// WatchJob sets the progress callback of a job (e.g. after a restart).
func (o *Outbox) WatchJob(id string, progress func(JobProgress)) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.jobs[id] == nil {
		return apperr.Errorf("outbox: watch job", apperr.NotFound, "no job %q", id)
	}
	o.jobs[id].progress = progress
	return nil
}

// Job returns the progress of a job.
func (o *Outbox) Job(id string) (JobProgress, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	j := o.jobs[id]
	if j == nil {
		return JobProgress{}, false
	}
	return j.snapshot(), true
}

// CancelJob discards the job's actions that have not been sent yet
// (pending ones; failed and conflicted ones too). Actions already applied
// or in flight are not undone. It returns how many were discarded.
func (o *Outbox) CancelJob(id string) (int, error) {
	if !strings.HasPrefix(id, "job-") {
		return 0, apperr.Errorf("outbox: cancel job", apperr.Invalid, "not a job id: %q", id)
	}
	o.mu.Lock()
	if o.jobs[id] == nil {
		o.mu.Unlock()
		return 0, apperr.Errorf("outbox: cancel job", apperr.NotFound, "no job %q", id)
	}
	var ids []string
	for _, a := range o.actions {
		if a.JobID == id && (a.State == StatePending || a.State == StateFailed || a.State == StateConflict) {
			ids = append(ids, a.ID)
		}
	}
	o.mu.Unlock()
	n := 0
	for _, aid := range ids {
		if _, err := o.Discard(aid); err == nil {
			n++
		} else if !apperr.Is(err, apperr.Conflict) { // a worker took it meanwhile
			return n, fmt.Errorf("outbox: cancel job %s: %w", id, err)
		}
	}
	return n, nil
}
