package app

// Event names emitted to the frontend.
const (
	// EventServersChanged carries no payload: the server list should be re-read.
	EventServersChanged = "servers:changed"
	// EventJobProgress is the prefix of per-job progress events: "job:progress:<id>".
	EventJobProgress = "job:progress:"
)
